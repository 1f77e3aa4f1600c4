// SPDX-License-Identifier: GPL-2.0
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "pkt.h"

static bool has_ports(u8 protocol)
{
	return protocol == IPPROTO_TCP || protocol == IPPROTO_UDP ||
	       protocol == IPPROTO_SCTP;
}

static bool read_ports(const struct sk_buff *skb, struct lvs_pkt *pkt)
{
	__be16 buf[2];
	const __be16 *p;

	if (pkt->fragment || !has_ports(pkt->protocol))
		return true;
	p = skb_header_pointer(skb, pkt->l4_off, sizeof(buf), buf);
	if (!p)
		return false;
	pkt->sport = p[0];
	pkt->dport = p[1];
	return true;
}

/* Parses an IP header at off into pkt (addresses as they appear). */
static bool parse_l3(const struct sk_buff *skb, int af, unsigned int off,
		     struct lvs_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->af = af;
	pkt->l3_off = off;
	pkt->len = skb->len;
	pkt->fwmark = skb->mark;

	if (af == AF_INET) {
		struct iphdr buf;
		const struct iphdr *iph;

		iph = skb_header_pointer(skb, off, sizeof(buf), &buf);
		if (!iph || iph->ihl < 5 || iph->version != 4)
			return false;
		pkt->protocol = iph->protocol;
		pkt->saddr.ip = iph->saddr;
		pkt->daddr.ip = iph->daddr;
		pkt->l4_off = off + iph->ihl * 4;
		pkt->fragment = !!(iph->frag_off & htons(IP_OFFSET));
	} else {
		struct ipv6hdr buf;
		const struct ipv6hdr *ip6h;
		u8 nexthdr;
		__be16 frag_off = 0;
		int l4;

		ip6h = skb_header_pointer(skb, off, sizeof(buf), &buf);
		if (!ip6h || ip6h->version != 6)
			return false;
		pkt->saddr.in6 = ip6h->saddr;
		pkt->daddr.in6 = ip6h->daddr;
		nexthdr = ip6h->nexthdr;
		l4 = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr,
				      &frag_off);
		if (l4 < 0)
			return false;
		pkt->protocol = nexthdr;
		pkt->l4_off = l4;
		pkt->fragment = !!(frag_off & htons(IP6_OFFSET));
	}
	return true;
}

bool lvs_pkt_parse(const struct sk_buff *skb, int af, struct lvs_pkt *pkt)
{
	if (!parse_l3(skb, af, skb_network_offset(skb), pkt))
		return false;
	return read_ports(skb, pkt);
}

bool lvs_pkt_ports_cut(const struct sk_buff *skb, int af)
{
	struct lvs_pkt pkt;

	return parse_l3(skb, af, skb_network_offset(skb), &pkt) &&
	       !read_ports(skb, &pkt);
}

bool lvs_pkt_parse_at(const struct sk_buff *skb, int af, unsigned int off,
		      struct lvs_pkt *pkt)
{
	if (!parse_l3(skb, af, off, pkt))
		return false;
	return read_ports(skb, pkt);
}

static bool icmp_is_error(int af, u8 type)
{
	if (af == AF_INET)
		return type == ICMP_DEST_UNREACH ||
		       type == ICMP_SOURCE_QUENCH ||
		       type == ICMP_TIME_EXCEEDED;
	return type < 128;	/* ICMPv6 error messages */
}

bool lvs_pkt_parse_icmp(const struct sk_buff *skb, const struct lvs_pkt *outer,
			struct lvs_pkt *pkt)
{
	u8 buf, proto = outer->af == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	const u8 *type;
	union nf_inet_addr a;
	__be16 p;

	if (outer->protocol != proto || outer->fragment)
		return false;
	type = skb_header_pointer(skb, outer->l4_off, 1, &buf);
	if (!type || !icmp_is_error(outer->af, *type))
		return false;
	/* Both ICMP headers are 8 bytes before the quoted packet. */
	if (!parse_l3(skb, outer->af, outer->l4_off + 8, pkt) ||
	    pkt->fragment || !read_ports(skb, pkt))
		return false;

	a = pkt->saddr;
	pkt->saddr = pkt->daddr;
	pkt->daddr = a;
	p = pkt->sport;
	pkt->sport = pkt->dport;
	pkt->dport = p;
	pkt->inverse = true;
	pkt->icmp_off = outer->l4_off;
	pkt->inner_l3_off = pkt->l3_off;
	pkt->l3_off = outer->l3_off;
	pkt->len = skb->len;
	return true;
}
