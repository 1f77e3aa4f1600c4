// SPDX-License-Identifier: GPL-2.0
#include "dest_overload.h"

u32 lvs_overload_lower(u32 u_threshold, u32 l_threshold)
{
	return l_threshold ? l_threshold : u_threshold - (u_threshold >> 2);
}

bool lvs_overload_bind_triggers(u32 total_after, u32 u_threshold)
{
	return total_after == u_threshold;
}

bool lvs_overload_unbind_triggers(u32 total_before, u32 lower)
{
	return total_before == lower;
}

/*
 * Reaching the upper threshold sets the flag unless the lower threshold is
 * configured above it; an edit keeps the flag between the two thresholds.
 */
bool lvs_overload_eval(bool overloaded, u32 total, u32 u_threshold, u32 lower,
		       enum lvs_overload_event event)
{
	if (!u_threshold)
		return false;
	if (event == LVS_OVERLOAD_BIND)
		return total >= lower;
	if (total >= u_threshold)
		return true;
	if (event == LVS_OVERLOAD_UNBIND)
		return false;
	return total >= lower && overloaded;
}
