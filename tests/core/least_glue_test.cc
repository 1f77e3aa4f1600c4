// SPDX-License-Identifier: GPL-2.0
// The least index as lvs.ko's glue drives it (kmod/sched/sched_least.c,
// kmod/sched/sched_view.c): dests are added at the head, deleted anywhere and
// re-weighted, each of which publishes a new view and rebuilds the index,
// while connections bind, unbind and move between active and inactive in
// between, each updating one dest. After every step the index's pick must
// be what a naive transcription of the IPVS scheduler loops picks.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "least_index.h"

namespace {

// Debian 6.1's ip_vs_dest_conn_overhead(): (active << 8) + active +
// inactive, int arithmetic that wraps.
int32_t RefOverhead(const lvs_sched_dest &d)
{
	uint32_t a = static_cast<uint32_t>(d.activeconns);
	uint32_t i = static_cast<uint32_t>(d.inactconns);

	return static_cast<int32_t>((a << 8) + a + i);
}

bool RefOverloaded(const lvs_sched_dest &d)
{
	return d.flags & LVS_SCHED_F_OVERLOAD;
}

// ip_vs_lc_schedule: unsigned overheads, first strict minimum.
int RefLc(const std::vector<lvs_sched_dest> &d)
{
	int least = -1;
	uint32_t loh = 0;

	for (int i = 0; i < N(d); i++) {
		if (RefOverloaded(d[i]) || d[i].weight == 0)
			continue;
		uint32_t doh = static_cast<uint32_t>(RefOverhead(d[i]));
		if (least < 0 || doh < loh) {
			least = i;
			loh = doh;
		}
	}
	return least;
}

// ip_vs_wlc_schedule / ip_vs_sed_schedule: seed with the first dest with
// weight > 0, then cross products, weight 0 not skipped.
int RefWeighted(const std::vector<lvs_sched_dest> &d, bool sed)
{
	auto oh = [sed](const lvs_sched_dest &x) {
		return sed ? static_cast<int32_t>(
				     static_cast<uint32_t>(x.activeconns) + 1)
			   : RefOverhead(x);
	};
	int i = 0;

	for (; i < N(d); i++)
		if (!RefOverloaded(d[i]) && d[i].weight > 0)
			break;
	if (i == N(d))
		return -1;
	int least = i;
	int32_t loh = oh(d[i]);
	for (i++; i < N(d); i++) {
		if (RefOverloaded(d[i]))
			continue;
		int32_t doh = oh(d[i]);
		if (static_cast<int64_t>(loh) * d[i].weight >
		    static_cast<int64_t>(doh) * d[least].weight) {
			least = i;
			loh = doh;
		}
	}
	return least;
}

// ip_vs_nq_schedule: an idle dest is taken at once.
int RefNq(const std::vector<lvs_sched_dest> &d)
{
	int least = -1;
	int32_t loh = 0;

	for (int i = 0; i < N(d); i++) {
		if (RefOverloaded(d[i]) || d[i].weight == 0)
			continue;
		int32_t doh = static_cast<int32_t>(
			static_cast<uint32_t>(d[i].activeconns) + 1);
		if (d[i].activeconns == 0)
			return i;
		if (least < 0 || static_cast<int64_t>(loh) * d[i].weight >
					 static_cast<int64_t>(doh) *
						 d[least].weight) {
			least = i;
			loh = doh;
		}
	}
	return least;
}

int Ref(lvs_least_kind kind, const std::vector<lvs_sched_dest> &d)
{
	switch (kind) {
	case LVS_LEAST_LC:
		return RefLc(d);
	case LVS_LEAST_WLC:
		return RefWeighted(d, false);
	case LVS_LEAST_SED:
		return RefWeighted(d, true);
	case LVS_LEAST_NQ:
		return RefNq(d);
	}
	return -2;
}

// One published view: its own storage, sized for its dests, as
// view_build() allocates it.
struct View {
	View(lvs_least_kind kind, const std::vector<lvs_sched_dest> &list)
		: d(list), ix(kind, N(list))
	{
		lvs_least_index_build(&ix.idx, d.data(), N(d));
	}
	std::vector<lvs_sched_dest> d;
	LeastIndex ix;
};

TEST(LeastGlue, IndexFollowsDestChurnAndConnections)
{
	std::mt19937 rng(2026);
	for (auto kind : kLeastKinds) {
		for (int round = 0; round < 30; round++) {
			std::vector<lvs_sched_dest> list;
			View v(kind, list);
			for (int step = 0; step < 1500; step++) {
				int n = N(v.d), op = rng() % 16, i;
				bool rebuild = false;

				if (n == 0 || op == 0) {
					// ipvsadm -a: the new dest goes first.
					lvs_sched_dest x = Dest(rng() % 6);
					if (rng() % 10 == 0)
						x.weight = 0;
					list = v.d;
					list.insert(list.begin(), x);
					rebuild = true;
				} else if (op == 1 && n > 1) {
					// ipvsadm -d, anywhere in the list.
					list = v.d;
					list.erase(list.begin() + rng() % n);
					rebuild = true;
				} else if (op == 2) {
					// ipvsadm -e -w: a new view as well.
					list = v.d;
					list[rng() % n].weight = rng() % 6;
					rebuild = true;
				} else {
					i = rng() % n;
					lvs_sched_dest &x = v.d[i];
					switch (op % 6) {
					case 0:	// a connection binds active
						x.activeconns++;
						break;
					case 1:	// ... or inactive (UDP)
						x.inactconns++;
						break;
					case 2:	// active -> inactive
						if (x.activeconns > 0) {
							x.activeconns--;
							x.inactconns++;
						}
						break;
					case 3:	// unbind an inactive one
						if (x.inactconns > 0)
							x.inactconns--;
						break;
					case 4:	// unbind an active one
						if (x.activeconns > 0)
							x.activeconns--;
						break;
					default: // threshold crossed
						x.flags ^= LVS_SCHED_F_OVERLOAD;
					}
					lvs_least_index_update(&v.ix.idx, v.d.data(), i);
				}
				if (rebuild)
					v = View(kind, list);
				int want = Ref(kind, v.d);
				ASSERT_EQ(lvs_least_index_pick(&v.ix.idx, v.d.data()),
					  want)
					<< "kind " << kind << " round " << round
					<< " step " << step << " n " << N(v.d);
				// The new connection lands where the pick said.
				if (want >= 0 && rng() % 2) {
					v.d[want].activeconns++;
					lvs_least_index_update(&v.ix.idx, v.d.data(),
							       want);
				}
			}
		}
	}
}

// A dest deleted while a stale view still lists it counts as weight 0
// (view_sync_one); a dest off the view is simply not updated.
TEST(LeastGlue, UnlinkedDestIsWeightZero)
{
	for (auto kind : kLeastKinds) {
		std::vector<lvs_sched_dest> list = { Dest(1, 0, 0), Dest(1, 5, 5) };
		View v(kind, list);
		ASSERT_EQ(lvs_least_index_pick(&v.ix.idx, v.d.data()), 0);
		v.d[0].flags &= ~LVS_SCHED_F_AVAILABLE;
		v.d[0].weight = 0;
		lvs_least_index_update(&v.ix.idx, v.d.data(), 0);
		EXPECT_EQ(lvs_least_index_pick(&v.ix.idx, v.d.data()), 1);
		EXPECT_EQ(Ref(kind, v.d), 1);
	}
}

}  // namespace
