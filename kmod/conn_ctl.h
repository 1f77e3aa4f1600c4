/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CONN_CTL_H
#define _LVS_CONN_CTL_H

#include <net/genetlink.h>

/* The LVS family's connection commands (lvs.h): LVS_CMD_GET_CONN's dump. */
int lvs_conn_ctl_dump_start(struct netlink_callback *cb);
int lvs_conn_ctl_dump(struct sk_buff *skb, struct netlink_callback *cb);
int lvs_conn_ctl_dump_done(struct netlink_callback *cb);
/* LVS_CMD_DEL_CONN. */
int lvs_conn_ctl_del(struct sk_buff *skb, struct genl_info *info);

#endif /* _LVS_CONN_CTL_H */
