// SPDX-License-Identifier: GPL-2.0
#include <linux/random.h>

#include "core/sched_twos.h"
#include "sched_view.h"

static struct lvs_dest *twos_pick(struct lvs_sched_data *sd,
				  struct lvs_sched_view *v,
				  struct lvs_service *svc,
				  const struct lvs_pkt *pkt)
{
	u32 r1 = get_random_u32(), r2 = get_random_u32();

	return lvs_sched_view_dest(v, lvs_twos_pick(v->d, v->n, r1, r2));
}

static const struct lvs_sched_class twos_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.pick = twos_pick,
};

static int twos_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &twos_class);
}

const struct lvs_scheduler lvs_sched_twos = LVS_SCHED_OPS("twos", twos_init);
