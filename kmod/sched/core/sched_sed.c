// SPDX-License-Identifier: GPL-2.0
#include "sched_sed.h"
#include "sched_weighted_least.h"

/* The incoming connection counts, so idle servers still differ by weight. */
static s32 sed_overhead(const struct lvs_sched_dest *d)
{
	return (s32)((u32)d->activeconns + 1);
}

int lvs_sed_pick(const struct lvs_sched_dest *d, int n)
{
	return lvs_weighted_least_pick(d, n, sed_overhead);
}
