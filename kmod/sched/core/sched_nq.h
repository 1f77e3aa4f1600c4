/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_NQ_H
#define _LVS_CORE_SCHED_NQ_H

#include "sched_dest.h"

/*
 * Never queue: the first idle (no active connection) usable dest if there
 * is one, otherwise the sed choice. Usable: not overloaded, weight != 0.
 */
int lvs_nq_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_NQ_H */
