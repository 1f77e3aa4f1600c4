// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "core.h"

namespace {

std::vector<int> Picks(lvs_wrr_state *st, const std::vector<lvs_sched_dest> &d,
		       int count)
{
	std::vector<int> out;
	for (int i = 0; i < count; i++)
		out.push_back(lvs_wrr_pick(st, d.data(), N(d)));
	return out;
}

// Weights 4 3 2, gcd 1: passes at cw = 4, 3, 2, 1 serve
// {A}, {A B}, {A B C}, {A B C}.
TEST(Wrr, SequenceForWeights432)
{
	std::vector<lvs_sched_dest> d = { Dest(4), Dest(3), Dest(2) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(st.di, 1);
	EXPECT_EQ(st.mw, 4);
	std::vector<int> cycle = { 0, 0, 1, 0, 1, 2, 0, 1, 2 };
	std::vector<int> two = cycle;
	two.insert(two.end(), cycle.begin(), cycle.end());
	EXPECT_EQ(Picks(&st, d, 18), two);
}

// Weights 4 2: gcd 2, mw = 4 - 1 = 3, passes at cw = 3 then 1.
TEST(Wrr, GcdStepsPasses)
{
	std::vector<lvs_sched_dest> d = { Dest(4), Dest(2) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(st.di, 2);
	EXPECT_EQ(st.mw, 3);
	EXPECT_EQ(Picks(&st, d, 6), (std::vector<int>{ 0, 0, 1, 0, 0, 1 }));
}

TEST(Wrr, WeightZeroNeverServed)
{
	std::vector<lvs_sched_dest> d = { Dest(0), Dest(2), Dest(0) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	for (int p : Picks(&st, d, 10))
		EXPECT_EQ(p, 1);
}

TEST(Wrr, AllWeightsZeroIsNoDest)
{
	std::vector<lvs_sched_dest> d = { Dest(0), Dest(0) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(st.mw, 0);
	EXPECT_EQ(lvs_wrr_pick(&st, d.data(), N(d)), -1);
}

TEST(Wrr, OverloadedSkippedAndAllOverloadedTerminates)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(1) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(lvs_wrr_pick(&st, d.data(), 2), 0);
	d[1].flags |= LVS_SCHED_F_OVERLOAD;
	EXPECT_EQ(Picks(&st, d, 3), (std::vector<int>{ 0, 0, 0 }));
	d[0].flags |= LVS_SCHED_F_OVERLOAD;
	EXPECT_EQ(lvs_wrr_pick(&st, d.data(), 2), -1);
	EXPECT_EQ(st.cl, 0);  // IPVS leaves the cursor where the walk stopped
}

// After picking A at cw = 4, weights become 6 4 2 (gcd 2, mw 5): IPVS
// snaps cw to (4 / 2) * 2 + 1 = 5 and restarts at the head, so the pass at
// cw 5 serves only A, then cw 3 serves A B. Keeping cw = 4 would serve B
// second.
TEST(Wrr, DestChangedSnapsCurrentWeight)
{
	std::vector<lvs_sched_dest> d = { Dest(4), Dest(3), Dest(2) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(lvs_wrr_pick(&st, d.data(), 3), 0);
	d[0].weight = 6;
	d[1].weight = 4;
	lvs_wrr_dest_changed(&st, d.data(), N(d));
	EXPECT_EQ(st.cw, 5);
	EXPECT_EQ(Picks(&st, d, 6), (std::vector<int>{ 0, 0, 1, 0, 1, 2 }));
}

TEST(Wrr, DestChangedResetsCwAboveNewMax)
{
	std::vector<lvs_sched_dest> d = { Dest(8), Dest(1) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	EXPECT_EQ(st.cw, 8);
	d[0].weight = 2;
	lvs_wrr_dest_changed(&st, d.data(), N(d));
	EXPECT_EQ(st.cw, 2);
	EXPECT_EQ(st.cl, -1);
}

// Property: over whole cycles every dest is served exactly its weight
// (divided by the gcd) times.
TEST(Wrr, ServesProportionallyToWeight)
{
	std::vector<lvs_sched_dest> d = { Dest(5), Dest(0), Dest(3), Dest(7),
					  Dest(1) };
	lvs_wrr_state st;
	lvs_wrr_init(&st, d.data(), N(d));
	std::vector<int> count(d.size());
	for (int i = 0; i < 16 * 10; i++)
		count[lvs_wrr_pick(&st, d.data(), N(d))]++;
	EXPECT_EQ(count, (std::vector<int>{ 50, 0, 30, 70, 10 }));
}

}  // namespace
