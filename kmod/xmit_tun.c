// SPDX-License-Identifier: GPL-2.0
/*
 * IP tunnelling: the client's packet, unchanged but for its TTL, inside a
 * new IP header to the real server, which decapsulates it and answers the
 * client directly. The outer header has the real server's family, which
 * may differ from the service's (IPv6 in IPv4, IPv4 in IPv6); between the
 * two headers there may be a GUE or GRE header (xmit_tun_gue.c,
 * xmit_tun_gre.c) as the dest's --tun-type asks.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dsfield.h>
#include <net/icmp.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include "conn.h"
#include "dest.h"
#include "netns.h"
#include "pkt.h"
#include "xmit.h"
#include "xmit_tun.h"

static unsigned int encap_hlen(const struct sk_buff *skb,
			       const struct lvs_tun_conf *t)
{
	switch (t->type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		return lvs_gue_hlen(skb, t);
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		return lvs_gre_hlen(t);
	default:
		return 0;
	}
}

static unsigned int outer_hlen(int af)
{
	return af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
}

/*
 * As IPVS: an IPv4 packet is fragmented (DF ignored) when pmtu_disc is off,
 * else a DF packet too big for the tunnel is refused with "fragmentation
 * needed" and the tunnel's MTU; IPv6 always gets "packet too big". ICMP
 * errors are never answered with another one.
 */
static bool tun_mtu_ok(struct sk_buff *skb, const struct lvs_pkt *pkt,
		       struct lvs_net *ln, unsigned int mtu)
{
	if (!lvs_xmit_too_big(skb, pkt->af, mtu))
		return true;
	if (pkt->af == AF_INET) {
		if (!READ_ONCE(ln->sysctl.pmtu_disc) ||
		    !(ip_hdr(skb)->frag_off & htons(IP_DF)) || pkt->inverse)
			return true;
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(mtu));
		return false;
	}
	if (!pkt->inverse)
		icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	return false;
}

/* A local client's socket learns the tunnel's smaller path MTU. */
static void update_local_pmtu(struct sk_buff *skb, unsigned int mtu)
{
	struct dst_entry *dst = skb_dst(skb);

	if (!skb->dev && skb->sk && sk_fullsock(skb->sk) && dst &&
	    dst->ops->update_pmtu)
		dst->ops->update_pmtu(dst, skb->sk, NULL, mtu, true);
}

static int gso_type(const struct sk_buff *skb, const struct lvs_tun_conf *t)
{
	int type = t->outer_af == AF_INET ? SKB_GSO_IPXIP4 : SKB_GSO_IPXIP6;

	if (t->type == IP_VS_CONN_F_TUNNEL_TYPE_GUE)
		type |= lvs_gue_gso_type(skb, t);
	else if (t->type == IP_VS_CONN_F_TUNNEL_TYPE_GRE)
		type |= lvs_gre_gso_type(t);
	return type;
}

/* Outer TOS / traffic class: the inner one, with ECN as RFC 6040 wants. */
static u8 inner_dsfield(const struct sk_buff *skb, int af)
{
	u8 ds = af == AF_INET ? ipv4_get_dsfield(ip_hdr(skb)) :
				ipv6_get_dsfield(ipv6_hdr(skb));

	return INET_ECN_encapsulate(ds, ds);
}

static void push_v4(struct sk_buff *skb, struct net *net, u8 proto, u8 ds,
		    u8 ttl, __be16 df, const union nf_inet_addr *saddr,
		    const union nf_inet_addr *daddr)
{
	struct iphdr *iph;

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->frag_off = df;
	iph->protocol = proto;
	iph->tos = ds;
	iph->daddr = daddr->ip;
	iph->saddr = saddr->ip;
	iph->ttl = ttl;
	/* tot_len and the checksum: ip_local_out() fills them. */
	ip_select_ident(net, skb, NULL);
}

static void push_v6(struct sk_buff *skb, u8 proto, u8 ds, u8 hop,
		    const union nf_inet_addr *saddr,
		    const union nf_inet_addr *daddr)
{
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	/* payload_len: ip6_local_out() fills it. */
	ip6_flow_hdr(ip6h, ds, 0);
	ip6h->nexthdr = proto;
	ip6h->hop_limit = hop;
	ip6h->saddr = saddr->in6;
	ip6h->daddr = daddr->in6;
}

/*
 * The packet, TTL already decremented, becomes the payload: offloads are
 * told it is encapsulated, then the encapsulation and the outer header
 * are pushed in front of it.
 */
static int encapsulate(struct sk_buff *skb, struct net *net,
		       const struct lvs_tun_conf *t, const struct lvs_route *r,
		       const union nf_inet_addr *daddr, int inner_af,
		       __be16 df)
{
	u8 proto = inner_af == AF_INET ? IPPROTO_IPIP : IPPROTO_IPV6;
	u8 ttl = inner_af == AF_INET ? ip_hdr(skb)->ttl :
				       ipv6_hdr(skb)->hop_limit;
	u8 ds = inner_dsfield(skb, inner_af);
	unsigned int room = LL_RESERVED_SPACE(r->dst->dev) +
			    outer_hlen(t->outer_af) + encap_hlen(skb, t);

	if (skb_cow_head(skb, room))
		return -ENOMEM;
	if (iptunnel_handle_offloads(skb, gso_type(skb, t)))
		return -ENOMEM;
	skb->transport_header = skb->network_header;
	skb_set_inner_ipproto(skb, proto);
	skb_set_inner_mac_header(skb, skb_inner_network_offset(skb));

	if (t->type == IP_VS_CONN_F_TUNNEL_TYPE_GUE) {
		if (lvs_gue_push(skb, net, t, &proto))
			return -EINVAL;
		lvs_gue_csum(skb, t, &r->saddr, daddr);
	} else if (t->type == IP_VS_CONN_F_TUNNEL_TYPE_GRE) {
		lvs_gre_push(skb, t, &proto);
	}

	if (t->outer_af == AF_INET)
		push_v4(skb, net, proto, ds, ttl, df, &r->saddr, daddr);
	else
		push_v6(skb, proto, ds, ttl, &r->saddr, daddr);
	return 0;
}

int lvs_xmit_tun(struct sk_buff *skb, struct lvs_conn *cp,
		 const struct lvs_pkt *pkt)
{
	struct lvs_net *ln = cp->cn->ln;
	struct lvs_dest *dest = cp->dest;
	const union nf_inet_addr *daddr = &cp->daddr;
	struct lvs_tun_conf t = {
		.type = IP_VS_CONN_F_TUNNEL_TYPE_IPIP,
		.outer_af = cp->daf,
	};
	unsigned int mtu, overhead, min_mtu;
	struct lvs_route r;
	__be16 df = 0;

	if (dest) {
		t.type = READ_ONCE(dest->tun_type);
		t.flags = READ_ONCE(dest->tun_flags);
		t.port = READ_ONCE(dest->tun_port);
	}
	if (lvs_conn_route(cp, LVS_RT_SADDR, &r))
		return NF_DROP;
	if (r.local) {
		dst_release(r.dst);
		return NF_ACCEPT;
	}
	if (!lvs_xmit_dec_ttl(skb, cp->af))
		goto drop;

	overhead = outer_hlen(t.outer_af) + encap_hlen(skb, &t);
	min_mtu = t.outer_af == AF_INET ? 68 : IPV6_MIN_MTU;
	if (r.mtu < overhead + min_mtu)
		goto drop;
	mtu = r.mtu - overhead;
	update_local_pmtu(skb, mtu);
	if (!tun_mtu_ok(skb, pkt, ln, mtu))
		goto drop;

	/* The outer DF copies the inner one only while PMTU discovery is on. */
	if (cp->af == AF_INET && READ_ONCE(ln->sysctl.pmtu_disc))
		df = ip_hdr(skb)->frag_off & htons(IP_DF);
	if (cp->af == AF_INET)
		ip_send_check(ip_hdr(skb));

	/* A socket found by early demux belongs to the director, not us. */
	if (skb->sk && skb->destructor == sock_edemux)
		skb_orphan(skb);
	if (encapsulate(skb, ln->net, &t, &r, daddr, cp->af, df))
		goto drop;

	/* The outer header was sized to fit; fragment rather than refuse. */
	skb->ignore_df = 1;
	skb_dst_drop(skb);
	skb_dst_set(skb, r.dst);
	/* A new packet: conntrack tracks the outer header afresh. */
	nf_reset_ct(skb);
	skb->ipvs_property = 1;
	if (t.outer_af == AF_INET) {
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		ip_local_out(ln->net, skb->sk, skb);
	} else {
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		ip6_local_out(ln->net, skb->sk, skb);
	}
	return NF_STOLEN;

drop:
	dst_release(r.dst);
	return NF_DROP;
}
