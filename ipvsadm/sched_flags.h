// SPDX-License-Identifier: GPL-2.0
// The names of the scheduler flags (-b): one table that the parser reads
// them by and that -L, -S and --json print them by.
#pragma once

#include <cstdint>
#include <string>

#include <lvs/ipvs.h>

namespace ipvsadm {

struct SchedFlagName {
	const char *name;
	uint32_t flag;
	// The one scheduler that takes this name; null for the generic
	// flag-N names, which every other scheduler takes and prints.
	const char *sched;
};

// In the order ipvsadm 1.31 prints them. sh and mh name the same bits
// SCHED1 and SCHED2 after what they mean to them.
inline constexpr SchedFlagName kSchedFlagNames[] = {
	{ "flag-1", IP_VS_SVC_F_SCHED1, nullptr },
	{ "flag-2", IP_VS_SVC_F_SCHED2, nullptr },
	{ "flag-3", IP_VS_SVC_F_SCHED3, nullptr },
	{ "sh-fallback", IP_VS_SVC_F_SCHED_SH_FALLBACK, "sh" },
	{ "sh-port", IP_VS_SVC_F_SCHED_SH_PORT, "sh" },
	{ "mh-fallback", IP_VS_SVC_F_SCHED_MH_FALLBACK, "mh" },
	{ "mh-port", IP_VS_SVC_F_SCHED_MH_PORT, "mh" },
};

// Does SCHED print its flags by names of its own?
inline bool sched_has_flag_names(const std::string &sched)
{
	for (const SchedFlagName &n : kSchedFlagNames)
		if (n.sched && sched == n.sched)
			return true;
	return false;
}

} // namespace ipvsadm
