// SPDX-License-Identifier: GPL-2.0
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "dest.h"
#include "pkt.h"
#include "sched_view.h"
#include "service.h"

static bool svc_v6(const struct lvs_service *svc)
{
	return lvs_svc_af(svc) == AF_INET6;
}

u32 lvs_sched_fold(const struct lvs_service *svc,
		   const union nf_inet_addr *addr)
{
	return lvs_sched_addr_fold((const u8 *)addr, svc_v6(svc));
}

void lvs_sched_dest_fill(struct lvs_sched_dest *sd, const struct lvs_dest *dest)
{
	u32 flags = 0;

	if (test_bit(LVS_DEST_AVAILABLE, &dest->flags))
		flags |= LVS_SCHED_F_AVAILABLE;
	if (test_bit(LVS_DEST_OVERLOAD, &dest->flags))
		flags |= LVS_SCHED_F_OVERLOAD;
	sd->flags = flags;
	sd->weight = atomic_read(&dest->weight);
	sd->last_weight = atomic_read(&dest->last_weight);
	sd->activeconns = atomic_read(&dest->activeconns);
	sd->inactconns = atomic_read(&dest->inactconns);
}

/* Counters and the overload flag move on the packet path: copy them in. */
static void view_sync_one(struct lvs_sched_view *v, int i)
{
	struct lvs_sched_dest *sd = &v->d[i];
	s32 last_weight = sd->last_weight;

	lvs_sched_dest_fill(sd, v->dests[i]);
	/* The tables were built from it; keep both consistent. */
	sd->last_weight = last_weight;
	if (!(sd->flags & LVS_SCHED_F_AVAILABLE))
		sd->weight = 0;
}

static void view_sync(struct lvs_sched_view *v)
{
	int i;

	for (i = 0; i < v->n; i++)
		view_sync_one(v, i);
}

static bool class_live(const struct lvs_sched_class *cls)
{
	return cls->dest_changed;
}

/* Index of @dest in @v, or -1; only live classes' views have slots. */
static int view_slot(const struct lvs_sched_view *v,
		     const struct lvs_dest *dest)
{
	u32 mask, h;

	if (!v->slots)
		return -1;
	mask = (1U << v->slot_bits) - 1;
	for (h = hash_ptr(dest, v->slot_bits);; h = (h + 1) & mask) {
		s32 i = v->slots[h];

		if (i < 0 || v->dests[i] == dest)
			return i;
	}
}

/* At most half full, so every probe ends at a free slot. */
static void view_fill_slots(struct lvs_sched_view *v)
{
	u32 mask = (1U << v->slot_bits) - 1, h;
	int i;

	memset(v->slots, 0xff, sizeof(*v->slots) << v->slot_bits);
	for (i = 0; i < v->n; i++) {
		h = hash_ptr(v->dests[i], v->slot_bits);
		while (v->slots[h] >= 0)
			h = (h + 1) & mask;
		v->slots[h] = i;
	}
}

static void view_free_rcu(struct rcu_head *head)
{
	struct lvs_sched_view *v;
	int i;

	v = container_of(head, struct lvs_sched_view, rcu);

	for (i = 0; i < v->n; i++)
		lvs_dest_put(v->dests[i]);
	kvfree(v);
}

static struct lvs_sched_view *view_build(struct lvs_service *svc,
					 const struct lvs_sched_class *cls)
{
	unsigned int n = svc->num_dests;
	struct lvs_sched_view *v;
	struct lvs_dest *dest;
	size_t off_d, off_s, off_t, tsize;
	u32 slot_bits = 0;
	int i = 0, ret;

	tsize = cls->table_bytes ? cls->table_bytes(n) : cls->table_size;
	if (class_live(cls))
		slot_bits = ilog2(roundup_pow_of_two(2 * n + 2));
	off_d = ALIGN(sizeof(*v) + n * sizeof(v->dests[0]), 8);
	off_s = ALIGN(off_d + n * sizeof(v->d[0]), 8);
	off_t = ALIGN(off_s + (slot_bits ? sizeof(s32) << slot_bits : 0), 8);
	v = kvzalloc(off_t + tsize, GFP_KERNEL);
	if (!v)
		return ERR_PTR(-ENOMEM);
	v->dests = (struct lvs_dest **)(v + 1);
	v->d = (struct lvs_sched_dest *)((char *)v + off_d);
	v->table = tsize ? (char *)v + off_t : NULL;

	list_for_each_entry(dest, &svc->dests, n_list) {
		struct lvs_sched_dest *sd = &v->d[i];

		if (WARN_ON_ONCE(i == n))
			break;
		lvs_sched_dest_fill(sd, dest);
		sd->addr_fold = lvs_sched_fold(svc, &dest->key.addr);
		sd->port = ntohs(dest->key.port);
		v->dests[i++] = dest;
	}
	v->n = i;
	if (slot_bits) {
		v->slots = (s32 *)((char *)v + off_s);
		v->slot_bits = slot_bits;
		view_fill_slots(v);
	}

	if (cls->build) {
		ret = cls->build(v, svc_v6(svc));
		if (ret) {
			kvfree(v);
			return ERR_PTR(ret);
		}
	}
	for (i = 0; i < v->n; i++)
		lvs_dest_hold(v->dests[i]);
	return v;
}

/* Under ln->mutex. */
static int view_publish(struct lvs_service *svc, struct lvs_sched_data *sd)
{
	struct lvs_sched_view *v, *old;

	v = view_build(svc, sd->cls);
	if (IS_ERR(v))
		return PTR_ERR(v);

	spin_lock_bh(&svc->sched_lock);
	old = rcu_dereference_protected(sd->view,
					lockdep_is_held(&svc->sched_lock));
	if (class_live(sd->cls)) {
		/* Counters that moved since the build (see sched_view.h). */
		view_sync(v);
		sd->cls->resync(sd, v);
	}
	if (sd->cls->publish)
		sd->cls->publish(sd, old, v);
	rcu_assign_pointer(sd->view, v);
	spin_unlock_bh(&svc->sched_lock);

	if (old)
		call_rcu(&old->rcu, view_free_rcu);
	return 0;
}

static void data_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct lvs_sched_data, rcu));
}

int lvs_sched_data_init(struct lvs_service *svc,
			const struct lvs_sched_class *cls)
{
	struct lvs_sched_data *sd;
	int ret;

	sd = kzalloc(cls->data_size, GFP_KERNEL);
	if (!sd)
		return -ENOMEM;
	sd->cls = cls;
	if (cls->init) {
		ret = cls->init(sd, svc);
		if (ret) {
			kfree(sd);
			return ret;
		}
	}
	/*
	 * Published before its first view, so that lvs_sched_conns_changed()
	 * finds it from then on: a counter change is then either read by the
	 * view's refresh or applied to the view after it (sched_view.h). The
	 * barrier pairs with the one there: the publication is seen, or the
	 * changed counter is.
	 */
	rcu_assign_pointer(svc->sched_data, sd);
	/* Pairs with smp_mb__after_atomic() in lvs_sched_conns_changed(). */
	smp_mb();
	ret = view_publish(svc, sd);
	if (ret) {
		/* Readers find no view and give up; free after them. */
		RCU_INIT_POINTER(svc->sched_data, NULL);
		if (cls->done)
			cls->done(sd);
		call_rcu(&sd->rcu, data_free_rcu);
	}
	return ret;
}

/* Readers that still hold sd (under RCU) keep working until they leave. */
void lvs_sched_data_done(struct lvs_service *svc)
{
	struct lvs_sched_data *sd;
	struct lvs_sched_view *v;

	sd = rcu_dereference_protected(svc->sched_data, 1);
	if (!sd)
		return;
	RCU_INIT_POINTER(svc->sched_data, NULL);
	if (sd->cls->done)
		sd->cls->done(sd);
	v = rcu_dereference_protected(sd->view, 1);
	if (v)
		call_rcu(&v->rcu, view_free_rcu);
	call_rcu(&sd->rcu, data_free_rcu);
}

/* Add, delete and edit alike: the new view is built from the list. */
int lvs_sched_dests_changed(struct lvs_service *svc, struct lvs_dest *dest)
{
	struct lvs_sched_data *sd;

	sd = rcu_dereference_protected(svc->sched_data, 1);
	if (!sd)
		return 0;
	return view_publish(svc, sd);
}

struct lvs_dest *lvs_sched_view_schedule(struct lvs_service *svc,
					 const struct sk_buff *skb,
					 const struct lvs_pkt *pkt)
{
	struct lvs_sched_data *sd = rcu_dereference(svc->sched_data);
	struct lvs_sched_view *v;
	struct lvs_dest *dest = NULL;

	if (!sd)
		return NULL;
	spin_lock_bh(&svc->sched_lock);
	v = rcu_dereference(sd->view);
	if (v) {
		if (!class_live(sd->cls))
			view_sync(v);
		dest = sd->cls->pick(sd, v, svc, pkt);
	}
	spin_unlock_bh(&svc->sched_lock);
	return dest;
}

/*
 * Every scheduler keeps a view, so this lives here rather than behind an
 * ops hook: it reads svc->sched_data directly, which is published before
 * its first view (lvs_sched_data_init), while svc->sched is published only
 * after it. The dest may already be off its service's list, the service
 * deleted (a connection timer fires late): the dest holds a reference on
 * its service, the view has no slot for it, and a service without
 * scheduler data has nothing to update.
 */
void lvs_sched_conns_changed(struct lvs_dest *dest)
{
	struct lvs_service *svc;
	struct lvs_sched_data *sd;
	struct lvs_sched_view *v;
	int i;

	/* The caller just changed a counter with an atomic RMW. */
	smp_mb__after_atomic();
	rcu_read_lock();
	/* A revival may move it to a new service (dest.c: rebind()). */
	svc = lvs_dest_svc(dest);
	sd = rcu_dereference(svc->sched_data);
	if (!sd || !class_live(sd->cls))
		goto out;
	spin_lock_bh(&svc->sched_lock);
	v = rcu_dereference(sd->view);
	i = v ? view_slot(v, dest) : -1;
	if (i >= 0) {
		view_sync_one(v, i);
		sd->cls->dest_changed(sd, v, i);
	}
	spin_unlock_bh(&svc->sched_lock);
out:
	rcu_read_unlock();
}

int lvs_sched_view_remap(const struct lvs_sched_view *old, int i,
			 const struct lvs_sched_view *v)
{
	int j;

	if (!old)
		return -1;
	for (; i >= 0 && i < old->n; i--)
		for (j = 0; j < v->n; j++)
			if (v->dests[j] == old->dests[i])
				return j;
	return -1;
}
