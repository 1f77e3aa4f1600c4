// SPDX-License-Identifier: GPL-2.0
/*
 * Masquerading (NAT): on the way in the destination becomes the real
 * server, on the way out (see hooks.c) the source becomes the virtual
 * service again. ICMP errors quoting a connection's packet get the same
 * rewrite in their quote, and a new ICMP checksum.
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "app_ftp.h"
#include "conn.h"
#include "netns.h"
#include "pkt.h"
#include "xmit.h"

static void set_l3_addr(struct sk_buff *skb, unsigned int off, int af,
			bool src, const union nf_inet_addr *a)
{
	if (af == AF_INET) {
		struct iphdr *iph = (struct iphdr *)(skb->data + off);

		if (src)
			iph->saddr = a->ip;
		else
			iph->daddr = a->ip;
		ip_send_check(iph);
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)(skb->data + off);

		if (src)
			ip6h->saddr = a->in6;
		else
			ip6h->daddr = a->in6;
	}
}

/*
 * In: the error quotes our reply (vaddr:vport -> client), now it quotes
 * the real server's (daddr:dport -> client). Out: it quotes the packet we
 * sent to the real server (client -> daddr:dport), now the client's one
 * (client -> vaddr:vport).
 */
static bool icmp_mangle(struct sk_buff *skb, const struct lvs_pkt *pkt,
			const struct lvs_conn *cp, enum lvs_dir dir)
{
	bool in = dir == LVS_DIR_INPUT;
	const union nf_inet_addr *a = in ? &cp->daddr : &cp->vaddr;
	unsigned int icmp_len = skb->len - pkt->icmp_off;
	__be16 *ports;
	__wsum csum;

	if (skb_ensure_writable(skb, pkt->l4_off + 4))
		return false;
	/* Outer: the real server is the destination (in) / source (out). */
	set_l3_addr(skb, pkt->l3_off, pkt->af, !in, a);
	/* Quote: it travelled the other way. */
	set_l3_addr(skb, pkt->inner_l3_off, pkt->af, in, a);
	if (pkt->protocol == IPPROTO_TCP || pkt->protocol == IPPROTO_UDP ||
	    pkt->protocol == IPPROTO_SCTP) {
		ports = (__be16 *)(skb->data + pkt->l4_off);
		if (in)
			ports[0] = cp->dport;
		else
			ports[1] = cp->vport;
	}

	if (pkt->af == AF_INET) {
		struct icmphdr *ih = (struct icmphdr *)(skb->data + pkt->icmp_off);

		ih->checksum = 0;
		csum = skb_checksum(skb, pkt->icmp_off, icmp_len, 0);
		ih->checksum = csum_fold(csum);
	} else {
		struct icmp6hdr *ih = (struct icmp6hdr *)(skb->data + pkt->icmp_off);
		struct ipv6hdr *ip6h = (struct ipv6hdr *)(skb->data + pkt->l3_off);

		ih->icmp6_cksum = 0;
		csum = skb_checksum(skb, pkt->icmp_off, icmp_len, 0);
		ih->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
						  icmp_len, IPPROTO_ICMPV6,
						  csum);
	}
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	return true;
}

bool lvs_nat_mangle(struct sk_buff *skb, const struct lvs_pkt *pkt,
		    struct lvs_conn *cp, enum lvs_dir dir)
{
	bool in = dir == LVS_DIR_INPUT;

	if (pkt->inverse)
		return icmp_mangle(skb, pkt, cp, dir);
	/* The helper sees the payload as its sender wrote it. */
	if (unlikely(cp->app) && !lvs_ftp_pkt(cp, skb, pkt, dir))
		return false;
	if (!lvs_proto_nat(skb, pkt, cp, dir))
		return false;
	if (skb_ensure_writable(skb, pkt->l4_off))
		return false;
	set_l3_addr(skb, pkt->l3_off, pkt->af, !in,
		    in ? &cp->daddr : &cp->vaddr);
	return true;
}

int lvs_xmit_nat(struct sk_buff *skb, struct lvs_conn *cp,
		 const struct lvs_pkt *pkt)
{
	struct lvs_route r;

	if (lvs_conn_route(cp, 0, &r))
		return NF_DROP;
	if (r.local) {
		/* A real server on the director itself. */
		dst_release(r.dst);
		return lvs_nat_mangle(skb, pkt, cp, LVS_DIR_INPUT) ?
		       NF_ACCEPT : NF_DROP;
	}
	if (!lvs_xmit_mtu_ok(skb, cp->af, r.mtu) ||
	    !lvs_xmit_dec_ttl(skb, cp->af) ||
	    !lvs_nat_mangle(skb, pkt, cp, LVS_DIR_INPUT)) {
		dst_release(r.dst);
		return NF_DROP;
	}
	return lvs_xmit_send(skb, cp->af, r.dst);
}
