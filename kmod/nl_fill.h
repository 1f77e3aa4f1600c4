/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_NL_FILL_H
#define _LVS_NL_FILL_H

#include <linux/skbuff.h>

struct lvs_daemon_cfg;
struct lvs_dest;
struct lvs_service;

/*
 * Each puts one nest, IPVS_CMD_ATTR_SERVICE, _DEST or _DAEMON, with the
 * object's settings and counters; -EMSGSIZE (and nothing put) if it does
 * not fit. The caller keeps the object alive: ln->mutex or an RCU read
 * section.
 */
int lvs_nl_put_service(struct sk_buff *skb, struct lvs_service *svc);
int lvs_nl_put_dest(struct sk_buff *skb, struct lvs_dest *dest);
int lvs_nl_put_daemon(struct sk_buff *skb, u32 state,
		      const struct lvs_daemon_cfg *c);

#endif /* _LVS_NL_FILL_H */
