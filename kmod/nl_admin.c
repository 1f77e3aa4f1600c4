// SPDX-License-Identifier: GPL-2.0
/*
 * Who may administer lvs.ko's tables, one rule for both netlink families
 * and for the events that tell of changes.
 */
#include <linux/capability.h>
#include <linux/moduleparam.h>
#include <linux/netlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "nl_admin.h"

/*
 * Who may send commands. As in IPVS, CAP_NET_ADMIN of the host (the
 * initial user namespace), reads included. Containers, opt-in: with
 * userns_admin set by the host's root, CAP_NET_ADMIN in the user
 * namespace that owns the network namespace is enough for that
 * namespace's tables (a request only ever reaches its socket's own). The
 * sysctls stay hidden there, as IPVS hides them.
 */
static bool userns_admin;
module_param(userns_admin, bool, 0644);
MODULE_PARM_DESC(userns_admin,
		 "let CAP_NET_ADMIN in a network namespace's owning user namespace administer its tables (default: off, as IPVS)");

int lvs_nl_may_admin(const struct sk_buff *skb)
{
	if (netlink_capable(skb, CAP_NET_ADMIN))
		return 0;
	if (READ_ONCE(userns_admin) &&
	    netlink_ns_capable(skb, sock_net(skb->sk)->user_ns, CAP_NET_ADMIN))
		return 0;
	return -EPERM;
}


bool lvs_nl_events_allowed(const struct net *net)
{
	return net->user_ns == &init_user_ns || READ_ONCE(userns_admin);
}
