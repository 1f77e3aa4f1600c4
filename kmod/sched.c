// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "sched.h"
#include "service.h"

/*
 * Every scheduler IPVS ships. Entries get their hooks as the decision
 * code from kmod/core/ is wired in; until then binding one only records
 * the name, which is all the control plane needs.
 */
static const struct lvs_scheduler schedulers[] = {
	{ .name = "rr" },
	{ .name = "wrr" },
	{ .name = "lc" },
	{ .name = "wlc" },
	{ .name = "lblc" },
	{ .name = "lblcr" },
	{ .name = "dh" },
	{ .name = "sh" },
	{ .name = "sed" },
	{ .name = "nq" },
	{ .name = "mh" },
	{ .name = "fo" },
	{ .name = "ovf" },
	{ .name = "twos" },
};

static const struct lvs_pe engines[] = {
	{ .name = "sip" },
};

const struct lvs_scheduler *lvs_sched_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(schedulers); i++)
		if (!strcmp(schedulers[i].name, name))
			return &schedulers[i];
	return NULL;
}

const struct lvs_pe *lvs_pe_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(engines); i++)
		if (!strcmp(engines[i].name, name))
			return &engines[i];
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
