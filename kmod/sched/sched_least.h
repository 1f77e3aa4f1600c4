/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lc, wlc, sed and nq: one live class shape over the least index of
 * kmod/sched/core/sched_least_index.h, which answers exactly what the IPVS scan
 * answers. Each new view carries the index in its table (sized by the
 * number of dests); it is rebuilt when the view is published and updated
 * in O(log n) for each dest whose counters move, so a pick reads the root
 * instead of scanning every dest.
 */
#ifndef _LVS_SCHED_LEAST_H
#define _LVS_SCHED_LEAST_H

#include "core/sched_least_index.h"
#include "sched_view.h"

size_t lvs_sched_least_bytes(int n);
void lvs_sched_least_resync(struct lvs_sched_data *sd,
			    struct lvs_sched_view *v);
void lvs_sched_least_changed(struct lvs_sched_data *sd,
			     struct lvs_sched_view *v, int i);
struct lvs_dest *lvs_sched_least_pick(struct lvs_sched_data *sd,
				      struct lvs_sched_view *v,
				      struct lvs_service *svc,
				      const struct lvs_pkt *pkt);

#define LVS_SCHED_LEAST_CLASS(kind) {				\
	.data_size = sizeof(struct lvs_sched_data),		\
	.table_bytes = lvs_sched_least_bytes,			\
	.variant = kind,					\
	.resync = lvs_sched_least_resync,			\
	.dest_changed = lvs_sched_least_changed,		\
	.pick = lvs_sched_least_pick,				\
}

#endif /* _LVS_SCHED_LEAST_H */
