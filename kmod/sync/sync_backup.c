// SPDX-License-Identifier: GPL-2.0
/*
 * The backup side of connection sync: one thread per sync port receives
 * messages, sync_msg.c checks them, and each entry creates or refreshes
 * a connection (flag SYNC) as IPVS's backup does: bound to the real
 * server of the same service when this director has one, with the
 * master's state, activity and timeout.
 */
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <linux/wait.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/udp.h>

#include "addr.h"
#include "conn.h"
#include "dest.h"
#include "netns.h"
#include "pe.h"
#include "proto.h"
#include "race_point.h"
#include "service.h"
#include "sync.h"
#include "sync_msg.h"

struct sync_rx {
	struct lvs_sync_backup *b;
	struct socket *sock;
	struct task_struct *task;
	u8 *buf;
};

struct lvs_sync_backup {
	struct lvs_net *ln;
	u32 syncid;
	u16 maxlen;
	unsigned int nports;
	struct sync_rx rx[LVS_SYNC_PORTS_MAX];
};


/* The real server of the same service here, if this director has it. */
static struct lvs_dest *find_dest(struct lvs_net *ln,
				  const struct lvs_sync_entry *e)
{
	struct lvs_service *svc;
	struct lvs_dest *dest;
	__be16 port = e->dport;

	svc = lvs_svc_find(ln, e->af, e->fwmark, e->protocol, &e->vaddr,
			   e->vport);
	if (!svc)
		return NULL;
	/* Only NAT keeps the port of a fwmark service's real server. */
	if (e->fwmark &&
	    (e->flags & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_MASQ)
		port = 0;
	dest = lvs_dest_lookup(svc, e->af, &e->daddr, port);
	if (!dest)
		dest = lvs_dest_lookup(svc, e->af, &e->daddr, port ^ e->dport);
	lvs_race_delay(LVS_RACE_SYNC_DEST_FOUND);
	return dest;
}

/* Version 0 sends no timeout: the protocol's for the state, as IPVS. */
static unsigned long default_timeout(struct lvs_net *ln,
				     const struct lvs_sync_entry *e)
{
	if (e->flags & IP_VS_CONN_F_TEMPLATE)
		return 3 * 60 * HZ;
	switch (e->protocol) {
	case IPPROTO_TCP:
		return lvs_tcp_timeout(ln, e->state);
	case IPPROTO_UDP:
		return READ_ONCE(ln->timeout_udp);
	default:
		return 3 * 60 * HZ;
	}
}

/* Under rcu_read_lock() with BHs off, like the packet path. */
/* An update of a connection this backup has: activity, flags, binding. */
static void update(struct lvs_net *ln, struct lvs_conn *cp,
		   const struct lvs_sync_entry *e, bool tpl)
{
	spin_lock(&cp->lock);
	if (!tpl && ((cp->flags ^ e->flags) & IP_VS_CONN_F_INACTIVE))
		lvs_conn_set_active(cp, !(e->flags & IP_VS_CONN_F_INACTIVE));
	cp->flags = (e->flags & IP_VS_CONN_F_BACKUP_UPD_MASK) |
		    (cp->flags & ~IP_VS_CONN_F_BACKUP_UPD_MASK);
	spin_unlock(&cp->lock);
	/*
	 * Synced before its service or real server was added here: bind it
	 * now, counted by the activity just applied, as IPVS does on every
	 * update of an unbound connection.
	 */
	if (!READ_ONCE(cp->dest)) {
		struct lvs_dest *dest = find_dest(ln, e);

		if (dest)
			lvs_conn_bind_late(cp, dest);
	}
}

/* State and timeout as the master sent them. */
static void set_state(struct lvs_net *ln, struct lvs_conn *cp,
		      const struct lvs_sync_entry *e)
{
	unsigned long timeout;

	if (e->timeout)
		timeout = min_t(unsigned long, e->timeout,
				MAX_SCHEDULE_TIMEOUT / HZ) * HZ;
	else
		timeout = default_timeout(ln, e);
	atomic_set(&cp->in_pkts, READ_ONCE(ln->sysctl.sync_threshold[0]));
	spin_lock(&cp->lock);
	cp->state = e->state;
	cp->old_state = e->state;
	cp->timeout = timeout;
	spin_unlock(&cp->lock);
}

static void apply(void *arg, const struct lvs_sync_entry *e)
{
	struct lvs_net *ln = arg;
	struct lvs_conn_net *cn = &ln->conn;
	bool tpl = e->flags & IP_VS_CONN_F_TEMPLATE;
	const struct lvs_proto *pp;
	struct lvs_conn *cp;
	struct lvs_conn_param p = {
		.af = e->af,
		.protocol = e->protocol,
		.caddr = &e->caddr,
		.vaddr = &e->vaddr,
		.daddr = &e->daddr,
		.cport = e->cport,
		.vport = e->vport,
		.dport = e->dport,
		.flags = e->flags,
	};

	/*
	 * Engine data comes with the engine's name (up to a NUL, as IPVS
	 * reads it), and only an engine we have can use it; else the entry
	 * is skipped, as IPVS does. Only a template is keyed by it.
	 */
	if (e->pe_data_len) {
		const struct lvs_pe *pe = NULL;

		if (e->pe_name_len)
			pe = lvs_pe_find_n(e->pe_name,
					   strnlen(e->pe_name, e->pe_name_len));
		if (!pe)
			return;
		if (tpl) {
			p.pe = pe;
			p.pe_data = e->pe_data;
			p.pe_data_len = e->pe_data_len;
		}
	}
	if (!tpl) {
		pp = lvs_proto_get(e->protocol);
		if (!pp || e->state >= pp->num_states)
			return;
	}

	cp = lvs_conn_get(cn, &p);
	if (cp && !tpl && (cp->dport != e->dport ||
			   !lvs_addr_eq(cp->af, &cp->daddr, &e->daddr))) {
		if (e->flags & IP_VS_CONN_F_INACTIVE) {
			/* The end of one that was replaced already. */
			lvs_conn_put_quiet(cp);
			return;
		}
		/* The master gave the tuple to another real server. */
		lvs_conn_expire_now(cp);
		lvs_conn_put(cp);
		cp = NULL;
	}

	if (cp) {
		update(ln, cp, e, tpl);
	} else {
		cp = lvs_conn_new(cn, &p, find_dest(ln, e));
		if (!cp)
			return;
	}
	set_state(ln, cp, e);
	lvs_conn_put(cp);
}

static bool has_data(struct sock *sk)
{
	return !skb_queue_empty_lockless(&sk->sk_receive_queue) ||
	       !skb_queue_empty_lockless(&udp_sk(sk)->reader_queue);
}

static int backup_thread(void *data)
{
	struct sync_rx *rx = data;
	struct lvs_sync_backup *b = rx->b;
	struct sock *sk = rx->sock->sk;

	pr_info("sync thread started: state = BACKUP, mcast_ifn = %s, syncid = %d, id = %d\n",
		b->ln->bcfg.mcast_ifn, b->syncid, (int)(rx - b->rx));
	while (!kthread_should_stop()) {
		wait_event_interruptible(*sk_sleep(sk), has_data(sk) ||
					 kthread_should_stop());
		while (has_data(sk) && !kthread_should_stop()) {
			struct kvec iov = { rx->buf, b->maxlen };
			struct msghdr msg = {};
			int len;

			len = kernel_recvmsg(rx->sock, &msg, &iov, 1, b->maxlen,
					     MSG_DONTWAIT);
			if (len <= 0) {
				if (len != -EAGAIN)
					pr_err_ratelimited("receiving message error\n");
				break;
			}
			rcu_read_lock();
			local_bh_disable();
			lvs_sync_msg_parse(rx->buf, len, b->syncid, apply, b->ln);
			local_bh_enable();
			rcu_read_unlock();
			cond_resched();
		}
	}
	return 0;
}

static void backup_free(struct lvs_sync_backup *b)
{
	unsigned int i;

	for (i = 0; i < b->nports; i++) {
		if (b->rx[i].sock)
			sock_release(b->rx[i].sock);
		kfree(b->rx[i].buf);
	}
	kfree(b);
}

static void backup_stop_threads(struct lvs_sync_backup *b)
{
	unsigned int i;

	for (i = 0; i < b->nports; i++) {
		if (b->rx[i].task) {
			pr_info("stopping backup sync thread %d ...\n",
				task_pid_nr(b->rx[i].task));
			kthread_stop(b->rx[i].task);
		}
	}
}

int lvs_sync_backup_start(struct lvs_net *ln, struct net_device *dev)
{
	struct lvs_sync_backup *b;
	struct task_struct *t;
	unsigned int i;
	int ret;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->ln = ln;
	b->syncid = ln->bcfg.syncid;
	b->maxlen = ln->bcfg.sync_maxlen;
	b->nports = ln->sync_nports;
	for (i = 0; i < b->nports; i++) {
		struct sync_rx *rx = &b->rx[i];

		rx->b = b;
		rx->buf = kmalloc(b->maxlen, GFP_KERNEL);
		if (!rx->buf) {
			ret = -ENOMEM;
			goto err;
		}
		ret = lvs_sync_recv_sock(ln, &ln->bcfg, i, dev, &rx->sock);
		if (ret)
			goto err;
	}
	for (i = 0; i < b->nports; i++) {
		t = kthread_run(backup_thread, &b->rx[i], "lvs-b:%u:%u",
				b->syncid, i);
		if (IS_ERR(t)) {
			ret = PTR_ERR(t);
			goto err;
		}
		b->rx[i].task = t;
	}
	ln->sync_backup = b;
	return 0;
err:
	backup_stop_threads(b);
	backup_free(b);
	return ret;
}

void lvs_sync_backup_stop(struct lvs_net *ln)
{
	struct lvs_sync_backup *b = ln->sync_backup;

	lockdep_assert_held(&ln->mutex);
	if (!b)
		return;
	ln->sync_backup = NULL;
	backup_stop_threads(b);
	backup_free(b);
}
