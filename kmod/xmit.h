/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarders. Each takes a packet of connection cp and returns a
 * netfilter verdict: NF_STOLEN once the packet is sent on its way (it
 * left through LOCAL_OUT with skb->ipvs_property set, so our hooks let it
 * pass), NF_ACCEPT when it is delivered locally, NF_DROP on error.
 */
#ifndef _LVS_XMIT_H
#define _LVS_XMIT_H

#include <linux/netfilter.h>

#include "proto.h"

struct sk_buff;
struct lvs_conn;
struct lvs_pkt;
struct dst_entry;

/* Client -> real server by the connection's forwarding method. */
int lvs_xmit(struct sk_buff *skb, struct lvs_conn *cp,
	     const struct lvs_pkt *pkt);
/* A packet of no connection, on its way unchanged (cache_bypass). */
int lvs_xmit_bypass(struct sk_buff *skb, const struct lvs_pkt *pkt);

/* Per method, called by lvs_xmit(). */
int lvs_xmit_nat(struct sk_buff *skb, struct lvs_conn *cp,
		 const struct lvs_pkt *pkt);
int lvs_xmit_dr(struct sk_buff *skb, struct lvs_conn *cp,
		const struct lvs_pkt *pkt);
int lvs_xmit_tun(struct sk_buff *skb, struct lvs_conn *cp,
		 const struct lvs_pkt *pkt);

/*
 * NAT rewrite in one direction, of an ordinary packet or of an ICMP error
 * quoting one (pkt->inverse): addresses, ports and checksums.
 */
bool lvs_nat_mangle(struct sk_buff *skb, const struct lvs_pkt *pkt,
		    struct lvs_conn *cp, enum lvs_dir dir);

/* Helpers shared by the forwarders (xmit_out.c). */
struct lvs_route {
	struct dst_entry *dst;
	union nf_inet_addr saddr;	/* source the route prefers */
	unsigned int mtu;
	bool local;
};

/*
 * LVS_RT_KNOWN_NH: daddr is the next hop even though the packet keeps
 * another destination (direct routing keeps the VIP); such routes are
 * not cached, so only DR asks for it. LVS_RT_SADDR: fill r->saddr (IPv6).
 */
#define LVS_RT_KNOWN_NH		0x1
#define LVS_RT_SADDR		0x2

int lvs_route(struct net *net, int af, const union nf_inet_addr *daddr,
	      unsigned int flags, struct lvs_route *r);
/*
 * lvs_route() to cp->daddr (family cp->daf) with flags, through the cache
 * of cp->dest when it fits. r->dst carries a reference for the caller.
 */
int lvs_conn_route(struct lvs_conn *cp, unsigned int flags,
		   struct lvs_route *r);
/* Too big for mtu (a reassembled IPv6 packet: its largest fragment). */
bool lvs_xmit_too_big(const struct sk_buff *skb, int af, unsigned int mtu);
/* Fits mtu, or may be fragmented; else sends the ICMP error. */
bool lvs_xmit_mtu_ok(struct sk_buff *skb, int af, unsigned int mtu);
bool lvs_xmit_dec_ttl(struct sk_buff *skb, int af);
int lvs_xmit_send(struct sk_buff *skb, int af, struct dst_entry *dst);

#endif /* _LVS_XMIT_H */
