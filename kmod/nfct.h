/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netfilter conntrack and our connections: the conntrack sysctl with
 * IPVS's meaning. A connection created while it is 1 carries
 * IP_VS_CONN_F_NFCT and keeps its conntrack entry (see nfct.c); the
 * packets of the others leave the director untracked.
 */
#ifndef _LVS_NFCT_H
#define _LVS_NFCT_H

#include <linux/types.h>

struct sk_buff;
struct lvs_conn;
struct lvs_service;

/*
 * A packet of cp on its way to the real server, before its forwarder
 * runs: marks it ours, then untracks it or fixes its conntrack entry up.
 * Returns a verdict: NF_ACCEPT to go on, or NF_DROP.
 */
unsigned int lvs_nfct_xmit(struct sk_buff *skb, struct lvs_conn *cp);

/* A NAT reply (or an ICMP error about cp) after source NAT. */
void lvs_nfct_reply(struct sk_buff *skb, struct lvs_conn *cp);

/*
 * cp is being replaced by a new connection on the same tuple. True when
 * skb still belongs to cp's confirmed conntrack entry: the caller drops
 * it, and cp's expiry takes the entry along. Else cp forgets its entry,
 * which is now skb's.
 */
bool lvs_nfct_old_entry(struct lvs_conn *cp, const struct sk_buff *skb);

/* cp expired: its conntrack entry goes too. */
void lvs_nfct_conn_expired(const struct lvs_conn *cp);

/*
 * IPVS starts conntrack in the namespace (for its FTP helper) once a NAT
 * real server joins a service on port 21, until the service goes; we do
 * the same, helper or not. Under ln->mutex.
 */
void lvs_nfct_svc_nat(struct lvs_service *svc);
void lvs_nfct_svc_put(struct lvs_service *svc);

#endif /* _LVS_NFCT_H */
