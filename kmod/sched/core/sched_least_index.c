// SPDX-License-Identifier: GPL-2.0
#include "sched_least_index.h"
#include "sched_lc.h"
#include "sched_nq.h"
#include "sched_sed.h"
#include "sched_wlc.h"

int lvs_least_scan(enum lvs_least_kind kind, const struct lvs_sched_dest *d,
		   int n)
{
	switch (kind) {
	case LVS_LEAST_LC:
		return lvs_lc_pick(d, n);
	case LVS_LEAST_WLC:
		return lvs_wlc_pick(d, n);
	case LVS_LEAST_SED:
		return lvs_sed_pick(d, n);
	case LVS_LEAST_NQ:
		return lvs_nq_pick(d, n);
	}
	return -1;
}

static bool least_usable(enum lvs_least_kind kind,
			 const struct lvs_sched_dest *d)
{
	if (lvs_sched_overloaded(d))
		return false;
	if (kind == LVS_LEAST_LC || kind == LVS_LEAST_NQ)
		return d->weight != 0;
	return d->weight > 0;
}

static s32 least_load(enum lvs_least_kind kind,
		      const struct lvs_sched_dest *d)
{
	if (kind == LVS_LEAST_WLC || kind == LVS_LEAST_LC)
		return lvs_sched_overhead(d);
	return (s32)((u32)d->activeconns + 1);
}

static bool least_odd(enum lvs_least_kind kind, const struct lvs_sched_dest *d)
{
	if (lvs_sched_overloaded(d))
		return false;
	switch (kind) {
	case LVS_LEAST_LC:
		return false;	/* unsigned compare: always a total order */
	case LVS_LEAST_NQ:
		return d->weight < 0;
	default:
		return d->weight < 0 ||
		       (d->weight == 0 && least_load(kind, d) < 0);
	}
}

/* True if @b (a later dest than @a) strictly beats @a. */
static bool least_beats(enum lvs_least_kind kind,
			const struct lvs_sched_dest *a,
			const struct lvs_sched_dest *b)
{
	if (kind == LVS_LEAST_LC)
		return (u32)lvs_sched_overhead(b) < (u32)lvs_sched_overhead(a);
	if (kind == LVS_LEAST_NQ) {
		if (a->activeconns == 0)
			return false;
		if (b->activeconns == 0)
			return true;
	}
	return (s64)least_load(kind, a) * b->weight >
	       (s64)least_load(kind, b) * a->weight;
}

/* Winner of two subtrees; every index in @l's subtree precedes @r's. */
static s32 least_merge(const struct lvs_least_index *idx,
		       const struct lvs_sched_dest *d, s32 l, s32 r)
{
	if (l < 0 || !least_usable(idx->kind, &d[l]))
		return r >= 0 && least_usable(idx->kind, &d[r]) ? r : l;
	if (r < 0 || !least_usable(idx->kind, &d[r]))
		return l;
	return least_beats(idx->kind, &d[l], &d[r]) ? r : l;
}

int lvs_least_index_cap(int n)
{
	int cap = 1;

	while (cap < n)
		cap <<= 1;
	return cap;
}

void lvs_least_index_init(struct lvs_least_index *idx,
			  enum lvs_least_kind kind, s32 *tree, u8 *odd,
			  int cap)
{
	idx->kind = kind;
	idx->n = 0;
	idx->cap = cap;
	idx->tree = tree;
	idx->odd = odd;
	idx->odd_count = 0;
}

void lvs_least_index_build(struct lvs_least_index *idx,
			   const struct lvs_sched_dest *d, int n)
{
	int i;

	idx->n = n;
	idx->odd_count = 0;
	for (i = 0; i < idx->cap; i++) {
		idx->tree[idx->cap + i] = i < n ? i : -1;
		idx->odd[i] = i < n && least_odd(idx->kind, &d[i]);
		idx->odd_count += idx->odd[i];
	}
	for (i = idx->cap - 1; i >= 1; i--)
		idx->tree[i] = least_merge(idx, d, idx->tree[2 * i],
					   idx->tree[2 * i + 1]);
}

void lvs_least_index_update(struct lvs_least_index *idx,
			    const struct lvs_sched_dest *d, int i)
{
	u8 odd = least_odd(idx->kind, &d[i]);
	int k;

	idx->odd_count += odd - idx->odd[i];
	idx->odd[i] = odd;
	for (k = (idx->cap + i) / 2; k >= 1; k /= 2)
		idx->tree[k] = least_merge(idx, d, idx->tree[2 * k],
					   idx->tree[2 * k + 1]);
}

int lvs_least_index_pick(const struct lvs_least_index *idx,
			 const struct lvs_sched_dest *d)
{
	s32 root;

	if (idx->odd_count)
		return lvs_least_scan(idx->kind, d, idx->n);
	root = idx->tree[1];
	return root >= 0 && least_usable(idx->kind, &d[root]) ? root : -1;
}
