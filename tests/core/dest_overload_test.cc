// SPDX-License-Identifier: GPL-2.0
// Overload hysteresis as read from Debian 6.1.0-56's ip_vs.ko: set when a
// bind brings totalconns to u_threshold, cleared when an unbind takes it
// below the lower threshold (l_threshold, or 3/4 of u_threshold).
#include <gtest/gtest.h>

extern "C" {
#include "../../kmod/sched/core/dest_overload.h"
}

namespace {

TEST(Overload, LowerThresholdDefaultsToThreeQuarters)
{
	EXPECT_EQ(lvs_overload_lower(100, 0), 75u);
	EXPECT_EQ(lvs_overload_lower(10, 0), 8u);	// 10 - 10 / 4
	EXPECT_EQ(lvs_overload_lower(10, 4), 4u);
	EXPECT_EQ(lvs_overload_lower(0, 0), 0u);
}

// Simulate a dest with u = 4 (lower 3) through binds and unbinds.
struct Sim {
	u32 u, lower, total = 0;
	bool over = false;
	Sim(u32 u_thr, u32 l_thr) : u(u_thr), lower(lvs_overload_lower(u_thr, l_thr)) {}
	void Bind()
	{
		total++;
		if (lvs_overload_bind_triggers(total, u))
			over = lvs_overload_eval(over, total, u, lower,
						 LVS_OVERLOAD_BIND);
	}
	void Unbind()
	{
		u32 before = total--;
		if (lvs_overload_unbind_triggers(before, lower))
			over = lvs_overload_eval(over, total, u, lower,
						 LVS_OVERLOAD_UNBIND);
	}
};

TEST(Overload, HysteresisBetweenThresholds)
{
	Sim s(4, 0);	// lower 3
	for (int i = 0; i < 3; i++)
		s.Bind();
	EXPECT_FALSE(s.over);
	s.Bind();	// total 4 == u
	EXPECT_TRUE(s.over);
	s.Unbind();	// 4 -> 3: not from the lower threshold
	EXPECT_TRUE(s.over);
	s.Unbind();	// 3 -> 2: below the lower threshold
	EXPECT_FALSE(s.over);
	s.Bind();	// 3: still below u
	EXPECT_FALSE(s.over);
}

TEST(Overload, NoUpperThresholdNeverOverloads)
{
	Sim s(0, 0);
	for (int i = 0; i < 10; i++)
		s.Bind();
	EXPECT_FALSE(s.over);
}

TEST(Overload, EditKeepsFlagBetweenThresholds)
{
	// total 5, u 8, lower 6: below the lower threshold -> cleared.
	EXPECT_FALSE(lvs_overload_eval(true, 5, 8, 6, LVS_OVERLOAD_EDIT));
	// total 7: between -> unchanged either way.
	EXPECT_TRUE(lvs_overload_eval(true, 7, 8, 6, LVS_OVERLOAD_EDIT));
	EXPECT_FALSE(lvs_overload_eval(false, 7, 8, 6, LVS_OVERLOAD_EDIT));
	// total 8 >= u -> set; u 0 -> cleared.
	EXPECT_TRUE(lvs_overload_eval(false, 8, 8, 6, LVS_OVERLOAD_EDIT));
	EXPECT_FALSE(lvs_overload_eval(true, 9, 0, 0, LVS_OVERLOAD_EDIT));
}

TEST(Overload, LowerAboveUpperNeverSetsOnBind)
{
	Sim s(4, 10);
	for (int i = 0; i < 8; i++)
		s.Bind();
	EXPECT_FALSE(s.over);
}

}  // namespace
