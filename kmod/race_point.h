/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LVS_RACE_POINT_H
#define LVS_RACE_POINT_H

/*
 * Race points: places where a test acts as the concurrent writer a race
 * needs, at the one instant that matters, so that a window a fix closed
 * can be shown closed (and shown open on the module before the fix)
 * without luck. A point does nothing until a test arms it through
 * debugfs (lvs_race/<point>/: "value" to store, "shots" how many times,
 * "when" the value the code at the point must have read: so a test arms
 * the pass its own write causes, not another one that runs meanwhile).
 * Only test builds have them: kbuild with LVS_RACE_POINTS=y, as
 * `make check-debug` builds lvs.ko; in any other build they are empty.
 */
enum lvs_race_point {
	/* lvs_defense_update() has read drop_packet and not yet acted. */
	LVS_RACE_DEFENSE_DROP_PACKET,
	LVS_RACE_POINTS_NR,
};

#ifdef LVS_RACE_POINTS
void lvs_race_init(void);
void lvs_race_exit(void);
void lvs_race_store(enum lvs_race_point p, int *target, int seen);
#else
static inline void lvs_race_init(void) {}
static inline void lvs_race_exit(void) {}
static inline void lvs_race_store(enum lvs_race_point p, int *target,
				  int seen) {}
#endif

#endif
