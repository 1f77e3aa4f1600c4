// SPDX-License-Identifier: GPL-2.0
/*
 * The sync daemon's UDP multicast sockets, set up the way IPVS sets up
 * its own: the master's is connected to group:port+id, leaves on the
 * configured interface with the configured TTL, does not loop back and
 * may be fragmented; the backup's is bound to group:port+id on that
 * interface and joined to the group there.
 */
#include <linux/igmp.h>
#include <linux/in.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/socket.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/addrconf.h>

#include "netns.h"
#include "sync.h"

union sync_sockaddr {
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
};

static int group_addr(union sync_sockaddr *sa, const struct lvs_daemon_cfg *c,
		      int id)
{
	memset(sa, 0, sizeof(*sa));
	if (c->mcast_af == AF_INET6) {
		sa->in6.sin6_family = AF_INET6;
		sa->in6.sin6_port = htons(c->mcast_port + id);
		sa->in6.sin6_addr = c->mcast_group.in6;
		return sizeof(sa->in6);
	}
	sa->in.sin_family = AF_INET;
	sa->in.sin_port = htons(c->mcast_port + id);
	sa->in.sin_addr.s_addr = c->mcast_group.ip;
	return sizeof(sa->in);
}

/*
 * sync_sock_size as SO_SNDBUF or SO_RCVBUF would take it from a process:
 * capped at the host's wmem_max/rmem_max, doubled for the kernel's
 * overhead, at least the socket minimum, and locked against autotuning.
 */
static void set_buf_size(struct sock *sk, bool send, int val)
{
	if (!send) {
		sock_set_rcvbuf(sk, min_t(int, val, READ_ONCE(sysctl_rmem_max)));
		return;
	}
	/* The kernel exports no sock_set_sndbuf(). */
	val = min3(val, READ_ONCE(sysctl_wmem_max), INT_MAX / 2);
	lock_sock(sk);
	sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
	WRITE_ONCE(sk->sk_sndbuf, max_t(int, val * 2, SOCK_MIN_SNDBUF));
	release_sock(sk);
}

static void set_mcast_opts(struct sock *sk, int ifindex, u8 ttl)
{
	struct inet_sock *inet = inet_sk(sk);

	lock_sock(sk);
	inet->mc_loop = 0;
	inet->mc_ttl = ttl;
	inet->mc_index = ifindex;
	/* A shrinking MTU must not stop the sync: let it fragment. */
	inet->pmtudisc = IP_PMTUDISC_DONT;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		struct ipv6_pinfo *np = inet6_sk(sk);

		np->mc_loop = 0;
		np->mcast_hops = ttl;
		np->mcast_oif = ifindex;
		np->pmtudisc = IPV6_PMTUDISC_DONT;
	}
#endif
	release_sock(sk);
}

/* A UDP socket of the group's family, with sync_sock_size applied. */
static int new_sock(struct lvs_net *ln, const struct lvs_daemon_cfg *c,
		    bool send, struct socket **res)
{
	int ret, size;

	ret = sock_create_kern(ln->net, c->mcast_af, SOCK_DGRAM, IPPROTO_UDP,
			       res);
	if (ret < 0) {
		pr_err("Error during creation of socket; terminating\n");
		return ret;
	}
	size = READ_ONCE(ln->sysctl.sync_sock_size);
	if (size > 0)
		set_buf_size((*res)->sk, send, size);
	return 0;
}

int lvs_sync_send_sock(struct lvs_net *ln, const struct lvs_daemon_cfg *c,
		       int id, struct net_device *dev, struct socket **res)
{
	union sync_sockaddr sa;
	struct socket *sock;
	int ret, len;

	ret = new_sock(ln, c, true, &sock);
	if (ret < 0)
		return ret;
	set_mcast_opts(sock->sk, dev->ifindex, c->mcast_ttl);

	/* The source address is the interface's, as IPVS binds it. */
	if (c->mcast_af == AF_INET) {
		struct sockaddr_in sin = { .sin_family = AF_INET };

		sin.sin_addr.s_addr = inet_select_addr(dev, 0,
						       RT_SCOPE_UNIVERSE);
		if (!sin.sin_addr.s_addr)
			pr_err("You probably need to specify IP address on multicast interface.\n");
		ret = kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
		if (ret < 0) {
			pr_err("Error binding address of the mcast interface\n");
			goto err;
		}
	}
	len = group_addr(&sa, c, id);
	ret = kernel_connect(sock, (struct sockaddr *)&sa, len, 0);
	if (ret < 0) {
		pr_err("Error connecting to the multicast addr\n");
		goto err;
	}
	*res = sock;
	return 0;
err:
	sock_release(sock);
	return ret;
}

int lvs_sync_recv_sock(struct lvs_net *ln, const struct lvs_daemon_cfg *c,
		       int id, struct net_device *dev, struct socket **res)
{
	union sync_sockaddr sa;
	struct socket *sock;
	int ret, len;

	ret = new_sock(ln, c, false, &sock);
	if (ret < 0)
		return ret;
	/* Several backups (namespaces, daemons) may share the port. */
	sock->sk->sk_reuse = SK_CAN_REUSE;

	len = group_addr(&sa, c, id);
	sock->sk->sk_bound_dev_if = dev->ifindex;
	ret = kernel_bind(sock, (struct sockaddr *)&sa, len);
	if (ret < 0) {
		pr_err("Error binding to the multicast addr\n");
		goto err;
	}

	/* The order of setsockopt(IP_ADD_MEMBERSHIP): RTNL, then socket. */
	rtnl_lock();
	lock_sock(sock->sk);
	if (c->mcast_af == AF_INET6) {
#if IS_ENABLED(CONFIG_IPV6)
		ret = ipv6_sock_mc_join(sock->sk, dev->ifindex,
					&sa.in6.sin6_addr);
#else
		ret = -EAFNOSUPPORT;
#endif
	} else {
		struct ip_mreqn mreq = {
			.imr_multiaddr = sa.in.sin_addr,
			.imr_ifindex = dev->ifindex,
		};

		ret = ip_mc_join_group(sock->sk, &mreq);
	}
	release_sock(sock->sk);
	rtnl_unlock();
	if (ret < 0) {
		pr_err("Error joining to the multicast group\n");
		goto err;
	}
	*res = sock;
	return 0;
err:
	sock_release(sock);
	return ret;
}
