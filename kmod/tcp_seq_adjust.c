// SPDX-License-Identifier: GPL-2.0
/*
 * Moving a TCP stream's numbers after a helper resized a segment, and the
 * resizing itself. The helpers run on packets made linear and writable.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/tcp.h>

#include "pkt.h"
#include "tcp_seq_adjust.h"

static void set_u32(struct sk_buff *skb, __sum16 *check, __be32 *field,
		    u32 val)
{
	__be32 new = htonl(val);

	inet_proto_csum_replace4(check, skb, *field, new, false);
	*field = new;
}

void lvs_seq_adjust(struct sk_buff *skb, const struct lvs_pkt *pkt,
		    const struct lvs_seq_adj *seq,
		    const struct lvs_seq_adj *ack)
{
	struct tcphdr *th = (struct tcphdr *)(skb->data + pkt->l4_off);
	u32 v;

	if (seq && seq->set) {
		v = ntohl(th->seq);
		/* A retransmission of the resized segment keeps the old shift. */
		v += after(v, seq->init_seq) ? seq->delta : seq->previous_delta;
		set_u32(skb, &th->check, &th->seq, v);
	}
	if (ack && ack->set) {
		v = ntohl(th->ack_seq);
		/* The peer numbers the resized segment's end init_seq + delta. */
		v -= after(v, ack->init_seq + ack->delta) ?
		     ack->delta : ack->previous_delta;
		set_u32(skb, &th->check, &th->ack_seq, v);
	}
}

void lvs_seq_adj_record(struct lvs_seq_adj *adj, u32 seq, int diff)
{
	/* A retransmission resized again must not count twice. */
	if (adj->set && !after(seq, adj->init_seq))
		return;
	adj->previous_delta = adj->delta;
	adj->delta += diff;
	adj->init_seq = seq;
	adj->set = true;
}

char *lvs_tcp_payload(struct sk_buff *skb, const struct lvs_pkt *pkt,
		      unsigned int *len)
{
	const struct tcphdr *th;
	unsigned int doff;

	if (skb_is_nonlinear(skb) || pkt->l4_off + sizeof(*th) > skb->len)
		return NULL;
	th = (const struct tcphdr *)(skb->data + pkt->l4_off);
	doff = th->doff * 4;
	if (doff < sizeof(*th) || pkt->l4_off + doff > skb->len)
		return NULL;
	*len = skb->len - pkt->l4_off - doff;
	return skb->data + pkt->l4_off + doff;
}

static void fix_lengths(struct sk_buff *skb, const struct lvs_pkt *pkt,
			int diff)
{
	struct tcphdr *th = (struct tcphdr *)(skb->data + pkt->l4_off);
	unsigned int l4_len = skb->len - pkt->l4_off;
	__wsum csum;

	th->check = 0;
	csum = skb_checksum(skb, pkt->l4_off, l4_len, 0);
	if (pkt->af == AF_INET) {
		struct iphdr *iph = (struct iphdr *)(skb->data + pkt->l3_off);

		iph->tot_len = htons(ntohs(iph->tot_len) + diff);
		ip_send_check(iph);
		th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, l4_len,
					      IPPROTO_TCP, csum);
	} else {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)(skb->data + pkt->l3_off);

		ip6h->payload_len = htons(ntohs(ip6h->payload_len) + diff);
		th->check = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, l4_len,
					    IPPROTO_TCP, csum);
	}
	/* The sum is whole and right now; NAT updates it from here. */
	skb->ip_summed = CHECKSUM_NONE;
}

bool lvs_tcp_replace(struct sk_buff *skb, const struct lvs_pkt *pkt,
		     unsigned int off, unsigned int len,
		     const char *rep, unsigned int rep_len)
{
	unsigned int plen, tail, grow;
	char *data;

	data = lvs_tcp_payload(skb, pkt, &plen);
	if (!data || off > plen || len > plen - off)
		return false;
	/* A locally sent segment's sum is not there yet: make it whole. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return false;
	if (rep_len > len) {
		grow = rep_len - len;
		if (skb_tailroom(skb) < grow &&
		    pskb_expand_head(skb, 0, grow - skb_tailroom(skb),
				     GFP_ATOMIC))
			return false;
		/* The head may have moved. */
		data = lvs_tcp_payload(skb, pkt, &plen);
		if (!data)
			return false;
		tail = plen - off - len;
		skb_put(skb, grow);
	} else {
		tail = plen - off - len;
	}
	memmove(data + off + rep_len, data + off + len, tail);
	memcpy(data + off, rep, rep_len);
	if (rep_len < len)
		skb_trim(skb, skb->len - (len - rep_len));
	fix_lengths(skb, pkt, (int)rep_len - (int)len);
	return true;
}
