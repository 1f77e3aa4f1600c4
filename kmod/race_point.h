/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LVS_RACE_POINT_H
#define LVS_RACE_POINT_H

/*
 * Race points: places where a test acts as the concurrent writer a race
 * needs, at the one instant that matters, so that a window a fix closed
 * can be shown closed (and shown open on the module before the fix)
 * without luck. A point does nothing until a test arms it through
 * debugfs (lvs_race/<point>/: "shots" how many times it acts, "value"
 * what it stores or how many milliseconds it waits, and for a store
 * "when": the value the code at the point must have read, so that a
 * test arms the pass its own write causes, not one that runs meanwhile).
 * A delay holds its CPU (atomic context) while the test acts on the
 * other (the VM has two); a sleep, where the code may sleep, leaves it
 * to whatever the test needs to run there.
 * Only test builds have them: kbuild with LVS_RACE_POINTS=y, as
 * `make check-debug` builds lvs.ko; in any other build they are empty.
 */
enum lvs_race_point {
	/* lvs_defense_update() has read drop_packet and not yet acted. */
	LVS_RACE_DEFENSE_DROP_PACKET,
	/* A dest leaves the table, with the table's reference: still hashed. */
	LVS_RACE_DEST_DROP,
	/* The sync backup has looked up a dest and not yet bound it. */
	LVS_RACE_SYNC_DEST_FOUND,
	/* A connection's reply key is made and not yet in out_tab. */
	LVS_RACE_CONN_HASH_OUT,
	LVS_RACE_POINTS_NR,
};

#ifdef LVS_RACE_POINTS
void lvs_race_init(void);
void lvs_race_exit(void);
void lvs_race_store(enum lvs_race_point p, int *target, int seen);
void lvs_race_delay(enum lvs_race_point p);
void lvs_race_sleep(enum lvs_race_point p);
#else
static inline void lvs_race_init(void) {}
static inline void lvs_race_exit(void) {}
static inline void lvs_race_store(enum lvs_race_point p, int *target,
				  int seen) {}
static inline void lvs_race_delay(enum lvs_race_point p) {}
static inline void lvs_race_sleep(enum lvs_race_point p) {}
#endif

#endif
