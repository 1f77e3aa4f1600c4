// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/rcupdate.h>

#include "app_ftp.h"
#include "conn.h"
#include "dest.h"
#include "dest_route.h"
#include "events.h"
#include "leak.h"
#include "lvs_family.h"
#include "netlink.h"
#include "netns.h"
#include "proto.h"
#include "race_point.h"
#include "sync/sync_daemon.h"

static int __init lvs_init(void)
{
	int ret;

	lvs_race_init();
	/*
	 * The family name is the one thing the kernel's ip_vs and lvs cannot
	 * share, and registering it fails cleanly; so it goes first, before
	 * anything (like /proc/net/ip_vs) could clash.
	 */
	ret = lvs_genl_init();
	if (ret == -EEXIST) {
		pr_err("the \"IPVS\" netlink family is taken: unload the kernel's ip_vs first\n");
		return -EBUSY;
	}
	if (ret)
		goto err_genl;

	ret = lvs_own_family_init();
	if (ret)
		goto err_own;
	lvs_dest_watch_overload(lvs_ev_dest_overload);

	ret = lvs_conn_init(&lvs_ftp_app_ops);
	if (ret)
		goto err_conn;

	ret = lvs_netns_init();
	if (ret)
		goto err_netns;

	ret = lvs_daemon_init();
	if (ret)
		goto err_daemon;

	ret = lvs_dest_route_module_init();
	if (ret)
		goto err_route;

	lvs_proto_announce();
	pr_info("IP Virtual Server control plane loaded\n");
	return 0;

err_route:
	lvs_daemon_exit();
err_daemon:
	lvs_netns_exit();
err_netns:
	lvs_conn_exit();
err_conn:
	lvs_own_family_exit();
err_own:
	lvs_genl_exit();
err_genl:
	lvs_race_exit();
	pr_err("cannot load: %d\n", ret);
	return ret;
}

/*
 * The reverse of lvs_init(), but for the IPVS netlink family: a way into
 * every namespace's state, it goes before any of that state does. The LVS
 * family's events come from that state (a connection's end can clear a
 * dest's overload), so it goes after.
 */
static void __exit lvs_exit(void)
{
	lvs_genl_exit();
	lvs_dest_route_module_exit();
	lvs_daemon_exit();
	lvs_netns_exit();
	lvs_own_family_exit();
	/*
	 * Objects are freed from RCU callbacks in this module, and a callback
	 * can queue the next one: a connection or scheduler view drops the
	 * last dest reference, the dest then drops the last service one. One
	 * rcu_barrier() per link of that chain waits for all of them.
	 */
	rcu_barrier();	/* connections, scheduler views */
	rcu_barrier();	/* dests they released */
	rcu_barrier();	/* services those dests released */
	lvs_conn_exit();
	lvs_race_exit();
	lvs_leak_check();
}

module_init(lvs_init);
module_exit(lvs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Linux Virtual Server, a drop-in replacement for IPVS");
