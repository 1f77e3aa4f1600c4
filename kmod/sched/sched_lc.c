// SPDX-License-Identifier: GPL-2.0
#include "sched_least.h"

/* The decision is lvs_lc_pick()'s, kept current by the least index. */
static const struct lvs_sched_class lc_class =
	LVS_SCHED_LEAST_CLASS(LVS_LEAST_LC);

static int lc_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &lc_class);
}

const struct lvs_scheduler lvs_sched_lc = LVS_SCHED_OPS("lc", lc_init);
