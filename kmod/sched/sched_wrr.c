// SPDX-License-Identifier: GPL-2.0
#include "core/sched_wrr.h"
#include "sched_view.h"

struct wrr_data {
	struct lvs_sched_data base;
	struct lvs_wrr_state st;	/* under svc->sched_lock */
};

/* IPVS restarts the walk from the head on every dest change. */
static void wrr_publish(struct lvs_sched_data *sd,
			const struct lvs_sched_view *old,
			const struct lvs_sched_view *v)
{
	struct wrr_data *wd = container_of(sd, struct wrr_data, base);

	if (old)
		lvs_wrr_dest_changed(&wd->st, v->d, v->n);
	else
		lvs_wrr_init(&wd->st, v->d, v->n);
}

static struct lvs_dest *wrr_pick(struct lvs_sched_data *sd,
				 struct lvs_sched_view *v,
				 struct lvs_service *svc,
				 const struct lvs_pkt *pkt)
{
	struct wrr_data *wd = container_of(sd, struct wrr_data, base);

	return lvs_sched_view_dest(v, lvs_wrr_pick(&wd->st, v->d, v->n));
}

static const struct lvs_sched_class wrr_class = {
	.data_size = sizeof(struct wrr_data),
	.publish = wrr_publish,
	.pick = wrr_pick,
};

static int wrr_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &wrr_class);
}

const struct lvs_scheduler lvs_sched_wrr = LVS_SCHED_OPS("wrr", wrr_init);
