// SPDX-License-Identifier: GPL-2.0
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/udp.h>

#include "daemon.h"

/* IPVS's defaults: group 224.0.0.81, port 8848, TTL 1. */
#define SYNC_GROUP	0xe0000051
#define SYNC_PORT	8848

int lvs_daemon_start(struct lvs_net *ln, struct lvs_daemon_cfg *c, u32 state)
{
	struct net_device *dev;
	unsigned int hlen, mtu, min_mtu;

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
	dev_put(dev);

	if (c->sync_maxlen)
		c->sync_maxlen = clamp_t(unsigned int, c->sync_maxlen,
					 min_mtu, 65535 - hlen);
	else
		c->sync_maxlen = mtu - hlen;

	switch (state) {
	case IP_VS_STATE_MASTER:
		if (ln->sync_state & IP_VS_STATE_MASTER)
			return -EEXIST;
		ln->mcfg = *c;
		break;
	case IP_VS_STATE_BACKUP:
		if (ln->sync_state & IP_VS_STATE_BACKUP)
			return -EEXIST;
		ln->bcfg = *c;
		break;
	default:
		return -EINVAL;
	}
	WRITE_ONCE(ln->sync_state, ln->sync_state | state);
	return 0;
}

int lvs_daemon_stop(struct lvs_net *ln, u32 state)
{
	switch (state) {
	case IP_VS_STATE_MASTER:
	case IP_VS_STATE_BACKUP:
		if (!(ln->sync_state & state))
			return -ESRCH;
		WRITE_ONCE(ln->sync_state, ln->sync_state & ~state);
		return 0;
	default:
		return -EINVAL;
	}
}
