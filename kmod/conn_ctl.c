// SPDX-License-Identifier: GPL-2.0
/*
 * Connection control on the LVS family (include/uapi/lvs/lvs.h): the
 * connections a filter matches, dumped, or expired now. IPVS offers only
 * /proc/net/ip_vs_conn to read them and nothing to remove one.
 */
#include <linux/inetdevice.h>
#include <linux/rhashtable.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <lvs/lvs.h>

#include "addr.h"
#include "conn.h"
#include "conn_ctl.h"
#include "dest.h"
#include "lvs_family.h"
#include "netns.h"
#include "nl_admin.h"
#include "nl_fill.h"
#include "pe.h"
#include "service.h"

#define STATE_NAME_MAX	16

struct conn_filter {
	struct lvs_svc_key svc;
	union nf_inet_addr daddr;
	union nf_inet_addr caddr;	/* masked to cplen */
	__be16 dport;
	u16 daf;
	u16 caf;			/* 0: any client */
	u8 cplen;
	u16 protocol;			/* 0: any */
	bool by_svc;
	bool by_dest;
	bool templates;
	char state[STATE_NAME_MAX];	/* "": any */
};

static int addr_len(int af)
{
	return af == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);
}

/* An address attribute of family @af, long enough for it. */
static int get_addr(const struct nlattr *nla, int af, union nf_inet_addr *a)
{
	if (!lvs_nl_af_supported(af))
		return -EAFNOSUPPORT;
	if (nla_len(nla) < addr_len(af))
		return -EINVAL;
	memset(a, 0, sizeof(*a));
	memcpy(a, nla_data(nla), addr_len(af));
	return 0;
}

static void addr_mask(int af, union nf_inet_addr *a, u8 plen)
{
	if (af == AF_INET)
		a->ip &= inet_make_mask(plen);
	else
		ipv6_addr_prefix(&a->in6, &a->in6, plen);
}

static bool addr_in(int af, const union nf_inet_addr *a,
		    const union nf_inet_addr *prefix, u8 plen)
{
	if (af == AF_INET)
		return !((a->ip ^ prefix->ip) & inet_make_mask(plen));
	return ipv6_prefix_equal(&a->in6, &prefix->in6, plen);
}

static int parse_dest(const struct nlattr *nla, struct conn_filter *f,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *d[IPVS_DEST_ATTR_MAX + 1];
	int ret;

	ret = nla_parse_nested(d, IPVS_DEST_ATTR_MAX, nla, lvs_nl_dest_policy,
			       extack);
	if (ret)
		return ret;
	if (!d[IPVS_DEST_ATTR_ADDR] || !d[IPVS_DEST_ATTR_PORT])
		return -EINVAL;
	f->daf = f->by_svc ? f->svc.af : AF_INET;
	if (d[IPVS_DEST_ATTR_ADDR_FAMILY])
		f->daf = nla_get_u16(d[IPVS_DEST_ATTR_ADDR_FAMILY]);
	ret = get_addr(d[IPVS_DEST_ATTR_ADDR], f->daf, &f->daddr);
	if (ret)
		return ret;
	f->dport = nla_get_be16(d[IPVS_DEST_ATTR_PORT]);
	f->by_dest = true;
	return 0;
}

static int parse_filter(struct nlattr **a, struct conn_filter *f,
			struct netlink_ext_ack *extack)
{
	int ret;

	memset(f, 0, sizeof(*f));
	if (a[LVS_ATTR_SERVICE]) {
		struct nlattr *s[IPVS_SVC_ATTR_MAX + 1];

		ret = nla_parse_nested(s, IPVS_SVC_ATTR_MAX, a[LVS_ATTR_SERVICE],
				       lvs_nl_svc_policy, extack);
		if (ret)
			return ret;
		ret = lvs_nl_svc_key(s, &f->svc);
		if (ret)
			return ret;
		f->by_svc = true;
	}
	if (a[LVS_ATTR_DEST]) {
		ret = parse_dest(a[LVS_ATTR_DEST], f, extack);
		if (ret)
			return ret;
	}
	if (a[LVS_ATTR_CLIENT_AF] || a[LVS_ATTR_CLIENT_ADDR] ||
	    a[LVS_ATTR_CLIENT_PREFIX]) {
		if (!a[LVS_ATTR_CLIENT_AF] || !a[LVS_ATTR_CLIENT_ADDR] ||
		    !a[LVS_ATTR_CLIENT_PREFIX])
			return -EINVAL;
		f->caf = nla_get_u16(a[LVS_ATTR_CLIENT_AF]);
		ret = get_addr(a[LVS_ATTR_CLIENT_ADDR], f->caf, &f->caddr);
		if (ret)
			return ret;
		f->cplen = nla_get_u8(a[LVS_ATTR_CLIENT_PREFIX]);
		if (f->cplen > addr_len(f->caf) * 8)
			return -EINVAL;
		addr_mask(f->caf, &f->caddr, f->cplen);
	}
	if (a[LVS_ATTR_PROTOCOL])
		f->protocol = nla_get_u16(a[LVS_ATTR_PROTOCOL]);
	if (a[LVS_ATTR_CONN_STATE])
		nla_strscpy(f->state, a[LVS_ATTR_CONN_STATE], sizeof(f->state));
	f->templates = nla_get_flag(a[LVS_ATTR_TEMPLATES]);
	return 0;
}

/* Under rcu_read_lock(): the dest and its service last that long. */
static bool matches(const struct conn_filter *f, const struct lvs_conn *cp)
{
	struct lvs_dest *dest = READ_ONCE(cp->dest);

	if ((cp->flags & IP_VS_CONN_F_TEMPLATE) && !f->templates)
		return false;
	if (f->protocol && cp->protocol != f->protocol)
		return false;
	if (f->caf && (cp->af != f->caf ||
		       !addr_in(f->caf, &cp->caddr, &f->caddr, f->cplen)))
		return false;
	/*
	 * The real server as configured: a port-less one (fwmark services)
	 * holds connections to many ports. An unbound connection has only
	 * its own address.
	 */
	if (f->by_dest && dest &&
	    (dest->key.af != f->daf || dest->key.port != f->dport ||
	     !lvs_addr_eq(f->daf, &dest->key.addr, &f->daddr)))
		return false;
	if (f->by_dest && !dest &&
	    (cp->daf != f->daf || cp->dport != f->dport ||
	     !lvs_addr_eq(f->daf, &cp->daddr, &f->daddr)))
		return false;
	if (f->by_svc) {
		struct lvs_service *svc = dest ? rcu_dereference(dest->svc) :
						 NULL;

		if (!svc || !lvs_svc_key_eq(&svc->key, &f->svc))
			return false;
	}
	return !f->state[0] || !strcmp(lvs_conn_state_name(cp), f->state);
}

static int put_addr(struct sk_buff *skb, int type, int af,
		    const union nf_inet_addr *a)
{
	return nla_put(skb, type, addr_len(af), a);
}

static int put_conn(struct sk_buff *skb, const struct lvs_conn *cp)
{
	long left = READ_ONCE(cp->timer.expires) - jiffies;
	struct nlattr *nest = nla_nest_start(skb, LVS_ATTR_CONN);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, LVS_CONN_ATTR_AF, cp->af) ||
	    nla_put_u16(skb, LVS_CONN_ATTR_PROTOCOL, cp->protocol) ||
	    put_addr(skb, LVS_CONN_ATTR_CADDR, cp->af, &cp->caddr) ||
	    nla_put_be16(skb, LVS_CONN_ATTR_CPORT, cp->cport) ||
	    put_addr(skb, LVS_CONN_ATTR_VADDR, cp->af, &cp->vaddr) ||
	    nla_put_be16(skb, LVS_CONN_ATTR_VPORT, cp->vport) ||
	    nla_put_u16(skb, LVS_CONN_ATTR_DAF, cp->daf) ||
	    put_addr(skb, LVS_CONN_ATTR_DADDR, cp->daf, &cp->daddr) ||
	    nla_put_be16(skb, LVS_CONN_ATTR_DPORT, cp->dport) ||
	    nla_put_string(skb, LVS_CONN_ATTR_STATE,
			   lvs_conn_state_name(cp)) ||
	    nla_put_u32(skb, LVS_CONN_ATTR_FLAGS, READ_ONCE(cp->flags)) ||
	    nla_put_u32(skb, LVS_CONN_ATTR_EXPIRES,
			left > 0 ? jiffies_to_msecs(left) : 0))
		goto cancel;
	if (cp->pe && (nla_put_string(skb, LVS_CONN_ATTR_PE_NAME,
				      cp->pe->name) ||
		       nla_put(skb, LVS_CONN_ATTR_PE_DATA, cp->pe_data_len,
			       cp->pe_data)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* A dump's state, from start to done: where the walk is, and its filter. */
struct conn_dump {
	struct rhashtable_iter hti;
	struct conn_filter f;
};

int lvs_conn_ctl_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct lvs_net *ln = lvs_net(sock_net(cb->skb->sk));
	struct conn_dump *d;
	int ret;

	ret = lvs_nl_may_admin(cb->skb);
	if (ret)
		return ret;
	if (!ln)
		return -EAGAIN;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	ret = parse_filter(info->attrs, &d->f, cb->extack);
	if (ret) {
		kfree(d);
		return ret;
	}
	rhashtable_walk_enter(&ln->conn.in_tab, &d->hti);
	cb->args[0] = (long)d;
	return 0;
}

int lvs_conn_ctl_dump_done(struct netlink_callback *cb)
{
	struct conn_dump *d = (struct conn_dump *)cb->args[0];

	if (d) {
		rhashtable_walk_exit(&d->hti);
		kfree(d);
	}
	return 0;
}

/*
 * One message per connection. The walk's current entry is the first one
 * this call sends: the one the last call could not fit, or the table's
 * first.
 */
int lvs_conn_ctl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct conn_dump *d = (struct conn_dump *)cb->args[0];
	struct lvs_conn *cp;
	void *hdr;

	rhashtable_walk_start(&d->hti);
	for (cp = rhashtable_walk_peek(&d->hti); cp;
	     cp = rhashtable_walk_next(&d->hti)) {
		/* -EAGAIN: resized; the walk goes on in the new table. */
		if (IS_ERR(cp))
			continue;
		if (!matches(&d->f, cp))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &lvs_own_family,
				  NLM_F_MULTI, LVS_CMD_GET_CONN);
		if (!hdr)
			break;
		if (put_conn(skb, cp)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rhashtable_walk_stop(&d->hti);
	return skb->len;
}

/* Entries between yields: a long RCU section would stall the kernel. */
#define DEL_BATCH	256

static u32 expire_matching(struct lvs_conn_net *cn,
			   const struct conn_filter *f)
{
	struct rhashtable_iter hti;
	struct lvs_conn *cp;
	unsigned int seen = 0;
	u32 n = 0;

	rhashtable_walk_enter(&cn->in_tab, &hti);
	rhashtable_walk_start(&hti);
	while ((cp = rhashtable_walk_next(&hti))) {
		if (IS_ERR(cp))
			continue;
		if (++seen % DEL_BATCH == 0) {
			rhashtable_walk_stop(&hti);
			cond_resched();
			rhashtable_walk_start(&hti);
		}
		if (!matches(f, cp) || !refcount_inc_not_zero(&cp->refcnt))
			continue;
		/* Unhashed, it is off the walk's way: the walk keeps going. */
		lvs_conn_expire_now(cp);
		lvs_conn_put(cp);
		n++;
	}
	rhashtable_walk_stop(&hti);
	rhashtable_walk_exit(&hti);
	return n;
}

int lvs_conn_ctl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct lvs_net *ln = lvs_net(sock_net(skb->sk));
	struct conn_filter f;
	struct sk_buff *msg;
	void *hdr;
	u32 n;
	int ret;

	if (!ln)
		return -EAGAIN;
	ret = parse_filter(info->attrs, &f, info->extack);
	if (ret)
		return ret;
	msg = genlmsg_new(nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	n = expire_matching(&ln->conn, &f);
	hdr = genlmsg_put_reply(msg, info, &lvs_own_family, 0,
				LVS_CMD_DEL_CONN);
	if (!hdr || nla_put_u32(msg, LVS_ATTR_COUNT, n)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
