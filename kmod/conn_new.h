/* SPDX-License-Identifier: GPL-2.0 */
/* A new connection for a packet of a virtual service (and persistence). */
#ifndef _LVS_CONN_NEW_H
#define _LVS_CONN_NEW_H

struct sk_buff;
struct lvs_conn;
struct lvs_conn_net;
struct lvs_pkt;
struct lvs_service;

/*
 * Picks a real server (through the persistence template if the service
 * has one) and creates the connection, returned with a reference. NULL
 * means no connection; *verdict then says what to do with the packet.
 */
struct lvs_conn *lvs_schedule(struct lvs_conn_net *cn,
			      struct lvs_service *svc, struct sk_buff *skb,
			      const struct lvs_pkt *pkt, int *verdict);

/*
 * A UDP packet from a NAT real server that no connection explains, to a
 * client: if the real server's service has a persistence engine (whose
 * data the packet has), a connection for it (and the template the
 * engine's data keys), as IPVS's ip_vs_pe_sip does for a server's
 * request, returned with a reference; else NULL. Under rcu_read_lock().
 */
struct lvs_conn *lvs_conn_out_new(struct lvs_conn_net *cn,
				  struct sk_buff *skb,
				  const struct lvs_pkt *pkt);

#endif /* _LVS_CONN_NEW_H */
