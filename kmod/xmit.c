// SPDX-License-Identifier: GPL-2.0
/*
 * The way out of a client's packet: by its connection's forwarding method
 * (xmit_nat.c, xmit_dr.c, xmit_tun.c), or unchanged; the methods share
 * xmit_out.c.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>

#include "conn.h"
#include "nfct.h"
#include "pkt.h"
#include "xmit.h"

int lvs_xmit(struct sk_buff *skb, struct lvs_conn *cp,
	     const struct lvs_pkt *pkt)
{
	unsigned int verdict = lvs_nfct_xmit(skb, cp);

	if (verdict != NF_ACCEPT)
		return verdict;
	switch (lvs_conn_fwd(cp)) {
	case IP_VS_CONN_F_MASQ:
		return lvs_xmit_nat(skb, cp, pkt);
	case IP_VS_CONN_F_DROUTE:
		return lvs_xmit_dr(skb, cp, pkt);
	case IP_VS_CONN_F_TUNNEL:
		return lvs_xmit_tun(skb, cp, pkt);
	case IP_VS_CONN_F_LOCALNODE:
		return NF_ACCEPT;
	case IP_VS_CONN_F_BYPASS:
		return lvs_xmit_bypass(skb, pkt);
	default:
		return NF_DROP;
	}
}

int lvs_xmit_bypass(struct sk_buff *skb, const struct lvs_pkt *pkt)
{
	struct lvs_route r;
	const union nf_inet_addr *daddr = &pkt->daddr;
	union nf_inet_addr outer;

	if (pkt->inverse) {
		/* An ICMP error goes where its outer header says. */
		if (pkt->af == AF_INET)
			outer.ip = ip_hdr(skb)->daddr;
		else
			outer.in6 = ipv6_hdr(skb)->daddr;
		daddr = &outer;
	}
	if (lvs_route(dev_net(skb_dst(skb)->dev), pkt->af, daddr, 0, &r))
		return NF_DROP;
	if (r.local) {
		dst_release(r.dst);
		return NF_ACCEPT;
	}
	if (!lvs_xmit_mtu_ok(skb, pkt->af, r.mtu) ||
	    !lvs_xmit_dec_ttl(skb, pkt->af)) {
		dst_release(r.dst);
		return NF_DROP;
	}
	return lvs_xmit_send(skb, pkt->af, r.dst);
}
