// SPDX-License-Identifier: GPL-2.0
#include "core/sched_fo.h"
#include "sched_view.h"

static struct lvs_dest *fo_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_fo_pick(v->d, v->n));
}

static const struct lvs_sched_class fo_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = fo_pick,
};

static int fo_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &fo_class);
}

const struct lvs_scheduler lvs_sched_fo = LVS_SCHED_OPS("fo", fo_init);
