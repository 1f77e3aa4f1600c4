/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMP errors the data plane sends or answers beyond translating them
 * for a connection (hooks.c does that):
 *  - nat_icmp_send: a real server's packet no connection explains;
 *  - schedule_icmp: an error from a client that no connection explains
 *    may start one, as the packet it quotes would have;
 *  - errors about our own tunnel packets (IPIP, GUE, GRE over IPv4),
 *    passed on to the client whose packet was inside.
 * All of it as IPVS 6.1 does it.
 */
#ifndef _LVS_ICMP_H
#define _LVS_ICMP_H

#include <linux/types.h>

struct sk_buff;
struct lvs_conn;
struct lvs_conn_net;
struct lvs_net;
struct lvs_pkt;

/*
 * Reply path, no connection: true when nat_icmp_send is set and pkt came
 * from a NAT real server's service port; the server then got an ICMP
 * port unreachable (unless pkt is a TCP RST or an SCTP ABORT) and the
 * caller drops pkt. Only when nat_icmp_send is set, so callers may skip
 * it otherwise.
 */
bool lvs_icmp_nat_refuse(struct lvs_net *ln, struct sk_buff *skb,
			 const struct lvs_pkt *pkt);

/*
 * Request path, q is an ICMP error's quoted packet (inverse) that no
 * connection explains: with schedule_icmp, a new connection as if q's
 * reverse had arrived, with a reference, or NULL with *verdict set
 * (NF_ACCEPT: not ours).
 */
struct lvs_conn *lvs_icmp_schedule(struct lvs_conn_net *cn,
				   struct sk_buff *skb,
				   const struct lvs_pkt *q,
				   unsigned int *verdict);

/*
 * Request path, q as above: if q is a tunnel packet this director sent
 * to one of its real servers, handles the error (the client hears of it,
 * with the MTU left for its packets when it is "fragmentation needed")
 * and returns true with the verdict in *verdict. False: not about our
 * tunnels, handle q as usual.
 */
bool lvs_icmp_tunnel(struct lvs_conn_net *cn, struct sk_buff *skb,
		     const struct lvs_pkt *outer, const struct lvs_pkt *q,
		     unsigned int *verdict);

#endif /* _LVS_ICMP_H */
