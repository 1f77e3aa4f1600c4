// SPDX-License-Identifier: GPL-2.0
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/udp.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "sync_daemon.h"
#include "sync.h"

/* IPVS's defaults: group 224.0.0.81, port 8848, TTL 1. */
#define SYNC_GROUP	0xe0000051
#define SYNC_PORT	8848

static int start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state,
		 struct net_device *dev)
{
	unsigned int hlen, mtu, min_mtu;
	int ret;

	hlen = sizeof(struct udphdr) + (c->mcast_af == AF_INET6 ?
		sizeof(struct ipv6hdr) : sizeof(struct iphdr));
	/* A backup must receive what any master sends. */
	if (state == IP_VS_STATE_BACKUP) {
		mtu = clamp(dev->mtu, 1500U, 65535U);
		min_mtu = 1024;
	} else {
		mtu = 1500;
		min_mtu = 1;
	}

	if (c->sync_maxlen)
		c->sync_maxlen = clamp_t(unsigned int, c->sync_maxlen,
					 min_mtu, 65535 - hlen);
	else
		c->sync_maxlen = mtu - hlen;

	/* The number of sync ports is fixed while any daemon runs. */
	if (!ln->sync_state)
		ln->sync_nports = clamp(READ_ONCE(ln->sysctl.sync_ports), 1,
					LVS_SYNC_PORTS_MAX);

	switch (state) {
	case IP_VS_STATE_MASTER:
		if (ln->sync_state & IP_VS_STATE_MASTER)
			return -EEXIST;
		ln->mcfg = *c;
		ret = lvs_sync_master_start(ln, dev);
		break;
	case IP_VS_STATE_BACKUP:
		if (ln->sync_state & IP_VS_STATE_BACKUP)
			return -EEXIST;
		ln->bcfg = *c;
		ret = lvs_sync_backup_start(ln, dev);
		break;
	default:
		return -EINVAL;
	}
	if (ret)
		return ret;
	WRITE_ONCE(ln->sync_state, ln->sync_state | state);
	return 0;
}

int lvs_daemon_start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state)
{
	struct net_device *dev;
	int ret;

	if (c->mcast_af == AF_UNSPEC) {
		c->mcast_af = AF_INET;
		c->mcast_group.ip = cpu_to_be32(SYNC_GROUP);
	}
	if (!c->mcast_port)
		c->mcast_port = SYNC_PORT;
	if (!c->mcast_ttl)
		c->mcast_ttl = 1;

	dev = dev_get_by_name(ln->net, c->mcast_ifn);
	if (!dev) {
		pr_err("unknown mcast interface: %s\n", c->mcast_ifn);
		return -ENODEV;
	}
	ret = start(ln, c, state, dev);
	dev_put(dev);
	return ret;
}

int lvs_daemon_stop(struct lvs_net *ln, u32 state)
{
	switch (state) {
	case IP_VS_STATE_MASTER:
	case IP_VS_STATE_BACKUP:
		if (!(ln->sync_state & state))
			return -ESRCH;
		WRITE_ONCE(ln->sync_state, ln->sync_state & ~state);
		if (state == IP_VS_STATE_MASTER)
			lvs_sync_master_stop(ln);
		else
			lvs_sync_backup_stop(ln);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * A daemon's sockets hold routes to its interface: they must go before
 * the namespace's devices do, so this is a device (not subsys) exit,
 * which runs first. It also stops the backup before the connection
 * table is flushed.
 */
static void __net_exit daemon_net_exit(struct net *net)
{
	struct lvs_net *ln = lvs_net(net);

	if (!ln)
		return;
	mutex_lock(&ln->mutex);
	WRITE_ONCE(ln->sync_state, 0);
	lvs_sync_master_stop(ln);
	lvs_sync_backup_stop(ln);
	mutex_unlock(&ln->mutex);
}

static struct pernet_operations daemon_net_ops = {
	.exit = daemon_net_exit,
};

int __init lvs_daemon_init(void)
{
	return register_pernet_device(&daemon_net_ops);
}

void lvs_daemon_exit(void)
{
	unregister_pernet_device(&daemon_net_ops);
}
