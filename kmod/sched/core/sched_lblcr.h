/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_LBLCR_H
#define _LVS_CORE_SCHED_LBLCR_H

#include "sched_dest.h"

/*
 * Locality-based least connection with replication: each cache entry holds
 * a set of dests, in IPVS's set order (the most recently inserted first).
 * The caller owns cache and sets; @set holds views of the set's dests,
 * which may include dests already removed from the service (their views
 * without LVS_SCHED_F_AVAILABLE).
 */
#define LVS_LBLCR_TAB_BITS	10

/* The weighted least-connection available dest of the set, or -1. */
int lvs_lblcr_set_min(const struct lvs_sched_dest *const *set, int len);

/* The weighted most-loaded dest of the set with weight > 0, or -1. */
int lvs_lblcr_set_max(const struct lvs_sched_dest *const *set, int len);

struct lvs_lblcr_decision {
	int set_pos;	/* >= 0: serve set[set_pos] */
	int idx;	/* >= 0: serve d[idx] and insert it in the set */
	int erase_pos;	/* >= 0: then erase set[erase_pos] from the set */
};

/*
 * One scheduling decision for a packet whose destination address has a
 * cache entry (@set, @len); @expired: len > 1 and the set was last modified
 * longer than lblcr_expiration ago. Without an entry call with len == 0:
 * then idx is the dest to create the entry with. Returns false if no dest
 * can serve (erase_pos may still be set).
 */
bool lvs_lblcr_decide(const struct lvs_sched_dest *const *set, int len,
		      bool expired, const struct lvs_sched_dest *d, int n,
		      struct lvs_lblcr_decision *dec);

#endif /* _LVS_CORE_SCHED_LBLCR_H */
