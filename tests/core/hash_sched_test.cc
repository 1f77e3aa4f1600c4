// SPDX-License-Identifier: GPL-2.0
// sh and dh. Bucket numbers are hash_32(addr, 8) = (addr * 0x61C88647) >> 24
// worked out by hand for the addresses used:
//   10.0.0.1    (0x0a000001) -> 39, with port 80 added -> 182
//   192.168.1.7 (0xc0a80107) -> 211
//   172.16.5.9  (0xac100509) -> 115
//   2001:db8::1 (fold 0x20010db9) -> 63
#include <gtest/gtest.h>

#include "core.h"

namespace {

u32 Fold4(u8 a, u8 b, u8 c, u8 d)
{
	const u8 addr[4] = { a, b, c, d };
	return lvs_sched_addr_fold(addr, false);
}

TEST(AddrFold, Ipv4IsHostOrderIpv6XorsWords)
{
	EXPECT_EQ(Fold4(10, 0, 0, 1), 0x0a000001u);
	const u8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
			    0,    0,    0,    0,    0, 0, 0, 1 };
	EXPECT_EQ(lvs_sched_addr_fold(v6, true), 0x20010db9u);
}

TEST(Hash32, GoldenRatioTopBits)
{
	EXPECT_EQ(lvs_sched_hash_32(0x0a000001, 8), 39u);
	EXPECT_EQ(lvs_sched_hash_32(0xc0a80107, 8), 211u);
	EXPECT_EQ(lvs_sched_hash_32(0x20010db9, 8), 63u);
}

TEST(ShBuild, EachDestTakesWeightConsecutiveBuckets)
{
	std::vector<lvs_sched_dest> d = { Dest(2), Dest(1) };
	s32 t[LVS_SH_TAB_SIZE];
	lvs_sh_build(t, d.data(), N(d));
	for (int i = 0; i < LVS_SH_TAB_SIZE; i++)
		EXPECT_EQ(t[i], i % 3 == 2 ? 1 : 0) << i;
}

TEST(ShBuild, WeightZeroStillTakesOneBucket)
{
	std::vector<lvs_sched_dest> d = { Dest(0), Dest(1) };
	s32 t[LVS_SH_TAB_SIZE];
	lvs_sh_build(t, d.data(), N(d));
	for (int i = 0; i < LVS_SH_TAB_SIZE; i++)
		EXPECT_EQ(t[i], i % 2) << i;
}

TEST(ShBuild, NoDestsEmptiesTable)
{
	s32 t[LVS_SH_TAB_SIZE];
	lvs_sh_build(t, nullptr, 0);
	for (int i = 0; i < LVS_SH_TAB_SIZE; i++)
		EXPECT_EQ(t[i], -1);
	EXPECT_EQ(lvs_sh_pick(t, nullptr, 0, 1, 0, 0), -1);
}

class ShPick : public ::testing::Test {
protected:
	void SetUp() override
	{
		d.assign(4, Dest(1));	// bucket b -> dest b % 4
		lvs_sh_build(t, d.data(), N(d));
	}
	int Pick(u32 fold, u16 port, u32 flags)
	{
		return lvs_sh_pick(t, d.data(), N(d), fold, port, flags);
	}
	std::vector<lvs_sched_dest> d;
	s32 t[LVS_SH_TAB_SIZE];
};

TEST_F(ShPick, SourceAddressSelectsBucket)
{
	EXPECT_EQ(Pick(0x0a000001, 0, 0), 39 % 4);
	EXPECT_EQ(Pick(0xc0a80107, 0, 0), 211 % 4);
	EXPECT_EQ(Pick(0xac100509, 0, 0), 115 % 4);
}

TEST_F(ShPick, PortOnlyCountsWithShPort)
{
	EXPECT_EQ(Pick(0x0a000001, 80, 0), 39 % 4);
	EXPECT_EQ(Pick(0x0a000001, 80, LVS_SCHED_SVC_F_PORT), 182 % 4);
}

TEST_F(ShPick, UnusableDestFailsWithoutFallback)
{
	d[3].flags |= LVS_SCHED_F_OVERLOAD;	// 10.0.0.1 -> bucket 39 -> 3
	EXPECT_EQ(Pick(0x0a000001, 0, 0), -1);
	d[3].flags = LVS_SCHED_F_AVAILABLE;
	d[3].weight = 0;
	EXPECT_EQ(Pick(0x0a000001, 0, 0), -1);
}

// IPVS probes from bucket 2 * 39 = 78 (dest 2), not from 40 (dest 0).
TEST_F(ShPick, FallbackProbesFromTwiceTheHash)
{
	d[3].weight = 0;
	EXPECT_EQ(Pick(0x0a000001, 0, LVS_SCHED_SVC_F_FALLBACK), 2);
	d[2].flags |= LVS_SCHED_F_OVERLOAD;
	EXPECT_EQ(Pick(0x0a000001, 0, LVS_SCHED_SVC_F_FALLBACK), 0);
	for (auto &x : d)
		x.weight = 0;
	EXPECT_EQ(Pick(0x0a000001, 0, LVS_SCHED_SVC_F_FALLBACK), -1);
}

// Property: sh is weight-proportional and a pure function of the address.
TEST(ShProperty, WeightProportionalAndDeterministic)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(3) };
	s32 t[LVS_SH_TAB_SIZE];
	lvs_sh_build(t, d.data(), N(d));
	int count[2] = {};
	for (u32 a = 0; a < 100000; a++) {
		int p = lvs_sh_pick(t, d.data(), 2, 0x0a000000 + a, 0, 0);
		ASSERT_EQ(p, lvs_sh_pick(t, d.data(), 2, 0x0a000000 + a, 0, 0));
		count[p]++;
	}
	EXPECT_NEAR(count[1] / 100000.0, 0.75, 0.02);
}

TEST(Dh, BucketsCycleThroughDestsIgnoringWeight)
{
	s32 t[LVS_DH_TAB_SIZE];
	lvs_dh_build(t, 3);
	for (int i = 0; i < LVS_DH_TAB_SIZE; i++)
		EXPECT_EQ(t[i], i % 3);
	lvs_dh_build(t, 0);
	EXPECT_EQ(t[0], -1);
}

TEST(Dh, DestinationAddressSelectsBucket)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(7), Dest(1) };
	s32 t[LVS_DH_TAB_SIZE];
	lvs_dh_build(t, N(d));
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0x0a000001), 39 % 3);
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0xc0a80107), 211 % 3);
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0x20010db9), 63 % 3);
}

TEST(Dh, UnlinkedQuiescedOrOverloadedIsNoDest)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(1), Dest(1) };
	s32 t[LVS_DH_TAB_SIZE];
	lvs_dh_build(t, N(d));
	d[0].flags = 0;	// 10.0.0.1 -> bucket 39 -> dest 0
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0x0a000001), -1);
	d[0] = Overloaded(Dest(1));
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0x0a000001), -1);
	d[0] = Dest(0);
	EXPECT_EQ(lvs_dh_pick(t, d.data(), N(d), 0x0a000001), -1);
}

}  // namespace
