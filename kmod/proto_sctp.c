// SPDX-License-Identifier: GPL-2.0
/*
 * SCTP: IPVS's association states, as seen from the real server, their
 * names (ipvsadm -Lc prints them) and fixed timeouts (--set does not touch
 * them). Only an INIT starts a connection unless sloppy_sctp is set, and
 * never an ABORT. NAT rewrites a port, so the CRC32c over the whole packet
 * is computed again; addresses are not part of it.
 */
#include <linux/sctp.h>
#include <linux/skbuff.h>
#include <net/sctp/checksum.h>

#include "conn.h"
#include "netns.h"
#include "pkt.h"
#include "proto.h"

enum {
	sNO, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL,
	SCTP_S_LAST
};

static const char *const sctp_state_names[SCTP_S_LAST] = {
	[sNO] = "NONE",
	[sI1] = "INIT1",
	[sIN] = "INIT",
	[sCS] = "C-SENT",
	[sCR] = "C-REPLIED",
	[sCW] = "C-WAIT",
	[sCO] = "COOKIE",
	[sCE] = "C-ECHOED",
	[sES] = "ESTABLISHED",
	[sSS] = "S-SENT",
	[sSR] = "S-RECEIVED",
	[sSA] = "S-ACK-SENT",
	[sRJ] = "REJECTED",
	[sCL] = "CLOSED",
};

/* IPVS allows the longest RTO (60 s) plus a second for most states. */
#define RTO	(60 + 1)

/* Seconds. INIT1 and REJECTED are short: a lost or refused first INIT. */
static const unsigned int sctp_timeouts[SCTP_S_LAST] = {
	[sNO] = 2, [sI1] = 4, [sIN] = RTO, [sCS] = RTO, [sCR] = RTO,
	[sCW] = RTO, [sCO] = RTO, [sCE] = RTO, [sES] = 15 * 60,
	[sSS] = RTO, [sSR] = RTO, [sSA] = RTO, [sRJ] = 4, [sCL] = RTO,
};

/* What a packet means for the state machine: its first chunk, mostly. */
enum {
	EV_DATA,		/* DATA, SACK, HEARTBEAT(-ACK), ECN, unknown */
	EV_INIT,
	EV_INIT_ACK,
	EV_COOKIE_ECHO,
	EV_COOKIE_ACK,
	EV_SHUTDOWN,
	EV_SHUTDOWN_ACK,
	EV_SHUTDOWN_COMPLETE,
	EV_ERROR,
	EV_ABORT,
	EV_LAST
};

enum { T_INPUT, T_OUTPUT, T_INPUT_ONLY, T_LAST };

/*
 * next[table][event][current state]. The input-only table is for DR and
 * tunnels, where the director sees the client's side only, and so infers
 * the server's answers from the client's next chunk.
 */
static const u8 sctp_next[T_LAST][EV_LAST][SCTP_S_LAST] = {
	[T_INPUT] = {
	/*          sNO  sI1  sIN  sCS  sCR  sCW  sCO  sCE  sES  sSS  sSR  sSA  sRJ  sCL */
	/* d   */ { sES, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* i   */ { sI1, sIN, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sIN, sIN},
	/* i_a */ { sCW, sCW, sCW, sCS, sCR, sCO, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_e */ { sCR, sIN, sIN, sCR, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_a */ { sES, sI1, sIN, sCS, sCR, sCW, sCO, sES, sES, sSS, sSR, sSA, sRJ, sCL},
	/* s   */ { sSR, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sSR, sSS, sSR, sSA, sRJ, sCL},
	/* s_a */ { sCL, sIN, sIN, sCS, sCR, sCW, sCO, sCE, sES, sCL, sSR, sCL, sRJ, sCL},
	/* s_c */ { sCL, sCL, sCL, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sCL, sRJ, sCL},
	/* err */ { sCL, sI1, sIN, sCS, sCR, sCW, sCO, sCL, sES, sSS, sSR, sSA, sRJ, sCL},
	/* ab  */ { sCL, sCL, sCL, sCL, sCL, sRJ, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
	},
	[T_OUTPUT] = {
	/*          sNO  sI1  sIN  sCS  sCR  sCW  sCO  sCE  sES  sSS  sSR  sSA  sRJ  sCL */
	/* d   */ { sES, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* i   */ { sCW, sCW, sCW, sCW, sCW, sCW, sCW, sCW, sES, sCW, sCW, sCW, sCW, sCW},
	/* i_a */ { sCS, sCS, sCS, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_e */ { sCE, sCE, sCE, sCE, sCE, sCE, sCE, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_a */ { sES, sES, sES, sES, sES, sES, sES, sES, sES, sSS, sSR, sSA, sRJ, sCL},
	/* s   */ { sSS, sSS, sSS, sSS, sSS, sSS, sSS, sSS, sSS, sSS, sSR, sSA, sRJ, sCL},
	/* s_a */ { sSA, sSA, sSA, sSA, sSA, sCW, sCO, sCE, sES, sSA, sSA, sSA, sRJ, sCL},
	/* s_c */ { sCL, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* err */ { sCL, sCL, sCL, sCL, sCL, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* ab  */ { sCL, sRJ, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
	},
	[T_INPUT_ONLY] = {
	/*          sNO  sI1  sIN  sCS  sCR  sCW  sCO  sCE  sES  sSS  sSR  sSA  sRJ  sCL */
	/* d   */ { sES, sI1, sIN, sCS, sCR, sES, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* i   */ { sI1, sIN, sIN, sIN, sIN, sIN, sCO, sCE, sES, sSS, sSR, sSA, sIN, sIN},
	/* i_a */ { sCE, sCE, sCE, sCE, sCE, sCE, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_e */ { sES, sES, sES, sES, sES, sES, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* c_a */ { sES, sI1, sIN, sES, sES, sCW, sES, sES, sES, sSS, sSR, sSA, sRJ, sCL},
	/* s   */ { sSR, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sSR, sSS, sSR, sSA, sRJ, sCL},
	/* s_a */ { sCL, sIN, sIN, sCS, sCR, sCW, sCO, sCE, sCL, sCL, sSR, sCL, sRJ, sCL},
	/* s_c */ { sCL, sCL, sCL, sCL, sCL, sCW, sCO, sCE, sES, sSS, sCL, sCL, sRJ, sCL},
	/* err */ { sCL, sI1, sIN, sCS, sCR, sCW, sCO, sCE, sES, sSS, sSR, sSA, sRJ, sCL},
	/* ab  */ { sCL, sCL, sCL, sCL, sCL, sRJ, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL},
	},
};

/*
 * drop_entry, as IPVS: an association still in its INIT exchange goes at
 * once, an established one if idle, the others (closing) never.
 */
static enum lvs_drop_class sctp_drop_class(const struct lvs_conn *cp)
{
	switch (READ_ONCE(cp->state)) {
	case sI1:
	case sIN:
		return LVS_DROP_NOW;
	case sES:
		return LVS_DROP_IF_IDLE;
	default:
		return LVS_DROP_NEVER;
	}
}

static int chunk_event(u8 type)
{
	switch (type) {
	case SCTP_CID_INIT:
		return EV_INIT;
	case SCTP_CID_INIT_ACK:
		return EV_INIT_ACK;
	case SCTP_CID_COOKIE_ECHO:
		return EV_COOKIE_ECHO;
	case SCTP_CID_COOKIE_ACK:
		return EV_COOKIE_ACK;
	case SCTP_CID_SHUTDOWN:
		return EV_SHUTDOWN;
	case SCTP_CID_SHUTDOWN_ACK:
		return EV_SHUTDOWN_ACK;
	case SCTP_CID_SHUTDOWN_COMPLETE:
		return EV_SHUTDOWN_COMPLETE;
	case SCTP_CID_ERROR:
		return EV_ERROR;
	case SCTP_CID_ABORT:
		return EV_ABORT;
	default:
		return EV_DATA;
	}
}

/* The first chunk's header, or NULL if the packet is too short. */
static const struct sctp_chunkhdr *first_chunk(const struct sk_buff *skb,
					       const struct lvs_pkt *pkt,
					       struct sctp_chunkhdr *buf)
{
	return skb_header_pointer(skb, pkt->l4_off + sizeof(struct sctphdr),
				  sizeof(*buf), buf);
}

/*
 * INIT, INIT ACK and SHUTDOWN COMPLETE travel alone, but a COOKIE ECHO or
 * COOKIE ACK may carry an ABORT right behind it (RFC 4960 3.3.7): then
 * the ABORT is what counts.
 */
static int packet_event(const struct sk_buff *skb, const struct lvs_pkt *pkt)
{
	unsigned int off = pkt->l4_off + sizeof(struct sctphdr);
	struct sctp_chunkhdr buf;
	const struct sctp_chunkhdr *ch;
	unsigned int len;

	ch = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!ch)
		return -1;
	if (ch->type == SCTP_CID_COOKIE_ECHO ||
	    ch->type == SCTP_CID_COOKIE_ACK) {
		u8 type = ch->type;

		len = ntohs(ch->length);
		if (len >= sizeof(buf)) {
			ch = skb_header_pointer(skb, off + ALIGN(len, 4),
						sizeof(buf), &buf);
			if (ch && ch->type == SCTP_CID_ABORT)
				return EV_ABORT;
		}
		return chunk_event(type);
	}
	return chunk_event(ch->type);
}

static bool sctp_may_schedule(struct lvs_net *ln, const struct sk_buff *skb,
			      const struct lvs_pkt *pkt)
{
	struct sctp_chunkhdr buf;
	const struct sctp_chunkhdr *ch = first_chunk(skb, pkt, &buf);

	if (!ch || ch->type == SCTP_CID_ABORT)
		return false;
	return ch->type == SCTP_CID_INIT || READ_ONCE(ln->sysctl.sloppy_sctp);
}

static bool sctp_is_new_conn(const struct sk_buff *skb,
			     const struct lvs_pkt *pkt)
{
	struct sctp_chunkhdr buf;
	const struct sctp_chunkhdr *ch = first_chunk(skb, pkt, &buf);

	return ch && ch->type == SCTP_CID_INIT;
}

/* An INIT on a closed association starts over, unless it is controlled. */
static bool sctp_reuse_expected(const struct lvs_conn *cp, int mode)
{
	return cp->state == sCL;
}

static void sctp_state_transition(struct lvs_conn *cp, enum lvs_dir dir,
				  const struct sk_buff *skb,
				  const struct lvs_pkt *pkt)
{
	int table = dir == LVS_DIR_OUTPUT ? T_OUTPUT : T_INPUT;
	int ev = packet_event(skb, pkt);
	unsigned int next;

	if (ev < 0)
		return;
	spin_lock(&cp->lock);
	/* A reply proves we see both directions after all. */
	if (cp->flags & IP_VS_CONN_F_NOOUTPUT) {
		if (table == T_OUTPUT)
			cp->flags &= ~IP_VS_CONN_F_NOOUTPUT;
		else
			table = T_INPUT_ONLY;
	}
	next = cp->state < SCTP_S_LAST ? sctp_next[table][ev][cp->state] :
					 sCL;
	if (next != cp->state) {
		lvs_conn_set_active(cp, next == sES);
		if (next == sES)
			lvs_conn_assure_tpl(cp);
	}
	cp->state = next;
	WRITE_ONCE(cp->timeout, sctp_timeouts[next] * HZ);
	spin_unlock(&cp->lock);
}

/*
 * The CRC32c covers the SCTP packet only, so a new address alone needs
 * no work; a new port does. A packet whose CRC is left to the device
 * (CHECKSUM_PARTIAL) is computed now on the way out, as IPVS does, and
 * kept for the device on the way in (the stack computes it in software
 * for a device that cannot). GSO packets get theirs when segmented.
 */
static bool sctp_nat_port(struct sk_buff *skb, const struct lvs_pkt *pkt,
			  __be16 *port, __be16 newport, enum lvs_dir dir)
{
	struct sctphdr *sh = (struct sctphdr *)(skb->data + pkt->l4_off);
	bool partial = skb->ip_summed == CHECKSUM_PARTIAL;

	if (*port != newport || (partial && dir == LVS_DIR_OUTPUT)) {
		*port = newport;
		if (!skb_is_gso(skb)) {
			sh->checksum = sctp_compute_cksum(skb, pkt->l4_off);
			skb->ip_summed = CHECKSUM_UNNECESSARY;
		}
	} else if (!partial) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	}
	return true;
}

const struct lvs_proto lvs_proto_sctp = {
	.name			= "SCTP",
	.protocol		= IPPROTO_SCTP,
	.num_states		= SCTP_S_LAST,
	.state_names		= sctp_state_names,
	.csum_off		= -1,
	.hdr_len		= sizeof(struct sctphdr),
	.sched_len		= sizeof(struct sctphdr) +
				  sizeof(struct sctp_chunkhdr),
	.may_schedule		= sctp_may_schedule,
	.is_new_conn		= sctp_is_new_conn,
	.reuse_expected		= sctp_reuse_expected,
	.state_transition	= sctp_state_transition,
	.nat_port		= sctp_nat_port,
	.drop_class		= sctp_drop_class,
};
