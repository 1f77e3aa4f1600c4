// SPDX-License-Identifier: GPL-2.0
/*
 * The master side of connection sync. The packet path appends entries to
 * the current message of a sync port (chosen by connection, so one
 * connection's updates stay in order); a full message goes to the send
 * queue at once and wakes the thread, a partial one is sent once it is
 * 2 s old, as in IPVS.
 */
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/net.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <net/sock.h>

#include "conn.h"
#include "dest.h"
#include "leak.h"
#include "netns.h"
#include "pe.h"
#include "sync.h"
#include "sync_msg.h"

/* IPVS's numbers for the states whose change is always sent. */
#define TCP_S_ESTABLISHED	1
#define TCP_S_FIN_WAIT		4
#define TCP_S_TIME_WAIT		5
#define TCP_S_CLOSE		6
#define TCP_S_CLOSE_WAIT	7
#define SCTP_S_ESTABLISHED	8
#define SCTP_S_SHUTDOWN_SENT	9
#define SCTP_S_SHUTDOWN_RECEIVED 10
#define SCTP_S_SHUTDOWN_ACK_SENT 11
#define SCTP_S_CLOSED		13

#define SYNC_FLUSH_TIME		(2 * HZ)	/* a partial message waits */
#define SYNC_CHECK_PERIOD	HZ

struct sync_port {
	struct socket *sock;
	struct lvs_sync_buf *cur;	/* being filled, under m->lock */
};

struct lvs_sync_master {
	struct lvs_net *ln;
	spinlock_t lock;		/* cur of each port, queue; BH */
	struct list_head queue;		/* full messages to send */
	unsigned long qlen;
	struct task_struct *task;
	u32 syncid;
	u16 maxlen;
	unsigned int nports;
	struct sync_port port[LVS_SYNC_PORTS_MAX];
};

static struct lvs_sync_buf *buf_new(struct lvs_sync_master *m,
				    unsigned int need, int version)
{
	unsigned int cap = max_t(unsigned int, m->maxlen,
				 need + LVS_SYNC_V1_HDR);
	struct lvs_sync_buf *b;

	b = kmalloc(struct_size(b, data, cap), GFP_ATOMIC);
	if (!b)
		return NULL;
	lvs_leak_inc(LVS_LEAK_SYNC_BUF);
	b->cap = min_t(unsigned int, cap, U16_MAX);
	b->firstuse = jiffies;
	lvs_sync_buf_init(b, version, m->syncid);
	return b;
}

static void buf_free(struct lvs_sync_buf *b)
{
	kfree(b);
	lvs_leak_dec(LVS_LEAK_SYNC_BUF);
}

/* Under m->lock: the port's message is complete, hand it to the thread. */
static void queue_cur(struct lvs_sync_master *m, struct sync_port *sp)
{
	struct lvs_sync_buf *b = sp->cur;

	sp->cur = NULL;
	if (m->qlen >= READ_ONCE(m->ln->sysctl.sync_qlen_max)) {
		buf_free(b);		/* IPVS drops what it cannot queue */
		return;
	}
	b->id = sp - m->port;
	list_add_tail(&b->list, &m->queue);
	m->qlen++;
	wake_up_process(m->task);
}

static bool in_persistence(const struct lvs_conn *cp)
{
	for (cp = cp->control; cp; cp = cp->control)
		if (cp->flags & IP_VS_CONN_F_TEMPLATE)
			return true;
	return false;
}

static bool syncs_state(const struct lvs_conn *cp, u16 state)
{
	if (cp->protocol == IPPROTO_TCP)
		return BIT(state) & (BIT(TCP_S_ESTABLISHED) |
				     BIT(TCP_S_FIN_WAIT) |
				     BIT(TCP_S_CLOSE) |
				     BIT(TCP_S_CLOSE_WAIT) |
				     BIT(TCP_S_TIME_WAIT));
	return BIT(state) & (BIT(SCTP_S_ESTABLISHED) |
			     BIT(SCTP_S_SHUTDOWN_SENT) |
			     BIT(SCTP_S_SHUTDOWN_RECEIVED) |
			     BIT(SCTP_S_SHUTDOWN_ACK_SENT) |
			     BIT(SCTP_S_CLOSED));
}

/*
 * IPVS's rule. A state change of TCP or SCTP into a closing state is
 * sent at once; otherwise a connection is sent when its in_pkts reaches
 * sync_threshold (then every sync_period packets), or, with
 * sync_refresh_period, when its expiry moved by more than that period
 * (retried sync_retries times, period/8 apart). Templates go with every
 * packet of the connections they control unless the refresh period
 * holds them back. sync_endtime keeps the expiry last sent in its upper
 * bits and the retries in its two low bits.
 */
static bool sync_needed(struct lvs_net *ln, struct lvs_conn *cp, int pkts)
{
	const struct lvs_sysctl *s = &ln->sysctl;
	unsigned long orig = READ_ONCE(cp->sync_endtime);
	unsigned long now = jiffies, timeout = READ_ONCE(cp->timeout);
	unsigned long n = (now + timeout) & ~3UL;
	unsigned int refresh;
	int period, threshold;
	u16 state = READ_ONCE(cp->state);
	bool force = false;

	if (cp->flags & IP_VS_CONN_F_TEMPLATE) {
		force = false;
	} else if (READ_ONCE(s->sync_persist_mode) && in_persistence(cp)) {
		return false;
	} else if (cp->protocol == IPPROTO_TCP ||
		   cp->protocol == IPPROTO_SCTP) {
		u16 est = cp->protocol == IPPROTO_TCP ? TCP_S_ESTABLISHED :
			  SCTP_S_ESTABLISHED;

		if (state >= 32 || !syncs_state(cp, state))
			return false;
		force = state != READ_ONCE(cp->old_state);
		if (force && state != est)
			goto set;
	}

	refresh = READ_ONCE(s->sync_refresh_period);
	if (refresh > 0) {
		long diff = n - orig;
		long min_diff = max(timeout >> 1, 10UL * HZ);

		if (abs(diff) < min_t(long, refresh, min_diff)) {
			int retries = orig & 3;

			if (retries >= READ_ONCE(s->sync_retries))
				return false;
			if (time_before(now, orig - timeout + (refresh >> 3)))
				return false;
			n |= retries + 1;
		}
	}
	period = READ_ONCE(s->sync_threshold[1]);
	threshold = READ_ONCE(s->sync_threshold[0]);
	if (period > 0) {
		if (!(cp->flags & IP_VS_CONN_F_TEMPLATE) &&
		    pkts % period != threshold)
			return false;
	} else if (!refresh && pkts != threshold) {
		return false;
	}
set:
	WRITE_ONCE(cp->old_state, state);
	return cmpxchg(&cp->sync_endtime, orig, n) == orig || force;
}

static void fill_entry(struct lvs_sync_entry *e, const struct lvs_conn *cp)
{
	const struct lvs_dest *dest = cp->dest;

	memset(e, 0, sizeof(*e));
	e->af = cp->af;
	e->protocol = cp->protocol;
	e->flags = READ_ONCE(cp->flags);
	e->state = READ_ONCE(cp->state);
	e->cport = cp->cport;
	e->vport = cp->vport;
	e->dport = cp->dport;
	e->caddr = cp->caddr;
	e->vaddr = cp->vaddr;
	e->daddr = cp->daddr;
	/* IPVS sends the packet's mark, which selected a fwmark service. */
	e->fwmark = dest ? dest->vfwmark : 0;
	e->timeout = READ_ONCE(cp->timeout) / HZ;
	/* Set before the template was hashed, and never changed. */
	if (cp->pe_data) {
		e->pe_data = cp->pe_data;
		e->pe_data_len = cp->pe_data_len;
		e->pe_name = cp->pe->name;
		e->pe_name_len = strnlen(cp->pe->name, LVS_PE_NAME_MAX);
	}
}

static void add_conn(struct lvs_sync_master *m, struct lvs_conn *cp,
		     int version)
{
	struct lvs_sync_entry e;
	struct sync_port *sp;
	unsigned int need;

	/* Nor does IPVS send an engine's template that lost its dest. */
	if (cp->pe_data && !READ_ONCE(cp->dest))
		return;
	fill_entry(&e, cp);
	need = lvs_sync_entry_len(version, &e);
	if (!need)
		return;		/* version 0 carries IPv4 only */
	/* The same port for a connection, whatever the CPU. */
	sp = &m->port[((unsigned long)cp >> (1 + ilog2(sizeof(*cp)))) %
		      m->nports];

	spin_lock_bh(&m->lock);
	if (sp->cur && sp->cur->version != version)
		queue_cur(m, sp);
	if (sp->cur && !lvs_sync_buf_add(sp->cur, &e))
		queue_cur(m, sp);
	if (!sp->cur) {
		sp->cur = buf_new(m, need, version);
		if (!sp->cur) {
			spin_unlock_bh(&m->lock);
			pr_err_ratelimited("sync: no memory for a message\n");
			return;
		}
		lvs_sync_buf_add(sp->cur, &e);
	}
	spin_unlock_bh(&m->lock);
}

static void sync_conn(struct lvs_sync_master *m, struct lvs_conn *cp,
		      int pkts)
{
	struct lvs_net *ln = m->ln;
	int version = READ_ONCE(ln->sysctl.sync_version);

	for (;;) {
		/* One-packet connections are never sent, their template is. */
		if (!(cp->flags & IP_VS_CONN_F_ONE_PACKET) &&
		    sync_needed(ln, cp, pkts))
			add_conn(m, cp, version);
		/* The connections that control this one, up the chain. */
		cp = cp->control;
		if (!cp)
			return;
		if (cp->flags & IP_VS_CONN_F_TEMPLATE)
			pkts = atomic_inc_return(&cp->in_pkts);
		else
			pkts = READ_ONCE(ln->sysctl.sync_threshold[0]);
	}
}

void lvs_sync_conn(struct lvs_net *ln, struct lvs_conn *cp, int pkts)
{
	struct lvs_sync_master *m;

	rcu_read_lock();
	m = rcu_dereference(ln->sync_master);
	if (m)
		sync_conn(m, cp, pkts);
	rcu_read_unlock();
}

void lvs_sync_in_pkt(struct lvs_net *ln, struct lvs_conn *cp)
{
	struct lvs_sync_master *m;
	int pkts;

	if (cp->flags & IP_VS_CONN_F_ONE_PACKET)
		pkts = READ_ONCE(ln->sysctl.sync_threshold[0]);
	else
		pkts = atomic_inc_return(&cp->in_pkts);

	rcu_read_lock();
	m = rcu_dereference(ln->sync_master);
	if (m)
		sync_conn(m, cp, pkts);
	else if ((cp->flags & IP_VS_CONN_F_ONE_PACKET) && cp->control)
		atomic_inc(&cp->control->in_pkts);
	rcu_read_unlock();
}

/* A queued message, else a partial one older than age (0: any). */
static struct lvs_sync_buf *next_buf(struct lvs_sync_master *m,
				     unsigned long age)
{
	struct lvs_sync_buf *b = NULL;
	unsigned int i;

	spin_lock_bh(&m->lock);
	b = list_first_entry_or_null(&m->queue, struct lvs_sync_buf, list);
	if (b) {
		list_del(&b->list);
		m->qlen--;
		goto out;
	}
	for (i = 0; i < m->nports; i++) {
		struct sync_port *sp = &m->port[i];

		if (sp->cur && time_after_eq(jiffies - sp->cur->firstuse, age)) {
			b = sp->cur;
			b->id = i;
			sp->cur = NULL;
			break;
		}
	}
out:
	spin_unlock_bh(&m->lock);
	return b;
}

static int send_buf(struct sync_port *sp, struct lvs_sync_buf *b)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = b->data, .iov_len = b->len };

	return kernel_sendmsg(sp->sock, &msg, &iov, 1, b->len);
}

static int master_thread(void *data)
{
	struct lvs_sync_master *m = data;
	struct lvs_sync_buf *b;

	pr_info("sync thread started: state = MASTER, mcast_ifn = %s, syncid = %d, id = 0\n",
		m->ln->mcfg.mcast_ifn, m->syncid);
	for (;;) {
		struct sync_port *sp;
		struct sock *sk;
		int ret;

		/* Asleep before the checks, so no wake-up is lost. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		b = next_buf(m, SYNC_FLUSH_TIME);
		if (!b) {
			schedule_timeout(SYNC_CHECK_PERIOD);
			continue;
		}
		__set_current_state(TASK_RUNNING);
		sp = &m->port[b->id];
		sk = sp->sock->sk;
		/* A full socket buffer: wait for room rather than drop. */
		while ((ret = send_buf(sp, b)) == -EAGAIN &&
		       !kthread_should_stop())
			wait_event_interruptible_timeout(*sk_sleep(sk),
							 sock_writeable(sk) ||
							 kthread_should_stop(),
							 HZ);
		if (ret < 0 && ret != -EAGAIN)
			pr_err_ratelimited("ip_vs_send_async error %d\n", ret);
		buf_free(b);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void master_free(struct lvs_sync_master *m)
{
	struct lvs_sync_buf *b, *tmp;
	unsigned int i;

	list_for_each_entry_safe(b, tmp, &m->queue, list)
		buf_free(b);
	for (i = 0; i < m->nports; i++) {
		if (m->port[i].cur)
			buf_free(m->port[i].cur);
		if (m->port[i].sock)
			sock_release(m->port[i].sock);
	}
	kfree(m);
}

int lvs_sync_master_start(struct lvs_net *ln, struct net_device *dev)
{
	struct lvs_sync_master *m;
	unsigned int i;
	int ret;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->ln = ln;
	spin_lock_init(&m->lock);
	INIT_LIST_HEAD(&m->queue);
	m->syncid = ln->mcfg.syncid;
	m->maxlen = ln->mcfg.sync_maxlen;
	m->nports = ln->sync_nports;
	for (i = 0; i < m->nports; i++) {
		ret = lvs_sync_send_sock(ln, &ln->mcfg, i, dev,
					 &m->port[i].sock);
		if (ret)
			goto err;
	}
	m->task = kthread_run(master_thread, m, "lvs-m:%u", m->syncid);
	if (IS_ERR(m->task)) {
		ret = PTR_ERR(m->task);
		goto err;
	}
	rcu_assign_pointer(ln->sync_master, m);
	return 0;
err:
	master_free(m);
	return ret;
}

void lvs_sync_master_stop(struct lvs_net *ln)
{
	struct lvs_sync_master *m = rcu_dereference_protected(ln->sync_master,
				lockdep_is_held(&ln->mutex));

	if (!m)
		return;
	RCU_INIT_POINTER(ln->sync_master, NULL);
	/* No packet path or timer adds to m after this. */
	synchronize_rcu();
	pr_info("stopping master sync thread %d ...\n", task_pid_nr(m->task));
	kthread_stop(m->task);
	master_free(m);
}
