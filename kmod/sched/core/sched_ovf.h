/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_OVF_H
#define _LVS_CORE_SCHED_OVF_H

#include "sched_dest.h"

/*
 * Overflow: the first dest with the highest weight among those not yet
 * "full", i.e. with activeconns <= weight (IPVS skips only activeconns >
 * weight), weight != 0 and not overloaded.
 */
int lvs_ovf_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_OVF_H */
