// SPDX-License-Identifier: GPL-2.0
/*
 * drop_entry's side of the connection table: which connections a pass of
 * the memory defense (defense.c) ends, as IPVS chooses them, and the walk
 * that resumes where the last pass stopped.
 */
#include <linux/jiffies.h>
#include <linux/rhashtable.h>

#include "conn.h"
#include "dest.h"
#include "proto.h"
#include "service.h"

/*
 * IPVS's rule for an entry under drop_entry: not before it has been idle
 * for a minute, and by its count of incoming packets: never with 0 or
 * more than 8, else one in every in_pkts such entries.
 */
static bool todrop_idle(struct lvs_conn_net *cn, struct lvs_conn *cp)
{
	unsigned long timeout = READ_ONCE(cp->timeout);
	int n;

	/* The timer runs timeout after the last packet. */
	if (time_before(jiffies + timeout, READ_ONCE(cp->timer.expires) + 60 * HZ))
		return false;
	n = atomic_read(&cp->in_pkts);
	if (n <= 0 || n > 8)
		return false;
	if (--cn->drop_counter[n] > 0)
		return false;
	cn->drop_counter[n] = n;
	return true;
}

/* A template of a one-packet service (IPVS's ip_vs_conn_ops_mode()). */
static bool ops_template(struct lvs_conn *cp)
{
	struct lvs_dest *dest = cp->dest;

	return dest && (READ_ONCE(lvs_dest_svc(dest)->flags) &
			IP_VS_SVC_F_ONEPACKET);
}

static enum lvs_drop_class drop_class(struct lvs_conn *cp)
{
	const struct lvs_proto *pp = lvs_proto_get(cp->protocol);

	if (!pp || !pp->drop_class)
		return LVS_DROP_IF_IDLE;
	return pp->drop_class(cp);
}

static bool want_drop(struct lvs_conn_net *cn, struct lvs_conn *cp)
{
	if (atomic_read(&cp->n_control))
		return false;
	/*
	 * A template without connections: a one-packet service's by the
	 * idle rule, any other at once unless a reply assured it (IPVS 6.1).
	 */
	if (cp->flags & IP_VS_CONN_F_TEMPLATE) {
		if (ops_template(cp))
			return todrop_idle(cn, cp);
		return READ_ONCE(cp->state) != LVS_CTPL_S_ASSURED;
	}
	switch (drop_class(cp)) {
	case LVS_DROP_NOW:
		return true;
	case LVS_DROP_IF_IDLE:
		return todrop_idle(cn, cp);
	default:
		return false;
	}
}

void lvs_conn_drop_random(struct lvs_conn_net *cn)
{
	struct rhashtable_iter *it = &cn->drop_iter;
	unsigned int n = atomic_read(&cn->count) / 32 + 1;
	struct lvs_conn *cp;

	rhashtable_walk_start(it);
	while (n--) {
		cp = rhashtable_walk_next(it);
		if (IS_ERR(cp))
			continue;	/* -EAGAIN: a resize, keep walking */
		if (!cp) {
			/* The end: the next call starts from the top. */
			rhashtable_walk_stop(it);
			rhashtable_walk_exit(it);
			rhashtable_walk_enter(&cn->in_tab, it);
			rhashtable_walk_start(it);
			continue;
		}
		if (!refcount_inc_not_zero(&cp->refcnt))
			continue;
		/* Its template stays: a later pass judges it on its own. */
		if (want_drop(cn, cp))
			lvs_conn_expire_now(cp);
		/* Looking is no activity: the idle timer stays as it was. */
		lvs_conn_put_quiet(cp);
	}
	rhashtable_walk_stop(it);
}
