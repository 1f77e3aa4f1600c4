/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scheduler registry. A service binds one scheduler by name (or none);
 * IPVS answers ENOENT for a name it cannot resolve, and so do we.
 *
 * Each scheduler is kmod/sched/sched_<name>.c over the shared glue in
 * sched_view.c and the decisions in kmod/sched/core/. Hooks other than
 * ->schedule run under the per-netns mutex; ->schedule runs in the packet
 * path under rcu_read_lock() and must not sleep. svc->sched_data belongs
 * to the bound scheduler.
 */
#ifndef _LVS_SCHED_H
#define _LVS_SCHED_H

#include <linux/types.h>

struct sk_buff;
struct lvs_service;
struct lvs_dest;
struct lvs_pkt;		/* parsed packet headers, defined by the data plane */

struct lvs_scheduler {
	const char *name;
	int (*init_service)(struct lvs_service *svc);
	void (*done_service)(struct lvs_service *svc);
	int (*add_dest)(struct lvs_service *svc, struct lvs_dest *dest);
	int (*del_dest)(struct lvs_service *svc, struct lvs_dest *dest);
	int (*upd_dest)(struct lvs_service *svc, struct lvs_dest *dest);
	/* Required: NULL when no dest may take the connection. */
	struct lvs_dest *(*schedule)(struct lvs_service *svc,
				     const struct sk_buff *skb,
				     const struct lvs_pkt *pkt);
};

extern const struct lvs_scheduler lvs_sched_rr, lvs_sched_wrr, lvs_sched_lc,
	lvs_sched_wlc, lvs_sched_lblc, lvs_sched_lblcr, lvs_sched_dh,
	lvs_sched_sh, lvs_sched_sed, lvs_sched_nq, lvs_sched_mh, lvs_sched_fo,
	lvs_sched_ovf, lvs_sched_twos;

/* Returns NULL for an unknown name. */
const struct lvs_scheduler *lvs_sched_find(const char *name);

int lvs_sched_bind(struct lvs_service *svc, const struct lvs_scheduler *s);
void lvs_sched_unbind(struct lvs_service *svc);

/*
 * The data plane changed @dest's active/inactive counters or its overload
 * flag (connection bound, unbound, or moved between active and inactive).
 * Called in softirq or process context, without locks held; schedulers
 * that index dests by load keep that index current from here.
 */
void lvs_sched_conns_changed(struct lvs_dest *dest);

#endif /* _LVS_SCHED_H */
