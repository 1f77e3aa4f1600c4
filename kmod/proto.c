// SPDX-License-Identifier: GPL-2.0
#include <linux/skbuff.h>
#include <net/checksum.h>

#include "conn.h"
#include "pkt.h"
#include "proto.h"

const struct lvs_proto *lvs_proto_get(u8 protocol)
{
	switch (protocol) {
	case IPPROTO_TCP:
		return &lvs_proto_tcp;
	case IPPROTO_UDP:
		return &lvs_proto_udp;
	case IPPROTO_SCTP:
		return &lvs_proto_sctp;
	case IPPROTO_AH:
		return &lvs_proto_ah;
	case IPPROTO_ESP:
		return &lvs_proto_esp;
	default:
		return NULL;
	}
}

/* The load message's list, in IPVS's order, as ip_vs prints it. */
void lvs_proto_announce(void)
{
	static const u8 order[] = {
		IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, IPPROTO_AH, IPPROTO_ESP
	};
	char list[48] = "";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		if (i)
			strlcat(list, ", ", sizeof(list));
		strlcat(list, lvs_proto_get(order[i])->name, sizeof(list));
	}
	pr_info("Registered protocols (%s)\n", list);
}

static void csum_addr(__sum16 *sum, struct sk_buff *skb, int af,
		      const union nf_inet_addr *from,
		      const union nf_inet_addr *to)
{
	if (af == AF_INET6)
		inet_proto_csum_replace16(sum, skb, from->ip6, to->ip6, true);
	else
		inet_proto_csum_replace4(sum, skb, from->ip, to->ip, true);
}

bool lvs_proto_nat(struct sk_buff *skb, const struct lvs_pkt *pkt,
		   const struct lvs_conn *cp, enum lvs_dir dir)
{
	const struct lvs_proto *pp = lvs_proto_get(pkt->protocol);
	const union nf_inet_addr *from, *to;
	__be16 *port, newport;
	__sum16 *sum;

	if (!pp || skb_ensure_writable(skb, pkt->l4_off + pp->hdr_len))
		return false;
	if (pp->conn_key)
		return true;
	port = (__be16 *)(skb->data + pkt->l4_off);
	if (dir == LVS_DIR_INPUT) {
		port++;
		newport = cp->dport;
		from = &cp->vaddr;
		to = &cp->daddr;
	} else {
		newport = cp->vport;
		from = &cp->daddr;
		to = &cp->vaddr;
	}

	if (pp->csum_off < 0)
		return pp->nat_port(skb, pkt, port, newport, dir);

	sum = (__sum16 *)(skb->data + pkt->l4_off + pp->csum_off);
	/* A v4 UDP datagram without checksum stays without one. */
	if (pkt->protocol == IPPROTO_UDP && pkt->af == AF_INET && !*sum &&
	    skb->ip_summed != CHECKSUM_PARTIAL) {
		*port = newport;
		return true;
	}
	inet_proto_csum_replace2(sum, skb, *port, newport, false);
	*port = newport;
	csum_addr(sum, skb, pkt->af, from, to);
	if (pkt->protocol == IPPROTO_UDP && !*sum &&
	    skb->ip_summed != CHECKSUM_PARTIAL)
		*sum = CSUM_MANGLED_0;
	/* The hardware's sum covered the old bytes. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return true;
}
