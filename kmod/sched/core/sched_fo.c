// SPDX-License-Identifier: GPL-2.0
#include "sched_fo.h"

int lvs_fo_pick(const struct lvs_sched_dest *d, int n)
{
	int i, best = -1;
	s32 hw = 0;

	for (i = 0; i < n; i++) {
		if (!lvs_sched_overloaded(&d[i]) && d[i].weight > hw) {
			best = i;
			hw = d[i].weight;
		}
	}
	return best;
}
