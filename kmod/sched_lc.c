// SPDX-License-Identifier: GPL-2.0
#include "core/sched_lc.h"
#include "sched_view.h"

static struct lvs_dest *lc_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_lc_pick(v->d, v->n));
}

static const struct lvs_sched_class lc_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = lc_pick,
};

static int lc_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &lc_class);
}

const struct lvs_scheduler lvs_sched_lc = LVS_SCHED_OPS("lc", lc_init);
