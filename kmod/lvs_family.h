/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_LVS_FAMILY_H
#define _LVS_LVS_FAMILY_H

#include <net/genetlink.h>

/* lvs.ko's own generic netlink family "LVS" (include/uapi/lvs/lvs.h). */
extern struct genl_family lvs_own_family;

/* Its multicast groups, by index. */
enum {
	LVS_GRP_EVENTS,
};

int lvs_own_family_init(void);
void lvs_own_family_exit(void);

#endif /* _LVS_LVS_FAMILY_H */
