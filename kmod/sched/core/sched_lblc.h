/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_LBLC_H
#define _LVS_CORE_SCHED_LBLC_H

#include "sched_dest.h"

/*
 * Locality-based least connection. The cache (destination address -> dest,
 * with expiry) is the caller's; these are the decisions around it:
 *
 *	if (entry && lvs_lblc_cached_ok(entry's dest, d, n))
 *		serve entry's dest, refresh entry's lastuse;
 *	else if ((i = lvs_lblc_pick(d, n)) >= 0)
 *		serve d[i], store d[i] in the entry (create it if needed);
 *	else
 *		no dest.
 *
 * Ip_vs_lblc hashes the cache by hash_32(addr_fold, 10): LVS_LBLC_TAB_BITS.
 */
#define LVS_LBLC_TAB_BITS	10

/*
 * "Overloaded" for lblc/lblcr is not IP_VS_DEST_F_OVERLOAD: the dest has
 * more active connections than its weight while some dest of the service
 * is below half of its own weight.
 */
bool lvs_lblc_overloaded(const struct lvs_sched_dest *dest,
			 const struct lvs_sched_dest *d, int n);

/*
 * A cached dest is reused while linked, weighted and not overloaded in the
 * sense above. @cached may be outside @d (a dest already removed from the
 * service: the caller clears LVS_SCHED_F_AVAILABLE in its view).
 */
bool lvs_lblc_cached_ok(const struct lvs_sched_dest *cached,
			const struct lvs_sched_dest *d, int n);

/* A fresh choice: the weighted least-connection dest (same rule as wlc). */
int lvs_lblc_pick(const struct lvs_sched_dest *d, int n);

#endif /* _LVS_CORE_SCHED_LBLC_H */
