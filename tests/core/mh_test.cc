// SPDX-License-Identifier: GPL-2.0
// Maglev hashing: the counts below follow from the population rule alone
// (round after round, each dest claims "turns" free slots until all 4093
// are taken), so they hold whatever the hash values are.
#include <gtest/gtest.h>

#include <random>

#include "core.h"

namespace {

std::vector<lvs_sched_dest> Dests(const std::vector<int> &weights)
{
	std::vector<lvs_sched_dest> d;
	for (size_t i = 0; i < weights.size(); i++) {
		lvs_sched_dest x = Dest(weights[i]);
		x.addr_fold = 0x0a000001 + i;
		x.port = 80;
		d.push_back(x);
	}
	return d;
}

std::vector<s32> Build(const std::vector<lvs_sched_dest> &d)
{
	std::vector<s32> t(LVS_MH_TAB_SIZE, 7);
	std::vector<lvs_mh_setup> setup(d.size());
	EXPECT_EQ(lvs_mh_build(t.data(), setup.data(), d.data(), N(d)), 0);
	return t;
}

std::vector<int> Counts(const std::vector<s32> &t, size_t n)
{
	std::vector<int> c(n);
	for (s32 x : t) {
		EXPECT_GE(x, 0);
		EXPECT_LT(x, static_cast<s32>(n));
		if (x >= 0 && x < static_cast<s32>(n))
			c[x]++;
	}
	return c;
}

// Turns 2 and 1: slots go A A B A A B ...; 4093 = 3 * 1364 + 1.
TEST(MhBuild, SlotsFollowWeights)
{
	EXPECT_EQ(Counts(Build(Dests({ 2, 1 })), 2),
		  (std::vector<int>{ 2729, 1364 }));
}

TEST(MhBuild, WeightsAreDividedByTheirGcd)
{
	EXPECT_EQ(Counts(Build(Dests({ 4, 2 })), 2),
		  (std::vector<int>{ 2729, 1364 }));
}

// 1000 / 1 needs 10 bits, 6 are kept: shift 4, turns 1000 >> 4 = 62 and
// (1 >> 4 = 0, so) 1. Rounds of 63 claims: 64 full rounds take 4032 slots,
// the last 61 all go to the first dest: 62 * 64 + 61 = 4029 and 64.
TEST(MhBuild, LargeWeightRatiosAreScaledToSixBits)
{
	EXPECT_EQ(Counts(Build(Dests({ 1000, 1 })), 2),
		  (std::vector<int>{ 4029, 64 }));
}

TEST(MhBuild, QuiescedDestKeepsItsSlotsThroughLastWeight)
{
	auto d = Dests({ 1, 1, 1 });
	auto before = Build(d);
	d[1].weight = 0;	// last_weight stays 1, as IPVS keeps it
	EXPECT_EQ(Build(d), before);
}

TEST(MhBuild, ZeroLastWeightTakesNoSlots)
{
	auto d = Dests({ 1, 0, 1 });
	auto c = Counts(Build(d), 3);
	EXPECT_EQ(c[1], 0);
	EXPECT_EQ(c[0] + c[2], LVS_MH_TAB_SIZE);
}

TEST(MhBuild, NoWeightedDestEmptiesTable)
{
	auto d = Dests({ 0, 0 });
	std::vector<s32> t(LVS_MH_TAB_SIZE, 5);
	std::vector<lvs_mh_setup> setup(2);
	EXPECT_EQ(lvs_mh_build(t.data(), setup.data(), d.data(), 2), 0);
	for (s32 x : t)
		EXPECT_EQ(x, -1);
	EXPECT_EQ(lvs_mh_pick(t.data(), d.data(), 2, 1, 0, 0), -1);
}

TEST(MhBuild, MoreDestsThanSlotsIsRejectedAndTableKept)
{
	std::vector<lvs_sched_dest> d(LVS_MH_TAB_SIZE + 1, Dest(1));
	std::vector<s32> t(LVS_MH_TAB_SIZE, 5);
	std::vector<lvs_mh_setup> setup(d.size());
	EXPECT_EQ(lvs_mh_build(t.data(), setup.data(), d.data(), N(d)), -1);
	EXPECT_EQ(t[0], 5);
}

TEST(MhBuild, DependsOnDestAddressAndPortNotOnlyOrder)
{
	auto d = Dests({ 1, 1 });
	auto t = Build(d);
	d[1].port = 81;
	EXPECT_NE(Build(d), t);
	EXPECT_EQ(Build(Dests({ 1, 1 })), t);
}

TEST(MhPick, SingleDestGetsEveryClient)
{
	auto d = Dests({ 3 });
	auto t = Build(d);
	for (u32 a = 0; a < 1000; a++)
		EXPECT_EQ(lvs_mh_pick(t.data(), d.data(), 1, a, 0, 0), 0);
}

TEST(MhPick, ClientHashSelectsTheSlotOwner)
{
	auto d = Dests({ 1, 1, 1 });
	auto t = Build(d);
	for (u32 a = 0; a < 1000; a++) {
		u32 slot = lvs_hsiphash_u32(a, LVS_MH_KEY1, LVS_MH_KEY1) %
			   LVS_MH_TAB_SIZE;
		EXPECT_EQ(lvs_mh_pick(t.data(), d.data(), 3, a, 0, 0), t[slot]);
		u32 pslot = lvs_hsiphash_u32(a + 443, LVS_MH_KEY1,
					     LVS_MH_KEY1) % LVS_MH_TAB_SIZE;
		EXPECT_EQ(lvs_mh_pick(t.data(), d.data(), 3, a, 443,
				      LVS_SCHED_SVC_F_PORT), t[pslot]);
	}
}

TEST(MhPick, QuiescedDestFailsOrFallsBack)
{
	auto d = Dests({ 1, 1 });
	auto t = Build(d);
	d[0].weight = 0;
	int failed = 0;
	for (u32 a = 0; a < 2000; a++) {
		int plain = lvs_mh_pick(t.data(), d.data(), 2, a, 0, 0);
		int fb = lvs_mh_pick(t.data(), d.data(), 2, a, 0,
				     LVS_SCHED_SVC_F_FALLBACK);
		EXPECT_NE(plain, 0);
		EXPECT_EQ(fb, 1);
		failed += plain == -1;
	}
	EXPECT_GT(failed, 800);	// about half the clients hashed to dest 0
	EXPECT_LT(failed, 1200);
}

// Katran-style property: dropping one of N backends remaps about 1/N of
// the table: every slot of the removed dest, and few others.
TEST(MhProperty, RemovingOneOfNRemapsAboutOneNth)
{
	const int n = 20;
	auto d = Dests(std::vector<int>(n, 1));
	auto before = Build(d);
	auto removed = d;
	removed.erase(removed.begin() + 7);
	auto after = Build(removed);
	int moved = 0;
	for (int i = 0; i < LVS_MH_TAB_SIZE; i++) {
		int old_dest = before[i];
		int new_dest = after[i] >= 7 ? after[i] + 1 : after[i];
		if (old_dest == 7)
			continue;
		moved += old_dest != new_dest;
	}
	// Slots of surviving dests that changed owner: a small fraction.
	EXPECT_LT(moved, LVS_MH_TAB_SIZE / n);
}

TEST(MhProperty, EqualWeightsShareTheTableEvenly)
{
	auto c = Counts(Build(Dests(std::vector<int>(10, 5))), 10);
	for (int x : c) {
		EXPECT_GE(x, 409);
		EXPECT_LE(x, 410);
	}
}

}  // namespace
