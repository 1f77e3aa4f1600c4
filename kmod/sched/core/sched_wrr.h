/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_WRR_H
#define _LVS_CORE_SCHED_WRR_H

#include "sched_dest.h"

/*
 * Weighted round robin, IPVS's stepping: passes over the list with a
 * current weight cw going from mw down to 1 in steps of di (the gcd of
 * the positive weights); a pass serves every dest whose weight >= cw.
 * @cl is the index of the dest served last, -1 for the list head.
 */
struct lvs_wrr_state {
	int cl;
	int cw;		/* current weight */
	int mw;		/* max weight - (di - 1), so the last pass is cw = 1 */
	int di;		/* gcd of positive weights, 1 if none */
};

void lvs_wrr_init(struct lvs_wrr_state *st, const struct lvs_sched_dest *d,
		  int n);
/* After any dest was added, removed or had its weight changed. */
void lvs_wrr_dest_changed(struct lvs_wrr_state *st,
			  const struct lvs_sched_dest *d, int n);
int lvs_wrr_pick(struct lvs_wrr_state *st, const struct lvs_sched_dest *d,
		 int n);

#endif /* _LVS_CORE_SCHED_WRR_H */
