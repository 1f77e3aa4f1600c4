// SPDX-License-Identifier: GPL-2.0
#include "core/sched_nq.h"
#include "sched_view.h"

static struct lvs_dest *nq_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_nq_pick(v->d, v->n));
}

static const struct lvs_sched_class nq_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = nq_pick,
};

static int nq_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &nq_class);
}

const struct lvs_scheduler lvs_sched_nq = LVS_SCHED_OPS("nq", nq_init);
