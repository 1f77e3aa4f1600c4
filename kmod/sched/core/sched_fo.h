/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_FO_H
#define _LVS_CORE_SCHED_FO_H

#include "sched_dest.h"

/* Weighted fail over: the first usable dest with the highest weight. */
int lvs_fo_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_FO_H */
