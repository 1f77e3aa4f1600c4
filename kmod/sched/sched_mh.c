// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>

#include "core/sched_mh.h"
#include "pkt.h"
#include "sched_view.h"
#include "service.h"

static int mh_build(struct lvs_sched_view *v, bool v6)
{
	struct lvs_mh_setup *setup;
	int ret;

	if (v->n > LVS_MH_TAB_SIZE)
		return -EINVAL;
	setup = kvcalloc(max(v->n, 1), sizeof(*setup), GFP_KERNEL);
	if (!setup)
		return -ENOMEM;
	ret = lvs_mh_build(v->table, setup, v->d, v->n) < 0 ? -EINVAL : 0;
	kvfree(setup);
	return ret;
}

static struct lvs_dest *mh_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	int i = lvs_mh_pick(v->table, v->d, v->n,
			    lvs_sched_fold(svc, &pkt->saddr), ntohs(pkt->sport),
			    READ_ONCE(svc->flags));

	return lvs_sched_view_dest(v, i);
}

static const struct lvs_sched_class mh_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.table_size = LVS_MH_TAB_SIZE * sizeof(s32),
	.build = mh_build,
	.pick = mh_pick,
};

static int mh_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &mh_class);
}

const struct lvs_scheduler lvs_sched_mh = LVS_SCHED_OPS("mh", mh_init);
