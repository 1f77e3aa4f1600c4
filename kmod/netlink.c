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
#include <lvs/lvs.h>

#include "dest.h"
#include "events.h"
#include "hooks.h"
#include "netlink.h"
#include "netns.h"
#include "nl_admin.h"
#include "nl_fill.h"
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

static struct lvs_net *skb_lvs_net(struct sk_buff *skb)
{
	return lvs_net(sock_net(skb->sk));
}

/* ---- requests ---- */

/* The service or dest a command named, as it is after the command. */
static struct lvs_service *svc_of(struct lvs_net *ln,
				  const struct lvs_svc_conf *sc)
{
	if (sc->key.fwmark)
		return lvs_svc_lookup_fwmark(ln, sc->key.af, sc->key.fwmark);
	return lvs_svc_lookup(ln, sc->key.af, sc->key.protocol, &sc->key.addr,
			      sc->key.port);
}

static struct lvs_dest *dest_of(struct lvs_service *svc,
				const struct lvs_dest_conf *dc)
{
	return lvs_dest_lookup(svc, dc->af, &dc->addr, dc->port);
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
	int ret;

	if (!nla || nla_parse_nested_deprecated(a, IPVS_SVC_ATTR_MAX, nla,
						lvs_nl_svc_policy, NULL))
		return -EINVAL;

	memset(c, 0, sizeof(*c));
	ret = lvs_nl_svc_key(a, &c->key);
	if (ret)
		return ret;

	/* A zero fwmark means an address service, even with FWMARK set. */
	svc = svc_of(ln, c);
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
						lvs_nl_dest_policy, NULL))
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
	if (!lvs_nl_af_supported(d->af))
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

/* The change event (events.h) of a service or dest command that worked. */
static void tell(struct lvs_net *ln, u8 cmd, const struct lvs_svc_conf *sc,
		 const struct lvs_dest_conf *dc, bool revived)
{
	struct lvs_service *svc = svc_of(ln, sc);

	if (WARN_ON_ONCE(!svc))
		return;
	switch (cmd) {
	case IPVS_CMD_NEW_SERVICE:
		lvs_ev_tell(ln, LVS_CMD_EV_NEW_SERVICE, svc, NULL);
		break;
	case IPVS_CMD_SET_SERVICE:
		lvs_ev_tell(ln, LVS_CMD_EV_SET_SERVICE, svc, NULL);
		break;
	case IPVS_CMD_NEW_DEST:
		lvs_ev_dest_added(ln, svc, dest_of(svc, dc), revived);
		break;
	case IPVS_CMD_SET_DEST:
		lvs_ev_tell(ln, LVS_CMD_EV_SET_DEST, svc, dest_of(svc, dc));
		break;
	case IPVS_CMD_ZERO:
		lvs_ev_tell(ln, LVS_CMD_EV_ZERO, svc, NULL);
		break;
	}
}

static int apply(struct lvs_net *ln, u8 cmd, struct lvs_service *svc,
		 const struct lvs_svc_conf *sc, const struct lvs_dest_conf *dc,
		 bool *revived)
{
	switch (cmd) {
	case IPVS_CMD_NEW_SERVICE:
		return svc ? -EEXIST : svc_add(ln, sc);
	case IPVS_CMD_SET_SERVICE:
		return lvs_svc_edit(svc, sc);
	case IPVS_CMD_DEL_SERVICE:
		lvs_svc_del(svc);
		lvs_hooks_put_unused(ln);
		return 0;
	case IPVS_CMD_NEW_DEST:
		return lvs_dest_add(svc, dc, revived);
	case IPVS_CMD_SET_DEST:
		return lvs_dest_edit(svc, dc);
	case IPVS_CMD_DEL_DEST:
		return lvs_dest_del(svc, dc);
	case IPVS_CMD_ZERO:
		lvs_svc_zero(svc);
		return 0;
	default:
		return -EINVAL;
	}
}

static int do_set(struct lvs_net *ln, struct genl_info *info)
{
	u8 cmd = info->genlhdr->cmd;
	struct sk_buff *gone = NULL;
	struct lvs_service *svc;
	struct lvs_svc_conf sc;
	struct lvs_dest_conf dc;
	bool revived = false;
	int ret;

	switch (cmd) {
	case IPVS_CMD_FLUSH:
		lvs_svc_flush(ln);
		lvs_hooks_put_unused(ln);
		lvs_ev_tell(ln, LVS_CMD_EV_FLUSH, NULL, NULL);
		return 0;
	case IPVS_CMD_SET_CONFIG:
		ret = set_config(ln, info->attrs);
		if (!ret)
			lvs_ev_timeouts(ln);
		return ret;
	case IPVS_CMD_ZERO:
		if (!info->attrs[IPVS_CMD_ATTR_SERVICE]) {
			lvs_svc_zero_all(ln);
			lvs_ev_tell(ln, LVS_CMD_EV_ZERO, NULL, NULL);
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

	/* A deletion's event describes what is about to go. */
	if (cmd == IPVS_CMD_DEL_SERVICE)
		gone = lvs_ev_make(ln, LVS_CMD_EV_DEL_SERVICE, svc, NULL);
	else if (cmd == IPVS_CMD_DEL_DEST)
		gone = lvs_ev_make(ln, LVS_CMD_EV_DEL_DEST, svc,
				   dest_of(svc, &dc));

	ret = apply(ln, cmd, svc, &sc, &dc, &revived);
	if (ret)
		nlmsg_free(gone);
	else if (gone)
		lvs_ev_send(ln, gone);
	else if (cmd != IPVS_CMD_DEL_SERVICE && cmd != IPVS_CMD_DEL_DEST)
		tell(ln, cmd, &sc, &dc, revived);
	return ret;
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
	if (!ret) {
		/* Exactly one of master or backup, or it failed. */
		u32 state = nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]);

		if (info->genlhdr->cmd == IPVS_CMD_DEL_DAEMON)
			lvs_ev_daemon(ln, state, NULL);
		else
			lvs_ev_daemon(ln, state,
				      state == IP_VS_STATE_MASTER ? &ln->mcfg :
								    &ln->bcfg);
	}
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
		return lvs_nl_put_service(msg, svc);
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
		if (lvs_nl_put_service(skb, svc)) {
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
		if (lvs_nl_put_dest(skb, dest)) {
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
		if (lvs_nl_put_daemon(skb, states[i],
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

/* Refused before anything is done: an error to the request, as IPVS's. */
static int pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
		    struct genl_info *info)
{
	return lvs_nl_may_admin(skb);
}

static int dump_start(struct netlink_callback *cb)
{
	return lvs_nl_may_admin(cb->skb);
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
