// SPDX-License-Identifier: GPL-2.0
#include "sched_rr.h"

void lvs_rr_init(struct lvs_rr_state *st)
{
	st->last = -1;
}

static bool rr_usable(const struct lvs_sched_dest *d)
{
	return !lvs_sched_overloaded(d) && d->weight > 0;
}

/*
 * Scan the dests after @last to the end, then from the start up to and
 * including @last itself: the walk IPVS does from its cursor around the
 * list, skipping the head. From the head it is one pass over all dests.
 */
int lvs_rr_pick(struct lvs_rr_state *st, const struct lvs_sched_dest *d,
		int n)
{
	int i, start = st->last + 1;

	if (st->last >= n)	/* caller forgot a removal; restart at head */
		start = 0;
	for (i = 0; i < n; i++) {
		int k = (start + i) % n;

		if (rr_usable(&d[k])) {
			st->last = k;
			return k;
		}
	}
	return -1;
}

/* A dest linked before the cursor shifts the cursor's dest by one. */
void lvs_rr_dest_added(struct lvs_rr_state *st, int pos)
{
	if (st->last >= 0 && pos <= st->last)
		st->last++;
}

/*
 * IPVS moves a cursor that sat on the removed dest back to its predecessor
 * (or the head), so the dest after it is still the next one served.
 */
void lvs_rr_dest_removed(struct lvs_rr_state *st, int pos)
{
	if (st->last >= pos)
		st->last--;
}
