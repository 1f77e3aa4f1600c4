// SPDX-License-Identifier: GPL-2.0
/*
 * IP tunnelling: the packet, unchanged, inside a new IP header to the real
 * server (IPIP for IPv4, IPv6-in-IPv6 for IPv6), which decapsulates it and
 * answers the client directly.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dsfield.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include "conn.h"
#include "dest.h"
#include "netns.h"
#include "pkt.h"
#include "xmit.h"

static int push_v4(struct sk_buff *skb, struct net *net,
		   const struct lvs_route *r, const union nf_inet_addr *daddr)
{
	const struct iphdr *old = ip_hdr(skb);
	u8 tos = ipv4_get_dsfield(old), ttl = old->ttl;
	__be16 df = old->frag_off & htons(IP_DF);
	struct iphdr *iph;

	if (skb_cow_head(skb, LL_RESERVED_SPACE(r->dst->dev) + sizeof(*iph)))
		return -ENOMEM;
	if (iptunnel_handle_offloads(skb, SKB_GSO_IPXIP4))
		return -ENOMEM;
	skb_set_inner_ipproto(skb, IPPROTO_IPIP);

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->frag_off = df;
	iph->protocol = IPPROTO_IPIP;
	iph->tos = tos;
	iph->daddr = daddr->ip;
	iph->saddr = r->saddr.ip;
	iph->ttl = ttl;
	ip_select_ident(net, skb, NULL);
	return 0;
}

static int push_v6(struct sk_buff *skb, const struct lvs_route *r,
		   const union nf_inet_addr *daddr)
{
	const struct ipv6hdr *old = ipv6_hdr(skb);
	u8 tclass = ipv6_get_dsfield(old), hop = old->hop_limit;
	__be32 flow = ip6_flowlabel(old);
	struct ipv6hdr *ip6h;

	if (skb_cow_head(skb, LL_RESERVED_SPACE(r->dst->dev) + sizeof(*ip6h)))
		return -ENOMEM;
	if (iptunnel_handle_offloads(skb, SKB_GSO_IPXIP6))
		return -ENOMEM;
	skb_set_inner_ipproto(skb, IPPROTO_IPV6);

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, tclass, flow);
	ip6h->nexthdr = IPPROTO_IPV6;
	ip6h->hop_limit = hop;
	ip6h->saddr = r->saddr.in6;
	ip6h->daddr = daddr->in6;
	return 0;
}

int lvs_xmit_tun(struct sk_buff *skb, struct lvs_conn *cp,
		 const struct lvs_pkt *pkt)
{
	struct net *net = cp->cn->ln->net;
	unsigned int hlen = cp->af == AF_INET ? sizeof(struct iphdr) :
			    sizeof(struct ipv6hdr);
	struct lvs_route r;
	int err;

	/* GUE and GRE encapsulation are not implemented yet. */
	if (cp->dest &&
	    READ_ONCE(cp->dest->tun_type) != IP_VS_CONN_F_TUNNEL_TYPE_IPIP) {
		net_warn_ratelimited("lvs: only IPIP tunnels are supported\n");
		return NF_DROP;
	}
	if (lvs_route(net, cp->af, &cp->daddr, LVS_RT_SADDR, &r))
		return NF_DROP;
	if (r.local) {
		dst_release(r.dst);
		return NF_ACCEPT;
	}
	if (!lvs_xmit_mtu_ok(skb, cp->af, r.mtu - hlen) ||
	    !lvs_xmit_dec_ttl(skb, cp->af))
		goto drop;

	if (cp->af == AF_INET)
		err = push_v4(skb, net, &r, &cp->daddr);
	else
		err = push_v6(skb, &r, &cp->daddr);
	if (err)
		goto drop;

	skb_dst_drop(skb);
	skb_dst_set(skb, r.dst);
	lvs_xmit_mark(skb, net);
	if (skb->sk && skb->destructor == sock_edemux)
		skb_orphan(skb);
	/* The local-out path fills in lengths and the header checksum. */
	if (cp->af == AF_INET) {
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		ip_local_out(net, skb->sk, skb);
	} else {
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		ip6_local_out(net, skb->sk, skb);
	}
	return NF_STOLEN;

drop:
	dst_release(r.dst);
	return NF_DROP;
}
