// SPDX-License-Identifier: GPL-2.0
#include <linux/delay.h>
#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>

#include "addr.h"
#include "conn.h"
#include "defense.h"
#include "dest.h"
#include "netns.h"
#include "nfct.h"
#include "pkt.h"
#include "proto.h"
#include "race_point.h"
#include "sched/sched.h"
#include "service.h"
#include "sync/sync.h"

/* Only for those that exist while the table does: /proc, hooks, daemons. */
struct lvs_conn_net *lvs_conn_net(const struct net *net)
{
	struct lvs_net *ln = net_generic(net, lvs_net_id);

	return &ln->conn;
}

static struct kmem_cache *conn_cache __read_mostly;

/*
 * The application helper's hooks (conn.h; the FTP helper's, given by
 * main.c), called through pointers because the helper sits above the
 * table (it makes connections itself).
 */
static const struct lvs_conn_app_ops *conn_app __read_mostly;

/* A lookup tuple: in_tab (caddr, cport, vaddr, vport), out_tab (daddr,
 * dport, caddr, cport).
 */
struct conn_key {
	union nf_inet_addr a1;
	union nf_inet_addr a2;
	__be16 p1;
	__be16 p2;
	u8 af;
	u8 protocol;
	bool tpl;
	/* An invalidated template, which matches only itself (NULL: none). */
	const struct lvs_conn *only;
	/* A template's persistence-engine data (pe_len 0: none). */
	const char *pe_data;
	u8 pe_len;
};

static u32 tuple_hash(int af, u8 protocol, bool tpl,
		      const union nf_inet_addr *a1, __be16 p1,
		      const union nf_inet_addr *a2, __be16 p2, u32 seed)
{
	u32 h;

	if (af == AF_INET6)
		h = jhash2(a1->all, 4, jhash2(a2->all, 4, seed));
	else
		h = jhash_2words((__force u32)a1->ip, (__force u32)a2->ip,
				 seed);
	return jhash_3words(h, ((__force u32)p1 << 16) | (__force u32)p2,
			    ((u32)protocol << 8) | tpl, seed);
}

/*
 * One client's invalidated templates share their tuple: each is hashed by
 * its own address too, so they do not pile up in one bucket.
 */
static u32 only_hash(u32 h, const struct lvs_conn *only)
{
	return only ? jhash_2words(h, hash_ptr(only, 32), 0) : h;
}

/* A template of a persistence engine is found by its data too. */
static u32 pe_hash(u32 h, const char *pe_data, u8 pe_len)
{
	return pe_len ? jhash(pe_data, pe_len, h) : h;
}

static u32 key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct conn_key *k = data;
	u32 h = tuple_hash(k->af, k->protocol, k->tpl, &k->a1, k->p1,
			   &k->a2, k->p2, seed);

	return only_hash(pe_hash(h, k->pe_data, k->pe_len), k->only);
}

static bool invalid_tpl(const struct lvs_conn *cp)
{
	return test_bit(LVS_CONN_TPL_INVALID, &cp->hashed);
}

static u32 in_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct lvs_conn *cp = data;
	u32 h = tuple_hash(cp->af, cp->protocol,
			   cp->flags & IP_VS_CONN_F_TEMPLATE,
			   &cp->caddr, cp->cport, &cp->vaddr, cp->vport, seed);

	h = pe_hash(h, cp->pe_data, cp->pe_data_len);
	return only_hash(h, invalid_tpl(cp) ? cp : NULL);
}

static u32 out_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct lvs_conn *cp = data;

	return tuple_hash(cp->af, cp->protocol, false,
			  &cp->daddr, cp->dport, &cp->caddr, cp->cport, seed);
}

static int in_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct conn_key *k = arg->key;
	const struct lvs_conn *cp = obj;

	if (k->only || invalid_tpl(cp))
		return k->only != cp;
	return !(k->af == cp->af && k->protocol == cp->protocol &&
		 k->tpl == !!(cp->flags & IP_VS_CONN_F_TEMPLATE) &&
		 k->p1 == cp->cport && k->p2 == cp->vport &&
		 lvs_addr_eq(k->af, &k->a1, &cp->caddr) &&
		 lvs_addr_eq(k->af, &k->a2, &cp->vaddr) &&
		 k->pe_len == cp->pe_data_len &&
		 (!k->pe_len || !memcmp(k->pe_data, cp->pe_data, k->pe_len)));
}

static int out_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct conn_key *k = arg->key;
	const struct lvs_conn *cp = obj;

	return !(k->af == cp->af && k->protocol == cp->protocol &&
		 k->p1 == cp->dport && k->p2 == cp->cport &&
		 lvs_addr_eq(k->af, &k->a1, &cp->daddr) &&
		 lvs_addr_eq(k->af, &k->a2, &cp->caddr));
}

static const struct rhashtable_params in_params = {
	.head_offset		= offsetof(struct lvs_conn, in_node),
	.key_len		= sizeof(struct conn_key),
	.hashfn			= key_hashfn,
	.obj_hashfn		= in_obj_hashfn,
	.obj_cmpfn		= in_cmpfn,
	.automatic_shrinking	= true,
};

static const struct rhashtable_params out_params = {
	.head_offset		= offsetof(struct lvs_conn, out_node),
	.key_len		= sizeof(struct conn_key),
	.hashfn			= key_hashfn,
	.obj_hashfn		= out_obj_hashfn,
	.obj_cmpfn		= out_cmpfn,
	.automatic_shrinking	= true,
};

static void set_addr(int af, union nf_inet_addr *dst,
		     const union nf_inet_addr *src)
{
	if (af == AF_INET6) {
		dst->in6 = src->in6;
	} else {
		memset(dst, 0, sizeof(*dst));
		dst->ip = src->ip;
	}
}

static struct lvs_conn *get_ref(struct lvs_conn *cp)
{
	if (cp && refcount_inc_not_zero(&cp->refcnt))
		return cp;
	return NULL;
}

/* Both tables are keyed by the packet's own (source, destination) tuple. */
static void key_from_pkt(struct conn_key *k, const struct lvs_pkt *pkt)
{
	k->af = pkt->af;
	k->protocol = pkt->protocol;
	k->tpl = false;
	k->only = NULL;
	k->pe_data = NULL;
	k->pe_len = 0;
	set_addr(pkt->af, &k->a1, &pkt->saddr);
	set_addr(pkt->af, &k->a2, &pkt->daddr);
	k->p1 = pkt->sport;
	k->p2 = pkt->dport;
}

static int conn_hash(struct lvs_conn *cp);
static void conn_unhash(struct lvs_conn *cp);
static void to_limbo(struct lvs_conn *cp);

/*
 * The client's first packet gives a connection its port: rehashed under
 * the new key (IPVS's ip_vs_conn_fill_cport()). A clash leaves it
 * unhashed, to expire once the packet that goes its way is done with it.
 */
static void fill_cport(struct lvs_conn *cp, __be16 cport)
{
	bool clash = false;

	spin_lock_bh(&cp->lock);
	if (cp->flags & IP_VS_CONN_F_NO_CPORT) {
		cp->flags &= ~IP_VS_CONN_F_NO_CPORT;
		atomic_dec(&cp->cn->no_cport);
		if (test_bit(LVS_CONN_IN_HASHED, &cp->hashed)) {
			conn_unhash(cp);
			cp->cport = cport;
			clash = conn_hash(cp);
			if (clash)
				to_limbo(cp);
		} else {
			cp->cport = cport;
		}
	}
	spin_unlock_bh(&cp->lock);
	if (clash)
		mod_timer(&cp->timer, jiffies);
}

struct lvs_conn *lvs_conn_in_get(struct lvs_conn_net *cn,
				 const struct lvs_pkt *pkt)
{
	struct lvs_conn *cp;
	struct conn_key k;

	key_from_pkt(&k, pkt);
	cp = get_ref(rhashtable_lookup(&cn->in_tab, &k, in_params));
	if (cp || !atomic_read(&cn->no_cport) || !pkt->sport || pkt->inverse)
		return cp;
	k.p1 = 0;
	cp = get_ref(rhashtable_lookup(&cn->in_tab, &k, in_params));
	if (cp && (cp->flags & IP_VS_CONN_F_NO_CPORT))
		fill_cport(cp, pkt->sport);
	return cp;
}

struct lvs_conn *lvs_conn_out_get(struct lvs_conn_net *cn,
				  const struct lvs_pkt *pkt)
{
	struct conn_key k;

	key_from_pkt(&k, pkt);
	return get_ref(rhashtable_lookup(&cn->out_tab, &k, out_params));
}

static struct lvs_conn *param_get(struct lvs_conn_net *cn,
				  const struct lvs_conn_param *p, bool tpl)
{
	struct conn_key k;

	k.af = p->af;
	k.protocol = p->protocol;
	k.tpl = tpl;
	k.only = NULL;
	k.pe_data = tpl ? p->pe_data : NULL;
	k.pe_len = k.pe_data ? p->pe_data_len : 0;
	set_addr(p->af, &k.a1, p->caddr);
	set_addr(p->af, &k.a2, p->vaddr);
	k.p1 = p->cport;
	k.p2 = p->vport;
	return get_ref(rhashtable_lookup(&cn->in_tab, &k, in_params));
}

struct lvs_conn *lvs_conn_tpl_get(struct lvs_conn_net *cn,
				  const struct lvs_conn_param *p)
{
	return param_get(cn, p, true);
}

struct lvs_conn *lvs_conn_get(struct lvs_conn_net *cn,
			      const struct lvs_conn_param *p)
{
	return param_get(cn, p, p->flags & IP_VS_CONN_F_TEMPLATE);
}

/*
 * Table membership, all under cp->lock (see conn.h): a node is linked only
 * when its bit says it is not, and unlinked only when it says it is.
 */
static void unhash_out(struct lvs_conn *cp)
{
	lockdep_assert_held(&cp->lock);
	if (test_and_clear_bit(LVS_CONN_OUT_HASHED, &cp->hashed))
		rhashtable_remove_fast(&cp->cn->out_tab, &cp->out_node,
				       out_params);
}

static void conn_unhash(struct lvs_conn *cp)
{
	lockdep_assert_held(&cp->lock);
	if (test_and_clear_bit(LVS_CONN_IN_HASHED, &cp->hashed))
		rhashtable_remove_fast(&cp->cn->in_tab, &cp->in_node,
				       in_params);
	unhash_out(cp);
}

/* Unhashed but alive: where the flush still finds it (conn.h). */
static void to_limbo(struct lvs_conn *cp)
{
	struct lvs_conn_net *cn = cp->cn;

	lockdep_assert_held(&cp->lock);
	cp->timeout = 0;
	if (test_bit(LVS_CONN_LIMBO, &cp->hashed))
		return;
	spin_lock(&cn->limbo_lock);
	list_add(&cp->limbo, &cn->limbo);
	spin_unlock(&cn->limbo_lock);
	set_bit(LVS_CONN_LIMBO, &cp->hashed);
}

static void leave_limbo(struct lvs_conn *cp)
{
	struct lvs_conn_net *cn = cp->cn;

	lockdep_assert_held(&cp->lock);
	if (!test_and_clear_bit(LVS_CONN_LIMBO, &cp->hashed))
		return;
	spin_lock(&cn->limbo_lock);
	list_del(&cp->limbo);
	spin_unlock(&cn->limbo_lock);
}

static int conn_hash_out(struct lvs_conn *cp)
{
	struct conn_key k = {};
	int ret;

	lockdep_assert_held(&cp->lock);
	if (test_bit(LVS_CONN_OUT_HASHED, &cp->hashed))
		return 0;
	k.af = cp->af;
	k.protocol = cp->protocol;
	k.a1 = cp->daddr;
	k.a2 = cp->caddr;
	k.p1 = cp->dport;
	k.p2 = cp->cport;
	lvs_race_delay(LVS_RACE_CONN_HASH_OUT);
	ret = rhashtable_lookup_insert_key(&cp->cn->out_tab, &k, &cp->out_node,
					   out_params);
	if (!ret)
		set_bit(LVS_CONN_OUT_HASHED, &cp->hashed);
	return ret;
}

static int conn_hash(struct lvs_conn *cp)
{
	struct lvs_conn_net *cn = cp->cn;
	struct conn_key k;
	int ret;

	lockdep_assert_held(&cp->lock);
	if (test_bit(LVS_CONN_IN_HASHED, &cp->hashed) ||
	    test_bit(LVS_CONN_LIMBO, &cp->hashed))
		return -EINVAL;
	k.af = cp->af;
	k.protocol = cp->protocol;
	k.tpl = cp->flags & IP_VS_CONN_F_TEMPLATE;
	k.only = invalid_tpl(cp) ? cp : NULL;
	k.pe_data = cp->pe_data;
	k.pe_len = cp->pe_data_len;
	k.a1 = cp->caddr;
	k.a2 = cp->vaddr;
	k.p1 = cp->cport;
	k.p2 = cp->vport;
	ret = rhashtable_lookup_insert_key(&cn->in_tab, &k, &cp->in_node,
					   in_params);
	if (ret)
		return ret;
	set_bit(LVS_CONN_IN_HASHED, &cp->hashed);

	/*
	 * Only NAT sees replies; the others never look up out_tab. NAT never
	 * changes the family (netlink allows another daf to tunnels only),
	 * so out_tab keys are all of family af.
	 */
	if (k.tpl || lvs_conn_fwd(cp) != IP_VS_CONN_F_MASQ)
		return 0;
	ret = conn_hash_out(cp);
	if (ret)
		conn_unhash(cp);
	return ret;
}

/* Takes over a reference on dest the caller got for it. */
static void bind_dest(struct lvs_conn *cp, struct lvs_dest *dest)
{
	u32 flags = atomic_read(&dest->conn_flags);

	/* One-packet scheduling makes sense for datagrams only. */
	if (cp->protocol != IPPROTO_UDP)
		flags &= ~IP_VS_CONN_F_ONE_PACKET;
	/*
	 * A synced connection keeps the activity the master sent, and
	 * forwards the way this director's real server says, as in IPVS.
	 */
	if (cp->flags & IP_VS_CONN_F_SYNC) {
		if (!(cp->flags & IP_VS_CONN_F_TEMPLATE))
			flags &= ~IP_VS_CONN_F_INACTIVE;
		cp->flags &= ~(IP_VS_CONN_F_FWD_MASK | IP_VS_CONN_F_NOOUTPUT);
	}
	cp->flags |= flags;
	cp->dest = dest;

	if (cp->flags & IP_VS_CONN_F_TEMPLATE) {
		atomic_inc(&dest->persistconns);
	} else {
		if (cp->flags & IP_VS_CONN_F_INACTIVE)
			atomic_inc(&dest->inactconns);
		else
			atomic_inc(&dest->activeconns);
		lvs_dest_conn_bound(dest);
	}
	lvs_sched_conns_changed(dest);
}

static void unbind_dest(struct lvs_conn *cp)
{
	struct lvs_dest *dest = cp->dest;

	if (!dest)
		return;
	if (cp->flags & IP_VS_CONN_F_TEMPLATE) {
		atomic_dec(&dest->persistconns);
	} else {
		if (cp->flags & IP_VS_CONN_F_INACTIVE)
			atomic_dec(&dest->inactconns);
		else
			atomic_dec(&dest->activeconns);
		lvs_dest_conn_unbound(dest);
	}
	lvs_sched_conns_changed(dest);
	cp->dest = NULL;
	lvs_dest_put(dest);
}

void lvs_conn_set_active(struct lvs_conn *cp, bool active)
{
	struct lvs_dest *dest = cp->dest;
	bool inactive = cp->flags & IP_VS_CONN_F_INACTIVE;

	if (!dest || (cp->flags & IP_VS_CONN_F_TEMPLATE) ||
	    active != inactive)
		return;
	if (active) {
		atomic_inc(&dest->activeconns);
		atomic_dec(&dest->inactconns);
		cp->flags &= ~IP_VS_CONN_F_INACTIVE;
	} else {
		atomic_dec(&dest->activeconns);
		atomic_inc(&dest->inactconns);
		cp->flags |= IP_VS_CONN_F_INACTIVE;
	}
	lvs_sched_conns_changed(dest);
}

void lvs_conn_bind_late(struct lvs_conn *cp, struct lvs_dest *dest)
{
	/* Found by a lookup: it may be dying (dest.h). */
	if (!lvs_dest_tryhold(dest))
		return;
	spin_lock_bh(&cp->lock);
	if (cp->dest) {
		spin_unlock_bh(&cp->lock);
		lvs_dest_put(dest);
		return;
	}
	bind_dest(cp, dest);
	/* As IPVS does, the helper follows the dest's forwarding method. */
	conn_app->rebind(cp);
	/*
	 * The dest may forward otherwise than the master's did, and only NAT
	 * connections still in in_tab belong in out_tab. A reply tuple taken
	 * meanwhile leaves it out: no replies.
	 */
	if ((cp->flags & IP_VS_CONN_F_TEMPLATE) ||
	    lvs_conn_fwd(cp) != IP_VS_CONN_F_MASQ)
		unhash_out(cp);
	else if (test_bit(LVS_CONN_IN_HASHED, &cp->hashed))
		conn_hash_out(cp);
	spin_unlock_bh(&cp->lock);
}

static void conn_free_rcu(struct rcu_head *head)
{
	struct lvs_conn *cp = container_of(head, struct lvs_conn, rcu);
	struct lvs_conn_net *cn = cp->cn;

	kfree(cp->pe_data);
	kmem_cache_free(conn_cache, cp);
	/* Last: the netns exit waits for this count to reach zero. */
	atomic_dec(&cn->count);
}

/*
 * The timer's work, also done by the flush once it has taken the pending
 * timer away (so only one runs at a time); with BHs off.
 */
static void expire(struct lvs_conn *cp)
{
	struct lvs_conn *ctl;
	bool limbo;

	if (atomic_read(&cp->n_control))
		goto later;
	/* Still in use: the user's lvs_conn_put() re-arms the timer. */
	if (!refcount_dec_if_one(&cp->refcnt))
		goto later;
	/*
	 * A new connection may have found this template (taking a
	 * reference), made it its control and put it back, all between the
	 * n_control test above and the drop to 0. It points at us now, so we
	 * live on; lookups that missed us meanwhile only failed to schedule.
	 * The barrier pairs with the release in that put: having read the
	 * refcnt it left, we read its n_control increment too.
	 */
	smp_mb();
	if (atomic_read(&cp->n_control)) {
		refcount_set(&cp->refcnt, 1);
		goto later;
	}

	spin_lock(&cp->lock);
	conn_unhash(cp);
	leave_limbo(cp);
	spin_unlock(&cp->lock);
	/* A put racing with us may have re-armed it before the drop to 0. */
	del_timer(&cp->timer);
	lvs_nfct_conn_expired(cp);
	if (cp->flags & IP_VS_CONN_F_NO_CPORT)
		atomic_dec(&cp->cn->no_cport);
	ctl = cp->control;
	if (ctl) {
		cp->control = NULL;
		atomic_dec(&ctl->n_control);
	}
	/* Nobody holds it: the helper lets go now, as IPVS's at expiry. */
	if (cp->app)
		conn_app->done(cp);
	unbind_dest(cp);
	call_rcu(&cp->rcu, conn_free_rcu);
	return;

later:
	spin_lock(&cp->lock);
	limbo = test_bit(LVS_CONN_LIMBO, &cp->hashed);
	/*
	 * In limbo only a template waiting for its connections stays long;
	 * one still in use goes soon after its user (a quiet put does not
	 * re-arm).
	 */
	if (READ_ONCE(cp->cn->flushing) ||
	    (limbo && !atomic_read(&cp->n_control)))
		cp->timeout = 1;
	else
		cp->timeout = 60 * HZ;
	spin_unlock(&cp->lock);
	/* Kept for its connections: tell the backups it lives on. */
	if (!limbo)
		lvs_sync_conn(cp->cn->ln, cp,
			      READ_ONCE(cp->cn->ln->sysctl.sync_threshold[0]));
	mod_timer(&cp->timer, jiffies + cp->timeout);
}

static void conn_expire(struct timer_list *t)
{
	struct lvs_conn *cp = from_timer(cp, t, timer);

	expire(cp);
}

void lvs_conn_put(struct lvs_conn *cp)
{
	unsigned long t = (cp->flags & IP_VS_CONN_F_ONE_PACKET) ||
			  test_bit(LVS_CONN_LIMBO, &cp->hashed) ?
			  0 : READ_ONCE(cp->timeout);

	mod_timer(&cp->timer, jiffies + t);
	/*
	 * Sent to limbo meanwhile, after our test but before our mod_timer
	 * (which the timer's lock orders after that of lvs_conn_expire_now()):
	 * expire it now after all.
	 */
	if (t && unlikely(test_bit(LVS_CONN_LIMBO, &cp->hashed)))
		mod_timer(&cp->timer, jiffies);
	refcount_dec(&cp->refcnt);
}

void lvs_conn_put_quiet(struct lvs_conn *cp)
{
	refcount_dec(&cp->refcnt);
}

void lvs_conn_expire_now(struct lvs_conn *cp)
{
	spin_lock_bh(&cp->lock);
	conn_unhash(cp);
	to_limbo(cp);
	spin_unlock_bh(&cp->lock);
	mod_timer(&cp->timer, jiffies);
}

/*
 * As IPVS does, the template stays, listed and counted for its real
 * server, and expires when it would have; only no lookup finds it any
 * more. Its ports say so: client 0, virtual and real server 65535 (a
 * template of a service on port 65535 keeps its own, as in IPVS).
 */
void lvs_conn_tpl_invalidate(struct lvs_conn *ct)
{
	bool lost = false;

	spin_lock_bh(&ct->lock);
	if (!invalid_tpl(ct) && test_bit(LVS_CONN_IN_HASHED, &ct->hashed)) {
		conn_unhash(ct);
		set_bit(LVS_CONN_TPL_INVALID, &ct->hashed);
		if (ct->vport != htons(0xffff)) {
			ct->cport = 0;
			ct->vport = htons(0xffff);
			ct->dport = htons(0xffff);
		}
		/* Its key is unique: only a table short of memory refuses it. */
		lost = conn_hash(ct);
		if (lost)
			to_limbo(ct);
	}
	spin_unlock_bh(&ct->lock);
	if (lost)
		mod_timer(&ct->timer, jiffies);
}

void lvs_conn_assure_tpl(struct lvs_conn *cp)
{
	struct lvs_conn *ct = cp->control;

	if (ct && (ct->flags & IP_VS_CONN_F_TEMPLATE))
		WRITE_ONCE(ct->state, LVS_CTPL_S_ASSURED);
}

void lvs_conn_set_control(struct lvs_conn *cp, struct lvs_conn *tpl)
{
	atomic_inc(&tpl->n_control);
	cp->control = tpl;
}

struct lvs_conn *lvs_conn_new(struct lvs_conn_net *cn,
			      const struct lvs_conn_param *p,
			      struct lvs_dest *dest)
{
	struct lvs_conn *cp;
	int ret;

	/*
	 * The dest came from a lookup (a scheduler, the sync backup) and may
	 * have lost its last reference meanwhile. A synced connection then
	 * waits unbound, as for a real server this director does not have.
	 */
	if (dest && !lvs_dest_tryhold(dest)) {
		if (!(p->flags & IP_VS_CONN_F_SYNC))
			return NULL;
		dest = NULL;
	}
	cp = kmem_cache_zalloc(conn_cache, GFP_ATOMIC);
	if (cp && (p->flags & IP_VS_CONN_F_TEMPLATE) && p->pe &&
	    p->pe_data_len) {
		cp->pe_data = kmemdup(p->pe_data, p->pe_data_len, GFP_ATOMIC);
		if (!cp->pe_data) {
			kmem_cache_free(conn_cache, cp);
			cp = NULL;
		} else {
			cp->pe = p->pe;
			cp->pe_data_len = p->pe_data_len;
		}
	}
	if (!cp) {
		if (dest)
			lvs_dest_put(dest);
		return NULL;
	}
	atomic_inc(&cn->count);
	cp->cn = cn;
	cp->af = p->af;
	cp->daf = p->daf ? p->daf : p->af;
	cp->protocol = p->protocol;
	set_addr(p->af, &cp->caddr, p->caddr);
	set_addr(p->af, &cp->vaddr, p->vaddr);
	set_addr(cp->daf, &cp->daddr, p->daddr);
	cp->cport = p->cport;
	cp->vport = p->vport;
	cp->dport = p->dport;
	cp->flags = p->flags;
	/* conntrack is read once: it rules the connection's whole life. */
	if (READ_ONCE(cn->ln->sysctl.conntrack))
		cp->flags |= IP_VS_CONN_F_NFCT;
	spin_lock_init(&cp->lock);
	/* One for the table, one for the caller. */
	refcount_set(&cp->refcnt, 2);
	timer_setup(&cp->timer, conn_expire, 0);
	/* Until the first state transition, as IPVS does. */
	cp->timeout = 3 * HZ;
	cp->sync_endtime = jiffies & ~3UL;
	if (dest)
		bind_dest(cp, dest);
	if (cp->flags & IP_VS_CONN_F_NO_CPORT)
		atomic_inc(&cn->no_cport);

	ret = conn_app->init(cp);
	if (!ret && !(cp->flags & IP_VS_CONN_F_ONE_PACKET)) {
		spin_lock_bh(&cp->lock);
		ret = conn_hash(cp);
		spin_unlock_bh(&cp->lock);
	}
	if (ret) {
		/*
		 * No memory for the helper, or a clash in the tables (which
		 * conn_hash() unhashed it from again, but a reader may have
		 * found it meanwhile): let the timer free it, once nobody
		 * holds it.
		 */
		lvs_conn_expire_now(cp);
		lvs_conn_put(cp);
		return NULL;
	}
	return cp;
}

const char *lvs_conn_state_name(const struct lvs_conn *cp)
{
	const struct lvs_proto *pp;

	if (cp->flags & IP_VS_CONN_F_TEMPLATE)
		return cp->state == LVS_CTPL_S_ASSURED ? "ASSURED" : "NONE";
	pp = lvs_proto_get(cp->protocol);
	/* AH and ESP have no state names in IPVS either. */
	if (!pp || !pp->state_names)
		return cp->protocol == IPPROTO_IP ? "NONE" : "ERR!";
	if (cp->state >= pp->num_states)
		return "ERR!";
	return pp->state_names[cp->state];
}

/*
 * Limbo's connections: each put expires them now. Our reference keeps the
 * one we stopped at on the list while we yield.
 */
static void flush_limbo(struct lvs_conn_net *cn)
{
	struct lvs_conn *cp, *held = NULL;

	spin_lock_bh(&cn->limbo_lock);
	list_for_each_entry(cp, &cn->limbo, limbo) {
		if (!get_ref(cp))
			continue;	/* its timer is freeing it */
		if (!need_resched()) {
			lvs_conn_put(cp);
			continue;
		}
		spin_unlock_bh(&cn->limbo_lock);
		if (held)
			lvs_conn_put(held);
		held = cp;
		cond_resched();
		spin_lock_bh(&cn->limbo_lock);
	}
	spin_unlock_bh(&cn->limbo_lock);
	if (held)
		lvs_conn_put(held);
}

/*
 * Expires every connection, as its timer would (which it takes away
 * first): here, where we can yield between them, rather than all in one
 * timer softirq. Those still in use are re-armed, to try again soon.
 */
static void flush_pass(struct lvs_conn_net *cn)
{
	struct rhashtable_iter it;
	struct lvs_conn *cp;

	rhashtable_walk_enter(&cn->in_tab, &it);
	rhashtable_walk_start(&it);
	while ((cp = rhashtable_walk_next(&it))) {
		/* -EAGAIN: a resize; the walk goes on in the new table. */
		if (!IS_ERR(cp) && del_timer(&cp->timer)) {
			local_bh_disable();
			expire(cp);
			local_bh_enable();
		}
		if (need_resched()) {
			rhashtable_walk_stop(&it);
			cond_resched();
			rhashtable_walk_start(&it);
		}
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
	flush_limbo(cn);
}

int lvs_conn_net_init(struct lvs_conn_net *cn, struct lvs_net *ln)
{
	int ret;

	cn->ln = ln;
	atomic_set(&cn->count, 0);
	atomic_set(&cn->no_cport, 0);
	cn->flushing = false;
	spin_lock_init(&cn->limbo_lock);
	INIT_LIST_HEAD(&cn->limbo);
	ret = rhashtable_init(&cn->in_tab, &in_params);
	if (ret)
		return ret;
	ret = rhashtable_init(&cn->out_tab, &out_params);
	if (ret) {
		rhashtable_destroy(&cn->in_tab);
		return ret;
	}
	memset(cn->drop_counter, 0, sizeof(cn->drop_counter));
	rhashtable_walk_enter(&cn->in_tab, &cn->drop_iter);
	return 0;
}

/*
 * The hooks, the sync daemons and the defense work are gone: nothing
 * creates or holds connections any more, only their timers run.
 */
void lvs_conn_net_drain(struct lvs_conn_net *cn)
{
	WRITE_ONCE(cn->flushing, true);
	while (atomic_read(&cn->count)) {
		flush_pass(cn);
		msleep(20);
	}
}

void lvs_conn_net_exit(struct lvs_conn_net *cn)
{
	lvs_conn_net_drain(cn);
	rhashtable_walk_exit(&cn->drop_iter);
	rhashtable_destroy(&cn->out_tab);
	rhashtable_destroy(&cn->in_tab);
}

/*
 * A packet of the connection, in either direction: counted for its real
 * server, its service and the namespace, unless the real server has left
 * its service (a trashed dest keeps the counters it had).
 */
static void count(struct lvs_conn *cp, unsigned int len, bool in)
{
	struct lvs_dest *dest = cp->dest;
	struct lvs_service *svc;

	if (!dest || !test_bit(LVS_DEST_AVAILABLE, &dest->flags))
		return;
	svc = lvs_dest_svc(dest);
	if (in) {
		lvs_stats_in(&dest->stats, len);
		lvs_stats_in(&svc->stats, len);
		lvs_stats_in(&svc->ln->tot_stats, len);
	} else {
		lvs_stats_out(&dest->stats, len);
		lvs_stats_out(&svc->stats, len);
		lvs_stats_out(&svc->ln->tot_stats, len);
	}
}

void lvs_conn_count_in(struct lvs_conn *cp, unsigned int len)
{
	count(cp, len, true);
}

void lvs_conn_count_out(struct lvs_conn *cp, unsigned int len)
{
	count(cp, len, false);
}

int __init lvs_conn_init(const struct lvs_conn_app_ops *app_ops)
{
	conn_app = app_ops;
	conn_cache = KMEM_CACHE(lvs_conn, 0);
	return conn_cache ? 0 : -ENOMEM;
}

void lvs_conn_exit(void)
{
	/* conn_free_rcu() callbacks use the cache. */
	rcu_barrier();
	kmem_cache_destroy(conn_cache);
}
