/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_NL_ADMIN_H
#define _LVS_NL_ADMIN_H

#include <linux/skbuff.h>

struct net;

/* 0 if the sender of @skb may read and change its namespace's tables. */
int lvs_nl_may_admin(const struct sk_buff *skb);

/*
 * Whether change events of @net's tables may go out: only where the
 * processes that can join the group (CAP_NET_ADMIN in the namespace's
 * owning user namespace) may also read the tables.
 */
bool lvs_nl_events_allowed(const struct net *net);

#endif /* _LVS_NL_ADMIN_H */
