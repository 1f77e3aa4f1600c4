/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_RR_H
#define _LVS_CORE_SCHED_RR_H

#include "sched_dest.h"

/*
 * Round robin. @last is the index of the dest picked last, or -1 for "the
 * list head" (IPVS starts there and falls back there). It must follow the
 * array when dests come and go: call lvs_rr_dest_added() after inserting
 * at @pos and lvs_rr_dest_removed() after removing @pos.
 */
struct lvs_rr_state {
	int last;
};

void lvs_rr_init(struct lvs_rr_state *st);
int lvs_rr_pick(struct lvs_rr_state *st, const struct lvs_sched_dest *d,
		int n);
void lvs_rr_dest_added(struct lvs_rr_state *st, int pos);
void lvs_rr_dest_removed(struct lvs_rr_state *st, int pos);

#endif /* _LVS_CORE_SCHED_RR_H */
