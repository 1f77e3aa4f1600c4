// SPDX-License-Identifier: GPL-2.0
#include "sched_lc.h"

int lvs_lc_pick(const struct lvs_sched_dest *d, int n)
{
	int i, least = -1;
	u32 loh = 0;

	for (i = 0; i < n; i++) {
		u32 doh;

		if (lvs_sched_overloaded(&d[i]) || d[i].weight == 0)
			continue;
		doh = (u32)lvs_sched_overhead(&d[i]);
		if (least < 0 || doh < loh) {
			least = i;
			loh = doh;
		}
	}
	return least;
}
