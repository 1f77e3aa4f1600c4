/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_PROCFS_H
#define _LVS_PROCFS_H

#include <linux/seq_file.h>

struct lvs_net;

/*
 * /proc/net/ip_vs, ip_vs_stats, ip_vs_stats_percpu, ip_vs_conn,
 * ip_vs_conn_sync and ip_vs_app, in IPVS's exact formats.
 */
int lvs_proc_net_init(struct lvs_net *ln);
void lvs_proc_net_exit(struct lvs_net *ln);

/* IPVS's protocol names ("TCP", ..., "IP_<n>"); buf needs 12 bytes. */
const char *lvs_proto_name(u16 proto, char *buf);

/* Connection listings, provided by the connection table (conn_proc.c). */
extern const struct seq_operations lvs_conn_seq_ops;
extern const struct seq_operations lvs_conn_sync_seq_ops;
extern const unsigned int lvs_conn_seq_priv_size;

#endif /* _LVS_PROCFS_H */
