// SPDX-License-Identifier: GPL-2.0
/*
 * GUE encapsulation (draft-ietf-intarea-gue, as Linux's fou module reads
 * it): UDP to the dest's --tun-port, a 4-byte GUE header whose proto field
 * names the inner packet, and, for --tun-remcsum on a packet whose
 * transport checksum is still to be filled in, a private-flags word plus
 * the remote checksum offload option (where the checksum starts and where
 * it goes), so the receiver completes it instead of us.
 *
 * Checksums: --tun-nocsum (the default) sends a zero UDP checksum;
 * --tun-csum and --tun-remcsum fill it in.
 */
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/gue.h>
#include <net/ip6_checksum.h>
#include <net/udp.h>

#include <lvs/ipvs.h>

#include "xmit_tun.h"

/* Remote checksum offload only helps a packet whose checksum is pending. */
static bool use_remcsum(const struct sk_buff *skb,
			const struct lvs_tun_conf *t)
{
	return (t->flags & IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM) &&
	       skb->ip_summed == CHECKSUM_PARTIAL;
}

static bool want_csum(const struct lvs_tun_conf *t)
{
	return t->flags & (IP_VS_TUNNEL_ENCAP_FLAG_CSUM |
			   IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
}

static unsigned int gue_optlen(const struct sk_buff *skb,
			       const struct lvs_tun_conf *t)
{
	return use_remcsum(skb, t) ? GUE_LEN_PRIV + GUE_PLEN_REMCSUM : 0;
}

unsigned int lvs_gue_hlen(const struct sk_buff *skb,
			  const struct lvs_tun_conf *t)
{
	return sizeof(struct udphdr) + sizeof(struct guehdr) +
	       gue_optlen(skb, t);
}

int lvs_gue_gso_type(const struct sk_buff *skb, const struct lvs_tun_conf *t)
{
	int type = want_csum(t) ? SKB_GSO_UDP_TUNNEL_CSUM : SKB_GSO_UDP_TUNNEL;

	if (use_remcsum(skb, t))
		type |= SKB_GSO_TUNNEL_REMCSUM;
	return type;
}

/*
 * The option's two offsets count from the first byte after the GUE
 * header and its options, i.e. from the inner IP header.
 */
static int put_remcsum(struct sk_buff *skb, struct guehdr *gh,
		       unsigned int hlen)
{
	__be32 *pflags = (__be32 *)(gh + 1);
	__be16 *off = (__be16 *)(pflags + 1);
	unsigned int start = skb_checksum_start_offset(skb);

	if (start < hlen)
		return -EINVAL;
	start -= hlen;
	gh->flags |= GUE_FLAG_PRIV;
	*pflags = GUE_PFLAG_REMCSUM;
	off[0] = htons(start);
	off[1] = htons(start + skb->csum_offset);
	/* The receiver fills the inner checksum; GSO still does per segment. */
	if (!skb_is_gso(skb)) {
		skb->ip_summed = CHECKSUM_NONE;
		skb->encapsulation = 0;
	}
	return 0;
}

int lvs_gue_push(struct sk_buff *skb, struct net *net,
		 const struct lvs_tun_conf *t, u8 *proto)
{
	unsigned int optlen = gue_optlen(skb, t);
	unsigned int hlen = sizeof(struct guehdr) + optlen;
	/* Before any push: the hash is of the client's flow. */
	__be16 sport = udp_flow_src_port(net, skb, 0, 0, false);
	struct guehdr *gh;
	struct udphdr *uh;

	gh = skb_push(skb, hlen);
	gh->word = 0;
	gh->hlen = optlen >> 2;
	gh->proto_ctype = *proto;
	if (optlen && put_remcsum(skb, gh, hlen))
		return -EINVAL;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = sport;
	uh->dest = t->port;
	uh->len = htons(skb->len);
	uh->check = 0;
	*proto = IPPROTO_UDP;
	return 0;
}

void lvs_gue_csum(struct sk_buff *skb, const struct lvs_tun_conf *t,
		  const union nf_inet_addr *saddr,
		  const union nf_inet_addr *daddr)
{
	bool nocheck = !want_csum(t);

	if (t->outer_af == AF_INET)
		udp_set_csum(nocheck, skb, saddr->ip, daddr->ip, skb->len);
	else
		udp6_set_csum(nocheck, skb, &saddr->in6, &daddr->in6,
			      skb->len);
}

/*
 * The reader of what lvs_gue_push() writes, for ICMP errors that quote it:
 * the length of the GUE header at off, or 0 if it is not one we send
 * (version 0, data, carrying IPv4: the only inner packet IPVS looks at).
 */
unsigned int lvs_gue_quoted_len(const struct sk_buff *skb, unsigned int off)
{
	struct guehdr buf;
	const struct guehdr *gh;

	gh = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!gh || gh->control || gh->version ||
	    gh->proto_ctype != IPPROTO_IPIP)
		return 0;
	return sizeof(*gh) + (gh->hlen << 2);
}
