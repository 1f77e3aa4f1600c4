/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real-server table of a namespace (IPVS's rs_table): every dest the
 * packet path may need to recognise by address alone, whatever service it
 * belongs to.
 *
 *  - NAT dests, keyed by (af, addr, port): a packet from one of them that
 *    no connection explains is a reply the director cannot translate
 *    (nat_icmp_send);
 *  - tunnel dests, keyed by (af, addr, tunnel port): 0 for IPIP and GRE,
 *    the GUE port for GUE, so an ICMP error quoting one of our tunnel
 *    packets can be told from anything else.
 *
 * DR dests and tunnels of an unknown type are not in it, as in IPVS.
 * Dests of several services may share a key; lookups find the newest.
 *
 * Writers hold ln->mutex; readers run under rcu_read_lock(). A dest leaves
 * the table before it is trashed or freed, and is freed only after a
 * grace period, so readers may look at whatever they find.
 */
#ifndef _LVS_REAL_TABLE_H
#define _LVS_REAL_TABLE_H

#include <linux/list.h>
#include <linux/netfilter.h>
#include <linux/types.h>

#define LVS_RS_TAB_BITS		8
#define LVS_RS_TAB_SIZE		(1 << LVS_RS_TAB_BITS)

struct lvs_rs_table {
	struct hlist_head heads[LVS_RS_TAB_SIZE];
};

struct lvs_net;
struct lvs_dest;

void lvs_rs_table_init(struct lvs_rs_table *t);

/*
 * Under ln->mutex, after the dest's settings (forwarding method, tunnel
 * type and port) changed or it went live: puts it where those settings
 * say, or takes it out if they say it does not belong.
 */
void lvs_rs_rehash(struct lvs_net *ln, struct lvs_dest *dest);
/* Under ln->mutex: out of the table (deleted, trashed). */
void lvs_rs_unhash(struct lvs_dest *dest);

/* Is there a NAT real server (af, addr, port) serving protocol? */
bool lvs_rs_has_nat(struct lvs_net *ln, int af, u8 protocol,
		    const union nf_inet_addr *addr, __be16 port);
/* The same: the newest such dest, or NULL. */
struct lvs_dest *lvs_rs_find_nat(struct lvs_net *ln, int af, u8 protocol,
				 const union nf_inet_addr *addr, __be16 port);
/* The tunnel dest at addr with tunnel port tun_port (0: IPIP, GRE). */
struct lvs_dest *lvs_rs_find_tunnel(struct lvs_net *ln, int af,
				    const union nf_inet_addr *addr,
				    __be16 tun_port);

#endif /* _LVS_REAL_TABLE_H */
