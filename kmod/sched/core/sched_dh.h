/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_DH_H
#define _LVS_CORE_SCHED_DH_H

#include "sched_dest.h"

/* ip_vs_dh has no Kconfig knob: 8 bits, 256 buckets. */
#define LVS_DH_TAB_BITS		8
#define LVS_DH_TAB_SIZE		(1 << LVS_DH_TAB_BITS)

/*
 * Destination hashing. Buckets go to the dests one each, cycling through
 * the list (weights do not matter); rebuild on any dest add/remove/update.
 */
void lvs_dh_build(s32 *table, int n);

/* @addr_fold: lvs_sched_addr_fold() of the packet's destination address. */
int lvs_dh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold);

#endif /* _LVS_CORE_SCHED_DH_H */
