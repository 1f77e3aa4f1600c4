// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter entry points. As in IPVS:
 *  - LOCAL_IN (just before source NAT): requests from clients to a virtual
 *    service, and replies to local clients;
 *  - LOCAL_OUT (just after destination NAT): the same for clients and real
 *    servers on the director itself;
 *  - FORWARD: NAT replies of real servers, and ICMP errors that quote a
 *    connection's packet.
 * Packets we sent on (skb->ipvs_property) are never looked at twice.
 *
 * A datagram is handled whole, never fragment by fragment: IPv4 ones
 * arrive at LOCAL_IN reassembled by ip_local_deliver() and are gathered
 * here at FORWARD and LOCAL_OUT (gather()); IPv6 ones are reassembled
 * before every hook by nf_defrag_ipv6, which the IPv6 hooks turn on.
 */
#include <linux/ip.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <net/route.h>

#include "conn.h"
#include "conn_new.h"
#include "defense.h"
#include "dest.h"
#include "hooks.h"
#include "icmp.h"
#include "netns.h"
#include "nfct.h"
#include "pkt.h"
#include "proto.h"
#include "service.h"
#include "sync/sync.h"
#include "xmit.h"

/*
 * conn_reuse_mode: a fresh attempt (a SYN, an INIT) on the tuple of an
 * old connection gets a new real server when the old one is closing by
 * its protocol's rule, or, with expire_nodest_conn, when its real server
 * was quiesced. A connection a template controls stays on its server:
 * persistence decides, as in IPVS.
 */
static bool reuse_reschedules(struct lvs_net *ln, const struct lvs_proto *pp,
			      const struct lvs_conn *cp, int mode)
{
	if (READ_ONCE(ln->sysctl.expire_nodest_conn) && cp->dest &&
	    !atomic_read(&cp->dest->weight))
		return true;
	return !cp->control && pp->reuse_expected(cp, mode);
}

static bool enabled(struct lvs_net *ln, struct lvs_conn_net *cn)
{
	if (!ln)
		return false;
	if (READ_ONCE(ln->sysctl.backup_only) &&
	    (READ_ONCE(ln->sync_state) & IP_VS_STATE_BACKUP))
		return false;
	return READ_ONCE(ln->num_services) || READ_ONCE(ln->num_services6) ||
	       atomic_read(&cn->count);
}

/* Replies to remote clients may need another route after source NAT. */
static bool reroute(struct lvs_net *ln, struct sk_buff *skb, int af,
		    unsigned int hook)
{
	if (!READ_ONCE(ln->sysctl.snat_reroute) || hook == NF_INET_LOCAL_IN)
		return true;
	if (af == AF_INET6) {
		struct dst_entry *dst = skb_dst(skb);

		if (dst->dev && !(dst->dev->flags & IFF_LOOPBACK) &&
		    ip6_route_me_harder(ln->net, skb->sk, skb))
			return false;
	} else if (!(skb_rtable(skb)->rt_flags & RTCF_LOCAL) &&
		   ip_route_me_harder(ln->net, skb->sk, skb, RTN_LOCAL)) {
		return false;
	}
	return true;
}

/*
 * An ICMP error from the client side: about a connection, about one of
 * our tunnel packets, or (schedule_icmp) one that starts a connection.
 */
static unsigned int in_icmp(struct lvs_conn_net *cn, struct sk_buff *skb,
			    const struct lvs_pkt *outer, bool *related)
{
	const struct lvs_proto *pp;
	struct lvs_pkt pkt, key;
	struct lvs_conn *cp;
	unsigned int verdict;
	bool new_cp = false;

	*related = false;
	if (!lvs_pkt_parse_icmp(skb, outer, &pkt))
		return NF_ACCEPT;
	if (lvs_icmp_tunnel(cn, skb, outer, &pkt, &verdict)) {
		*related = true;
		return verdict;
	}
	pp = lvs_proto_get(pkt.protocol);
	if (!pp)
		return NF_ACCEPT;
	cp = lvs_conn_in_get(cn, lvs_proto_conn_pkt(pp, &pkt, &key));
	if (!cp) {
		if (pp->conn_key)
			return NF_ACCEPT;
		cp = lvs_icmp_schedule(cn, skb, &pkt, &verdict);
		if (!cp) {
			*related = verdict != NF_ACCEPT;
			return verdict;
		}
		new_cp = true;
	}
	*related = true;
	lvs_conn_count_in(cp, skb->len);
	verdict = lvs_xmit(skb, cp, &pkt);
	/* As in IPVS, an error does not keep a connection alive. */
	if (new_cp)
		lvs_conn_put(cp);
	else
		lvs_conn_put_quiet(cp);
	return verdict;
}

/* An ICMP error about a NAT connection, from the real server side. */
static unsigned int out_icmp(struct lvs_conn_net *cn, struct sk_buff *skb,
			     const struct lvs_pkt *outer, unsigned int hook,
			     bool *related)
{
	const struct lvs_proto *pp;
	struct lvs_pkt pkt, key;
	struct lvs_conn *cp;
	unsigned int verdict = NF_ACCEPT;

	*related = false;
	if (!lvs_pkt_parse_icmp(skb, outer, &pkt))
		return NF_ACCEPT;
	pp = lvs_proto_get(pkt.protocol);
	if (!pp)
		return NF_ACCEPT;
	cp = lvs_conn_out_get(cn, lvs_proto_conn_pkt(pp, &pkt, &key));
	if (!cp)
		return NF_ACCEPT;
	*related = true;
	if (!lvs_nat_mangle(skb, &pkt, cp, LVS_DIR_OUTPUT) ||
	    !reroute(cn->ln, skb, pkt.af, hook)) {
		verdict = NF_DROP;
	} else {
		lvs_conn_count_out(cp, skb->len);
		lvs_nfct_reply(skb, cp);
	}
	lvs_conn_put(cp);
	return verdict;
}

static bool is_icmp(const struct lvs_pkt *pkt)
{
	return pkt->protocol ==
	       (pkt->af == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
}

/*
 * An IPv4 fragment of what we may rewrite (a TCP, UDP or SCTP packet, an
 * ICMP error): a NAT reply's later fragments must leave with the virtual
 * address too, and an ICMP checksum covers the whole message. Not at
 * LOCAL_IN, where ip_local_deliver() reassembled it already.
 */
static bool to_gather(const struct sk_buff *skb, const struct lvs_pkt *pkt,
		      unsigned int hook)
{
	return pkt->af == AF_INET && hook != NF_INET_LOCAL_IN &&
	       ip_is_fragment(ip_hdr(skb)) &&
	       (is_icmp(pkt) || lvs_proto_get(pkt->protocol));
}

/*
 * Reassembles skb, which to_gather() chose, and parses the whole
 * datagram into pkt. False when skb is no longer ours: queued until its
 * last fragment comes (NF_STOLEN), or left alone.
 */
static bool gather(struct net *net, struct sk_buff *skb, unsigned int hook,
		   struct lvs_pkt *pkt, unsigned int *verdict)
{
	u32 user = hook == NF_INET_FORWARD ? IP_DEFRAG_VS_FWD :
					     IP_DEFRAG_VS_OUT;
	int err;

	local_bh_disable();
	err = ip_defrag(net, skb, user);
	local_bh_enable();
	if (err) {
		*verdict = NF_STOLEN;
		return false;
	}
	*verdict = NF_ACCEPT;
	return lvs_pkt_parse(skb, AF_INET, pkt);
}

/* A raw socket's IP_NODEFRAG packets go as they are: IPVS skips them. */
static bool raw_nodefrag(const struct sk_buff *skb, int af, unsigned int hook)
{
	struct sock *sk;

	if (af != AF_INET || hook != NF_INET_LOCAL_OUT)
		return false;
	sk = skb_to_full_sk(skb);
	return sk && sk->sk_family == PF_INET && inet_sk(sk)->nodefrag;
}

/*
 * Ends a connection at once so that its tuple can be scheduled again;
 * false when its conntrack entry is still in the way and the packet goes.
 */
static bool retire(struct lvs_conn *cp, struct sk_buff *skb)
{
	bool old_ct = lvs_nfct_old_entry(cp, skb);

	lvs_conn_expire_now(cp);
	lvs_conn_put(cp);
	return !old_ct;
}

/*
 * A connection found for a client's packet that may not carry it: its
 * real server was removed (start over elsewhere if expire_nodest_conn
 * says so, else drop the packet without extending the connection's life,
 * as IPVS does), or the packet is a new attempt on a tuple whose
 * connection is closing. Clears *cpp when a new connection is due; false
 * when the packet goes.
 */
static bool stale_conn(struct lvs_net *ln, const struct lvs_proto *pp,
		       struct sk_buff *skb, const struct lvs_pkt *pkt,
		       struct lvs_conn **cpp)
{
	struct lvs_conn *cp = *cpp;
	int mode;

	if (cp->dest && !test_bit(LVS_DEST_AVAILABLE, &cp->dest->flags)) {
		if (!READ_ONCE(ln->sysctl.expire_nodest_conn)) {
			lvs_conn_put_quiet(cp);
			return false;
		}
	} else {
		mode = READ_ONCE(ln->sysctl.conn_reuse_mode);
		if (!mode || !pp->is_new_conn || !pp->is_new_conn(skb, pkt) ||
		    (cp->flags & IP_VS_CONN_F_TEMPLATE) ||
		    !reuse_reschedules(ln, pp, cp, mode))
			return true;
	}
	*cpp = NULL;
	return retire(cp, skb);
}

/* No connection yet: the service's scheduler makes one, or *verdict says. */
static struct lvs_conn *new_conn(struct lvs_net *ln, struct lvs_conn_net *cn,
				 const struct lvs_proto *pp,
				 struct sk_buff *skb, int af,
				 const struct lvs_pkt *pkt,
				 unsigned int *verdict)
{
	struct lvs_service *svc;

	*verdict = NF_DROP;
	if (skb->len < pkt->l4_off + pp->sched_len)
		return NULL;
	svc = lvs_svc_find(ln, af, skb->mark, pkt->protocol,
			   &pkt->daddr, pkt->dport);
	if (!svc || !pp->may_schedule(ln, skb, pkt)) {
		*verdict = NF_ACCEPT;
		return NULL;
	}
	/* drop_packet: under memory pressure some new ones go. */
	if (lvs_defense_todrop(ln))
		return NULL;
	return lvs_schedule(cn, svc, skb, pkt, verdict);
}

/* A client's packet to a virtual service. */
static unsigned int do_in(struct net *net, struct sk_buff *skb, int af,
			  unsigned int hook)
{
	struct lvs_conn_net *cn = lvs_conn_net(net);
	struct lvs_net *ln = lvs_net(net);
	const struct lvs_proto *pp;
	struct lvs_pkt pkt, key;
	struct lvs_conn *cp;
	unsigned int verdict;
	bool related;

	if (skb->ipvs_property || !skb_dst(skb))
		return NF_ACCEPT;
	if (skb->pkt_type != PACKET_HOST && hook != NF_INET_LOCAL_OUT)
		return NF_ACCEPT;
	if (!enabled(ln, cn) || raw_nodefrag(skb, af, hook))
		return NF_ACCEPT;
	/*
	 * IPVS's conn_schedule drops a TCP, UDP or SCTP packet of no
	 * connection that is too short for its header, for a virtual
	 * service or not; one too short even for its ports is no different.
	 */
	if (!lvs_pkt_parse(skb, af, &pkt))
		return lvs_pkt_ports_cut(skb, af) ? NF_DROP : NF_ACCEPT;

	if (is_icmp(&pkt)) {
		if (to_gather(skb, &pkt, hook) &&
		    !gather(net, skb, hook, &pkt, &verdict))
			return verdict;
		verdict = in_icmp(cn, skb, &pkt, &related);
		if (related)
			return verdict;
	}
	pp = lvs_proto_get(pkt.protocol);
	if (!pp) {
		/*
		 * ignore_tunneled: a protocol we do not know comes back only
		 * decapsulated, and is then meant to be left alone. As with
		 * IPVS, it works only where the tunnel keeps the mark: since
		 * "ipvs: Always clear ipvs_property flag in
		 * skb_scrub_packet()" (6.14, and 6.1.130 in stable) the
		 * kernel's IPIP, GRE and FOU decapsulation clears it, so the
		 * inner packet is scheduled like any other, by both.
		 */
		if (READ_ONCE(ln->sysctl.ignore_tunneled))
			skb->ipvs_property = 1;
		return NF_ACCEPT;
	}
	if (pkt.fragment)
		return NF_ACCEPT;

	cp = lvs_conn_in_get(cn, lvs_proto_conn_pkt(pp, &pkt, &key));

	if (cp && !stale_conn(ln, pp, skb, &pkt, &cp))
		return NF_DROP;
	if (!cp) {
		/* AH, ESP: only along their client's IKE connection. */
		if (pp->conn_key)
			return NF_ACCEPT;
		cp = new_conn(ln, cn, pp, skb, af, &pkt, &verdict);
		if (!cp)
			return verdict;
	}

	lvs_conn_count_in(cp, skb->len);
	pp->state_transition(cp, LVS_DIR_INPUT, skb, &pkt);
	verdict = lvs_xmit(skb, cp, &pkt);
	/* Counts the packet in cp->in_pkts, and syncs as a master. */
	lvs_sync_in_pkt(ln, cp);
	lvs_conn_put(cp);
	return verdict;
}

/* A real server's reply through a NAT connection. */
static unsigned int do_out(struct net *net, struct sk_buff *skb, int af,
			   unsigned int hook)
{
	struct lvs_conn_net *cn = lvs_conn_net(net);
	struct lvs_net *ln = lvs_net(net);
	const struct lvs_proto *pp;
	struct lvs_pkt pkt, key;
	struct lvs_conn *cp;
	unsigned int verdict;
	bool related;

	if (skb->ipvs_property || !skb_dst(skb))
		return NF_ACCEPT;
	/*
	 * Without connections only nat_icmp_send, and a service whose real
	 * servers may start connections, have work to do here.
	 */
	if (!enabled(ln, cn) ||
	    (!atomic_read(&cn->count) &&
	     !READ_ONCE(ln->sysctl.nat_icmp_send) &&
	     !atomic_read(&ln->conn_out_counter)) ||
	    raw_nodefrag(skb, af, hook) || !lvs_pkt_parse(skb, af, &pkt))
		return NF_ACCEPT;
	if (to_gather(skb, &pkt, hook) &&
	    !gather(net, skb, hook, &pkt, &verdict))
		return verdict;

	if (is_icmp(&pkt)) {
		verdict = out_icmp(cn, skb, &pkt, hook, &related);
		if (related)
			return verdict;
	}
	pp = lvs_proto_get(pkt.protocol);
	if (!pp || pkt.fragment)
		return NF_ACCEPT;
	cp = lvs_conn_out_get(cn, lvs_proto_conn_pkt(pp, &pkt, &key));
	/*
	 * A real server's request (UDP only, as in IPVS: other protocols
	 * start from ephemeral ports no service has).
	 */
	if (!cp && pkt.protocol == IPPROTO_UDP && hook != NF_INET_LOCAL_IN &&
	    atomic_read(&ln->conn_out_counter))
		cp = lvs_conn_out_new(cn, skb, &pkt);
	if (!cp)
		return lvs_icmp_nat_refuse(ln, skb, &pkt) ? NF_DROP : NF_ACCEPT;

	verdict = NF_ACCEPT;
	if (!lvs_nat_mangle(skb, &pkt, cp, LVS_DIR_OUTPUT) ||
	    !reroute(ln, skb, af, hook)) {
		verdict = NF_DROP;
	} else {
		lvs_conn_count_out(cp, skb->len);
		pp->state_transition(cp, LVS_DIR_OUTPUT, skb, &pkt);
		lvs_nfct_reply(skb, cp);
	}
	lvs_conn_put(cp);
	return verdict;
}

static int hook_af(const struct nf_hook_state *state)
{
	return state->pf == NFPROTO_IPV4 ? AF_INET : AF_INET6;
}

static unsigned int request_hook(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	return do_in(state->net, skb, hook_af(state), state->hook);
}

static unsigned int reply_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	return do_out(state->net, skb, hook_af(state), state->hook);
}

/* LOCAL_OUT may run in process context: keep the packet path in BH. */
static unsigned int local_request_hook(void *priv, struct sk_buff *skb,
				       const struct nf_hook_state *state)
{
	unsigned int verdict;

	local_bh_disable();
	verdict = do_in(state->net, skb, hook_af(state), state->hook);
	local_bh_enable();
	return verdict;
}

static unsigned int local_reply_hook(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	unsigned int verdict;

	local_bh_disable();
	verdict = do_out(state->net, skb, hook_af(state), state->hook);
	local_bh_enable();
	return verdict;
}

/* ICMP errors being forwarded (e.g. for fwmark services' addresses). */
static unsigned int forward_icmp_hook(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct lvs_conn_net *cn = lvs_conn_net(state->net);
	struct lvs_net *ln = lvs_net(state->net);
	struct lvs_pkt pkt;
	unsigned int verdict;
	bool related;

	/*
	 * Every forwarded packet comes here, NAT replies included: an IPv4
	 * one says in its header whether it is ICMP (IPv6 may say so only
	 * after extension headers, which the parse walks).
	 */
	if (state->pf == NFPROTO_IPV4 && ip_hdr(skb)->protocol != IPPROTO_ICMP)
		return NF_ACCEPT;
	if (skb->ipvs_property || !enabled(ln, cn) ||
	    !lvs_pkt_parse(skb, hook_af(state), &pkt) || !is_icmp(&pkt))
		return NF_ACCEPT;
	if (to_gather(skb, &pkt, state->hook) &&
	    !gather(state->net, skb, state->hook, &pkt, &verdict))
		return verdict;
	return in_icmp(cn, skb, &pkt, &related);
}

#define LVS_HOOK(fn, pf_, hooknum_, prio) \
	{ .hook = fn, .pf = pf_, .hooknum = hooknum_, .priority = prio }

static const struct nf_hook_ops lvs_hook_ops[] = {
	LVS_HOOK(reply_hook, NFPROTO_IPV4, NF_INET_LOCAL_IN,
		 NF_IP_PRI_NAT_SRC - 2),
	LVS_HOOK(request_hook, NFPROTO_IPV4, NF_INET_LOCAL_IN,
		 NF_IP_PRI_NAT_SRC - 1),
	LVS_HOOK(local_reply_hook, NFPROTO_IPV4, NF_INET_LOCAL_OUT,
		 NF_IP_PRI_NAT_DST + 1),
	LVS_HOOK(local_request_hook, NFPROTO_IPV4, NF_INET_LOCAL_OUT,
		 NF_IP_PRI_NAT_DST + 2),
	LVS_HOOK(forward_icmp_hook, NFPROTO_IPV4, NF_INET_FORWARD, 99),
	LVS_HOOK(reply_hook, NFPROTO_IPV4, NF_INET_FORWARD, 100),
#if IS_ENABLED(CONFIG_IPV6)
	LVS_HOOK(reply_hook, NFPROTO_IPV6, NF_INET_LOCAL_IN,
		 NF_IP6_PRI_NAT_SRC - 2),
	LVS_HOOK(request_hook, NFPROTO_IPV6, NF_INET_LOCAL_IN,
		 NF_IP6_PRI_NAT_SRC - 1),
	LVS_HOOK(local_reply_hook, NFPROTO_IPV6, NF_INET_LOCAL_OUT,
		 NF_IP6_PRI_NAT_DST + 1),
	LVS_HOOK(local_request_hook, NFPROTO_IPV6, NF_INET_LOCAL_OUT,
		 NF_IP6_PRI_NAT_DST + 2),
	LVS_HOOK(forward_icmp_hook, NFPROTO_IPV6, NF_INET_FORWARD, 99),
	LVS_HOOK(reply_hook, NFPROTO_IPV6, NF_INET_FORWARD, 100),
#endif
};

static const struct nf_hook_ops *family_ops(int af, size_t *n)
{
	/* The table lists the IPv4 hooks first, then as many for IPv6. */
	*n = ARRAY_SIZE(lvs_hook_ops);
#if IS_ENABLED(CONFIG_IPV6)
	*n /= 2;
	if (af == AF_INET6)
		return lvs_hook_ops + *n;
#endif
	return lvs_hook_ops;
}

static bool *family_flag(struct lvs_conn_net *cn, int af)
{
	return af == AF_INET6 ? &cn->hooks_v6 : &cn->hooks_v4;
}

/*
 * IPv6 fragments are reassembled by nf_defrag_ipv6 (PRE_ROUTING and
 * LOCAL_OUT) for as long as the namespace has our IPv6 hooks; IPVS turns
 * it on with its IPv6 services too. One reference per registration.
 */
static int defrag_get(struct net *net, int af)
{
#if IS_ENABLED(CONFIG_NF_DEFRAG_IPV6)
	if (af == AF_INET6)
		return nf_defrag_ipv6_enable(net);
#endif
	return 0;
}

static void defrag_put(struct net *net, int af)
{
#if IS_ENABLED(CONFIG_NF_DEFRAG_IPV6)
	if (af == AF_INET6)
		nf_defrag_ipv6_disable(net);
#endif
}

/*
 * As IPVS 6.1 does, a family's hooks are registered when the namespace
 * gets its first service of that family and unregistered when its last
 * one goes; until then that family's packets cost nothing. Connections
 * left over from deleted services stay in the table but see no packets.
 */
int lvs_hooks_get(struct lvs_net *ln, int af)
{
	const struct nf_hook_ops *ops;
	struct lvs_conn_net *cn;
	bool *flag;
	size_t n;
	int ret;

	lockdep_assert_held(&ln->mutex);
	if (af == AF_INET6 && !IS_ENABLED(CONFIG_IPV6))
		return -EAFNOSUPPORT;
	cn = &ln->conn;
	flag = family_flag(cn, af);
	if (*flag)
		return 0;
	ret = defrag_get(ln->net, af);
	if (ret)
		return ret;
	ops = family_ops(af, &n);
	ret = nf_register_net_hooks(ln->net, ops, n);
	if (ret) {
		defrag_put(ln->net, af);
		return ret;
	}
	*flag = true;
	return 0;
}

static void hooks_drop(struct lvs_net *ln, struct lvs_conn_net *cn, int af)
{
	const struct nf_hook_ops *ops;
	bool *flag = family_flag(cn, af);
	size_t n;

	if (!*flag)
		return;
	ops = family_ops(af, &n);
	nf_unregister_net_hooks(ln->net, ops, n);
	defrag_put(ln->net, af);
	*flag = false;
}

void lvs_hooks_put_unused(struct lvs_net *ln)
{
	lockdep_assert_held(&ln->mutex);
	if (!ln->num_services)
		hooks_drop(ln, &ln->conn, AF_INET);
	if (!ln->num_services6)
		hooks_drop(ln, &ln->conn, AF_INET6);
}

/* The namespace is going away: no packet reaches its table after this. */
void lvs_hooks_net_exit(struct lvs_net *ln)
{
	mutex_lock(&ln->mutex);
	hooks_drop(ln, &ln->conn, AF_INET);
	hooks_drop(ln, &ln->conn, AF_INET6);
	mutex_unlock(&ln->mutex);
}
