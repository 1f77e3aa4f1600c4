// SPDX-License-Identifier: GPL-2.0
#include "sched_lblcr.h"
#include "sched_lblc.h"

static bool lblcr_can_serve(const struct lvs_sched_dest *d)
{
	return d->weight > 0 && (d->flags & LVS_SCHED_F_AVAILABLE);
}

/*
 * Seeded by the first usable member; a later member replaces the least
 * only if strictly less loaded and still linked. Weight 0 members are not
 * skipped in the second stage, as in IPVS, and cannot win there.
 */
int lvs_lblcr_set_min(const struct lvs_sched_dest *const *set, int len)
{
	int i, least;
	s32 loh;

	for (i = 0; i < len; i++)
		if (!lvs_sched_overloaded(set[i]) && lblcr_can_serve(set[i]))
			break;
	if (i == len)
		return -1;
	least = i;
	loh = lvs_sched_overhead(set[i]);

	for (i++; i < len; i++) {
		s32 doh;

		if (lvs_sched_overloaded(set[i]))
			continue;
		doh = lvs_sched_overhead(set[i]);
		if ((s64)loh * set[i]->weight >
		    (s64)doh * set[least]->weight &&
		    (set[i]->flags & LVS_SCHED_F_AVAILABLE)) {
			least = i;
			loh = doh;
		}
	}
	return least;
}

/* Neither the overload flag nor availability matter when shrinking. */
int lvs_lblcr_set_max(const struct lvs_sched_dest *const *set, int len)
{
	int i, most;
	s32 moh;

	for (i = 0; i < len; i++)
		if (set[i]->weight > 0)
			break;
	if (i == len)
		return -1;
	most = i;
	moh = lvs_sched_overhead(set[i]);

	for (i++; i < len; i++) {
		s32 doh = lvs_sched_overhead(set[i]);

		if ((s64)moh * set[i]->weight < (s64)doh * set[most]->weight &&
		    set[i]->weight > 0) {
			most = i;
			moh = doh;
		}
	}
	return most;
}

bool lvs_lblcr_decide(const struct lvs_sched_dest *const *set, int len,
		      bool expired, const struct lvs_sched_dest *d, int n,
		      struct lvs_lblcr_decision *dec)
{
	int min;

	dec->set_pos = -1;
	dec->idx = -1;
	dec->erase_pos = -1;

	if (len > 0) {
		/* The least loaded member is chosen before any shrinking. */
		min = lvs_lblcr_set_min(set, len);
		if (len > 1 && expired)
			dec->erase_pos = lvs_lblcr_set_max(set, len);
		if (min >= 0 && !lvs_lblc_overloaded(set[min], d, n)) {
			dec->set_pos = min;
			return true;
		}
	}
	dec->idx = lvs_lblc_pick(d, n);
	return dec->idx >= 0;
}
