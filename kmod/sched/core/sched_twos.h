/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_TWOS_H
#define _LVS_CORE_SCHED_TWOS_H

#include "sched_dest.h"

/*
 * Power of two choices: two weighted-random usable dests, the one with the
 * smaller overhead / weight wins (the first on a tie). @rand1 and @rand2 are
 * the two raw 32-bit random numbers IPVS draws (get_random_u32()); taking
 * them as inputs keeps the decision deterministic under test.
 */
int lvs_twos_pick(const struct lvs_sched_dest *d, int n, u32 rand1,
		  u32 rand2);

#endif /* _LVS_CORE_SCHED_TWOS_H */
