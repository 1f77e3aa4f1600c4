// SPDX-License-Identifier: GPL-2.0
#include "sched_nq.h"

int lvs_nq_pick(const struct lvs_sched_dest *d, int n)
{
	int i, least = -1;
	s32 loh = 0;

	for (i = 0; i < n; i++) {
		s32 doh;

		if (lvs_sched_overloaded(&d[i]) || !d[i].weight)
			continue;
		if (d[i].activeconns == 0)
			return i;
		doh = (s32)((u32)d[i].activeconns + 1);
		if (least < 0 ||
		    (s64)loh * d[i].weight > (s64)doh * d[least].weight) {
			least = i;
			loh = doh;
		}
	}
	return least;
}
