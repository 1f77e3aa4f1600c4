// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "addr.h"
#include "sched_cache.h"
#include "sched_view.h"
#include "service.h"

#define CACHE_SIZE		(1 << LVS_LBLC_TAB_BITS)
#define CACHE_MAX_ENTRIES	(CACHE_SIZE * 16)
#define CHECK_INTERVAL		(60 * HZ)
#define ENTRY_TIMEOUT		(6 * 60 * HZ)
#define RUNS_PER_FULL_CHECK	30

static u32 cache_hash(const struct lvs_sched_cache *c,
		      const union nf_inet_addr *addr)
{
	return lvs_sched_hash_32(lvs_sched_fold(c->svc, addr),
				 LVS_LBLC_TAB_BITS);
}

struct lvs_sched_cache_entry *
lvs_sched_cache_get(struct lvs_sched_cache *c, const union nf_inet_addr *addr)
{
	struct lvs_sched_cache_entry *en;

	hlist_for_each_entry(en, &c->buckets[cache_hash(c, addr)], node)
		if (lvs_addr_eq(lvs_svc_af(c->svc), &en->addr, addr))
			return en;
	return NULL;
}

void lvs_sched_cache_add(struct lvs_sched_cache *c,
			 struct lvs_sched_cache_entry *en)
{
	hlist_add_head(&en->node, &c->buckets[cache_hash(c, &en->addr)]);
	c->entries++;
}

static void cache_del(struct lvs_sched_cache *c,
		      struct lvs_sched_cache_entry *en)
{
	hlist_del(&en->node);
	c->entries--;
	c->free_entry(en);
}

/* Drops the entries of bucket @b unused for @age; returns how many. */
static int expire_bucket(struct lvs_sched_cache *c, unsigned int b,
			 unsigned long age)
{
	struct lvs_sched_cache_entry *en;
	struct hlist_node *next;
	unsigned long now = jiffies;
	int freed = 0;

	hlist_for_each_entry_safe(en, next, &c->buckets[b], node) {
		if (time_before(now, en->lastuse + age))
			continue;
		cache_del(c, en);
		freed++;
	}
	return freed;
}

static void cache_check(struct timer_list *t)
{
	struct lvs_sched_cache *c = from_timer(c, t, timer);
	unsigned int i, b = c->rover;
	int goal;

	spin_lock(&c->svc->sched_lock);
	if (c->dead)
		goto unlock;
	if (c->counter % RUNS_PER_FULL_CHECK == 0) {
		unsigned long age = c->expiration(c->svc);

		for (i = 0; i < CACHE_SIZE; i++) {
			b = (b + 1) & (CACHE_SIZE - 1);
			expire_bucket(c, b, age);
		}
		c->rover = b;
		c->counter = 1;
		goto rearm;
	}
	if (c->entries <= CACHE_MAX_ENTRIES) {
		c->counter++;
		goto rearm;
	}
	goal = (c->entries - CACHE_MAX_ENTRIES) * 4 / 3;
	if (goal > CACHE_MAX_ENTRIES / 2)
		goal = CACHE_MAX_ENTRIES / 2;
	for (i = 0; i < CACHE_SIZE && goal > 0; i++) {
		b = (b + 1) & (CACHE_SIZE - 1);
		goal -= expire_bucket(c, b, ENTRY_TIMEOUT);
	}
	c->rover = b;
rearm:
	mod_timer(&c->timer, jiffies + CHECK_INTERVAL);
unlock:
	spin_unlock(&c->svc->sched_lock);
}

int lvs_sched_cache_init(struct lvs_sched_cache *c, struct lvs_service *svc)
{
	c->buckets = kcalloc(CACHE_SIZE, sizeof(*c->buckets), GFP_KERNEL);
	if (!c->buckets)
		return -ENOMEM;
	c->svc = svc;
	c->counter = 1;
	c->rover = 0;
	c->entries = 0;
	c->dead = false;
	timer_setup(&c->timer, cache_check, 0);
	mod_timer(&c->timer, jiffies + CHECK_INTERVAL);
	return 0;
}

void lvs_sched_cache_done(struct lvs_sched_cache *c)
{
	struct spinlock *lock = &c->svc->sched_lock;
	unsigned int b;

	spin_lock_bh(lock);
	c->dead = true;
	for (b = 0; b < CACHE_SIZE; b++) {
		struct lvs_sched_cache_entry *en;
		struct hlist_node *next;

		hlist_for_each_entry_safe(en, next, &c->buckets[b], node)
			cache_del(c, en);
	}
	spin_unlock_bh(lock);
	del_timer_sync(&c->timer);
	kfree(c->buckets);
}
