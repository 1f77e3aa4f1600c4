/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_WEIGHTED_LEAST_H
#define _LVS_CORE_SCHED_WEIGHTED_LEAST_H

#include "sched_dest.h"

/*
 * The search wlc and sed share: the usable dest with the least
 * overhead / weight, compared by 64-bit cross products as IPVS does. The
 * first usable dest with a positive weight seeds it; after that weight 0
 * is not skipped (as in IPVS: it cannot win) and only a strictly smaller
 * load replaces the current one, so ties go to the earlier dest.
 *
 * Inline so that each caller's overhead function is inlined too: the
 * packet path pays no indirect call per dest.
 */
static inline int
lvs_weighted_least_pick(const struct lvs_sched_dest *d, int n,
			s32 (*overhead)(const struct lvs_sched_dest *))
{
	int i, least;
	s32 loh;

	for (i = 0; i < n; i++)
		if (!lvs_sched_overloaded(&d[i]) && d[i].weight > 0)
			break;
	if (i == n)
		return -1;
	least = i;
	loh = overhead(&d[i]);

	for (i++; i < n; i++) {
		s32 doh;

		if (lvs_sched_overloaded(&d[i]))
			continue;
		doh = overhead(&d[i]);
		if ((s64)loh * d[i].weight > (s64)doh * d[least].weight) {
			least = i;
			loh = doh;
		}
	}
	return least;
}

#endif /* _LVS_CORE_SCHED_WEIGHTED_LEAST_H */
