// SPDX-License-Identifier: GPL-2.0
#include "sched_dh.h"

void lvs_dh_build(s32 *table, int n)
{
	int i;

	for (i = 0; i < LVS_DH_TAB_SIZE; i++)
		table[i] = n > 0 ? i % n : -1;
}

/* Unlike sh, dh also insists on the dest still being linked. */
int lvs_dh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold)
{
	s32 idx = table[lvs_sched_hash_32(addr_fold, LVS_DH_TAB_BITS)];

	if (idx < 0 || idx >= n)
		return -1;
	if (!(d[idx].flags & LVS_SCHED_F_AVAILABLE) || d[idx].weight <= 0 ||
	    lvs_sched_overloaded(&d[idx]))
		return -1;
	return idx;
}
