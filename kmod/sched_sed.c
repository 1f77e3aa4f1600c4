// SPDX-License-Identifier: GPL-2.0
#include "core/sched_sed.h"
#include "sched_view.h"

static struct lvs_dest *sed_pick(struct lvs_sched_data *sd,
				 struct lvs_sched_view *v,
				 struct lvs_service *svc,
				 const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_sed_pick(v->d, v->n));
}

static const struct lvs_sched_class sed_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = sed_pick,
};

static int sed_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &sed_class);
}

const struct lvs_scheduler lvs_sched_sed = LVS_SCHED_OPS("sed", sed_init);
