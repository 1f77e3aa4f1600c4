// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "core.h"

namespace {

// The cached dest has 3 active on weight 2; it is "overloaded" only while
// another dest runs below half its weight (0 * 2 < 1, but 1 * 2 < 2 fails).
TEST(Lblc, OverloadNeedsAnEmptierDest)
{
	std::vector<lvs_sched_dest> d = { Dest(2, 3), Dest(2, 1) };
	EXPECT_FALSE(lvs_lblc_overloaded(&d[0], d.data(), N(d)));
	d[1].activeconns = 0;
	EXPECT_TRUE(lvs_lblc_overloaded(&d[0], d.data(), N(d)));
	d[0].activeconns = 2;	// not above its weight
	EXPECT_FALSE(lvs_lblc_overloaded(&d[0], d.data(), N(d)));
}

TEST(Lblc, CachedDestKeptWhileLinkedWeightedNotOverloaded)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 0), Dest(4, 1) };
	EXPECT_TRUE(lvs_lblc_cached_ok(&d[1], d.data(), N(d)));
	// The overload flag is not what lblc looks at.
	d[1].flags |= LVS_SCHED_F_OVERLOAD;
	EXPECT_TRUE(lvs_lblc_cached_ok(&d[1], d.data(), N(d)));
	d[1] = Dest(0, 1);
	EXPECT_FALSE(lvs_lblc_cached_ok(&d[1], d.data(), N(d)));
	lvs_sched_dest gone = Dest(4, 1);
	gone.flags = 0;	// removed from the service, still in the cache
	EXPECT_FALSE(lvs_lblc_cached_ok(&gone, d.data(), N(d)));
}

TEST(Lblc, FreshPickIsWeightedLeastConnection)
{
	std::vector<lvs_sched_dest> d = { Overloaded(Dest(9)), Dest(1, 1),
					  Dest(2, 1, 100) };
	EXPECT_EQ(lvs_lblc_pick(d.data(), N(d)), 2);	// 357 / 2 < 257 / 1
}

std::vector<const lvs_sched_dest *> Set(const std::vector<lvs_sched_dest> &v)
{
	std::vector<const lvs_sched_dest *> s;
	for (const auto &x : v)
		s.push_back(&x);
	return s;
}

TEST(LblcrSet, MinIsWeightedLeastOfLinkedMembers)
{
	std::vector<lvs_sched_dest> m = { Dest(1, 2), Dest(1, 1), Dest(1, 0) };
	auto s = Set(m);
	EXPECT_EQ(lvs_lblcr_set_min(s.data(), 3), 2);
	m[2].flags = 0;		// unlinked member never wins
	EXPECT_EQ(lvs_lblcr_set_min(s.data(), 3), 1);
	m[1] = Overloaded(m[1]);
	EXPECT_EQ(lvs_lblcr_set_min(s.data(), 3), 0);
	m[0].weight = 0;
	EXPECT_EQ(lvs_lblcr_set_min(s.data(), 3), -1);
}

TEST(LblcrSet, MaxIsWeightedMostLoadedWithWeight)
{
	// Loads 514 / 1, 257 / 1, 2570 / 4 = 642.5.
	std::vector<lvs_sched_dest> m = { Dest(1, 2), Dest(1, 1), Dest(4, 10) };
	auto s = Set(m);
	EXPECT_EQ(lvs_lblcr_set_max(s.data(), 3), 2);
	m[2].weight = 0;	// weight 0 members are never the max
	EXPECT_EQ(lvs_lblcr_set_max(s.data(), 3), 0);
	m[0].flags = 0;		// availability does not matter here
	EXPECT_EQ(lvs_lblcr_set_max(s.data(), 3), 0);
}

TEST(LblcrDecide, UsesSetMinUnlessOverloaded)
{
	std::vector<lvs_sched_dest> d = { Dest(2, 1), Dest(2, 1) };
	std::vector<lvs_sched_dest> m = { d[1] };
	auto s = Set(m);
	lvs_lblcr_decision dec;
	EXPECT_TRUE(lvs_lblcr_decide(s.data(), 1, false, d.data(), 2, &dec));
	EXPECT_EQ(dec.set_pos, 0);
	EXPECT_EQ(dec.idx, -1);
	EXPECT_EQ(dec.erase_pos, -1);

	// Member over its weight while dest 0 runs below half: reschedule.
	m[0].activeconns = 3;
	d[0].activeconns = 0;
	EXPECT_TRUE(lvs_lblcr_decide(s.data(), 1, false, d.data(), 2, &dec));
	EXPECT_EQ(dec.set_pos, -1);
	EXPECT_EQ(dec.idx, 0);
}

TEST(LblcrDecide, ExpiredSetDropsItsMaxButServesItsMin)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 1) };
	std::vector<lvs_sched_dest> m = { Dest(1, 0), Dest(1, 5) };
	auto s = Set(m);
	lvs_lblcr_decision dec;
	EXPECT_TRUE(lvs_lblcr_decide(s.data(), 2, true, d.data(), 1, &dec));
	EXPECT_EQ(dec.set_pos, 0);
	EXPECT_EQ(dec.erase_pos, 1);
	EXPECT_TRUE(lvs_lblcr_decide(s.data(), 2, false, d.data(), 1, &dec));
	EXPECT_EQ(dec.erase_pos, -1);
}

TEST(LblcrDecide, NoEntrySchedulesFresh)
{
	std::vector<lvs_sched_dest> d = { Dest(1, 5), Dest(1, 1) };
	lvs_lblcr_decision dec;
	EXPECT_TRUE(lvs_lblcr_decide(nullptr, 0, false, d.data(), 2, &dec));
	EXPECT_EQ(dec.idx, 1);
	std::vector<lvs_sched_dest> none = { Dest(0) };
	EXPECT_FALSE(lvs_lblcr_decide(nullptr, 0, false, none.data(), 1, &dec));
}

}  // namespace
