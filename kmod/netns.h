/* SPDX-License-Identifier: GPL-2.0 */
/*
 * All lvs state of one network namespace lives in struct lvs_net.
 *
 * Locking rules (the whole module follows them):
 *
 *  - ln->mutex serializes every control-path change in the namespace:
 *    adding, editing and deleting services and destinations, timeouts,
 *    sync daemon settings, zeroing. Netlink handlers, /proc writers and
 *    sysctl handlers that change more than one int take it. It may sleep.
 *
 *  - The packet path never takes ln->mutex. It runs under rcu_read_lock()
 *    (netfilter hooks already are) and sees services, destinations and
 *    the scheduler binding through RCU: lvs_svc_lookup*() and walks of
 *    svc->dests with list_for_each_entry_rcu(). Objects unlinked by the
 *    control path are freed only after a grace period, and only once
 *    their reference count drops to zero (see service.h and dest.h).
 *
 *  - Plain ints (sysctls, timeouts) are read with READ_ONCE() and need no
 *    lock.
 */
#ifndef _LVS_NETNS_H
#define _LVS_NETNS_H

#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/rhashtable-types.h>
#include <linux/xarray.h>
#include <linux/netfilter.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <lvs/ipvs.h>

#include "app_ftp.h"
#include "conn.h"
#include "defense.h"
#include "real_table.h"
#include "stats.h"
#include "sync/sync_daemon.h"
#include "sysctl.h"

/* What GET_INFO and /proc/net/ip_vs report; IPVS's default (12 bits). */
#define LVS_CONN_TAB_SIZE	4096

struct lvs_sync_master;
struct lvs_sync_backup;

struct lvs_net {
	struct net *net;
	struct mutex mutex;		/* control path, see above */

	/* Services: hashed by key for lookups, indexed by id for dumps. */
	struct rhashtable svc_table;	/* RCU readers */
	struct xarray svc_ids;		/* id -> service, RCU readers */
	unsigned int num_services;	/* AF_INET, under mutex */
	unsigned int num_services6;	/* AF_INET6, under mutex */
	atomic_t ftpsvc_counter;	/* services on port 21 */
	atomic_t nullsvc_counter;	/* services on port 0 */
	atomic_t conn_out_counter;	/* with an engine: lvs_conn_out_new() */

	/* Destinations of all services, hashed by (svc, af, addr, port). */
	struct rhashtable dest_table;
	int mixed_af_dests;		/* dests whose af differs, under mutex */
	/* Deleted dests kept for revival (dest.h), under mutex. */
	struct list_head dest_trash;
	struct delayed_work trash_work;	/* expires idle trashed dests */
	/* NAT and tunnel dests by address (real_table.h). */
	struct lvs_rs_table rs_table;

	struct lvs_stats tot_stats;	/* the namespace total */
	struct delayed_work est_work;	/* rate estimator tick */

	/* Connection timeouts set by IPVS_CMD_SET_CONFIG, in jiffies. */
	int timeout_tcp;		/* TCP ESTABLISHED */
	int timeout_tcp_fin;		/* TCP FIN_WAIT */
	int timeout_udp;		/* UDP */

	/* Sync daemons (sync.h): settings under mutex, master under RCU. */
	u32 sync_state;			/* IP_VS_STATE_MASTER | _BACKUP */
	struct lvs_daemon_cfg mcfg;
	struct lvs_daemon_cfg bcfg;
	unsigned int sync_nports;	/* fixed while a daemon runs */
	struct lvs_sync_master __rcu *sync_master;
	struct lvs_sync_backup *sync_backup;

	struct lvs_sysctl sysctl;	/* net/ipv4/vs/ values */
	struct lvs_defense defense;	/* what the defense sysctls mean now */

	struct lvs_conn_net conn;	/* the connection table (conn.h) */
	/* Connections the FTP helper has, by ftp_ports entry (app_ftp.c). */
	atomic_t ftp_usecnt[LVS_FTP_MAX_PORTS];
};

/* Set by the ladder (pernet.c). */
extern unsigned int lvs_net_id;
/* Set once every namespace has its lvs_net; netlink may come earlier. */
extern bool lvs_net_ready;

/* NULL only while the module is still loading. */
static inline struct lvs_net *lvs_net(const struct net *net)
{
	/* Pairs with the release in lvs_netns_init(). */
	if (!smp_load_acquire(&lvs_net_ready))
		return NULL;
	return net_generic(net, lvs_net_id);
}

/* The per-namespace ladder (pernet.c). */
int lvs_netns_init(void);
void lvs_netns_exit(void);

#endif /* _LVS_NETNS_H */
