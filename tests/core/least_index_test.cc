// SPDX-License-Identifier: GPL-2.0
// The tournament-tree fast path must give exactly the scan's answer:
// checked against the plain scan after every random change, and timed.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "least_index.h"

namespace {

TEST(LeastIndex, ScanIsTheSchedulers)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 2), Dest(3, 1), Dest(1, 0, 9) };
	EXPECT_EQ(lvs_least_scan(LVS_LEAST_LC, d.data(), 3), lvs_lc_pick(d.data(), 3));
	EXPECT_EQ(lvs_least_scan(LVS_LEAST_WLC, d.data(), 3), lvs_wlc_pick(d.data(), 3));
	EXPECT_EQ(lvs_least_scan(LVS_LEAST_SED, d.data(), 3), lvs_sed_pick(d.data(), 3));
	EXPECT_EQ(lvs_least_scan(LVS_LEAST_NQ, d.data(), 3), lvs_nq_pick(d.data(), 3));
}

TEST(LeastIndex, EmptyAndSingle)
{
	for (auto kind : kLeastKinds) {
		LeastIndex ix(kind, 1);
		lvs_least_index_build(&ix.idx, nullptr, 0);
		EXPECT_EQ(lvs_least_index_pick(&ix.idx, nullptr), -1);
		std::vector<lvs_sched_dest> d = { Dest(1, 4) };
		lvs_least_index_build(&ix.idx, d.data(), 1);
		EXPECT_EQ(lvs_least_index_pick(&ix.idx, d.data()), 0);
		d[0].weight = 0;
		lvs_least_index_update(&ix.idx, d.data(), 0);
		EXPECT_EQ(lvs_least_index_pick(&ix.idx, d.data()), -1);
	}
}

// Small value ranges make ties (the tie-break is what matters most) and
// idle dests frequent; rare huge activeconns make overheads wrap negative.
lvs_sched_dest RandomDest(std::mt19937 &rng)
{
	lvs_sched_dest d = Dest(rng() % 5, rng() % 4, rng() % 600);
	if (rng() % 8 == 0)
		d.flags |= LVS_SCHED_F_OVERLOAD;
	if (rng() % 400 == 0)
		d.activeconns = 0x00800000 + rng() % 1000;	// << 8 wraps
	if (rng() % 500 == 0)
		d.weight = -1;
	return d;
}

TEST(LeastIndex, AgreesWithScanUnderRandomChanges)
{
	std::mt19937 rng(12345);
	for (auto kind : kLeastKinds) {
		for (int round = 0; round < 40; round++) {
			int n = 1 + rng() % 70;
			std::vector<lvs_sched_dest> d(n);
			for (auto &x : d)
				x = RandomDest(rng);
			LeastIndex ix(kind, n);
			lvs_least_index_build(&ix.idx, d.data(), n);
			for (int step = 0; step < 400; step++) {
				ASSERT_EQ(lvs_least_index_pick(&ix.idx, d.data()),
					  lvs_least_scan(kind, d.data(), n))
					<< "kind " << kind << " round " << round
					<< " step " << step;
				int i = rng() % n;
				switch (rng() % 4) {
				case 0:
					d[i] = RandomDest(rng);
					break;
				case 1:
					d[i].activeconns += 1;
					break;
				case 2:
					if (d[i].activeconns > 0)
						d[i].activeconns -= 1;
					d[i].inactconns += 1;
					break;
				default:
					d[i].flags ^= LVS_SCHED_F_OVERLOAD;
				}
				lvs_least_index_update(&ix.idx, d.data(), i);
			}
		}
	}
}

// With 1000 dests a pick must not cost a scan. Best of five rounds, so a
// preempted round on a busy machine does not decide the outcome.
TEST(LeastIndex, ThousandDestsPickFasterThanScan)
{
	using clock = std::chrono::steady_clock;
	const int n = 1000, picks = 4000;
	std::mt19937 rng(7);
	std::vector<lvs_sched_dest> d(n);
	for (auto &x : d)
		x = Dest(1 + rng() % 10, 50 + rng() % 50, rng() % 1000);
	LeastIndex ix(LVS_LEAST_WLC, n);

	clock::duration best_index = clock::duration::max();
	clock::duration best_scan = clock::duration::max();
	long sum = 0;
	for (int round = 0; round < 5; round++) {
		lvs_least_index_build(&ix.idx, d.data(), n);
		auto t0 = clock::now();
		for (int k = 0; k < picks; k++) {
			int p = lvs_least_index_pick(&ix.idx, d.data());
			d[p].activeconns++;	// the new connection lands there
			lvs_least_index_update(&ix.idx, d.data(), p);
			sum += p;
		}
		auto t1 = clock::now();
		for (int k = 0; k < picks; k++) {
			int p = lvs_least_scan(LVS_LEAST_WLC, d.data(), n);
			d[p].activeconns++;
			sum += p;
		}
		auto t2 = clock::now();
		best_index = std::min(best_index, t1 - t0);
		best_scan = std::min(best_scan, t2 - t1);
	}
	EXPECT_GT(sum, 0);
	EXPECT_LT(best_index * 5, best_scan);
}

}  // namespace
