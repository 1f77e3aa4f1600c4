// SPDX-License-Identifier: GPL-2.0
/*
 * Direct routing: the packet is not changed; it is routed to the real
 * server's address, which shares a link with the director and also owns
 * the virtual address (not answering ARP/ND for it).
 */
#include <linux/skbuff.h>
#include <net/dst.h>

#include "conn.h"
#include "netns.h"
#include "pkt.h"
#include "xmit.h"

int lvs_xmit_dr(struct sk_buff *skb, struct lvs_conn *cp,
		const struct lvs_pkt *pkt)
{
	struct lvs_route r;

	if (lvs_conn_route(cp, LVS_RT_KNOWN_NH, &r))
		return NF_DROP;
	if (r.local) {
		dst_release(r.dst);
		return NF_ACCEPT;
	}
	if (!lvs_xmit_mtu_ok(skb, cp->af, r.mtu) ||
	    !lvs_xmit_dec_ttl(skb, cp->af)) {
		dst_release(r.dst);
		return NF_DROP;
	}
	return lvs_xmit_send(skb, cp->af, r.dst);
}
