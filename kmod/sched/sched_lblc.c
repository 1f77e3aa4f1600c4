// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "core/sched_lblc.h"
#include "dest.h"
#include "netns.h"
#include "pkt.h"
#include "sched_cache.h"
#include "sched_view.h"
#include "service.h"

struct lblc_entry {
	struct lvs_sched_cache_entry base;
	struct lvs_dest *dest;		/* held */
};

struct lblc_data {
	struct lvs_sched_data base;
	struct lvs_sched_cache cache;
};

static int lblc_expiration(const struct lvs_service *svc)
{
	return READ_ONCE(svc->ln->sysctl.lblc_expiration);
}

static void lblc_free_entry(struct lvs_sched_cache_entry *en)
{
	struct lblc_entry *e = container_of(en, struct lblc_entry, base);

	lvs_dest_put(e->dest);
	kfree(e);
}

/* Remember @dest for @addr; on allocation failure just serve it. */
static void lblc_store(struct lvs_sched_cache *c, struct lblc_entry *e,
		       const union nf_inet_addr *addr, struct lvs_dest *dest)
{
	if (e) {
		if (e->dest == dest)
			return;
		lvs_dest_hold(dest);
		lvs_dest_put(e->dest);
		e->dest = dest;
		e->base.lastuse = jiffies;
		return;
	}
	e = kmalloc(sizeof(*e), GFP_ATOMIC);
	if (!e)
		return;
	e->base.addr = *addr;
	e->base.lastuse = jiffies;
	lvs_dest_hold(dest);
	e->dest = dest;
	lvs_sched_cache_add(c, &e->base);
}

/* Keyed by the destination address IPVS sees (see dh for ICMP errors). */
static struct lvs_dest *lblc_pick(struct lvs_sched_data *sd,
				  struct lvs_sched_view *v,
				  struct lvs_service *svc,
				  const struct lvs_pkt *pkt)
{
	struct lblc_data *ld = container_of(sd, struct lblc_data, base);
	const union nf_inet_addr *addr = pkt->inverse ? &pkt->saddr :
							&pkt->daddr;
	struct lvs_sched_cache_entry *en;
	struct lblc_entry *e = NULL;
	struct lvs_dest *dest;

	/*
	 * A reader that found this scheduler just before a change (-E -s)
	 * may get sched_lock after the cache was flushed: it must not refill
	 * it, nor touch the buckets, which are about to be freed.
	 */
	if (ld->cache.dead)
		return lvs_sched_view_dest(v, lvs_lblc_pick(v->d, v->n));

	en = lvs_sched_cache_get(&ld->cache, addr);
	if (en) {
		struct lvs_sched_dest cached;

		e = container_of(en, struct lblc_entry, base);
		en->lastuse = jiffies;
		lvs_sched_dest_fill(&cached, e->dest);
		if (lvs_lblc_cached_ok(&cached, v->d, v->n))
			return e->dest;
	}
	dest = lvs_sched_view_dest(v, lvs_lblc_pick(v->d, v->n));
	if (dest)
		lblc_store(&ld->cache, e, addr, dest);
	return dest;
}

static int lblc_init(struct lvs_sched_data *sd, struct lvs_service *svc)
{
	struct lblc_data *ld = container_of(sd, struct lblc_data, base);

	ld->cache.expiration = lblc_expiration;
	ld->cache.free_entry = lblc_free_entry;
	return lvs_sched_cache_init(&ld->cache, svc);
}

static void lblc_done(struct lvs_sched_data *sd)
{
	lvs_sched_cache_done(&container_of(sd, struct lblc_data, base)->cache);
}

static const struct lvs_sched_class lblc_class = {
	.data_size = sizeof(struct lblc_data),
	.init = lblc_init,
	.done = lblc_done,
	.pick = lblc_pick,
};

static int lblc_init_service(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &lblc_class);
}

const struct lvs_scheduler lvs_sched_lblc =
	LVS_SCHED_OPS("lblc", lblc_init_service);
