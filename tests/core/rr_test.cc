// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "core.h"

namespace {

std::vector<int> Picks(lvs_rr_state *st, const std::vector<lvs_sched_dest> &d,
		       int count)
{
	std::vector<int> out;
	for (int i = 0; i < count; i++)
		out.push_back(lvs_rr_pick(st, d.data(), N(d)));
	return out;
}

TEST(Rr, CyclesInListOrderFromTheHead)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(5), Dest(1) };
	lvs_rr_state st;
	lvs_rr_init(&st);
	EXPECT_EQ(Picks(&st, d, 7), (std::vector<int>{ 0, 1, 2, 0, 1, 2, 0 }));
}

TEST(Rr, SkipsWeightZeroAndOverloaded)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(0),
					  Overloaded(Dest(1)), Dest(1) };
	lvs_rr_state st;
	lvs_rr_init(&st);
	EXPECT_EQ(Picks(&st, d, 4), (std::vector<int>{ 0, 3, 0, 3 }));
}

TEST(Rr, NothingUsableKeepsCursor)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(1) };
	lvs_rr_state st;
	lvs_rr_init(&st);
	EXPECT_EQ(lvs_rr_pick(&st, d.data(), 2), 0);
	d[0].weight = 0;
	d[1].flags |= LVS_SCHED_F_OVERLOAD;
	EXPECT_EQ(lvs_rr_pick(&st, d.data(), 2), -1);
	EXPECT_EQ(st.last, 0);
	EXPECT_EQ(lvs_rr_pick(&st, d.data(), 0), -1);
}

// A B C D; serve A, B; remove B: IPVS moves the cursor back to A, so C
// (now index 1) is next, then D, then A.
TEST(Rr, RemovingTheCursorDestServesItsSuccessorNext)
{
	std::vector<lvs_sched_dest> d(4, Dest(1));
	lvs_rr_state st;
	lvs_rr_init(&st);
	EXPECT_EQ(Picks(&st, d, 2), (std::vector<int>{ 0, 1 }));
	d.erase(d.begin() + 1);
	lvs_rr_dest_removed(&st, 1);
	EXPECT_EQ(Picks(&st, d, 3), (std::vector<int>{ 1, 2, 0 }));
}

// Cursor on C; removing A (before it) must not skip D.
TEST(Rr, RemovingAnEarlierDestKeepsTheCursorOnItsDest)
{
	std::vector<lvs_sched_dest> d(4, Dest(1));
	lvs_rr_state st;
	lvs_rr_init(&st);
	Picks(&st, d, 3);  // A B C
	d.erase(d.begin());
	lvs_rr_dest_removed(&st, 0);
	EXPECT_EQ(Picks(&st, d, 2), (std::vector<int>{ 2, 0 }));  // D, B
}

// Cursor on A, the first dest; removing it returns the cursor to the head.
TEST(Rr, RemovingTheFirstDestAtTheCursorRestartsAtHead)
{
	std::vector<lvs_sched_dest> d(3, Dest(1));
	lvs_rr_state st;
	lvs_rr_init(&st);
	Picks(&st, d, 1);
	d.erase(d.begin());
	lvs_rr_dest_removed(&st, 0);
	EXPECT_EQ(Picks(&st, d, 2), (std::vector<int>{ 0, 1 }));
}

// IPVS links a new dest at the head: it is served after the wrap.
TEST(Rr, AddedDestAtHeadIsServedAfterTheWrap)
{
	std::vector<lvs_sched_dest> d(4, Dest(1));  // A B C D
	lvs_rr_state st;
	lvs_rr_init(&st);
	Picks(&st, d, 2);  // A B
	d.insert(d.begin(), Dest(1));  // E A B C D
	lvs_rr_dest_added(&st, 0);
	EXPECT_EQ(Picks(&st, d, 4), (std::vector<int>{ 3, 4, 0, 1 }));
}

TEST(Rr, WeightsDoNotMatterOnlyUsability)
{
	std::vector<lvs_sched_dest> d = { Dest(100), Dest(1) };
	lvs_rr_state st;
	lvs_rr_init(&st);
	int count[2] = {};
	for (int i = 0; i < 1000; i++)
		count[lvs_rr_pick(&st, d.data(), 2)]++;
	EXPECT_EQ(count[0], 500);
	EXPECT_EQ(count[1], 500);
}

}  // namespace
