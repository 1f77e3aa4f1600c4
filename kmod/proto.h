/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-protocol knowledge of the data plane: state machines and their
 * names and timeouts (IPVS's), whether a packet may start a connection,
 * and where the checksum sits for NAT.
 */
#ifndef _LVS_PROTO_H
#define _LVS_PROTO_H

#include <linux/types.h>

struct sk_buff;
struct lvs_conn;
struct lvs_net;
struct lvs_pkt;

/* Direction of a packet relative to its connection. */
enum lvs_dir {
	LVS_DIR_INPUT,		/* client -> real server */
	LVS_DIR_OUTPUT,		/* real server -> client, seen by NAT */
};

/* How drop_entry treats a connection (IPVS's choice, by protocol). */
enum lvs_drop_class {
	LVS_DROP_NEVER,
	LVS_DROP_NOW,		/* half-open TCP, SCTP after an INIT */
	LVS_DROP_IF_IDLE,	/* idle a minute, few packets: maybe */
};

struct lvs_proto {
	const char *name;
	u8 protocol;
	unsigned int num_states;
	const char *const *state_names;
	/* Offset of the L4 checksum for incremental NAT updates, or -1. */
	int csum_off;
	/* Bytes of L4 header NAT must be able to write. */
	unsigned int hdr_len;
	/*
	 * A packet with no connection that is shorter (from its L4 header
	 * on) is dropped, to a service or not: what IPVS's conn_schedule
	 * does when it cannot read the header it decides on.
	 */
	unsigned int sched_len;

	/* May this packet (no connection yet) be scheduled? */
	bool (*may_schedule)(struct lvs_net *ln, const struct sk_buff *skb,
			     const struct lvs_pkt *pkt);
	/* A fresh connection attempt, for conn_reuse_mode. */
	bool (*is_new_conn)(const struct sk_buff *skb,
			    const struct lvs_pkt *pkt);
	bool (*reuse_expected)(const struct lvs_conn *cp, int mode);
	/* Moves cp->state and cp->timeout; takes cp->lock. */
	void (*state_transition)(struct lvs_conn *cp, enum lvs_dir dir,
				 const struct sk_buff *skb,
				 const struct lvs_pkt *pkt);
	/*
	 * NAT for a checksum that cannot be updated incrementally
	 * (csum_off < 0): writes newport to *port (in the writable L4
	 * header) and makes the checksum right. False: drop the packet.
	 */
	bool (*nat_port)(struct sk_buff *skb, const struct lvs_pkt *pkt,
			 __be16 *port, __be16 newport, enum lvs_dir dir);
	/* For drop_entry; NULL: LVS_DROP_IF_IDLE in every state. */
	enum lvs_drop_class (*drop_class)(const struct lvs_conn *cp);
	/*
	 * Set for packets that only follow another protocol's connection
	 * (AH, ESP): fills key with that connection's tuple. Such packets
	 * never start a connection, and hdr_len is 0: no L4 rewrite.
	 */
	void (*conn_key)(const struct lvs_pkt *pkt, struct lvs_pkt *key);
};

const struct lvs_proto *lvs_proto_get(u8 protocol);
/* Logs the protocols lvs.ko handles, as ip_vs does at load. */
void lvs_proto_announce(void);

extern const struct lvs_proto lvs_proto_tcp;
/* The timeout of a TCP connection in this state (for sync version 0). */
unsigned long lvs_tcp_timeout(struct lvs_net *ln, unsigned int state);
/* For the FTP helper: is cp established; a data connection waits. */
bool lvs_tcp_established(const struct lvs_conn *cp);
void lvs_tcp_conn_listen(struct lvs_conn *cp);
extern const struct lvs_proto lvs_proto_udp;
extern const struct lvs_proto lvs_proto_sctp;
extern const struct lvs_proto lvs_proto_ah;
extern const struct lvs_proto lvs_proto_esp;

/* The tuple to look pkt's connection up by: pkt's own, or (conn_key) key. */
static inline const struct lvs_pkt *
lvs_proto_conn_pkt(const struct lvs_proto *pp, const struct lvs_pkt *pkt,
		   struct lvs_pkt *key)
{
	if (!pp->conn_key)
		return pkt;
	pp->conn_key(pkt, key);
	return key;
}

/*
 * NAT rewrite of the L4 header: on input the destination port becomes
 * cp->dport (address vaddr -> daddr in the pseudo header), on output the
 * source port becomes cp->vport (daddr -> vaddr). The IP header is the
 * caller's. Returns false when the packet cannot be written.
 */
bool lvs_proto_nat(struct sk_buff *skb, const struct lvs_pkt *pkt,
		   const struct lvs_conn *cp, enum lvs_dir dir);

#endif /* _LVS_PROTO_H */
