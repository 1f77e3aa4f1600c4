// SPDX-License-Identifier: GPL-2.0
/* The per-dest route cache; the rules are in dest_route.h. */
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/dst_cache.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "conn.h"
#include "dest.h"
#include "dest_route.h"
#include "netns.h"
#include "xmit.h"

struct lvs_dest_dst {
	struct dst_cache cache;
	struct rcu_head rcu;
};

static struct lvs_dest_dst *dest_dst_alloc(gfp_t gfp)
{
	struct lvs_dest_dst *d = kzalloc(sizeof(*d), gfp);

	if (d && dst_cache_init(&d->cache, gfp)) {
		kfree(d);
		d = NULL;
	}
	return d;
}

static void dest_dst_free(struct lvs_dest_dst *d)
{
	dst_cache_destroy(&d->cache);
	kfree(d);
}

static void dest_dst_free_rcu(struct rcu_head *head)
{
	dest_dst_free(container_of(head, struct lvs_dest_dst, rcu));
}

int lvs_dest_route_init(struct lvs_dest *dest)
{
	struct lvs_dest_dst *d = dest_dst_alloc(GFP_KERNEL);

	if (!d)
		return -ENOMEM;
	RCU_INIT_POINTER(dest->route, d);
	return 0;
}

/* Lazy: each CPU drops its entry at its next lookup. */
static void cache_reset(struct lvs_dest *dest)
{
	struct lvs_dest_dst *d;

	/* The new settings first; pairs with lvs_conn_route()'s check. */
	smp_mb();
	rcu_read_lock();
	d = rcu_dereference(dest->route);
	if (d)
		dst_cache_reset(&d->cache);
	rcu_read_unlock();
}

void lvs_dest_route_reset(struct lvs_dest *dest)
{
	cache_reset(dest);
}

/* Nobody uses the dest any more (its RCU grace period is over). */
void lvs_dest_route_destroy(struct lvs_dest *dest)
{
	struct lvs_dest_dst *d = rcu_dereference_protected(dest->route, 1);

	if (d)
		dest_dst_free(d);
}

/*
 * Drop the cached routes now, not at the next lookup of each CPU: they
 * hold their device, and a device that goes away waits for its last
 * reference ("waiting for eth0 to become free") while a deleted dest may
 * sit in the trash for minutes. An empty cache takes the old one's place;
 * without memory for it the dest looks its routes up uncached.
 */
static void dest_route_swap(struct lvs_dest *dest, struct lvs_dest_dst *fresh)
{
	struct lvs_dest_dst *old;

	old = unrcu_pointer(xchg(&dest->route, RCU_INITIALIZER(fresh)));
	if (old)
		call_rcu(&old->rcu, dest_dst_free_rcu);
}

void lvs_dest_route_drop(struct lvs_dest *dest)
{
	dest_route_swap(dest, NULL);
}

/* The lookup flags the dest's current forwarding method asks for. */
static unsigned int dest_rt_flags(const struct lvs_dest *dest)
{
	switch (lvs_dest_fwd(dest)) {
	case IP_VS_CONN_F_DROUTE:
		return LVS_RT_KNOWN_NH;
	case IP_VS_CONN_F_TUNNEL:
		return LVS_RT_SADDR;
	default:
		return 0;
	}
}

static bool cache_get(struct dst_cache *cache, int af, struct lvs_route *r)
{
	struct dst_entry *dst;

	memset(r, 0, sizeof(*r));
	if (af == AF_INET) {
		struct rtable *rt = dst_cache_get_ip4(cache, &r->saddr.ip);

		if (!rt)
			return false;
		dst = &rt->dst;
		r->local = rt->rt_type == RTN_LOCAL;
	} else {
		dst = dst_cache_get_ip6(cache, &r->saddr.in6);
		if (!dst)
			return false;
		r->local = dst->dev && (dst->dev->flags & IFF_LOOPBACK);
	}
	r->dst = dst;
	/* Read per packet: a PMTU update reaches the next one. */
	r->mtu = dst_mtu(dst);
	return true;
}

static void cache_set(struct dst_cache *cache, int af,
		      const struct lvs_route *r)
{
	if (af == AF_INET)
		dst_cache_set_ip4(cache, r->dst, r->saddr.ip);
	else
		dst_cache_set_ip6(cache, r->dst, &r->saddr.in6);
}

int lvs_conn_route(struct lvs_conn *cp, unsigned int flags,
		   struct lvs_route *r)
{
	struct lvs_dest *dest = cp->dest;
	struct net *net = cp->cn->ln->net;
	struct lvs_dest_dst *d;
	int ret;

	if (!dest || dest_rt_flags(dest) != flags)
		return lvs_route(net, cp->daf, &cp->daddr, flags, r);

	rcu_read_lock();
	d = rcu_dereference(dest->route);
	if (!d) {
		rcu_read_unlock();
		return lvs_route(net, cp->daf, &cp->daddr, flags, r);
	}
	/* dst_cache wants BH off; LOCAL_OUT may run with it on. */
	local_bh_disable();
	if (cache_get(&d->cache, cp->daf, r)) {
		local_bh_enable();
		rcu_read_unlock();
		return 0;
	}
	ret = lvs_route(net, cp->daf, &cp->daddr, flags, r);
	if (!ret) {
		cache_set(&d->cache, cp->daf, r);
		/*
		 * An edit between our check and the set may have reset the
		 * cache before we filled it for the old method: reset again
		 * (an entry set before a reset, or in its jiffy, is stale).
		 */
		smp_mb();
		if (dest_rt_flags(dest) != flags)
			dst_cache_reset(&d->cache);
	}
	local_bh_enable();
	rcu_read_unlock();
	return ret;
}

/*
 * A device going down or away: release every cached route of the
 * namespace (as IPVS's ip_vs_dst_event), the trashed dests' included. The
 * walk is under RCU only: this runs under RTNL, which the control path
 * may take while it holds ln->mutex (the sync daemon's multicast join).
 */
static int dest_route_netdev_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct rhashtable_iter iter;
	struct lvs_dest *dest;
	struct lvs_net *ln;

	if (event != NETDEV_DOWN && event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	ln = lvs_net(dev_net(dev));
	if (!ln)
		return NOTIFY_DONE;

	rhashtable_walk_enter(&ln->dest_table, &iter);
	rhashtable_walk_start(&iter);
	while ((dest = rhashtable_walk_next(&iter))) {
		if (IS_ERR(dest)) {
			if (PTR_ERR(dest) == -EAGAIN)
				continue;	/* resized: go on, maybe twice */
			break;
		}
		dest_route_swap(dest, dest_dst_alloc(GFP_ATOMIC));
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return NOTIFY_DONE;
}

static struct notifier_block dest_route_notifier = {
	.notifier_call = dest_route_netdev_event,
};

int __init lvs_dest_route_module_init(void)
{
	return register_netdevice_notifier(&dest_route_notifier);
}

void lvs_dest_route_module_exit(void)
{
	unregister_netdevice_notifier(&dest_route_notifier);
}
