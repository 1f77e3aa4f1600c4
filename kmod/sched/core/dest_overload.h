/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_DEST_OVERLOAD_H
#define _LVS_CORE_DEST_OVERLOAD_H

#include "types.h"

/*
 * Connection thresholds of a dest and the hysteresis of its overload flag,
 * as Debian's 6.1.0-56 ip_vs does it (this differs from mainline):
 *
 *  - the flag is evaluated only at three moments: when a bind raises
 *    totalconns to exactly u_threshold, when an unbind lowers totalconns
 *    from exactly the lower threshold, and when the thresholds are edited;
 *  - the lower threshold is l_threshold, or u_threshold - u_threshold / 4
 *    when l_threshold is 0;
 *  - u_threshold 0 means no limit: never overloaded.
 *
 * totalconns counts the dest's non-template connections, active or not.
 */
enum lvs_overload_event {
	LVS_OVERLOAD_UNBIND = -1,	/* after totalconns was decremented */
	LVS_OVERLOAD_EDIT = 0,		/* after the thresholds changed */
	LVS_OVERLOAD_BIND = 1,		/* after totalconns was incremented */
};

/* The lower threshold in effect (IPVS: dest->l_threshold_val). */
u32 lvs_overload_lower(u32 u_threshold, u32 l_threshold);

/* Whether the event at this totalconns must re-evaluate the flag. */
bool lvs_overload_bind_triggers(u32 total_after, u32 u_threshold);
bool lvs_overload_unbind_triggers(u32 total_before, u32 lower);

/* The new value of the overload flag for @event, given its current one. */
bool lvs_overload_eval(bool overloaded, u32 total, u32 u_threshold, u32 lower,
		       enum lvs_overload_event event);

#endif /* _LVS_CORE_DEST_OVERLOAD_H */
