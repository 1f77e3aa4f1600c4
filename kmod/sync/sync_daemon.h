/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sync daemon settings: NEW/DEL/GET_DAEMON store and report them exactly
 * as IPVS does (defaults, clamping, errors), and start or stop the sync
 * threads (sync.h) that act on them. Called with ln->mutex held.
 */
#ifndef _LVS_SYNC_DAEMON_H
#define _LVS_SYNC_DAEMON_H

#include <linux/types.h>
#include <linux/netfilter.h>

#include <lvs/ipvs.h>

struct lvs_net;

/* Sync daemon settings as IPVS keeps them for NEW/GET_DAEMON. */
struct lvs_daemon_cfg {
	union nf_inet_addr mcast_group;
	int mcast_af;
	u16 mcast_port;		/* host order, as IPVS keeps it */
	u8 mcast_ttl;
	u16 sync_maxlen;
	u32 syncid;
	char mcast_ifn[IP_VS_IFNAME_MAXLEN];
};

int lvs_daemon_start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state);
int lvs_daemon_stop(struct lvs_net *ln, u32 state);
/* Stops the daemons of a namespace that goes away, or of every one. */
int lvs_daemon_init(void);
void lvs_daemon_exit(void);

#endif /* _LVS_SYNC_DAEMON_H */
