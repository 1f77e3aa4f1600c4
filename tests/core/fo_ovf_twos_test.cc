// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "core.h"

namespace {

TEST(Fo, FirstDestWithTheHighestWeight)
{
	std::vector<lvs_sched_dest> d = { Dest(3), Dest(5), Overloaded(Dest(9)),
					  Dest(5) };
	EXPECT_EQ(lvs_fo_pick(d.data(), N(d)), 1);
	std::vector<lvs_sched_dest> none = { Dest(0), Overloaded(Dest(2)) };
	EXPECT_EQ(lvs_fo_pick(none.data(), N(none)), -1);
}

TEST(Ovf, HighestWeightAmongNotOverflowed)
{
	// Dest 0 has 3 > 2 active: overflowed. 1 and 2 tie at weight 1.
	std::vector<lvs_sched_dest> d = { Dest(2, 3), Dest(1, 1), Dest(1, 0) };
	EXPECT_EQ(lvs_ovf_pick(d.data(), N(d)), 1);
}

TEST(Ovf, ActiveEqualToWeightStillServes)
{
	std::vector<lvs_sched_dest> d = { Dest(2, 2), Dest(5, 6) };
	EXPECT_EQ(lvs_ovf_pick(d.data(), N(d)), 0);
}

TEST(Ovf, WeightZeroAndOverloadedNeverServe)
{
	std::vector<lvs_sched_dest> d = { Dest(0, 0), Overloaded(Dest(4)) };
	EXPECT_EQ(lvs_ovf_pick(d.data(), N(d)), -1);
}

// Weights 2 and 3: total + 1 = 6 random slots; r in 0..2 lands on A
// (2 - r <= 0 needs r <= 2), r in 3..5 on B.
TEST(Twos, RandomNumbersMapOntoWeightRanges)
{
	std::vector<lvs_sched_dest> d = { Dest(2, 1), Dest(3, 1) };
	// Both choices A: A.
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 0, 2), 0);
	// Both B: B. 11 % 6 = 5, 9 % 6 = 3.
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 11, 9), 1);
}

TEST(Twos, SecondChoiceWinsOnlyWhenLessLoadedPerWeight)
{
	// A: 257 / 2, B: 257 / 3 -> B (3 * 257 > 2 * 257).
	std::vector<lvs_sched_dest> d = { Dest(2, 1), Dest(3, 1) };
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 1, 4), 1);
	// Choices reversed: first is B, second A; 2 * 257 > 3 * 257 fails.
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 4, 1), 1);
	// A idle: 3 * 0 > 2 * 257 fails, A stays.
	d[0].activeconns = 0;
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 1, 4), 0);
}

TEST(Twos, OnlyUsableDestsTakePartInTheDraw)
{
	// Usable: A (index 1) and B (index 3), weight 1 each: 3 slots,
	// r in 0..1 -> A, r = 2 -> B.
	std::vector<lvs_sched_dest> d = { Overloaded(Dest(10)), Dest(1),
					  Dest(0), Dest(1) };
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 1, 1), 1);
	EXPECT_EQ(lvs_twos_pick(d.data(), N(d), 2, 5), 3);
	std::vector<lvs_sched_dest> none = { Dest(0) };
	EXPECT_EQ(lvs_twos_pick(none.data(), N(none), 0, 0), -1);
}

}  // namespace
