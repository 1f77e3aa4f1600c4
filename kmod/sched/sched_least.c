// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>

#include "sched_least.h"

/* The table: the index header, then its tree (2 * cap) and odd (cap). */
struct least_table {
	struct lvs_least_index idx;
	s32 tree[];
};

size_t lvs_sched_least_bytes(int n)
{
	size_t cap = lvs_least_index_cap(n);

	return sizeof(struct least_table) + 2 * cap * sizeof(s32) + cap;
}

void lvs_sched_least_resync(struct lvs_sched_data *sd,
			    struct lvs_sched_view *v)
{
	struct least_table *t = v->table;
	int cap = lvs_least_index_cap(v->n);

	lvs_least_index_init(&t->idx, sd->cls->variant, t->tree,
			     (u8 *)(t->tree + 2 * cap), cap);
	lvs_least_index_build(&t->idx, v->d, v->n);
}

void lvs_sched_least_changed(struct lvs_sched_data *sd,
			     struct lvs_sched_view *v, int i)
{
	struct least_table *t = v->table;

	lvs_least_index_update(&t->idx, v->d, i);
}

struct lvs_dest *lvs_sched_least_pick(struct lvs_sched_data *sd,
				      struct lvs_sched_view *v,
				      struct lvs_service *svc,
				      const struct lvs_pkt *pkt)
{
	struct least_table *t = v->table;

	return lvs_sched_view_dest(v, lvs_least_index_pick(&t->idx, v->d));
}
