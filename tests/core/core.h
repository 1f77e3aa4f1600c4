// SPDX-License-Identifier: GPL-2.0
// Every kmod/sched/core header, with C linkage, plus small helpers for the tests.
#pragma once

extern "C" {
#include "../../kmod/sched/core/sched_dest.h"
#include "../../kmod/sched/core/sched_dh.h"
#include "../../kmod/sched/core/sched_fo.h"
#include "../../kmod/sched/core/sched_lblc.h"
#include "../../kmod/sched/core/sched_lblcr.h"
#include "../../kmod/sched/core/sched_lc.h"
#include "../../kmod/sched/core/sched_mh.h"
#include "../../kmod/sched/core/sched_nq.h"
#include "../../kmod/sched/core/sched_ovf.h"
#include "../../kmod/sched/core/sched_rr.h"
#include "../../kmod/sched/core/sched_sed.h"
#include "../../kmod/sched/core/sched_sh.h"
#include "../../kmod/sched/core/sched_twos.h"
#include "../../kmod/sched/core/sched_wlc.h"
#include "../../kmod/sched/core/sched_wrr.h"
}

#include <vector>

// A usable dest: linked, not overloaded.
inline lvs_sched_dest Dest(int weight, int active = 0, int inact = 0)
{
	lvs_sched_dest d{};
	d.weight = weight;
	d.last_weight = weight;
	d.activeconns = active;
	d.inactconns = inact;
	d.flags = LVS_SCHED_F_AVAILABLE;
	return d;
}

inline lvs_sched_dest Overloaded(lvs_sched_dest d)
{
	d.flags |= LVS_SCHED_F_OVERLOAD;
	return d;
}

inline int N(const std::vector<lvs_sched_dest> &v)
{
	return static_cast<int>(v.size());
}
