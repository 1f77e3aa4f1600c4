// SPDX-License-Identifier: GPL-2.0
/*
 * Services, dests and sync daemons as netlink nests, in the layout of the
 * IPVS family's replies, and the policies their nests are parsed with;
 * lvs.ko's own family (lvs.h) uses the same nests under the same
 * attribute numbers.
 */
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "dest.h"
#include "netns.h"
#include "nl_fill.h"
#include "pe.h"
#include "sched/sched.h"
#include "service.h"
#include "stats.h"
#include "sync/sync_daemon.h"

/* PE_NAME allows one byte more than SCHED_NAME: IPVS's quirk, kept. */
const struct nla_policy lvs_nl_svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF]		= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL]	= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR]		= { .type = NLA_BINARY,
					    .len = sizeof(union nf_inet_addr) },
	[IPVS_SVC_ATTR_PORT]		= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME]	= { .type = NLA_NUL_STRING,
					    .len = IP_VS_SCHEDNAME_MAXLEN - 1 },
	[IPVS_SVC_ATTR_PE_NAME]		= { .type = NLA_NUL_STRING,
					    .len = IP_VS_PENAME_MAXLEN },
	[IPVS_SVC_ATTR_FLAGS]		= { .type = NLA_BINARY,
					    .len = sizeof(struct ip_vs_flags) },
	[IPVS_SVC_ATTR_TIMEOUT]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_STATS]		= { .type = NLA_NESTED },
};

const struct nla_policy lvs_nl_dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR]		= { .type = NLA_BINARY,
					    .len = sizeof(union nf_inet_addr) },
	[IPVS_DEST_ATTR_PORT]		= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT]		= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS]		= { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY]	= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_TYPE]	= { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT]	= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS]	= { .type = NLA_U16 },
};

bool lvs_nl_af_supported(int af)
{
	return af == AF_INET || (af == AF_INET6 && ipv6_mod_enabled());
}

int lvs_nl_svc_key(struct nlattr **a, struct lvs_svc_key *k)
{
	union nf_inet_addr addr;
	int af;

	if (!a[IPVS_SVC_ATTR_AF] ||
	    !(a[IPVS_SVC_ATTR_FWMARK] ||
	      (a[IPVS_SVC_ATTR_PORT] && a[IPVS_SVC_ATTR_PROTOCOL] &&
	       a[IPVS_SVC_ATTR_ADDR])))
		return -EINVAL;
	af = nla_get_u16(a[IPVS_SVC_ATTR_AF]);
	if (!lvs_nl_af_supported(af))
		return -EAFNOSUPPORT;

	memset(k, 0, sizeof(*k));
	k->af = af;
	if (a[IPVS_SVC_ATTR_FWMARK]) {
		/* IPVS files fwmark services under TCP. */
		k->protocol = IPPROTO_TCP;
		k->fwmark = nla_get_u32(a[IPVS_SVC_ATTR_FWMARK]);
		return 0;
	}
	nla_memcpy(&addr, a[IPVS_SVC_ATTR_ADDR], sizeof(addr));
	k->protocol = nla_get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
	if (af == AF_INET)
		k->addr.ip = addr.ip;
	else
		k->addr.in6 = addr.in6;
	k->port = nla_get_be16(a[IPVS_SVC_ATTR_PORT]);
	return 0;
}

static int put_stats(struct sk_buff *skb, int type,
		      const struct lvs_kstats *k)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, IPVS_STATS_ATTR_CONNS, (u32)k->conns) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_INPKTS, (u32)k->inpkts) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_OUTPKTS, (u32)k->outpkts) ||
	    nla_put_u64_64bit(skb, IPVS_STATS_ATTR_INBYTES, k->inbytes,
			      IPVS_STATS_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, IPVS_STATS_ATTR_OUTBYTES, k->outbytes,
			      IPVS_STATS_ATTR_PAD) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_CPS, (u32)k->cps) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_INPPS, (u32)k->inpps) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_OUTPPS, (u32)k->outpps) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_INBPS, (u32)k->inbps) ||
	    nla_put_u32(skb, IPVS_STATS_ATTR_OUTBPS, (u32)k->outbps)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_stats64(struct sk_buff *skb, int type,
			const struct lvs_kstats *k)
{
	const u64 v[] = { k->conns, k->inpkts, k->outpkts, k->inbytes,
			  k->outbytes, k->cps, k->inpps, k->outpps, k->inbps,
			  k->outbps };
	struct nlattr *nest = nla_nest_start_noflag(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	/* v[] follows IPVS_STATS_ATTR_CONNS .. IPVS_STATS_ATTR_OUTBPS. */
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		if (nla_put_u64_64bit(skb, IPVS_STATS_ATTR_CONNS + i, v[i],
				      IPVS_STATS_ATTR_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Both stats nests of a service or dest, from one consistent read. */
static int put_stats_pair(struct sk_buff *skb, int type, int type64,
			   struct lvs_stats *stats)
{
	struct lvs_kstats k;

	lvs_stats_read(stats, &k);
	if (put_stats(skb, type, &k) || put_stats64(skb, type64, &k))
		return -EMSGSIZE;
	return 0;
}

int lvs_nl_put_service(struct sk_buff *skb, struct lvs_service *svc)
{
	const struct lvs_scheduler *sched;
	const struct lvs_pe *pe;
	struct ip_vs_flags flags = { .flags = svc->flags, .mask = ~0U };
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_SERVICE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, IPVS_SVC_ATTR_AF, svc->key.af))
		goto cancel;
	if (svc->key.fwmark) {
		if (nla_put_u32(skb, IPVS_SVC_ATTR_FWMARK, svc->key.fwmark))
			goto cancel;
	} else if (nla_put_u16(skb, IPVS_SVC_ATTR_PROTOCOL,
			       svc->key.protocol) ||
		   nla_put(skb, IPVS_SVC_ATTR_ADDR, sizeof(svc->key.addr),
			   &svc->key.addr) ||
		   nla_put_be16(skb, IPVS_SVC_ATTR_PORT, svc->key.port)) {
		goto cancel;
	}
	/* ln->mutex for a reply, an RCU read section for an event. */
	sched = rcu_dereference_check(svc->sched,
				      lockdep_is_held(&svc->ln->mutex));
	pe = rcu_dereference_check(svc->pe, lockdep_is_held(&svc->ln->mutex));
	if (nla_put_string(skb, IPVS_SVC_ATTR_SCHED_NAME,
			   sched ? sched->name : "none") ||
	    (pe && nla_put_string(skb, IPVS_SVC_ATTR_PE_NAME, pe->name)) ||
	    nla_put(skb, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	    nla_put_u32(skb, IPVS_SVC_ATTR_TIMEOUT, svc->timeout / HZ) ||
	    nla_put_be32(skb, IPVS_SVC_ATTR_NETMASK, svc->netmask))
		goto cancel;
	if (put_stats_pair(skb, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64,
			    &svc->stats))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int lvs_nl_put_dest(struct sk_buff *skb, struct lvs_dest *dest)
{
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_DEST);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, IPVS_DEST_ATTR_ADDR, sizeof(dest->key.addr),
		    &dest->key.addr) ||
	    nla_put_be16(skb, IPVS_DEST_ATTR_PORT, dest->key.port) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_FWD_METHOD, lvs_dest_fwd(dest)) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_WEIGHT,
			atomic_read(&dest->weight)) ||
	    nla_put_u8(skb, IPVS_DEST_ATTR_TUN_TYPE, dest->tun_type) ||
	    nla_put_be16(skb, IPVS_DEST_ATTR_TUN_PORT, dest->tun_port) ||
	    nla_put_u16(skb, IPVS_DEST_ATTR_TUN_FLAGS, dest->tun_flags) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_U_THRESH, dest->u_threshold) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_L_THRESH, dest->l_threshold) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_ACTIVE_CONNS,
			atomic_read(&dest->activeconns)) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_INACT_CONNS,
			atomic_read(&dest->inactconns)) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_PERSIST_CONNS,
			atomic_read(&dest->persistconns)) ||
	    nla_put_u16(skb, IPVS_DEST_ATTR_ADDR_FAMILY, dest->key.af))
		goto cancel;
	if (put_stats_pair(skb, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64,
			    &dest->stats))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int lvs_nl_put_daemon(struct sk_buff *skb, u32 state,
		       const struct lvs_daemon_cfg *c)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_DAEMON);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, IPVS_DAEMON_ATTR_STATE, state) ||
	    nla_put_string(skb, IPVS_DAEMON_ATTR_MCAST_IFN, c->mcast_ifn) ||
	    nla_put_u32(skb, IPVS_DAEMON_ATTR_SYNC_ID, c->syncid) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_SYNC_MAXLEN, c->sync_maxlen) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_MCAST_PORT, c->mcast_port) ||
	    nla_put_u8(skb, IPVS_DAEMON_ATTR_MCAST_TTL, c->mcast_ttl))
		goto cancel;
	if (c->mcast_af == AF_INET6) {
		if (nla_put_in6_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP6,
				     &c->mcast_group.in6))
			goto cancel;
	} else if (c->mcast_af == AF_INET) {
		if (nla_put_in_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP,
				    c->mcast_group.ip))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
