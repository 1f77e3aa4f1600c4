// SPDX-License-Identifier: GPL-2.0
/* The per-dest route cache; the rules are in dest_route.h. */
#include <linux/bottom_half.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/dst_cache.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "dest.h"
#include "dest_route.h"
#include "netns.h"

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

	/* The new settings first; pairs with the check after a fill (xmit_out.c). */
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

struct dst_cache *lvs_dest_route_cache(struct lvs_dest *dest)
{
	struct lvs_dest_dst *d = rcu_dereference(dest->route);

	return d ? &d->cache : NULL;
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
