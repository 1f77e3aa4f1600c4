/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP sequence adjustment for an application helper that changes the
 * length of a connection's payload (IPVS's in_seq/out_seq): once a packet
 * of one direction grew or shrank by diff bytes, every later sequence
 * number of that direction moves by the sum of the diffs, and the other
 * direction's acknowledgements move back by it, so neither end notices.
 */
#ifndef _LVS_TCP_SEQ_ADJUST_H
#define _LVS_TCP_SEQ_ADJUST_H

#include <linux/types.h>

struct sk_buff;
struct lvs_pkt;

/*
 * One direction's shift. Segments after init_seq (the sequence number, as
 * the sender numbered it, of the last resized segment) move by delta,
 * that segment and the ones before it by previous_delta.
 */
struct lvs_seq_adj {
	u32 init_seq;
	s32 delta;
	s32 previous_delta;
	bool set;
};

/*
 * Applies seq (the sender's direction) and ack (the other direction's)
 * to the TCP header of pkt, writable already, with checksum updates.
 * Both are snapshots the caller took under the connection's lock.
 */
void lvs_seq_adjust(struct sk_buff *skb, const struct lvs_pkt *pkt,
		    const struct lvs_seq_adj *seq,
		    const struct lvs_seq_adj *ack);

/* A segment numbered seq (by its sender) changed length by diff. */
void lvs_seq_adj_record(struct lvs_seq_adj *adj, u32 seq, int diff);

/*
 * Replaces len bytes at payload offset off of the TCP segment of pkt
 * (linear and writable already) with rep_len bytes of rep: moves the
 * tail, fixes the IP length and the TCP checksum. False when the packet
 * could not be resized (no memory); it is unchanged then.
 */
bool lvs_tcp_replace(struct sk_buff *skb, const struct lvs_pkt *pkt,
		     unsigned int off, unsigned int len,
		     const char *rep, unsigned int rep_len);

/* The TCP payload of pkt in a linear skb: start and length. */
char *lvs_tcp_payload(struct sk_buff *skb, const struct lvs_pkt *pkt,
		      unsigned int *len);

#endif /* _LVS_TCP_SEQ_ADJUST_H */
