/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scheduler registry. A service binds one scheduler by name (or none);
 * IPVS answers ENOENT for a name it cannot resolve, and so do we.
 *
 * The hooks are optional: a scheduler without ->schedule only reserves its
 * name (the decision logic lives in kmod/core/ and is wired in per
 * scheduler). Hooks other than ->schedule run under the per-netns mutex;
 * ->schedule runs in the packet path under rcu_read_lock() and must not
 * sleep. svc->sched_data belongs to the bound scheduler.
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
	struct lvs_dest *(*schedule)(struct lvs_service *svc,
				     const struct sk_buff *skb,
				     const struct lvs_pkt *pkt);
};

/* Returns NULL for an unknown name. */
const struct lvs_scheduler *lvs_sched_find(const char *name);

int lvs_sched_bind(struct lvs_service *svc, const struct lvs_scheduler *s);
void lvs_sched_unbind(struct lvs_service *svc);

/* Persistence engines: only the name is kept for now ("sip"). */
struct lvs_pe {
	const char *name;
};

const struct lvs_pe *lvs_pe_find(const char *name);

#endif /* _LVS_SCHED_H */
