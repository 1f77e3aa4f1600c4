// SPDX-License-Identifier: GPL-2.0
#include "sched_least.h"

/* The decision is lvs_sed_pick()'s, kept current by the least index. */
static const struct lvs_sched_class sed_class =
	LVS_SCHED_LEAST_CLASS(LVS_LEAST_SED);

static int sed_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &sed_class);
}

const struct lvs_scheduler lvs_sched_sed = LVS_SCHED_OPS("sed", sed_init);
