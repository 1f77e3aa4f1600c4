// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "sched.h"
#include "service.h"

/* Every scheduler IPVS ships, each in its kmod/sched/sched_<name>.c. */
static const struct lvs_scheduler *const schedulers[] = {
	&lvs_sched_rr, &lvs_sched_wrr, &lvs_sched_lc, &lvs_sched_wlc,
	&lvs_sched_lblc, &lvs_sched_lblcr, &lvs_sched_dh, &lvs_sched_sh,
	&lvs_sched_sed, &lvs_sched_nq, &lvs_sched_mh, &lvs_sched_fo,
	&lvs_sched_ovf, &lvs_sched_twos,
};

const struct lvs_scheduler *lvs_sched_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(schedulers); i++)
		if (!strcmp(schedulers[i]->name, name))
			return schedulers[i];
	return NULL;
}

/* Called under the per-netns mutex. */
int lvs_sched_bind(struct lvs_service *svc, const struct lvs_scheduler *s)
{
	int ret;

	if (s->init_service) {
		ret = s->init_service(svc);
		if (ret)
			return ret;
	}
	rcu_assign_pointer(svc->sched, s);
	return 0;
}

/*
 * Called under the per-netns mutex. The caller waits for an RCU grace
 * period before a new scheduler may reuse svc->sched_data.
 */
void lvs_sched_unbind(struct lvs_service *svc)
{
	const struct lvs_scheduler *s = rcu_dereference_protected(svc->sched, 1);

	if (!s)
		return;
	RCU_INIT_POINTER(svc->sched, NULL);
	if (s->done_service)
		s->done_service(svc);
}

/* lvs_sched_conns_changed() is in sched_view.c: every scheduler has a view. */
