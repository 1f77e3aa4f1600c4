// SPDX-License-Identifier: GPL-2.0
#include "sched_wlc.h"
#include "sched_weighted_least.h"

int lvs_wlc_pick(const struct lvs_sched_dest *d, int n)
{
	return lvs_weighted_least_pick(d, n, lvs_sched_overhead);
}
