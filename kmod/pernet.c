// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <net/netns/generic.h>

#include "conn.h"
#include "defense.h"
#include "dest.h"
#include "estimator.h"
#include "hooks.h"
#include "netns.h"
#include "procfs.h"
#include "service.h"
#include "sysctl.h"

/*
 * The module's per-namespace ladder: every subsystem's per-netns init and
 * exit is called from here and nowhere else. struct lvs_net itself is
 * netns.h.
 */

unsigned int lvs_net_id __read_mostly;
bool lvs_net_ready;

/*
 * One ladder for all of a namespace's state: the data first, then the ways
 * in (sysctls, /proc), then the work that runs on its own. Exit is the
 * reverse (but for the drain of the connections, below), so nothing is
 * freed while a reader can still reach it;
 * what the control plane added since (hooks, services) goes in between.
 * The sync daemons, a device exit, are gone already (sync/sync_daemon.c).
 */

static int __net_init lvs_net_init(struct net *net)
{
	struct lvs_net *ln = net_generic(net, lvs_net_id);
	int ret;

	ln->net = net;
	mutex_init(&ln->mutex);
	atomic_set(&ln->ftpsvc_counter, 0);
	atomic_set(&ln->nullsvc_counter, 0);
	atomic_set(&ln->conn_out_counter, 0);
	/* IPVS's defaults: TCP 15 min, TCP FIN 2 min, UDP 5 min. */
	ln->timeout_tcp = 15 * 60 * HZ;
	ln->timeout_tcp_fin = 2 * 60 * HZ;
	ln->timeout_udp = 5 * 60 * HZ;

	lvs_defense_init(&ln->defense);

	ret = lvs_stats_init(&ln->tot_stats);
	if (ret)
		return ret;
	ret = lvs_svc_net_init(ln);
	if (ret)
		goto err_stats;
	ret = lvs_dest_net_init(ln);
	if (ret)
		goto err_svc;
	ret = lvs_conn_net_init(&ln->conn, ln);
	if (ret)
		goto err_dest;
	ret = lvs_sysctl_net_init(ln);
	if (ret)
		goto err_conn;
	ret = lvs_proc_net_init(ln);
	if (ret)
		goto err_sysctl;
	lvs_defense_start(&ln->conn);
	lvs_est_net_init(ln);
	return 0;

err_sysctl:
	lvs_sysctl_net_exit(ln);
err_conn:
	lvs_conn_net_exit(&ln->conn);
err_dest:
	lvs_dest_net_exit(ln);
err_svc:
	lvs_svc_net_exit(ln);
err_stats:
	lvs_stats_destroy(&ln->tot_stats);
	return ret;
}

static void __net_exit lvs_net_exit(struct net *net)
{
	struct lvs_net *ln = net_generic(net, lvs_net_id);

	lvs_est_net_exit(ln);
	lvs_defense_stop(&ln->conn);
	/* No new connections; the old ones still hold their dests. */
	lvs_hooks_net_exit(ln);
	/*
	 * The one step out of reverse order: as ip_vs does, the table
	 * drains while its /proc files are still there, so a reader in the
	 * middle of one sees it empty out and reaches the end, instead of
	 * EIO (stock ipvsadm -Lnc reads on forever after a read error).
	 */
	lvs_conn_net_drain(&ln->conn);
	lvs_proc_net_exit(ln);
	lvs_sysctl_net_exit(ln);
	lvs_conn_net_exit(&ln->conn);
	mutex_lock(&ln->mutex);
	lvs_svc_flush(ln);
	ln->sync_state = 0;
	mutex_unlock(&ln->mutex);
	lvs_dest_net_exit(ln);
	lvs_svc_net_exit(ln);
	lvs_stats_destroy(&ln->tot_stats);
}

static struct pernet_operations lvs_net_ops = {
	.init = lvs_net_init,
	.exit = lvs_net_exit,
	.id = &lvs_net_id,
	.size = sizeof(struct lvs_net),
};

int __init lvs_netns_init(void)
{
	int ret = register_pernet_subsys(&lvs_net_ops);

	if (!ret)
		/* Every namespace's lvs_net is set up before this is seen. */
		smp_store_release(&lvs_net_ready, true);
	return ret;
}

void lvs_netns_exit(void)
{
	WRITE_ONCE(lvs_net_ready, false);
	unregister_pernet_subsys(&lvs_net_ops);
}
