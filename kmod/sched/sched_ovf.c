// SPDX-License-Identifier: GPL-2.0
#include "core/sched_ovf.h"
#include "sched_view.h"

static struct lvs_dest *ovf_pick(struct lvs_sched_data *sd,
				 struct lvs_sched_view *v,
				 struct lvs_service *svc,
				 const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_ovf_pick(v->d, v->n));
}

static const struct lvs_sched_class ovf_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = ovf_pick,
};

static int ovf_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &ovf_class);
}

const struct lvs_scheduler lvs_sched_ovf = LVS_SCHED_OPS("ovf", ovf_init);
