/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sync daemon settings: NEW/DEL/GET_DAEMON store and report them exactly
 * as IPVS does (defaults, clamping, errors). The sync threads that act on
 * them are not part of this file. Called with ln->mutex held.
 */
#ifndef _LVS_DAEMON_H
#define _LVS_DAEMON_H

#include "netns.h"

int lvs_daemon_start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state);
int lvs_daemon_stop(struct lvs_net *ln, u32 state);

#endif /* _LVS_DAEMON_H */
