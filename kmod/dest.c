// SPDX-License-Identifier: GPL-2.0
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "dest.h"
#include "dest_route.h"
#include "leak.h"
#include "real_table.h"
#include "netns.h"
#include "nfct.h"
#include "race_point.h"
#include "sched/sched.h"
#include "service.h"

static const struct rhashtable_params dest_params = {
	.head_offset		= offsetof(struct lvs_dest, node),
	.key_offset		= offsetof(struct lvs_dest, key),
	.key_len		= sizeof(struct lvs_dest_key),
	.automatic_shrinking	= true,
};

/*
 * Live or trashed. ln->mutex (or the caller's RCU reader) keeps the dest;
 * the walk is an RCU reader of its own, as rhashtable_lookup() requires:
 * a deferred resize frees the old bucket array after a grace period,
 * whoever holds ln->mutex.
 */
static struct lvs_dest *lookup_any(struct lvs_service *svc, int af,
				   const union nf_inet_addr *addr, __be16 port)
{
	struct lvs_dest *dest;
	struct lvs_dest_key k;

	memset(&k, 0, sizeof(k));
	k.vs = svc->key;
	k.af = af;
	if (af == AF_INET)
		k.addr.ip = addr->ip;
	else
		k.addr.in6 = addr->in6;
	k.port = port;
	rcu_read_lock();
	dest = rhashtable_lookup(&svc->ln->dest_table, &k, dest_params);
	rcu_read_unlock();
	return dest;
}

struct lvs_dest *lvs_dest_lookup(struct lvs_service *svc, int af,
				 const union nf_inet_addr *addr, __be16 port)
{
	struct lvs_dest *dest = lookup_any(svc, af, addr, port);

	if (dest && test_bit(LVS_DEST_TRASHED, &dest->flags))
		return NULL;
	return dest;
}

static void dest_free_rcu(struct rcu_head *head)
{
	struct lvs_dest *dest = container_of(head, struct lvs_dest, rcu);

	lvs_dest_route_destroy(dest);
	lvs_stats_destroy(&dest->stats);
	lvs_svc_put(rcu_dereference_protected(dest->svc, 1));
	kfree(dest);
	lvs_leak_dec(LVS_LEAK_DEST);
}

void lvs_dest_put(struct lvs_dest *dest)
{
	if (refcount_dec_and_test(&dest->refcnt))
		call_rcu(&dest->rcu, dest_free_rcu);
}

static bool v6_is_local(struct net *net, const struct in6_addr *addr)
{
	struct flowi6 fl6 = { .daddr = *addr };
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	bool local = !dst->error && dst->dev && (dst->dev->flags & IFF_LOOPBACK);

	dst_release(dst);
	return local;
}

/* IPVS accepts only unicast real servers (or local v6 ones). */
static int check_addr(struct net *net, const struct lvs_dest_conf *c)
{
	if (c->af == AF_INET6) {
		int type = ipv6_addr_type(&c->addr.in6);

		if ((!(type & IPV6_ADDR_UNICAST) ||
		     (type & IPV6_ADDR_LINKLOCAL)) &&
		    !v6_is_local(net, &c->addr.in6))
			return -EINVAL;
		return 0;
	}
	switch (inet_addr_type(net, c->addr.ip)) {
	case RTN_LOCAL:
	case RTN_UNICAST:
		return 0;
	default:
		return -EINVAL;
	}
}

static int check_conf(const struct lvs_dest_conf *c)
{
	if (c->weight < 0) {
		pr_err("server weight less than zero\n");
		return -ERANGE;
	}
	if (c->l_threshold > c->u_threshold) {
		pr_err("lower threshold is higher than upper threshold\n");
		return -ERANGE;
	}
	if (c->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE && !c->tun_port) {
		pr_err("tunnel port is zero\n");
		return -EINVAL;
	}
	return 0;
}

/* Who is told of overload changes (main.c hands the events' teller). */
static lvs_dest_overload_fn overload_watcher;

void lvs_dest_watch_overload(lvs_dest_overload_fn fn)
{
	overload_watcher = fn;
}

static void update_overload(struct lvs_dest *dest,
			    enum lvs_overload_event event)
{
	u32 upper, lower;
	bool was, over;

	spin_lock_bh(&dest->overload_lock);
	upper = READ_ONCE(dest->u_threshold);
	lower = lvs_overload_lower(upper, READ_ONCE(dest->l_threshold));
	was = test_bit(LVS_DEST_OVERLOAD, &dest->flags);
	over = lvs_overload_eval(was, atomic_read(&dest->totalconns), upper,
				 lower, event);
	assign_bit(LVS_DEST_OVERLOAD, &dest->flags, over);
	/* Still under the lock: the watcher sees changes in their order. */
	if (over != was && overload_watcher)
		overload_watcher(dest, over);
	spin_unlock_bh(&dest->overload_lock);
}

void lvs_dest_conn_bound(struct lvs_dest *dest)
{
	u32 total = atomic_inc_return(&dest->totalconns);

	if (lvs_overload_bind_triggers(total, READ_ONCE(dest->u_threshold)))
		update_overload(dest, LVS_OVERLOAD_BIND);
}

void lvs_dest_conn_unbound(struct lvs_dest *dest)
{
	u32 total = atomic_fetch_dec(&dest->totalconns);
	u32 lower = lvs_overload_lower(READ_ONCE(dest->u_threshold),
				       READ_ONCE(dest->l_threshold));

	if (lvs_overload_unbind_triggers(total, lower))
		update_overload(dest, LVS_OVERLOAD_UNBIND);
}

/* Settings shared by add and edit; the dest is not yet visible on add. */
static void apply_conf(struct lvs_service *svc, struct lvs_dest *dest,
		       const struct lvs_dest_conf *c, bool add)
{
	u32 flags;

	if (add || c->weight)
		atomic_set(&dest->last_weight, c->weight);
	atomic_set(&dest->weight, c->weight);

	flags = (c->conn_flags & IP_VS_CONN_F_DEST_MASK) |
		IP_VS_CONN_F_INACTIVE;
	/*
	 * Only NAT sees the replies. A NAT dest on the FTP service turns
	 * conntrack on for the namespace, as IPVS does. A direct call, not
	 * a notifier: conntrack is the only listener, never calls back into
	 * the model, and must be on before the dest takes a connection,
	 * which a call under ln->mutex here guarantees.
	 */
	if ((flags & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_MASQ)
		flags |= IP_VS_CONN_F_NOOUTPUT;
	else
		lvs_nfct_svc_nat(svc);
	atomic_set(&dest->conn_flags, flags);

	WRITE_ONCE(dest->tun_type, c->tun_type);
	WRITE_ONCE(dest->tun_port, c->tun_port);
	WRITE_ONCE(dest->tun_flags, c->tun_flags);

	set_bit(LVS_DEST_AVAILABLE, &dest->flags);
	if (c->u_threshold != dest->u_threshold ||
	    c->l_threshold != dest->l_threshold) {
		WRITE_ONCE(dest->u_threshold, c->u_threshold);
		WRITE_ONCE(dest->l_threshold, c->l_threshold);
		update_overload(dest, LVS_OVERLOAD_EDIT);
	}
}

/*
 * Tell the service's scheduler about a dest change, made already. Like
 * IPVS (its __ip_vs_update_dest() and __ip_vs_unlink_dest() drop these
 * return values), a scheduler's failure does not undo the command: the
 * scheduler keeps its previous state (our views keep the old, complete
 * view on ENOMEM) and catches up at the next change. It is not silent,
 * though: a dest the scheduler does not know of gets no new connections.
 */
enum sched_hook { SCHED_ADD, SCHED_UPD, SCHED_DEL };

static void sched_notify(struct lvs_service *svc, struct lvs_dest *dest,
			 enum sched_hook hook)
{
	const struct lvs_scheduler *sched;
	int (*fn)(struct lvs_service *svc, struct lvs_dest *dest);
	int ret;

	sched = rcu_dereference_protected(svc->sched, 1);
	if (!sched)
		return;
	fn = hook == SCHED_ADD ? sched->add_dest :
	     hook == SCHED_UPD ? sched->upd_dest : sched->del_dest;
	if (!fn)
		return;
	ret = fn(svc, dest);
	if (ret)
		pr_warn_ratelimited("scheduler %s kept its old state after a dest change: %d\n",
				    sched->name, ret);
}

/* Off the service's list and out of its scheduler; still hashed. */
static void detach(struct lvs_service *svc, struct lvs_dest *dest,
		   bool tell_sched)
{
	struct lvs_net *ln = svc->ln;

	clear_bit(LVS_DEST_AVAILABLE, &dest->flags);
	lvs_rs_unhash(dest);
	list_del_rcu(&dest->n_list);
	svc->num_dests--;
	if (dest->key.af != svc->key.af)
		ln->mixed_af_dests--;
	if (tell_sched)
		sched_notify(svc, dest, SCHED_DEL);
}

/*
 * Out of the hash; the list's (or trash's) reference goes. The dest is off
 * every other table already and TRASHED, so no lookup returns it any more;
 * a reader that found it before holds it only through lvs_dest_tryhold().
 */
static void drop(struct lvs_net *ln, struct lvs_dest *dest)
{
	WARN_ON_ONCE(!test_bit(LVS_DEST_TRASHED, &dest->flags) ||
		     dest->in_rs_table);
	lvs_race_sleep(LVS_RACE_DEST_DROP);
	rhashtable_remove_fast(&ln->dest_table, &dest->node, dest_params);
	/*
	 * Connections may keep it for minutes yet (TIME_WAIT), out of reach
	 * of the device notifier: its routes must not hold their devices.
	 */
	lvs_dest_route_drop(dest);
	lvs_dest_put(dest);
}

/*
 * Off its service (tell_sched: the scheduler is still bound) into the
 * trash; its connections may still forward, and look the route up anew.
 */
static void trash_put(struct lvs_service *svc, struct lvs_dest *dest,
		      bool tell_sched)
{
	struct lvs_net *ln = svc->ln;

	detach(svc, dest, tell_sched);
	lvs_dest_route_reset(dest);
	set_bit(LVS_DEST_TRASHED, &dest->flags);
	dest->idle_start = 0;
	/* A reader may still be on it where it was in svc->dests. */
	dest->del_gp = get_state_synchronize_rcu();
	list_add(&dest->t_list, &ln->dest_trash);
	/* A no-op while the expiry work is already queued. */
	queue_delayed_work(system_long_wq, &ln->trash_work,
			   LVS_DEST_TRASH_PERIOD / 2);
}

/* Out of the trash; still TRASHED, so still invisible to lookups. */
static void trash_take(struct lvs_dest *dest)
{
	list_del(&dest->t_list);
}

/*
 * The service of the dest's key again, live: its own, or one re-created
 * with the same identity, whose dest it becomes with its stats zeroed (as
 * IPVS does); the connection counters are kept either way. A reader may
 * hold the old service until it leaves its RCU section, and the old
 * service's memory lasts until then (lvs_svc_put()).
 */
static void rebind(struct lvs_service *svc, struct lvs_dest *dest)
{
	struct lvs_service *old;

	old = rcu_dereference_protected(dest->svc,
					lockdep_is_held(&svc->ln->mutex));
	if (old == svc)
		return;
	lvs_stats_zero(&dest->stats);
	refcount_inc(&svc->refcnt);
	rcu_assign_pointer(dest->svc, svc);
	/*
	 * The switch before the scheduler's add reads the connection
	 * counters; lvs_sched_conns_changed() changes one, then reads svc.
	 */
	smp_mb();
	lvs_svc_put(old);
}

/* Back on a service with new settings; its counters are kept. */
static void revive(struct lvs_service *svc, struct lvs_dest *dest,
		   const struct lvs_dest_conf *c)
{
	trash_take(dest);
	clear_bit(LVS_DEST_TRASHED, &dest->flags);
	/*
	 * Its list_head may still lead an RCU reader along the old list;
	 * re-adding it within the same grace period would send that reader
	 * round again. Usually the period is long over and this is free.
	 */
	cond_synchronize_rcu(dest->del_gp);
	rebind(svc, dest);
	apply_conf(svc, dest, c, true);
	lvs_dest_route_reset(dest);
	if (dest->key.af != svc->key.af)
		svc->ln->mixed_af_dests++;
	list_add_rcu(&dest->n_list, &svc->dests);
	svc->num_dests++;
	lvs_rs_rehash(svc->ln, dest);
	sched_notify(svc, dest, SCHED_ADD);
}

int lvs_dest_add(struct lvs_service *svc, const struct lvs_dest_conf *c,
		 bool *revived)
{
	struct lvs_net *ln = svc->ln;
	struct lvs_dest *dest;
	int ret;

	ret = check_conf(c);
	if (ret)
		return ret;
	dest = lookup_any(svc, c->af, &c->addr, c->port);
	if (dest && !test_bit(LVS_DEST_TRASHED, &dest->flags))
		return -EEXIST;
	/* As in IPVS, a revived dest skips the address check. */
	*revived = !!dest;
	if (dest) {
		revive(svc, dest, c);
		return 0;
	}
	ret = check_addr(ln->net, c);
	if (ret)
		return ret;

	dest = kzalloc(sizeof(*dest), GFP_KERNEL);
	if (!dest)
		return -ENOMEM;
	lvs_leak_inc(LVS_LEAK_DEST);
	ret = lvs_stats_init(&dest->stats);
	if (ret)
		goto err_free;
	ret = lvs_dest_route_init(dest);
	if (ret)
		goto err_stats;

	dest->key.vs = svc->key;
	dest->key.af = c->af;
	if (c->af == AF_INET)
		dest->key.addr.ip = c->addr.ip;
	else
		dest->key.addr.in6 = c->addr.in6;
	dest->key.port = c->port;
	refcount_set(&dest->refcnt, 1);
	spin_lock_init(&dest->overload_lock);
	dest->protocol = svc->key.protocol;
	dest->vaddr = svc->key.addr;
	dest->vport = svc->key.port;
	dest->vfwmark = svc->key.fwmark;
	RCU_INIT_POINTER(dest->svc, svc);
	apply_conf(svc, dest, c, true);

	ret = rhashtable_insert_fast(&ln->dest_table, &dest->node,
				     dest_params);
	if (ret)
		goto err_route;

	refcount_inc(&svc->refcnt);
	if (c->af != svc->key.af)
		ln->mixed_af_dests++;
	/* Newest first, as IPVS lists them. */
	list_add_rcu(&dest->n_list, &svc->dests);
	svc->num_dests++;
	lvs_rs_rehash(ln, dest);
	sched_notify(svc, dest, SCHED_ADD);
	return 0;

err_route:
	lvs_dest_route_destroy(dest);
err_stats:
	lvs_stats_destroy(&dest->stats);
err_free:
	kfree(dest);
	lvs_leak_dec(LVS_LEAK_DEST);
	return ret;
}

int lvs_dest_edit(struct lvs_service *svc, const struct lvs_dest_conf *c)
{
	struct lvs_dest *dest;
	int ret;

	ret = check_conf(c);
	if (ret)
		return ret;
	dest = lvs_dest_lookup(svc, c->af, &c->addr, c->port);
	if (!dest)
		return -ENOENT;
	apply_conf(svc, dest, c, false);
	lvs_rs_rehash(svc->ln, dest);
	lvs_dest_route_reset(dest);
	sched_notify(svc, dest, SCHED_UPD);
	return 0;
}

int lvs_dest_del(struct lvs_service *svc, const struct lvs_dest_conf *c)
{
	struct lvs_dest *dest;

	dest = lvs_dest_lookup(svc, c->af, &c->addr, c->port);
	if (!dest)
		return -ENOENT;
	trash_put(svc, dest, true);
	return 0;
}

/*
 * The scheduler is gone already. Each dest keeps its reference on the
 * service, which lives on, unreachable but for them, until the last of
 * them is freed or revived into a new service.
 */
void lvs_dest_del_all(struct lvs_service *svc)
{
	struct lvs_dest *dest, *next;

	list_for_each_entry_safe(dest, next, &svc->dests, n_list) {
		trash_put(svc, dest, false);
	}
}

/*
 * IPVS's expiry rule: a trashed dest still used by connections stays; an
 * unused one is marked idle at the first look and freed once idle for a
 * whole LVS_DEST_TRASH_PERIOD.
 */
static void trash_work_fn(struct work_struct *work)
{
	struct lvs_net *ln = container_of(to_delayed_work(work),
					  struct lvs_net, trash_work);
	struct lvs_dest *dest, *next;
	unsigned long now = jiffies;

	mutex_lock(&ln->mutex);
	list_for_each_entry_safe(dest, next, &ln->dest_trash, t_list) {
		if (refcount_read(&dest->refcnt) > 1)
			continue;
		if (!dest->idle_start) {
			dest->idle_start = max(1UL, now);
			continue;
		}
		if (time_before(now, dest->idle_start + LVS_DEST_TRASH_PERIOD))
			continue;
		trash_take(dest);
		drop(ln, dest);
	}
	if (!list_empty(&ln->dest_trash))
		queue_delayed_work(system_long_wq, &ln->trash_work,
				   LVS_DEST_TRASH_PERIOD / 2);
	mutex_unlock(&ln->mutex);
}

int lvs_dest_net_init(struct lvs_net *ln)
{
	INIT_LIST_HEAD(&ln->dest_trash);
	INIT_DELAYED_WORK(&ln->trash_work, trash_work_fn);
	lvs_rs_table_init(&ln->rs_table);
	return rhashtable_init(&ln->dest_table, &dest_params);
}

/*
 * Every service is gone, their dests in the trash, and every connection
 * too: nothing but the trash holds a dest now, nothing can add to it.
 */
void lvs_dest_net_exit(struct lvs_net *ln)
{
	struct lvs_dest *dest, *next;

	cancel_delayed_work_sync(&ln->trash_work);
	list_for_each_entry_safe(dest, next, &ln->dest_trash, t_list) {
		trash_take(dest);
		drop(ln, dest);
	}
	rhashtable_destroy(&ln->dest_table);
}
