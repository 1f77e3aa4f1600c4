// SPDX-License-Identifier: GPL-2.0
#include "core/sched_dh.h"
#include "pkt.h"
#include "sched_view.h"

static int dh_build(struct lvs_sched_view *v, bool v6)
{
	lvs_dh_build(v->table, v->n);
	return 0;
}

/*
 * IPVS hashes the destination address of the header as it sees it; for an
 * ICMP error that is the quoted packet's, which pkt holds turned around.
 */
static struct lvs_dest *dh_pick(struct lvs_sched_data *sd,
				struct lvs_sched_view *v,
				struct lvs_service *svc,
				const struct lvs_pkt *pkt)
{
	const union nf_inet_addr *addr = pkt->inverse ? &pkt->saddr :
							&pkt->daddr;

	return lvs_sched_view_dest(v, lvs_dh_pick(v->table, v->d, v->n,
						  lvs_sched_fold(svc, addr)));
}

static const struct lvs_sched_class dh_class = {
	.data_size = sizeof(struct lvs_sched_data),
	.table_size = LVS_DH_TAB_SIZE * sizeof(s32),
	.build = dh_build,
	.pick = dh_pick,
};

static int dh_init(struct lvs_service *svc)
{
	return lvs_sched_data_init(svc, &dh_class);
}

const struct lvs_scheduler lvs_sched_dh = LVS_SCHED_OPS("dh", dh_init);
