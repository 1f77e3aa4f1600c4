/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The locality cache of lblc and lblcr: destination address -> entry, with
 * IPVS's garbage collection (a timer every minute; entries unused for the
 * expiration sysctl go every 30th run, and when the table holds more than
 * 16 entries per bucket, entries unused for six minutes go at once).
 *
 * Everything here, the timer included, runs under svc->sched_lock; entries
 * are freed at once, their dests (held by the entries) after RCU.
 */
#ifndef _LVS_SCHED_CACHE_H
#define _LVS_SCHED_CACHE_H

#include <linux/netfilter.h>
#include <linux/timer.h>
#include <linux/types.h>

#include "core/sched_lblc.h"

struct lvs_service;

struct lvs_sched_cache_entry {
	struct hlist_node node;
	union nf_inet_addr addr;
	unsigned long lastuse;
};

struct lvs_sched_cache {
	struct hlist_head *buckets;
	struct lvs_service *svc;
	struct timer_list timer;
	unsigned int entries;
	unsigned int counter;
	unsigned int rover;
	bool dead;
	/* The expiration sysctl in force, in jiffies. */
	int (*expiration)(const struct lvs_service *svc);
	void (*free_entry)(struct lvs_sched_cache_entry *en);
};

int lvs_sched_cache_init(struct lvs_sched_cache *c, struct lvs_service *svc);
/* Flushes the cache and stops the timer; may sleep. */
void lvs_sched_cache_done(struct lvs_sched_cache *c);

struct lvs_sched_cache_entry *
lvs_sched_cache_get(struct lvs_sched_cache *c, const union nf_inet_addr *addr);
/* @en->addr filled, lastuse set; not yet in the cache. */
void lvs_sched_cache_add(struct lvs_sched_cache *c,
			 struct lvs_sched_cache_entry *en);

#endif /* _LVS_SCHED_CACHE_H */
