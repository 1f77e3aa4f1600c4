/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection synchronisation, as IPVS does it: a master director sends
 * the state of its connections in UDP multicast messages (sync_msg.h),
 * backup directors create and refresh the same connections, so they can
 * take over without breaking them.
 *
 *  - sync_master.c: the packet path decides (sync_threshold, sync_period,
 *    sync_refresh_period, sync_retries, sync_persist_mode) which
 *    connections to send and adds them to the current message; a thread
 *    per sync port sends full messages at once, others after 2 s.
 *  - sync_backup.c: a thread per sync port receives, checks every
 *    message and applies it to the connection table.
 *  - sync_sock.c: the multicast sockets.
 *
 * Start and stop run under ln->mutex (sync_daemon.c); the packet path finds
 * the master through RCU and never sleeps.
 */
#ifndef _LVS_SYNC_H
#define _LVS_SYNC_H

#include <linux/types.h>

struct lvs_conn;
struct lvs_daemon_cfg;
struct lvs_net;
struct net_device;
struct socket;

/* IPVS_SYNC_PORTS_MAX: sync_ports is clamped to 1..8 threads. */
#define LVS_SYNC_PORTS_MAX	8

/* After a client's packet went out: count it and maybe sync cp. */
void lvs_sync_in_pkt(struct lvs_net *ln, struct lvs_conn *cp);
/* Sync cp (and the connections that control it) if the rules say so. */
void lvs_sync_conn(struct lvs_net *ln, struct lvs_conn *cp, int pkts);

int lvs_sync_master_start(struct lvs_net *ln, struct net_device *dev);
void lvs_sync_master_stop(struct lvs_net *ln);
int lvs_sync_backup_start(struct lvs_net *ln, struct net_device *dev);
void lvs_sync_backup_stop(struct lvs_net *ln);

/* Sockets for sync port id of the configuration c. */
int lvs_sync_send_sock(struct lvs_net *ln, const struct lvs_daemon_cfg *c,
		       int id, struct net_device *dev, struct socket **res);
int lvs_sync_recv_sock(struct lvs_net *ln, const struct lvs_daemon_cfg *c,
		       int id, struct net_device *dev, struct socket **res);

#endif /* _LVS_SYNC_H */
