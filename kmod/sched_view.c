// SPDX-License-Identifier: GPL-2.0
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
static void view_sync(struct lvs_sched_view *v)
{
	int i;

	for (i = 0; i < v->n; i++) {
		struct lvs_sched_dest *sd = &v->d[i];
		s32 last_weight = sd->last_weight;

		lvs_sched_dest_fill(sd, v->dests[i]);
		/* The tables were built from it; keep both consistent. */
		sd->last_weight = last_weight;
		if (!(sd->flags & LVS_SCHED_F_AVAILABLE))
			sd->weight = 0;
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
	size_t off_d, off_t;
	int i = 0, ret;

	off_d = ALIGN(sizeof(*v) + n * sizeof(v->dests[0]), 8);
	off_t = ALIGN(off_d + n * sizeof(v->d[0]), 8);
	v = kvzalloc(off_t + cls->table_size, GFP_KERNEL);
	if (!v)
		return ERR_PTR(-ENOMEM);
	v->dests = (struct lvs_dest **)(v + 1);
	v->d = (struct lvs_sched_dest *)((char *)v + off_d);
	v->table = cls->table_size ? (char *)v + off_t : NULL;

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
	if (sd->cls->publish)
		sd->cls->publish(sd, old, v);
	rcu_assign_pointer(sd->view, v);
	spin_unlock_bh(&svc->sched_lock);

	if (old)
		call_rcu(&old->rcu, view_free_rcu);
	return 0;
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
		if (ret)
			goto err_free;
	}
	ret = view_publish(svc, sd);
	if (ret)
		goto err_done;
	rcu_assign_pointer(svc->sched_data, sd);
	return 0;

err_done:
	if (cls->done)
		cls->done(sd);
err_free:
	kfree(sd);
	return ret;
}

static void data_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct lvs_sched_data, rcu));
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
		view_sync(v);
		dest = sd->cls->pick(sd, v, svc, pkt);
	}
	spin_unlock_bh(&svc->sched_lock);
	return dest;
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
