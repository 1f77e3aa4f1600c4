/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_SED_H
#define _LVS_CORE_SCHED_SED_H

#include "sched_dest.h"

/*
 * Shortest expected delay: like wlc but the load is (activeconns + 1) /
 * weight, so the incoming connection counts and idle servers still differ
 * by weight.
 */
int lvs_sed_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_SED_H */
