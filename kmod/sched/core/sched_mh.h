/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_MH_H
#define _LVS_CORE_SCHED_MH_H

#include "sched_dest.h"

/*
 * Maglev hashing. Debian's kernel has CONFIG_IP_VS_MH_TAB_INDEX=12, which
 * selects the prime 4093 as table size and 12 / 2 = 6 as the number of
 * weight bits kept when weights are scaled down.
 */
#define LVS_MH_TAB_SIZE		4093
#define LVS_MH_TAB_BITS		6

/* The fixed hsiphash keys of ip_vs_mh (each key is {k, k}). */
#define LVS_MH_KEY1		2654435761ULL
#define LVS_MH_KEY2		2654446892ULL

/* Per-dest scratch for one table build; the caller provides n of them. */
struct lvs_mh_setup {
	u32 offset;	/* first preferred position */
	u32 skip;	/* step through the preference list */
	u32 perm;	/* next position to try */
	s32 turns;	/* positions claimed per round: scaled last_weight */
};

/*
 * Fill @table (LVS_MH_TAB_SIZE entries of dest index, -1 = none) from the
 * dests' last_weight (not weight: a quiesced dest keeps its positions and
 * is only skipped at lookup). Rebuild on every dest add/remove/update.
 * Returns -1 and leaves @table alone if n > LVS_MH_TAB_SIZE (IPVS: -EINVAL).
 */
int lvs_mh_build(s32 *table, struct lvs_mh_setup *setup,
		 const struct lvs_sched_dest *d, int n);

/*
 * @addr_fold: lvs_sched_addr_fold() of the client address; @port: client
 * port in host order, used only with LVS_SCHED_SVC_F_PORT.
 */
int lvs_mh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold, u16 port, u32 svc_flags);

#endif /* _LVS_CORE_SCHED_MH_H */
