// SPDX-License-Identifier: GPL-2.0
// The least index with storage of its own, as the glue allocates it for
// one view, and the kinds of scheduler it serves.
#pragma once

#include <vector>

#include "core.h"
extern "C" {
#include "../../kmod/sched/core/sched_least_index.h"
}

struct LeastIndex {
	LeastIndex(lvs_least_kind kind, int max_n)
	{
		int cap = lvs_least_index_cap(max_n);
		tree.resize(2 * cap);
		odd.resize(cap);
		lvs_least_index_init(&idx, kind, tree.data(), odd.data(), cap);
	}
	std::vector<s32> tree;
	std::vector<u8> odd;
	lvs_least_index idx;
};

inline constexpr lvs_least_kind kLeastKinds[] = { LVS_LEAST_LC, LVS_LEAST_WLC,
						  LVS_LEAST_SED, LVS_LEAST_NQ };
