// SPDX-License-Identifier: GPL-2.0
#include "sched_ovf.h"

int lvs_ovf_pick(const struct lvs_sched_dest *d, int n)
{
	int i, best = -1;
	s32 hw = 0;

	for (i = 0; i < n; i++) {
		s32 w = d[i].weight;

		if (lvs_sched_overloaded(&d[i]) || d[i].activeconns > w ||
		    w == 0)
			continue;
		if (best < 0 || w > hw) {
			best = i;
			hw = w;
		}
	}
	return best;
}
