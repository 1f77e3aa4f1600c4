// SPDX-License-Identifier: GPL-2.0
// lc, wlc, sed, nq: hand-computed decisions. Overhead here is Debian 6.1's
// (activeconns << 8) + totalconns = 257 * active + inactive.
#include <gtest/gtest.h>

#include "core.h"

namespace {

s32 Overhead(int active, int inact)
{
	lvs_sched_dest d = Dest(1, active, inact);
	return lvs_sched_overhead(&d);
}

TEST(Overhead, IsDebianActiveShiftedPlusTotal)
{
	EXPECT_EQ(Overhead(1, 0), 257);
	EXPECT_EQ(Overhead(2, 5), 519);
	EXPECT_EQ(Overhead(0, 7), 7);
}

TEST(Lc, FirstOfTheLeastOverheadWins)
{
	// 257, 300, 257: tie between 0 and 2 goes to the earlier one.
	std::vector<lvs_sched_dest> d = { Dest(1, 1), Dest(1, 0, 300),
					  Dest(5, 1) };
	EXPECT_EQ(lvs_lc_pick(d.data(), N(d)), 0);
}

// One active (257) against 256 inactive (256): Debian's formula prefers
// the inactive one; mainline's 256 vs 256 would tie and keep the first.
TEST(Lc, ActiveCountsTwiceInDebiansFormula)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 1), Dest(1, 0, 256) };
	EXPECT_EQ(lvs_lc_pick(d.data(), N(d)), 1);
}

TEST(Lc, IgnoresWeightButSkipsZeroAndOverloaded)
{
	std::vector<lvs_sched_dest> d = { Dest(0), Overloaded(Dest(1)),
					  Dest(1, 9), Dest(100, 10) };
	EXPECT_EQ(lvs_lc_pick(d.data(), N(d)), 2);
	std::vector<lvs_sched_dest> none = { Dest(0), Overloaded(Dest(3)) };
	EXPECT_EQ(lvs_lc_pick(none.data(), N(none)), -1);
}

TEST(Wlc, LeastOverheadPerWeight)
{
	// 257 / 1 against 357 / 2 = 178.5.
	std::vector<lvs_sched_dest> d = { Dest(1, 1), Dest(2, 1, 100) };
	EXPECT_EQ(lvs_wlc_pick(d.data(), N(d)), 1);
}

TEST(Wlc, EqualLoadKeepsTheEarlierDest)
{
	// 514 / 2 == 257 / 1.
	std::vector<lvs_sched_dest> d = { Dest(2, 2), Dest(1, 1) };
	EXPECT_EQ(lvs_wlc_pick(d.data(), N(d)), 0);
}

TEST(Wlc, SeedIsFirstUsableAndWeightZeroNeverWins)
{
	// Seed is index 2 (771 / 3); index 3 has 257 / 1, equal: stays 2.
	// The idle weight 0 dest can not win.
	std::vector<lvs_sched_dest> d = { Overloaded(Dest(1)), Dest(0),
					  Dest(3, 3), Dest(1, 1), Dest(0) };
	EXPECT_EQ(lvs_wlc_pick(d.data(), N(d)), 2);
	std::vector<lvs_sched_dest> none = { Dest(0), Overloaded(Dest(1)) };
	EXPECT_EQ(lvs_wlc_pick(none.data(), N(none)), -1);
}

// 25,700,000 * 2^30 needs 64 bits; in 32 bits it wraps to 0 and the
// comparison would keep dest 0.
TEST(Wlc, CrossProductsAre64Bit)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 100000), Dest(1 << 30) };
	EXPECT_EQ(lvs_wlc_pick(d.data(), N(d)), 1);
}

TEST(Sed, CountsTheIncomingConnection)
{
	// (0 + 1) / 1 against (1 + 1) / 3: sed takes dest 1, where wlc
	// (0 / 1 against 257 / 3) keeps dest 0.
	std::vector<lvs_sched_dest> d = { Dest(1, 0), Dest(3, 1) };
	EXPECT_EQ(lvs_sed_pick(d.data(), N(d)), 1);
	EXPECT_EQ(lvs_wlc_pick(d.data(), N(d)), 0);
}

TEST(Sed, IgnoresInactiveConnections)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 0, 1000), Dest(1, 0, 0) };
	EXPECT_EQ(lvs_sed_pick(d.data(), N(d)), 0);
}

TEST(Sed, SkipsWeightZeroAndOverloaded)
{
	std::vector<lvs_sched_dest> d = { Dest(0), Overloaded(Dest(9)),
					  Dest(1, 5) };
	EXPECT_EQ(lvs_sed_pick(d.data(), N(d)), 2);
}

TEST(Nq, FirstIdleDestWinsRegardlessOfWeight)
{
	std::vector<lvs_sched_dest> d = { Dest(5, 3), Dest(1, 0), Dest(9, 0) };
	EXPECT_EQ(lvs_nq_pick(d.data(), N(d)), 1);
}

TEST(Nq, WithoutIdleDestBehavesLikeSed)
{
	// (2 + 1) / 1 against (4 + 1) / 3.
	std::vector<lvs_sched_dest> d = { Dest(1, 2), Dest(3, 4) };
	EXPECT_EQ(lvs_nq_pick(d.data(), N(d)), 1);
}

TEST(Nq, IdleButQuiescedOrOverloadedIsSkipped)
{
	std::vector<lvs_sched_dest> d = { Dest(0, 0), Overloaded(Dest(1, 0)),
					  Dest(1, 5) };
	EXPECT_EQ(lvs_nq_pick(d.data(), N(d)), 2);
	std::vector<lvs_sched_dest> none = { Dest(0) };
	EXPECT_EQ(lvs_nq_pick(none.data(), N(none)), -1);
}

}  // namespace
