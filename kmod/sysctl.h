/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net/ipv4/vs/ sysctls: IPVS's names, defaults and ranges, one copy per
 * namespace. The packet path reads the values with READ_ONCE().
 */
#ifndef _LVS_SYSCTL_H
#define _LVS_SYSCTL_H

#include <linux/types.h>

#include "defense.h"

struct ctl_table;
struct ctl_table_header;
struct lvs_net;

struct lvs_sysctl {
	int amemthresh;
	int am_droprate;
	int drop_entry;
	int drop_packet;
	int conntrack;
	int secure_tcp;
	int snat_reroute;
	int sync_version;
	int sync_ports;
	int sync_persist_mode;
	unsigned long sync_qlen_max;
	int sync_sock_size;
	int cache_bypass;
	int expire_nodest_conn;
	int sloppy_tcp;
	int sloppy_sctp;
	int expire_quiescent_template;
	int sync_threshold[2];
	int sync_refresh_period;	/* jiffies */
	int sync_retries;
	int nat_icmp_send;
	int pmtu_disc;
	int backup_only;
	int conn_reuse_mode;
	int schedule_icmp;
	int ignore_tunneled;
	int run_estimation;
	int lblc_expiration;		/* jiffies, for the lblc scheduler */
	int lblcr_expiration;		/* jiffies, for the lblcr scheduler */


	struct ctl_table *table;
	struct ctl_table_header *header;
};

int lvs_sysctl_net_init(struct lvs_net *ln);
void lvs_sysctl_net_exit(struct lvs_net *ln);

#endif /* _LVS_SYSCTL_H */
