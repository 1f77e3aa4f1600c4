// SPDX-License-Identifier: GPL-2.0
#include "sched_least.h"

/* The decision is lvs_nq_pick()'s, kept current by the least index. */
static const struct lvs_sched_class nq_class =
	LVS_SCHED_LEAST_CLASS(LVS_LEAST_NQ);

static int nq_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &nq_class);
}

const struct lvs_scheduler lvs_sched_nq = LVS_SCHED_OPS("nq", nq_init);
