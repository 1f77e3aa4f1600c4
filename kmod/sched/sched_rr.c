// SPDX-License-Identifier: GPL-2.0
#include "core/sched_rr.h"
#include "sched_view.h"

struct rr_data {
	struct lvs_sched_data base;
	struct lvs_rr_state st;		/* under svc->sched_lock */
};

/* The cursor stays on its dest, or its predecessor if that went away. */
static void rr_publish(struct lvs_sched_data *sd,
		       const struct lvs_sched_view *old,
		       const struct lvs_sched_view *v)
{
	struct rr_data *rd = container_of(sd, struct rr_data, base);

	rd->st.last = lvs_sched_view_remap(old, rd->st.last, v);
}

static struct lvs_dest *rr_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	struct rr_data *rd = container_of(sd, struct rr_data, base);

	return lvs_sched_view_dest(v, lvs_rr_pick(&rd->st, v->d, v->n));
}

static const struct lvs_sched_class rr_class = {
	.data_size = sizeof(struct rr_data),
	.publish = rr_publish,
	.pick = rr_pick,
};

static int rr_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &rr_class);
}

const struct lvs_scheduler lvs_sched_rr = LVS_SCHED_OPS("rr", rr_init);
