// SPDX-License-Identifier: GPL-2.0
#include "core/sched_sh.h"
#include "pkt.h"
#include "sched_view.h"
#include "service.h"

static int sh_build(struct lvs_sched_view *v, bool v6)
{
	lvs_sh_build(v->table, v->d, v->n);
	return 0;
}

/* pkt is already turned around for ICMP errors: saddr is the client. */
static struct lvs_dest *sh_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	int i = lvs_sh_pick(v->table, v->d, v->n,
			    lvs_sched_fold(svc, &pkt->saddr), ntohs(pkt->sport),
			    READ_ONCE(svc->flags));

	return lvs_sched_view_dest(v, i);
}

static const struct lvs_sched_class sh_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.table_size = LVS_SH_TAB_SIZE * sizeof(s32),
	.build = sh_build,
	.pick = sh_pick,
};

static int sh_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &sh_class);
}

const struct lvs_scheduler lvs_sched_sh = LVS_SCHED_OPS("sh", sh_init);
