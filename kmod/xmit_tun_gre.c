// SPDX-License-Identifier: GPL-2.0
/*
 * GRE encapsulation (RFC 2784): a 4-byte header naming the inner protocol
 * by its ethertype, with an optional checksum word (--tun-csum). No key and
 * no sequence number, so any gre/ip6gre device on the real server whose
 * ends match takes the packet.
 */
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/skbuff.h>
#include <net/gre.h>
#include <net/ip_tunnels.h>

#include <lvs/ipvs.h>

#include "xmit_tun.h"

static __be16 tnl_flags(const struct lvs_tun_conf *t)
{
	return (t->flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM) ? TUNNEL_CSUM : 0;
}

unsigned int lvs_gre_hlen(const struct lvs_tun_conf *t)
{
	return gre_calc_hlen(tnl_flags(t));
}

int lvs_gre_gso_type(const struct lvs_tun_conf *t)
{
	return (t->flags & IP_VS_TUNNEL_ENCAP_FLAG_CSUM) ? SKB_GSO_GRE_CSUM :
							  SKB_GSO_GRE;
}

/* *proto is the inner packet's: IPPROTO_IPIP or IPPROTO_IPV6. */
void lvs_gre_push(struct sk_buff *skb, const struct lvs_tun_conf *t,
		  u8 *proto)
{
	__be16 ethertype = *proto == IPPROTO_IPIP ? htons(ETH_P_IP) :
						    htons(ETH_P_IPV6);
	__be16 flags = tnl_flags(t);

	/* Fills the checksum word itself unless GSO will, per segment. */
	gre_build_header(skb, gre_calc_hlen(flags), flags, ethertype, 0, 0);
	*proto = IPPROTO_GRE;
}

/*
 * The reader of what lvs_gre_push() writes, for ICMP errors that quote it:
 * the length of the GRE header at off, or 0 if it is not one we send
 * (version 0, at most a checksum, carrying IPv4).
 */
unsigned int lvs_gre_quoted_len(const struct sk_buff *skb, unsigned int off)
{
	struct gre_base_hdr buf;
	const struct gre_base_hdr *gh;

	gh = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!gh || (gh->flags & ~GRE_CSUM) || gh->protocol != htons(ETH_P_IP))
		return 0;
	return sizeof(*gh) + ((gh->flags & GRE_CSUM) ? 4 : 0);
}
