// SPDX-License-Identifier: GPL-2.0
#include "sched_lblc.h"
#include "sched_wlc.h"

bool lvs_lblc_overloaded(const struct lvs_sched_dest *dest,
			 const struct lvs_sched_dest *d, int n)
{
	int i;

	if (dest->activeconns <= dest->weight)
		return false;
	for (i = 0; i < n; i++)
		if ((s32)((u32)d[i].activeconns * 2) < d[i].weight)
			return true;
	return false;
}

bool lvs_lblc_cached_ok(const struct lvs_sched_dest *cached,
			const struct lvs_sched_dest *d, int n)
{
	return (cached->flags & LVS_SCHED_F_AVAILABLE) && cached->weight > 0 &&
	       !lvs_lblc_overloaded(cached, d, n);
}

int lvs_lblc_pick(const struct lvs_sched_dest *d, int n)
{
	return lvs_wlc_pick(d, n);
}
