// SPDX-License-Identifier: GPL-2.0
#include "sched_wlc.h"

int lvs_wlc_pick(const struct lvs_sched_dest *d, int n)
{
	int i, least;
	s32 loh;

	for (i = 0; i < n; i++)
		if (!lvs_sched_overloaded(&d[i]) && d[i].weight > 0)
			break;
	if (i == n)
		return -1;
	least = i;
	loh = lvs_sched_overhead(&d[i]);

	/* Weight 0 is not skipped here, as in IPVS: it cannot win. */
	for (i++; i < n; i++) {
		s32 doh;

		if (lvs_sched_overloaded(&d[i]))
			continue;
		doh = lvs_sched_overhead(&d[i]);
		if ((s64)loh * d[i].weight > (s64)doh * d[least].weight) {
			least = i;
			loh = doh;
		}
	}
	return least;
}
