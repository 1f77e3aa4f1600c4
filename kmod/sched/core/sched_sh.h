/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_SH_H
#define _LVS_CORE_SCHED_SH_H

#include "sched_dest.h"

/* Debian's kernel: CONFIG_IP_VS_SH_TAB_BITS=8. */
#define LVS_SH_TAB_BITS		8
#define LVS_SH_TAB_SIZE		(1 << LVS_SH_TAB_BITS)

/*
 * Source hashing. The table maps each of the 256 buckets to a dest index
 * (-1: none); rebuild it whenever a dest is added, removed or changes
 * weight, as IPVS does. Each dest takes "weight" consecutive buckets
 * (at least one, even at weight 0), cycling through the list.
 */
void lvs_sh_build(s32 *table, const struct lvs_sched_dest *d, int n);

/*
 * @addr_fold: lvs_sched_addr_fold() of the address being hashed (the
 * client's source address). @port: the client's port in host order; only
 * used with LVS_SCHED_SVC_F_PORT. With LVS_SCHED_SVC_F_FALLBACK an unusable
 * bucket makes it probe further buckets instead of failing.
 */
int lvs_sh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold, u16 port, u32 svc_flags);

#endif /* _LVS_CORE_SCHED_SH_H */
