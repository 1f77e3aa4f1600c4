/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_LC_H
#define _LVS_CORE_SCHED_LC_H

#include "sched_dest.h"

/*
 * Least connection: the first dest (in list order) with the smallest
 * overhead, compared as unsigned like IPVS; weight 0 and overloaded skipped.
 */
int lvs_lc_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_LC_H */
