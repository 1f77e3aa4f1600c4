// SPDX-License-Identifier: GPL-2.0
/*
 * The IPVS generic netlink family, speaking exactly what stock ipvsadm and
 * keepalived expect from the kernel's ip_vs: the same attribute policies,
 * the same reply commands and the same errno for each failure.
 */
#include <linux/ipv6.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "dest.h"
#include "hooks.h"
#include "netlink.h"
#include "netns.h"
#include "pe.h"
#include "sched/sched.h"
#include "service.h"
#include "sync/sync_daemon.h"

static struct genl_family lvs_genl_family;

static const struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP]	= { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]	= { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP]	= { .type = NLA_U32 },
};

static const struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_IFN]	= { .type = NLA_NUL_STRING,
					    .len = IP_VS_IFNAME_MAXLEN - 1 },
	[IPVS_DAEMON_ATTR_SYNC_ID]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN]	= { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6]	= { .len = sizeof(struct in6_addr) },
	[IPVS_DAEMON_ATTR_MCAST_PORT]	= { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL]	= { .type = NLA_U8 },
};

/* PE_NAME allows one byte more than SCHED_NAME: IPVS's quirk, kept. */
static const struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
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

static const struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
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

static struct lvs_net *skb_lvs_net(struct sk_buff *skb)
{
	return lvs_net(sock_net(skb->sk));
}

/* ---- replies ---- */

static int fill_stats(struct sk_buff *skb, int type,
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

static int fill_stats64(struct sk_buff *skb, int type,
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
static int fill_stats_pair(struct sk_buff *skb, int type, int type64,
			   struct lvs_stats *stats)
{
	struct lvs_kstats k;

	lvs_stats_read(stats, &k);
	if (fill_stats(skb, type, &k) || fill_stats64(skb, type64, &k))
		return -EMSGSIZE;
	return 0;
}

static int fill_service(struct sk_buff *skb, struct lvs_service *svc)
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
	sched = rcu_dereference_protected(svc->sched, 1);
	pe = rcu_dereference_protected(svc->pe, 1);
	if (nla_put_string(skb, IPVS_SVC_ATTR_SCHED_NAME,
			   sched ? sched->name : "none") ||
	    (pe && nla_put_string(skb, IPVS_SVC_ATTR_PE_NAME, pe->name)) ||
	    nla_put(skb, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	    nla_put_u32(skb, IPVS_SVC_ATTR_TIMEOUT, svc->timeout / HZ) ||
	    nla_put_be32(skb, IPVS_SVC_ATTR_NETMASK, svc->netmask))
		goto cancel;
	if (fill_stats_pair(skb, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64,
			    &svc->stats))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int fill_dest(struct sk_buff *skb, struct lvs_dest *dest)
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
	if (fill_stats_pair(skb, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64,
			    &dest->stats))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int fill_daemon(struct sk_buff *skb, u32 state,
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

/* ---- requests ---- */

static bool af_supported(int af)
{
	return af == AF_INET || (af == AF_INET6 && ipv6_mod_enabled());
}

/*
 * Parse a service nest into @c and look the service up (*svcp, NULL if
 * absent). @full requires the settings NEW/SET_SERVICE carry.
 */
static int parse_service(struct lvs_net *ln, struct nlattr *nla, bool full,
			 struct lvs_svc_conf *c, struct lvs_service **svcp)
{
	struct nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	struct lvs_service *svc;
	union nf_inet_addr addr;
	int af;

	if (!nla || nla_parse_nested_deprecated(a, IPVS_SVC_ATTR_MAX, nla,
						svc_policy, NULL))
		return -EINVAL;
	if (!a[IPVS_SVC_ATTR_AF] ||
	    !(a[IPVS_SVC_ATTR_FWMARK] ||
	      (a[IPVS_SVC_ATTR_PORT] && a[IPVS_SVC_ATTR_PROTOCOL] &&
	       a[IPVS_SVC_ATTR_ADDR])))
		return -EINVAL;

	memset(c, 0, sizeof(*c));
	af = nla_get_u16(a[IPVS_SVC_ATTR_AF]);
	if (!af_supported(af))
		return -EAFNOSUPPORT;

	c->key.af = af;
	if (a[IPVS_SVC_ATTR_FWMARK]) {
		/* IPVS files fwmark services under TCP. */
		c->key.protocol = IPPROTO_TCP;
		c->key.fwmark = nla_get_u32(a[IPVS_SVC_ATTR_FWMARK]);
	} else {
		nla_memcpy(&addr, a[IPVS_SVC_ATTR_ADDR], sizeof(addr));
		c->key.protocol = nla_get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
		if (af == AF_INET)
			c->key.addr.ip = addr.ip;
		else
			c->key.addr.in6 = addr.in6;
		c->key.port = nla_get_be16(a[IPVS_SVC_ATTR_PORT]);
	}

	/* A zero fwmark means an address service, even with FWMARK set. */
	if (c->key.fwmark)
		svc = lvs_svc_lookup_fwmark(ln, af, c->key.fwmark);
	else
		svc = lvs_svc_lookup(ln, af, c->key.protocol, &c->key.addr,
				     c->key.port);
	*svcp = svc;

	if (full) {
		struct ip_vs_flags flags;

		if (!a[IPVS_SVC_ATTR_SCHED_NAME] || !a[IPVS_SVC_ATTR_FLAGS] ||
		    !a[IPVS_SVC_ATTR_TIMEOUT] || !a[IPVS_SVC_ATTR_NETMASK])
			return -EINVAL;
		memset(&flags, 0, sizeof(flags));
		nla_memcpy(&flags, a[IPVS_SVC_ATTR_FLAGS], sizeof(flags));
		/* Only the bits in mask change; the rest keep their value. */
		c->flags = svc ? svc->flags : 0;
		c->flags = (c->flags & ~flags.mask) | (flags.flags & flags.mask);
		c->sched_name = nla_data(a[IPVS_SVC_ATTR_SCHED_NAME]);
		c->pe_name = a[IPVS_SVC_ATTR_PE_NAME] ?
			     nla_data(a[IPVS_SVC_ATTR_PE_NAME]) : NULL;
		c->timeout = nla_get_u32(a[IPVS_SVC_ATTR_TIMEOUT]);
		c->netmask = nla_get_be32(a[IPVS_SVC_ATTR_NETMASK]);
	}
	return 0;
}

static int parse_dest(struct nlattr *nla, bool full, struct lvs_dest_conf *c)
{
	struct nlattr *a[IPVS_DEST_ATTR_MAX + 1];

	if (!nla || nla_parse_nested_deprecated(a, IPVS_DEST_ATTR_MAX, nla,
						dest_policy, NULL))
		return -EINVAL;
	if (!a[IPVS_DEST_ATTR_ADDR] || !a[IPVS_DEST_ATTR_PORT])
		return -EINVAL;

	memset(c, 0, sizeof(*c));
	nla_memcpy(&c->addr, a[IPVS_DEST_ATTR_ADDR], sizeof(c->addr));
	c->port = nla_get_be16(a[IPVS_DEST_ATTR_PORT]);
	/* 0: old clients do not send it; the service's family applies. */
	if (a[IPVS_DEST_ATTR_ADDR_FAMILY])
		c->af = nla_get_u16(a[IPVS_DEST_ATTR_ADDR_FAMILY]);

	if (full) {
		if (!a[IPVS_DEST_ATTR_FWD_METHOD] || !a[IPVS_DEST_ATTR_WEIGHT] ||
		    !a[IPVS_DEST_ATTR_U_THRESH] || !a[IPVS_DEST_ATTR_L_THRESH])
			return -EINVAL;
		c->conn_flags = nla_get_u32(a[IPVS_DEST_ATTR_FWD_METHOD]) &
				IP_VS_CONN_F_FWD_MASK;
		c->weight = nla_get_u32(a[IPVS_DEST_ATTR_WEIGHT]);
		c->u_threshold = nla_get_u32(a[IPVS_DEST_ATTR_U_THRESH]);
		c->l_threshold = nla_get_u32(a[IPVS_DEST_ATTR_L_THRESH]);
		if (a[IPVS_DEST_ATTR_TUN_TYPE])
			c->tun_type = nla_get_u8(a[IPVS_DEST_ATTR_TUN_TYPE]);
		if (a[IPVS_DEST_ATTR_TUN_PORT])
			c->tun_port = nla_get_be16(a[IPVS_DEST_ATTR_TUN_PORT]);
		if (a[IPVS_DEST_ATTR_TUN_FLAGS])
			c->tun_flags = nla_get_u16(a[IPVS_DEST_ATTR_TUN_FLAGS]);
	}
	return 0;
}

static int set_config(struct lvs_net *ln, struct nlattr **attrs)
{
	static const int types[] = { IPVS_CMD_ATTR_TIMEOUT_TCP,
				     IPVS_CMD_ATTR_TIMEOUT_TCP_FIN,
				     IPVS_CMD_ATTR_TIMEOUT_UDP };
	int *const slots[] = { &ln->timeout_tcp, &ln->timeout_tcp_fin,
			       &ln->timeout_udp };
	int secs[ARRAY_SIZE(types)];
	int i;

	/* All or nothing: validate every value before storing any. */
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		secs[i] = READ_ONCE(*slots[i]) / HZ;
		if (attrs[types[i]])
			secs[i] = nla_get_u32(attrs[types[i]]);
		if (secs[i] < 0 || secs[i] > INT_MAX / HZ)
			return -EINVAL;
	}
	/* Zero leaves a timeout unchanged. */
	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (secs[i])
			WRITE_ONCE(*slots[i], secs[i] * HZ);
	return 0;
}

/*
 * The data plane's hooks come with a family's first service and go with
 * its last (hooks.c): the control path asks for them around the model,
 * which knows nothing of the packet path.
 */
static int svc_add(struct lvs_net *ln, const struct lvs_svc_conf *sc)
{
	int ret = lvs_hooks_get(ln, sc->key.af);

	if (ret)
		return ret;
	ret = lvs_svc_add(ln, sc);
	if (ret)
		lvs_hooks_put_unused(ln);
	return ret;
}

/* The service's settings must exist, a dest of another family tunnels. */
static int check_dest_family(struct lvs_net *ln, struct lvs_service *svc,
			     struct lvs_dest_conf *d, u8 cmd)
{
	if (!d->af)
		d->af = svc->key.af;
	if (!af_supported(d->af))
		return -EAFNOSUPPORT;
	if (d->af != svc->key.af && cmd != IPVS_CMD_DEL_DEST) {
		/* The sync protocol cannot carry mixed families. */
		if (ln->sync_state)
			return -EINVAL;
		if (d->conn_flags != IP_VS_CONN_F_TUNNEL)
			return -EINVAL;
	}
	return 0;
}

static int do_set(struct lvs_net *ln, struct genl_info *info)
{
	u8 cmd = info->genlhdr->cmd;
	struct lvs_service *svc;
	struct lvs_svc_conf sc;
	struct lvs_dest_conf dc;
	int ret;

	switch (cmd) {
	case IPVS_CMD_FLUSH:
		lvs_svc_flush(ln);
		lvs_hooks_put_unused(ln);
		return 0;
	case IPVS_CMD_SET_CONFIG:
		return set_config(ln, info->attrs);
	case IPVS_CMD_ZERO:
		if (!info->attrs[IPVS_CMD_ATTR_SERVICE]) {
			lvs_svc_zero_all(ln);
			return 0;
		}
		break;
	}

	ret = parse_service(ln, info->attrs[IPVS_CMD_ATTR_SERVICE],
			    cmd == IPVS_CMD_NEW_SERVICE ||
			    cmd == IPVS_CMD_SET_SERVICE, &sc, &svc);
	if (ret)
		return ret;
	if (cmd != IPVS_CMD_NEW_SERVICE && !svc)
		return -ESRCH;

	if (cmd == IPVS_CMD_NEW_DEST || cmd == IPVS_CMD_SET_DEST ||
	    cmd == IPVS_CMD_DEL_DEST) {
		ret = parse_dest(info->attrs[IPVS_CMD_ATTR_DEST],
				 cmd != IPVS_CMD_DEL_DEST, &dc);
		if (ret)
			return ret;
		ret = check_dest_family(ln, svc, &dc, cmd);
		if (ret)
			return ret;
	}

	switch (cmd) {
	case IPVS_CMD_NEW_SERVICE:
		return svc ? -EEXIST : svc_add(ln, &sc);
	case IPVS_CMD_SET_SERVICE:
		return lvs_svc_edit(svc, &sc);
	case IPVS_CMD_DEL_SERVICE:
		lvs_svc_del(svc);
		lvs_hooks_put_unused(ln);
		return 0;
	case IPVS_CMD_NEW_DEST:
		return lvs_dest_add(svc, &dc);
	case IPVS_CMD_SET_DEST:
		return lvs_dest_edit(svc, &dc);
	case IPVS_CMD_DEL_DEST:
		return lvs_dest_del(svc, &dc);
	case IPVS_CMD_ZERO:
		lvs_svc_zero(svc);
		return 0;
	default:
		return -EINVAL;
	}
}

static int set_cmd(struct sk_buff *skb, struct genl_info *info)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	int ret;

	if (!ln)
		return -EAGAIN;
	mutex_lock(&ln->mutex);
	ret = do_set(ln, info);
	mutex_unlock(&ln->mutex);
	return ret;
}

static int new_daemon(struct lvs_net *ln, struct nlattr **a)
{
	struct lvs_daemon_cfg c;
	struct nlattr *n;

	if (!a[IPVS_DAEMON_ATTR_STATE] || !a[IPVS_DAEMON_ATTR_MCAST_IFN] ||
	    !a[IPVS_DAEMON_ATTR_SYNC_ID])
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	nla_strscpy(c.mcast_ifn, a[IPVS_DAEMON_ATTR_MCAST_IFN],
		    sizeof(c.mcast_ifn));
	c.syncid = nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	n = a[IPVS_DAEMON_ATTR_SYNC_MAXLEN];
	if (n)
		c.sync_maxlen = nla_get_u16(n);

	n = a[IPVS_DAEMON_ATTR_MCAST_GROUP];
	if (n) {
		c.mcast_af = AF_INET;
		c.mcast_group.ip = nla_get_in_addr(n);
		if (!ipv4_is_multicast(c.mcast_group.ip))
			return -EINVAL;
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		c.mcast_af = AF_INET6;
		c.mcast_group.in6 =
			nla_get_in6_addr(a[IPVS_DAEMON_ATTR_MCAST_GROUP6]);
		if (!(ipv6_addr_type(&c.mcast_group.in6) &
		      IPV6_ADDR_MULTICAST))
			return -EINVAL;
	}
	n = a[IPVS_DAEMON_ATTR_MCAST_PORT];
	if (n)
		c.mcast_port = nla_get_u16(n);
	n = a[IPVS_DAEMON_ATTR_MCAST_TTL];
	if (n)
		c.mcast_ttl = nla_get_u8(n);

	if (ln->mixed_af_dests > 0)
		return -EINVAL;
	return lvs_daemon_start(ln, &c, nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]));
}

static int set_daemon(struct sk_buff *skb, struct genl_info *info)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	int ret;

	if (!ln)
		return -EAGAIN;
	if (!info->attrs[IPVS_CMD_ATTR_DAEMON] ||
	    nla_parse_nested_deprecated(a, IPVS_DAEMON_ATTR_MAX,
					info->attrs[IPVS_CMD_ATTR_DAEMON],
					daemon_policy, info->extack))
		return -EINVAL;

	mutex_lock(&ln->mutex);
	if (info->genlhdr->cmd == IPVS_CMD_NEW_DAEMON)
		ret = new_daemon(ln, a);
	else if (!a[IPVS_DAEMON_ATTR_STATE])
		ret = -EINVAL;
	else
		ret = lvs_daemon_stop(ln,
				      nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]));
	mutex_unlock(&ln->mutex);
	return ret;
}

static int fill_get_reply(struct lvs_net *ln, struct sk_buff *msg,
			  struct genl_info *info)
{
	struct lvs_service *svc;
	int ret;

	switch (info->genlhdr->cmd) {
	case IPVS_CMD_GET_SERVICE:
		ret = parse_service(ln, info->attrs[IPVS_CMD_ATTR_SERVICE],
				    false, &(struct lvs_svc_conf){}, &svc);
		if (ret)
			return ret;
		if (!svc)
			return -ESRCH;
		return fill_service(msg, svc);
	case IPVS_CMD_GET_CONFIG:
		if (nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP,
				READ_ONCE(ln->timeout_tcp) / HZ) ||
		    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN,
				READ_ONCE(ln->timeout_tcp_fin) / HZ) ||
		    nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP,
				READ_ONCE(ln->timeout_udp) / HZ))
			return -EMSGSIZE;
		return 0;
	case IPVS_CMD_GET_INFO:
		if (nla_put_u32(msg, IPVS_INFO_ATTR_VERSION,
				IP_VS_VERSION_CODE) ||
		    nla_put_u32(msg, IPVS_INFO_ATTR_CONN_TAB_SIZE,
				LVS_CONN_TAB_SIZE))
			return -EMSGSIZE;
		return 0;
	default:
		return -EINVAL;
	}
}

static int get_cmd(struct sk_buff *skb, struct genl_info *info)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	struct sk_buff *msg;
	void *hdr;
	u8 reply;
	int ret;

	if (!ln)
		return -EAGAIN;
	switch (info->genlhdr->cmd) {
	case IPVS_CMD_GET_SERVICE:
		reply = IPVS_CMD_NEW_SERVICE;
		break;
	case IPVS_CMD_GET_INFO:
		reply = IPVS_CMD_SET_INFO;
		break;
	case IPVS_CMD_GET_CONFIG:
		reply = IPVS_CMD_SET_CONFIG;
		break;
	default:
		return -EINVAL;
	}

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &lvs_genl_family, 0, reply);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	mutex_lock(&ln->mutex);
	ret = fill_get_reply(ln, msg, info);
	mutex_unlock(&ln->mutex);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* ---- dumps ---- */

static void *dump_hdr(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, &lvs_genl_family, NLM_F_MULTI,
			   cmd);
}

/* cb->args[0]: the service id to resume from. */
static int dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	struct lvs_service *svc;
	unsigned long id;
	void *hdr;

	if (!ln)
		return -EAGAIN;
	mutex_lock(&ln->mutex);
	xa_for_each_start(&ln->svc_ids, id, svc, cb->args[0]) {
		hdr = dump_hdr(skb, cb, IPVS_CMD_NEW_SERVICE);
		if (!hdr)
			break;
		if (fill_service(skb, svc)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	mutex_unlock(&ln->mutex);
	return skb->len;
}

/*
 * cb->args[0]: how many dests of the service were sent. An unknown
 * service gives an empty dump, as with IPVS.
 */
static int dump_dests(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	struct nlattr *attrs[IPVS_CMD_ATTR_MAX + 1];
	struct lvs_service *svc;
	struct lvs_dest *dest;
	long idx = 0;
	void *hdr;

	if (!ln)
		return -EAGAIN;
	mutex_lock(&ln->mutex);
	if (nlmsg_parse_deprecated(cb->nlh, GENL_HDRLEN, attrs,
				   IPVS_CMD_ATTR_MAX, cmd_policy, cb->extack))
		goto out;
	if (parse_service(ln, attrs[IPVS_CMD_ATTR_SERVICE], false,
			  &(struct lvs_svc_conf){}, &svc) || !svc)
		goto out;

	list_for_each_entry(dest, &svc->dests, n_list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = dump_hdr(skb, cb, IPVS_CMD_NEW_DEST);
		if (!hdr)
			break;
		if (fill_dest(skb, dest)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
out:
	mutex_unlock(&ln->mutex);
	return skb->len;
}

/* cb->args[0] and [1]: master and backup already sent. */
static int dump_daemons(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct lvs_net *ln = skb_lvs_net(skb);
	static const u32 states[] = { IP_VS_STATE_MASTER, IP_VS_STATE_BACKUP };
	int i;

	if (!ln)
		return -EAGAIN;
	mutex_lock(&ln->mutex);
	for (i = 0; i < ARRAY_SIZE(states); i++) {
		void *hdr;

		if (!(ln->sync_state & states[i]) || cb->args[i])
			continue;
		hdr = dump_hdr(skb, cb, IPVS_CMD_NEW_DAEMON);
		if (!hdr)
			break;
		if (fill_daemon(skb, states[i],
				i ? &ln->bcfg : &ln->mcfg)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[i] = 1;
	}
	mutex_unlock(&ln->mutex);
	return skb->len;
}

/*
 * Who may send commands. As in IPVS, CAP_NET_ADMIN of the host (the
 * initial user namespace), reads included. Containers, opt-in: with
 * userns_admin set by the host's root, CAP_NET_ADMIN in the user
 * namespace that owns the network namespace is enough for that
 * namespace's tables (a request only ever reaches its socket's own). The
 * sysctls stay hidden there, as IPVS hides them.
 */
static bool userns_admin;
module_param(userns_admin, bool, 0644);
MODULE_PARM_DESC(userns_admin,
		 "let CAP_NET_ADMIN in a network namespace's owning user namespace administer its tables (default: off, as IPVS)");

static int may_admin(const struct sk_buff *skb)
{
	if (netlink_capable(skb, CAP_NET_ADMIN))
		return 0;
	if (READ_ONCE(userns_admin) &&
	    netlink_ns_capable(skb, sock_net(skb->sk)->user_ns, CAP_NET_ADMIN))
		return 0;
	return -EPERM;
}

/* Refused before anything is done: an error to the request, as IPVS's. */
static int pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
		    struct genl_info *info)
{
	return may_admin(skb);
}

static int dump_start(struct netlink_callback *cb)
{
	return may_admin(cb->skb);
}

/*
 * IPVS parses its attributes leniently (clients have always sent them
 * that way). GENL_UNS_ADMIN_PERM is genetlink's own first check (the
 * socket's namespace); pre_doit and dump_start apply the rule above.
 */
#define OPS(c, d, st, u)						\
	{								\
		.cmd = c,						\
		.validate = GENL_DONT_VALIDATE_STRICT |			\
			    GENL_DONT_VALIDATE_DUMP,			\
		.flags = GENL_UNS_ADMIN_PERM,				\
		.doit = d,						\
		.start = st,						\
		.dumpit = u,						\
	}
#define OP(c, d)	OPS(c, d, NULL, NULL)
#define DUMP(c, d, u)	OPS(c, d, dump_start, u)

static const struct genl_ops lvs_genl_ops[] = {
	OP(IPVS_CMD_NEW_SERVICE, set_cmd),
	OP(IPVS_CMD_SET_SERVICE, set_cmd),
	OP(IPVS_CMD_DEL_SERVICE, set_cmd),
	DUMP(IPVS_CMD_GET_SERVICE, get_cmd, dump_services),
	OP(IPVS_CMD_NEW_DEST, set_cmd),
	OP(IPVS_CMD_SET_DEST, set_cmd),
	OP(IPVS_CMD_DEL_DEST, set_cmd),
	DUMP(IPVS_CMD_GET_DEST, NULL, dump_dests),
	OP(IPVS_CMD_NEW_DAEMON, set_daemon),
	OP(IPVS_CMD_DEL_DAEMON, set_daemon),
	DUMP(IPVS_CMD_GET_DAEMON, NULL, dump_daemons),
	OP(IPVS_CMD_SET_CONFIG, set_cmd),
	OP(IPVS_CMD_GET_CONFIG, get_cmd),
	OP(IPVS_CMD_GET_INFO, get_cmd),
	OP(IPVS_CMD_ZERO, set_cmd),
	OP(IPVS_CMD_FLUSH, set_cmd),
};

static struct genl_family lvs_genl_family __ro_after_init = {
	.name		= IPVS_GENL_NAME,
	.version	= IPVS_GENL_VERSION,
	.maxattr	= IPVS_CMD_ATTR_MAX,
	.policy		= cmd_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.pre_doit	= pre_doit,
	.ops		= lvs_genl_ops,
	.n_ops		= ARRAY_SIZE(lvs_genl_ops),
	.resv_start_op	= IPVS_CMD_FLUSH + 1,
};

int __init lvs_genl_init(void)
{
	return genl_register_family(&lvs_genl_family);
}

void lvs_genl_exit(void)
{
	genl_unregister_family(&lvs_genl_family);
}
