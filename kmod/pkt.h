/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct lvs_pkt: one packet as the data plane parsed it.
 *
 * The hooks fill it once per packet (lvs_pkt_parse()) and hand it, const,
 * to connection lookup, the protocol handlers and the scheduler
 * (->schedule(svc, skb, pkt)), so nobody parses the headers twice.
 *
 * Addresses and ports are in network order and always describe the
 * direction of the flow the packet belongs to:
 *
 *  - for an ordinary packet, saddr/sport are its source and daddr/dport
 *    its destination, inverse is false;
 *  - for an ICMP (or ICMPv6) error, they are taken from the packet quoted
 *    inside the error and swapped (the quoted packet travelled the other
 *    way), and inverse is true. Then l4_off and protocol describe the
 *    quoted transport header, not the ICMP one.
 *
 * For protocols without ports (or a fragment that is not the first one),
 * sport and dport are 0.
 */
#ifndef _LVS_PKT_H
#define _LVS_PKT_H

#include <linux/types.h>
#include <linux/netfilter.h>

struct lvs_pkt {
	int af;				/* AF_INET or AF_INET6 */
	u8 protocol;			/* IPPROTO_TCP, _UDP, _SCTP, ... */
	union nf_inet_addr saddr;
	union nf_inet_addr daddr;
	__be16 sport;
	__be16 dport;
	bool inverse;			/* taken from an ICMP error, swapped */

	bool fragment;			/* a non-first fragment: no ports */
	u32 fwmark;			/* skb->mark when the packet arrived */
	unsigned int l3_off;		/* outer IP header, from skb->data */
	unsigned int l4_off;		/* transport header (quoted one if inverse) */
	unsigned int len;		/* skb->len, for the byte counters */
	/* inverse only: the ICMP header and the quoted IP header */
	unsigned int icmp_off;
	unsigned int inner_l3_off;
};

struct sk_buff;

/*
 * Fills pkt from the headers of skb (network header set, as in every
 * netfilter hook). Returns false for what the data plane leaves alone:
 * truncated or malformed headers.
 */
bool lvs_pkt_parse(const struct sk_buff *skb, int af, struct lvs_pkt *pkt);

/*
 * After lvs_pkt_parse() failed: was it a TCP, UDP or SCTP packet (not a
 * later fragment) too short for its ports?
 */
bool lvs_pkt_ports_cut(const struct sk_buff *skb, int af);

/*
 * The same for an IP header at offset off from skb->data, e.g. the
 * client's packet inside a tunnel packet quoted by an ICMP error; not
 * swapped. l3_off is then off.
 */
bool lvs_pkt_parse_at(const struct sk_buff *skb, int af, unsigned int off,
		      struct lvs_pkt *pkt);

/*
 * For an ICMP/ICMPv6 error (outer already parsed): fills pkt from the
 * quoted packet, swapped, with inverse set. False if it is not an error
 * or the quote is unusable (truncated, a non-first fragment).
 */
bool lvs_pkt_parse_icmp(const struct sk_buff *skb, const struct lvs_pkt *outer,
			struct lvs_pkt *pkt);

#endif /* _LVS_PKT_H */
