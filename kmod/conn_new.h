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

#endif /* _LVS_CONN_NEW_H */
