// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "core/sched_lblc.h"
#include "core/sched_lblcr.h"
#include "dest.h"
#include "netns.h"
#include "pkt.h"
#include "sched_cache.h"
#include "sched_view.h"
#include "service.h"

/*
 * An entry's dest set is an array, most recently inserted first, with a
 * view slot per member for kmod/sched/core/ to read; all under sched_lock.
 */
struct lblcr_entry {
	struct lvs_sched_cache_entry base;
	unsigned long lastmod;
	int len, cap;
	struct lvs_dest **set;			/* held */
	struct lvs_sched_dest *views;
	const struct lvs_sched_dest **vp;
};

struct lblcr_data {
	struct lvs_sched_data base;
	struct lvs_sched_cache cache;
};

static int lblcr_expiration(const struct lvs_service *svc)
{
	return READ_ONCE(svc->ln->sysctl.lblcr_expiration);
}

static void lblcr_free_entry(struct lvs_sched_cache_entry *en)
{
	struct lblcr_entry *e = container_of(en, struct lblcr_entry, base);
	int i;

	for (i = 0; i < e->len; i++)
		lvs_dest_put(e->set[i]);
	kfree(e->set);
	kfree(e);
}

static int set_grow(struct lblcr_entry *e)
{
	int cap = e->cap ? 2 * e->cap : 4;
	size_t each = sizeof(*e->set) + sizeof(*e->views) + sizeof(*e->vp);
	void *mem;

	mem = kmalloc_array(cap, each, GFP_ATOMIC);
	if (!mem)
		return -ENOMEM;
	memcpy(mem, e->set, e->len * sizeof(*e->set));
	kfree(e->set);
	e->set = mem;
	e->views = (struct lvs_sched_dest *)(e->set + cap);
	e->vp = (const struct lvs_sched_dest **)(e->views + cap);
	e->cap = cap;
	return 0;
}

static void set_insert(struct lblcr_entry *e, struct lvs_dest *dest)
{
	int i;

	for (i = 0; i < e->len; i++)
		if (e->set[i] == dest)
			return;
	if (e->len == e->cap && set_grow(e))
		return;
	memmove(e->set + 1, e->set, e->len * sizeof(*e->set));
	lvs_dest_hold(dest);
	e->set[0] = dest;
	e->len++;
	e->lastmod = jiffies;
}

static void set_erase(struct lblcr_entry *e, int pos)
{
	lvs_dest_put(e->set[pos]);
	e->len--;
	memmove(e->set + pos, e->set + pos + 1,
		(e->len - pos) * sizeof(*e->set));
	e->lastmod = jiffies;
}

static struct lblcr_entry *lblcr_new(struct lvs_sched_cache *c,
				     const union nf_inet_addr *addr)
{
	struct lblcr_entry *e = kzalloc(sizeof(*e), GFP_ATOMIC);

	if (!e)
		return NULL;
	if (set_grow(e)) {
		kfree(e);
		return NULL;
	}
	e->base.addr = *addr;
	e->base.lastuse = jiffies;
	e->lastmod = jiffies;
	lvs_sched_cache_add(c, &e->base);
	return e;
}

static struct lvs_dest *lblcr_pick(struct lvs_sched_data *sd,
				   struct lvs_sched_view *v,
				   struct lvs_service *svc,
				   const struct lvs_pkt *pkt)
{
	struct lblcr_data *ld = container_of(sd, struct lblcr_data, base);
	const union nf_inet_addr *addr = pkt->inverse ? &pkt->saddr :
							&pkt->daddr;
	struct lvs_lblcr_decision dec;
	struct lvs_sched_cache_entry *en;
	struct lblcr_entry *e = NULL;
	struct lvs_dest *dest = NULL;
	bool expired = false;
	int i, len = 0;

	/* A flushed cache stays empty (see lblc_pick). */
	if (ld->cache.dead)
		return lvs_sched_view_dest(v, lvs_lblc_pick(v->d, v->n));

	en = lvs_sched_cache_get(&ld->cache, addr);
	if (en) {
		e = container_of(en, struct lblcr_entry, base);
		en->lastuse = jiffies;
		for (i = 0; i < e->len; i++) {
			lvs_sched_dest_fill(&e->views[i], e->set[i]);
			e->vp[i] = &e->views[i];
		}
		len = e->len;
		expired = len > 1 &&
			  time_after(jiffies, e->lastmod +
					      lblcr_expiration(svc));
	}

	lvs_lblcr_decide(e ? e->vp : NULL, len, expired, v->d, v->n, &dec);
	if (dec.set_pos >= 0)
		dest = e->set[dec.set_pos];
	else
		dest = lvs_sched_view_dest(v, dec.idx);
	if (dec.erase_pos >= 0)
		set_erase(e, dec.erase_pos);
	if (dec.idx >= 0) {
		if (!e)
			e = lblcr_new(&ld->cache, addr);
		if (e)
			set_insert(e, dest);
	}
	return dest;
}

static int lblcr_init(struct lvs_sched_data *sd, struct lvs_service *svc)
{
	struct lblcr_data *ld = container_of(sd, struct lblcr_data, base);

	ld->cache.expiration = lblcr_expiration;
	ld->cache.free_entry = lblcr_free_entry;
	return lvs_sched_cache_init(&ld->cache, svc);
}

static void lblcr_done(struct lvs_sched_data *sd)
{
	lvs_sched_cache_done(&container_of(sd, struct lblcr_data, base)->cache);
}

static const struct lvs_sched_class lblcr_class = {
	.data_size = sizeof(struct lblcr_data),
	.init = lblcr_init,
	.done = lblcr_done,
	.pick = lblcr_pick,
};

static int lblcr_init_service(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &lblcr_class);
}

const struct lvs_scheduler lvs_sched_lblcr =
	LVS_SCHED_OPS("lblcr", lblcr_init_service);
