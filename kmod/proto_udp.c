// SPDX-License-Identifier: GPL-2.0
/* UDP: one state, "UDP", whose timeout --set changes. */
#include <linux/udp.h>
#include <linux/skbuff.h>

#include "conn.h"
#include "netns.h"
#include "pkt.h"
#include "proto.h"

static const char *const udp_state_names[] = { "UDP" };

static bool udp_may_schedule(struct lvs_net *ln, const struct sk_buff *skb,
			     const struct lvs_pkt *pkt)
{
	return true;
}

static void udp_state_transition(struct lvs_conn *cp, enum lvs_dir dir,
				 const struct sk_buff *skb,
				 const struct lvs_pkt *pkt)
{
	if (dir == LVS_DIR_OUTPUT)
		lvs_conn_assure_tpl(cp);
	spin_lock(&cp->lock);
	cp->state = 0;
	WRITE_ONCE(cp->timeout, READ_ONCE(cp->cn->ln->timeout_udp));
	spin_unlock(&cp->lock);
}

const struct lvs_proto lvs_proto_udp = {
	.name			= "UDP",
	.protocol		= IPPROTO_UDP,
	.num_states		= ARRAY_SIZE(udp_state_names),
	.state_names		= udp_state_names,
	.csum_off		= offsetof(struct udphdr, check),
	.hdr_len		= sizeof(struct udphdr),
	.sched_len		= sizeof(struct udphdr),
	.may_schedule		= udp_may_schedule,
	.state_transition	= udp_state_transition,
};
