// SPDX-License-Identifier: GPL-2.0
/*
 * TCP: IPVS's connection states, transitions and timeouts. The director
 * sees both directions only for NAT; DR and tunnel connections
 * (IP_VS_CONN_F_NOOUTPUT) use the input-only table until a reply shows up.
 */
#include <linux/tcp.h>
#include <linux/skbuff.h>

#include "conn.h"
#include "defense.h"
#include "netns.h"
#include "pkt.h"
#include "proto.h"

enum {
	sNO, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI, sSA, TCP_S_LAST
};

static const char *const tcp_state_names[TCP_S_LAST] = {
	[sNO] = "NONE",
	[sES] = "ESTABLISHED",
	[sSS] = "SYN_SENT",
	[sSR] = "SYN_RECV",
	[sFW] = "FIN_WAIT",
	[sTW] = "TIME_WAIT",
	[sCL] = "CLOSE",
	[sCW] = "CLOSE_WAIT",
	[sLA] = "LAST_ACK",
	[sLI] = "LISTEN",
	[sSA] = "SYNACK",
};

/* Seconds; ESTABLISHED and FIN_WAIT come from the namespace (--set). */
static const unsigned int tcp_timeouts[TCP_S_LAST] = {
	[sNO] = 2, [sES] = 15 * 60, [sSS] = 2 * 60, [sSR] = 60,
	[sFW] = 2 * 60, [sTW] = 2 * 60, [sCL] = 10, [sCW] = 60,
	[sLA] = 30, [sLI] = 2 * 60, [sSA] = 120,
};

enum { EV_SYN, EV_FIN, EV_ACK, EV_RST, EV_LAST };
enum { T_INPUT, T_OUTPUT, T_INPUT_ONLY, T_LAST };

/* next[table][event][current state] */
static const u8 tcp_next[T_LAST][EV_LAST][TCP_S_LAST] = {
	[T_INPUT] = {
		/*	  sNO  sES  sSS  sSR  sFW  sTW  sCL  sCW  sLA  sLI  sSA */
		[EV_SYN] = { sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR },
		[EV_FIN] = { sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW },
		[EV_ACK] = { sCL, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES },
		[EV_RST] = { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR },
	},
	[T_OUTPUT] = {
		[EV_SYN] = { sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR },
		[EV_FIN] = { sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW },
		[EV_ACK] = { sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES },
		[EV_RST] = { sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL },
	},
	[T_INPUT_ONLY] = {
		[EV_SYN] = { sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR },
		[EV_FIN] = { sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW },
		[EV_ACK] = { sCL, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES },
		[EV_RST] = { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL },
	},
};

/* secure_tcp's table (IPVS's tcp_states_dos): half-open connections
 * need more than one packet each way to count as established.
 */
static const u8 tcp_next_secure[T_LAST][EV_LAST][TCP_S_LAST] = {
	[T_INPUT] = {
		/*	  sNO  sES  sSS  sSR  sFW  sTW  sCL  sCW  sLA  sLI  sSA */
		[EV_SYN] = { sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSA },
		[EV_FIN] = { sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sSA },
		[EV_ACK] = { sCL, sES, sSS, sSR, sFW, sTW, sCL, sCW, sCL, sLI, sSA },
		[EV_RST] = { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL },
	},
	[T_OUTPUT] = {
		[EV_SYN] = { sSS, sES, sSS, sSA, sSS, sSS, sSS, sSS, sSS, sLI, sSA },
		[EV_FIN] = { sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW },
		[EV_ACK] = { sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES },
		[EV_RST] = { sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL },
	},
	[T_INPUT_ONLY] = {
		[EV_SYN] = { sSA, sES, sES, sSR, sSA, sSA, sSA, sSA, sSA, sSA, sSA },
		[EV_FIN] = { sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW },
		[EV_ACK] = { sCL, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES },
		[EV_RST] = { sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL },
	},
};

/* drop_entry: half-open ones go at once, established ones if idle. */
static enum lvs_drop_class tcp_drop_class(const struct lvs_conn *cp)
{
	switch (READ_ONCE(cp->state)) {
	case sSR:
	case sSA:
		return LVS_DROP_NOW;
	case sES:
		return LVS_DROP_IF_IDLE;
	default:
		return LVS_DROP_NEVER;
	}
}

static const struct tcphdr *tcp_hdr_of(const struct sk_buff *skb,
				       const struct lvs_pkt *pkt,
				       struct tcphdr *buf)
{
	return skb_header_pointer(skb, pkt->l4_off, sizeof(*buf), buf);
}

unsigned long lvs_tcp_timeout(struct lvs_net *ln, unsigned int state)
{
	switch (state) {
	case sES:
		return READ_ONCE(ln->timeout_tcp);
	case sFW:
		return READ_ONCE(ln->timeout_tcp_fin);
	default:
		return tcp_timeouts[state] * HZ;
	}
}

static bool tcp_may_schedule(struct lvs_net *ln, const struct sk_buff *skb,
			     const struct lvs_pkt *pkt)
{
	struct tcphdr buf;
	const struct tcphdr *th = tcp_hdr_of(skb, pkt, &buf);

	/* No ACK test: a SYN+ACK may start one (active FTP). */
	return th && !th->rst &&
	       (th->syn || READ_ONCE(ln->sysctl.sloppy_tcp));
}

static bool tcp_is_new_conn(const struct sk_buff *skb,
			    const struct lvs_pkt *pkt)
{
	struct tcphdr buf;
	const struct tcphdr *th = tcp_hdr_of(skb, pkt, &buf);

	return th && th->syn && !th->ack;
}

static bool tcp_reuse_expected(const struct lvs_conn *cp, int mode)
{
	if (cp->state == sTW || cp->state == sCL)
		return true;
	return (mode & 2) && cp->state == sFW &&
	       (cp->flags & IP_VS_CONN_F_NOOUTPUT);
}

static void tcp_state_transition(struct lvs_conn *cp, enum lvs_dir dir,
				 const struct sk_buff *skb,
				 const struct lvs_pkt *pkt)
{
	struct tcphdr buf;
	const struct tcphdr *th = tcp_hdr_of(skb, pkt, &buf);
	int table = dir == LVS_DIR_OUTPUT ? T_OUTPUT : T_INPUT;
	unsigned int next = sCL;
	int ev = -1;

	if (!th)
		return;
	if (th->rst)
		ev = EV_RST;
	else if (th->syn)
		ev = EV_SYN;
	else if (th->fin)
		ev = EV_FIN;
	else if (th->ack)
		ev = EV_ACK;

	spin_lock(&cp->lock);
	/* A reply proves we see both directions after all. */
	if (cp->flags & IP_VS_CONN_F_NOOUTPUT) {
		if (table == T_OUTPUT)
			cp->flags &= ~IP_VS_CONN_F_NOOUTPUT;
		else
			table = T_INPUT_ONLY;
	}
	if (ev >= 0 && cp->state < TCP_S_LAST)
		next = READ_ONCE(cp->cn->ln->defense.secure_tcp) ?
		       tcp_next_secure[table][ev][cp->state] :
		       tcp_next[table][ev][cp->state];
	if (next != cp->state) {
		lvs_conn_set_active(cp, next == sES);
		if (next == sES)
			lvs_conn_assure_tpl(cp);
	}
	cp->state = next;
	WRITE_ONCE(cp->timeout, lvs_tcp_timeout(cp->cn->ln, next));
	spin_unlock(&cp->lock);
}

bool lvs_tcp_established(const struct lvs_conn *cp)
{
	return READ_ONCE(cp->state) == sES;
}

void lvs_tcp_conn_listen(struct lvs_conn *cp)
{
	spin_lock_bh(&cp->lock);
	cp->state = sLI;
	WRITE_ONCE(cp->timeout, lvs_tcp_timeout(cp->cn->ln, sLI));
	spin_unlock_bh(&cp->lock);
}

const struct lvs_proto lvs_proto_tcp = {
	.name			= "TCP",
	.protocol		= IPPROTO_TCP,
	.num_states		= TCP_S_LAST,
	.state_names		= tcp_state_names,
	.csum_off		= offsetof(struct tcphdr, check),
	.hdr_len		= sizeof(struct tcphdr),
	.sched_len		= sizeof(struct tcphdr),
	.may_schedule		= tcp_may_schedule,
	.is_new_conn		= tcp_is_new_conn,
	.reuse_expected		= tcp_reuse_expected,
	.state_transition	= tcp_state_transition,
	.drop_class		= tcp_drop_class,
};
