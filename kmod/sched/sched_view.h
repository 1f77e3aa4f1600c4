/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The glue between the services and the decisions of kmod/sched/core/.
 *
 * Every scheduler keeps in svc->sched_data a struct lvs_sched_data (its
 * own state may follow it). That holds the current "view": the service's
 * dests as an array of struct lvs_sched_dest in list order (newest first),
 * the parallel array of dest pointers, and the scheduler's tables built
 * from exactly that array. A change of the dests builds a new view off to
 * the side and publishes it with RCU, so the packet path never sees a
 * table and an array that disagree; if the build fails the old view stays.
 *
 * A view holds a reference on each of its dests, so a stale view (a
 * rebuild that failed) never points at freed memory; dests no longer
 * linked count as weight 0 when the view is synced.
 *
 * Locking: views are built and published under ln->mutex. The packet path
 * takes svc->sched_lock (bh) around sync + pick + any state update, which
 * also serializes it with the publish step (->publish) so per-service state
 * (cursors, caches) always indexes the current view.
 *
 * "Live" classes (those with ->dest_changed: lc, wlc, sed, nq) do not sync
 * the whole view per pick. Instead lvs_sched_conns_changed() refreshes the
 * one dest whose counters moved, under sched_lock, and lets the class
 * update its index in O(log n); the publish step refreshes every dest of
 * the new view under the same lock, so no change is lost between the
 * build and the publish: a counter moved before the refresh is read by it,
 * one moved after it reaches the new view through its own call.
 */
#ifndef _LVS_SCHED_VIEW_H
#define _LVS_SCHED_VIEW_H

#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "core/sched_dest.h"
#include "sched.h"

struct lvs_dest;
struct lvs_service;
struct lvs_pkt;

struct lvs_sched_view {
	struct rcu_head rcu;
	int n;
	struct lvs_dest **dests;
	struct lvs_sched_dest *d;
	void *table;			/* class->table_size bytes */
	/* Live classes: dest -> index, open addressing, -1 = free. */
	s32 *slots;
	u32 slot_bits;
};

struct lvs_sched_data;

/* What differs between schedulers; every hook is optional but ->pick. */
struct lvs_sched_class {
	size_t data_size;		/* >= sizeof(struct lvs_sched_data) */
	size_t table_size;
	/* Instead of table_size, for tables that grow with the dests. */
	size_t (*table_bytes)(int n);
	int variant;			/* tells apart classes sharing hooks */
	/* Fill v->table from v->d; may sleep. */
	int (*build)(struct lvs_sched_view *v, bool v6);
	/* Under sched_lock, as @v replaces @old (NULL the first time). */
	void (*publish)(struct lvs_sched_data *sd,
		     const struct lvs_sched_view *old,
		     const struct lvs_sched_view *v);
	int (*init)(struct lvs_sched_data *sd, struct lvs_service *svc);
	void (*done)(struct lvs_sched_data *sd);
	/* Under sched_lock, with v synced (live classes: kept current). */
	struct lvs_dest *(*pick)(struct lvs_sched_data *sd,
				 struct lvs_sched_view *v,
				 struct lvs_service *svc,
				 const struct lvs_pkt *pkt);
	/*
	 * Live classes only, both under sched_lock: every d[] of @v was just
	 * refreshed (before @v is published), or only d[i].
	 */
	void (*resync)(struct lvs_sched_data *sd, struct lvs_sched_view *v);
	void (*dest_changed)(struct lvs_sched_data *sd,
			     struct lvs_sched_view *v, int i);
};

struct lvs_sched_data {
	const struct lvs_sched_class *cls;
	struct lvs_sched_view __rcu *view;
	struct rcu_head rcu;
};

/* ->init_service, ->done_service and the three dest hooks of every class. */
int lvs_sched_data_init(struct lvs_service *svc,
			const struct lvs_sched_class *cls);
void lvs_sched_data_done(struct lvs_service *svc);
int lvs_sched_dests_changed(struct lvs_service *svc, struct lvs_dest *dest);

/* ->schedule of every class. */
struct lvs_dest *lvs_sched_view_schedule(struct lvs_service *svc,
					 const struct sk_buff *skb,
					 const struct lvs_pkt *pkt);

/* The live state of one dest as kmod/sched/core/ reads it. */
void lvs_sched_dest_fill(struct lvs_sched_dest *sd,
			 const struct lvs_dest *dest);

static inline struct lvs_dest *
lvs_sched_view_dest(const struct lvs_sched_view *v, int i)
{
	return i >= 0 ? v->dests[i] : NULL;
}

/*
 * Index in @v of old->dests[i], or of the nearest dest before it that @v
 * still has; -1 (the list head) if none. How IPVS cursors survive changes.
 */
int lvs_sched_view_remap(const struct lvs_sched_view *old, int i,
			 const struct lvs_sched_view *v);

/* The fold of an address, by the service's family. */
u32 lvs_sched_fold(const struct lvs_service *svc,
		   const union nf_inet_addr *addr);

#define LVS_SCHED_OPS(sname, initfn) {				\
	.name = sname,						\
	.init_service = initfn,					\
	.done_service = lvs_sched_data_done,			\
	.add_dest = lvs_sched_dests_changed,			\
	.del_dest = lvs_sched_dests_changed,			\
	.upd_dest = lvs_sched_dests_changed,			\
	.schedule = lvs_sched_view_schedule,			\
}

#endif /* _LVS_SCHED_VIEW_H */
