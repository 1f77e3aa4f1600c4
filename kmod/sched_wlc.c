// SPDX-License-Identifier: GPL-2.0
#include "core/sched_wlc.h"
#include "sched_view.h"

static struct lvs_dest *wlc_pick(struct lvs_sched_data *sd,
				 struct lvs_sched_view *v,
				 struct lvs_service *svc,
				 const struct lvs_pkt *pkt)
{
	return lvs_sched_view_dest(v, lvs_wlc_pick(v->d, v->n));
}

static const struct lvs_sched_class wlc_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = wlc_pick,
};

static int wlc_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &wlc_class);
}

const struct lvs_scheduler lvs_sched_wlc = LVS_SCHED_OPS("wlc", wlc_init);
