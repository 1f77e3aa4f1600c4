// SPDX-License-Identifier: GPL-2.0
// Properties every scheduler shares, over random dest arrays: a quiesced
// (weight 0) or overloaded dest is never chosen, and the list-walking
// schedulers only give up when no dest is usable at all.
#include <gtest/gtest.h>

#include <random>

#include "core.h"

namespace {

std::vector<lvs_sched_dest> RandomDests(std::mt19937 &rng)
{
	std::vector<lvs_sched_dest> d(1 + rng() % 12);
	for (size_t i = 0; i < d.size(); i++) {
		d[i] = Dest(rng() % 4, rng() % 6, rng() % 6);
		if (rng() % 4 == 0)
			d[i].flags |= LVS_SCHED_F_OVERLOAD;
		d[i].addr_fold = rng();
		d[i].port = rng();
	}
	return d;
}

bool Usable(const lvs_sched_dest &d)
{
	return d.weight > 0 && !(d.flags & LVS_SCHED_F_OVERLOAD);
}

TEST(Property, NeverPicksQuiescedOrOverloaded)
{
	std::mt19937 rng(99);
	for (int round = 0; round < 2000; round++) {
		auto d = RandomDests(rng);
		const int n = N(d);
		bool any = false;
		for (const auto &x : d)
			any |= Usable(x);

		lvs_rr_state rr;
		lvs_rr_init(&rr);
		lvs_wrr_state wrr;
		lvs_wrr_init(&wrr, d.data(), n);
		std::vector<int> picks = {
			lvs_rr_pick(&rr, d.data(), n),
			lvs_wrr_pick(&wrr, d.data(), n),
			lvs_lc_pick(d.data(), n),
			lvs_wlc_pick(d.data(), n),
			lvs_sed_pick(d.data(), n),
			lvs_nq_pick(d.data(), n),
			lvs_fo_pick(d.data(), n),
			lvs_twos_pick(d.data(), n, rng(), rng()),
			lvs_lblc_pick(d.data(), n),
		};
		for (size_t k = 0; k < picks.size(); k++) {
			if (picks[k] >= 0)
				EXPECT_TRUE(Usable(d[picks[k]])) << "scheduler " << k;
			else
				EXPECT_FALSE(any) << "scheduler " << k;
		}

		int ovf = lvs_ovf_pick(d.data(), n);
		if (ovf >= 0) {
			EXPECT_TRUE(Usable(d[ovf]));
			EXPECT_LE(d[ovf].activeconns, d[ovf].weight);
		}

		s32 sh[LVS_SH_TAB_SIZE], dh[LVS_DH_TAB_SIZE];
		std::vector<s32> mh(LVS_MH_TAB_SIZE);
		std::vector<lvs_mh_setup> setup(n);
		lvs_sh_build(sh, d.data(), n);
		lvs_dh_build(dh, n);
		lvs_mh_build(mh.data(), setup.data(), d.data(), n);
		for (int k = 0; k < 20; k++) {
			u32 addr = rng();
			u16 port = rng();
			u32 flags = rng() & (LVS_SCHED_SVC_F_PORT |
					     LVS_SCHED_SVC_F_FALLBACK);
			for (int p : { lvs_sh_pick(sh, d.data(), n, addr, port, flags),
				       lvs_dh_pick(dh, d.data(), n, addr),
				       lvs_mh_pick(mh.data(), d.data(), n, addr,
						   port, flags) }) {
				if (p >= 0) {
					EXPECT_TRUE(Usable(d[p]));
				}
			}
		}
	}
}

// Fallback finds a usable dest whenever the table holds one.
TEST(Property, FallbackFindsAnyUsableDest)
{
	std::mt19937 rng(5);
	for (int round = 0; round < 300; round++) {
		auto d = RandomDests(rng);
		const int n = N(d);
		s32 sh[LVS_SH_TAB_SIZE];
		lvs_sh_build(sh, d.data(), n);
		bool sh_any = false;
		for (s32 x : sh)
			sh_any |= Usable(d[x]);
		std::vector<s32> mh(LVS_MH_TAB_SIZE);
		std::vector<lvs_mh_setup> setup(n);
		lvs_mh_build(mh.data(), setup.data(), d.data(), n);
		bool mh_any = false;
		for (s32 x : mh)
			mh_any |= x >= 0 && Usable(d[x]);
		u32 addr = rng();
		EXPECT_EQ(lvs_sh_pick(sh, d.data(), n, addr, 0,
				      LVS_SCHED_SVC_F_FALLBACK) >= 0, sh_any);
		// mh probes 4093 rehashed slots: with a full table it misses a
		// usable dest only if that dest owns almost no slots.
		if (mh_any && lvs_mh_pick(mh.data(), d.data(), n, addr, 0,
					  LVS_SCHED_SVC_F_FALLBACK) < 0)
			ADD_FAILURE() << "mh fallback found nothing, round " << round;
	}
}

// wlc with only new active connections: after 6k picks weights 1 2 3 hold
// exactly k, 2k, 3k (the greedy keeps the ratios level).
TEST(Property, WlcSpreadsConnectionsByWeight)
{
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(2), Dest(3) };
	for (int i = 0; i < 600; i++)
		d[lvs_wlc_pick(d.data(), 3)].activeconns++;
	EXPECT_EQ(d[0].activeconns, 100);
	EXPECT_EQ(d[1].activeconns, 200);
	EXPECT_EQ(d[2].activeconns, 300);
}

// twos with idle dests keeps its first random choice: weighted by weight,
// except that the extra slot of the inclusive draw goes to the first dest.
TEST(Property, TwosDrawIsWeighted)
{
	std::mt19937 rng(3);
	std::vector<lvs_sched_dest> d = { Dest(1), Dest(2), Dest(5) };
	int count[3] = {};
	const int picks = 90000;
	for (int i = 0; i < picks; i++)
		count[lvs_twos_pick(d.data(), 3, rng(), rng())]++;
	EXPECT_NEAR(count[0] / double(picks), 2.0 / 9, 0.01);
	EXPECT_NEAR(count[1] / double(picks), 2.0 / 9, 0.01);
	EXPECT_NEAR(count[2] / double(picks), 5.0 / 9, 0.01);
}

}  // namespace
