// SPDX-License-Identifier: GPL-2.0
#include "sched_least.h"

/* The decision is lvs_wlc_pick()'s, kept current by the least index. */
static const struct lvs_sched_class wlc_class =
	LVS_SCHED_LEAST_CLASS(LVS_LEAST_WLC);

static int wlc_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &wlc_class);
}

const struct lvs_scheduler lvs_sched_wlc = LVS_SCHED_OPS("wlc", wlc_init);
