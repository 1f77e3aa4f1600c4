/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sync daemon settings: NEW/DEL/GET_DAEMON store and report them exactly
 * as IPVS does (defaults, clamping, errors), and start or stop the sync
 * threads (sync.h) that act on them. Called with ln->mutex held.
 */
#ifndef _LVS_SYNC_DAEMON_H
#define _LVS_SYNC_DAEMON_H

#include "netns.h"

int lvs_daemon_start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state);
int lvs_daemon_stop(struct lvs_net *ln, u32 state);
/* Stops the daemons of a namespace that goes away, or of every one. */
int lvs_daemon_init(void);
void lvs_daemon_exit(void);

#endif /* _LVS_SYNC_DAEMON_H */
