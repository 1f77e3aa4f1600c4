/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_WLC_H
#define _LVS_CORE_SCHED_WLC_H

#include "sched_dest.h"

/*
 * Weighted least connection: smallest overhead / weight, found by 64-bit
 * cross products as IPVS does; the first usable dest seeds the search and
 * only a strictly smaller load replaces it, so ties go to the earlier dest.
 */
int lvs_wlc_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_WLC_H */
