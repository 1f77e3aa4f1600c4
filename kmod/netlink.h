/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_NETLINK_H
#define _LVS_NETLINK_H

/* The generic netlink family "IPVS"; -EEXIST if someone else owns it. */
int lvs_genl_init(void);
void lvs_genl_exit(void);

#endif /* _LVS_NETLINK_H */
