/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection table: which real server each client flow was given.
 *
 * Two resizable hash tables per namespace (struct lvs_conn_net):
 *  - in_tab, keyed by (protocol, caddr, cport, vaddr, vport): the client's
 *    packets to the virtual service; templates live here too, with the
 *    template bit as part of the key;
 *  - out_tab, keyed by (protocol, daddr, dport, caddr, cport): replies of
 *    the real server, only for NAT connections (the others never see them).
 *
 * Lifetime (the IPVS model): refcnt is 1 while the connection is hashed and
 * idle; every packet-path user holds one more (lvs_conn_in_get() and
 * friends take it) and gives it back with lvs_conn_put(), which re-arms the
 * expiry timer to now + cp->timeout. The timer may unlink the connection
 * only when it drops refcnt from 1 to 0; then lookups (which use
 * refcount_inc_not_zero) miss it and it is freed after an RCU grace
 * period. A template is kept while connections it controls exist
 * (n_control).
 *
 * cp->state, cp->flags and cp->timeout change under cp->lock; the packet
 * path reads them without it.
 *
 * Where a connection is linked also changes only under cp->lock: cp->hashed
 * has a bit for each of in_tab and out_tab it is in, and LVS_CONN_LIMBO
 * while, unhashed but still alive (lvs_conn_expire_now(), a clash when its
 * client port is filled in), it waits on cn->limbo for its timer to free
 * it. Lookups no longer find it there, but the flush at netns exit does,
 * and every put expires it at once. Lock order: cp->lock, then
 * cn->limbo_lock. An invalidated template (LVS_CONN_TPL_INVALID) stays in
 * in_tab under a key that only it matches; its ports changed while it was
 * unhashed.
 */
#ifndef _LVS_CONN_H
#define _LVS_CONN_H

#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/netfilter.h>
#include <linux/rhashtable.h>
#include <linux/workqueue.h>

#include <lvs/ipvs.h>

struct lvs_net;
struct lvs_dest;
struct lvs_pkt;
struct lvs_pe;
struct net;

struct lvs_conn_net {
	struct lvs_net *ln;
	struct rhashtable in_tab;
	struct rhashtable out_tab;
	atomic_t count;			/* allocated, not yet freed */
	atomic_t no_cport;		/* hashed with IP_VS_CONN_F_NO_CPORT */
	bool flushing;			/* netns going away */
	bool hooks_v4;			/* under ln->mutex */
	bool hooks_v6;

	/* Alive but unhashed connections, by cp->limbo. */
	spinlock_t limbo_lock;
	struct list_head limbo;

	/* Memory defense (defense.c): its work and where drop_entry is. */
	struct delayed_work defense_work;
	struct rhashtable_iter drop_iter;	/* only the work uses it */
	s8 drop_counter[9];		/* by in_pkts, as IPVS */
};

struct lvs_conn {
	struct rhash_head in_node;
	struct rhash_head out_node;
	union nf_inet_addr caddr;	/* client */
	union nf_inet_addr vaddr;	/* virtual (fwmark for fwmark templates) */
	union nf_inet_addr daddr;	/* real server, in family daf */
	__be16 cport;
	__be16 vport;
	__be16 dport;
	u8 af;
	u8 protocol;
	u16 state;			/* protocol state, or template state */
	u16 old_state;			/* the state last synced (sync_master.c) */
	/* The real server's family: a tunnel's may differ from af. */
	u8 daf;
	u32 flags;			/* IP_VS_CONN_F_* */
	unsigned long hashed;		/* LVS_CONN_*: where it is linked */
	struct list_head limbo;		/* on cn->limbo, under its lock */
	spinlock_t lock;
	refcount_t refcnt;
	atomic_t n_control;		/* conns this template controls */
	atomic_t in_pkts;
	struct lvs_conn *control;	/* our template, or NULL */
	struct lvs_dest *dest;		/* NULL for bypass */
	struct lvs_conn_net *cn;
	void *app;			/* helper state (app_ftp.c), or NULL */
	/*
	 * A template's persistence-engine data (pe.h), part of its key: set
	 * before it is hashed, never changed, freed with it. NULL for all
	 * others.
	 */
	const struct lvs_pe *pe;
	char *pe_data;
	u8 pe_data_len;
	unsigned long timeout;		/* jiffies */
	unsigned long sync_endtime;	/* sync_master.c's refresh mark */
	struct timer_list timer;
	struct rcu_head rcu;
};

#define LVS_CONN_IN_HASHED	0
#define LVS_CONN_OUT_HASHED	1
#define LVS_CONN_LIMBO		2
/* In in_tab under a key only it matches: lvs_conn_tpl_invalidate(). */
#define LVS_CONN_TPL_INVALID	3

/* Template state names, as IPVS prints them. */
#define LVS_CTPL_S_NONE		0
#define LVS_CTPL_S_ASSURED	1

#define lvs_conn_fwd(cp)	((cp)->flags & IP_VS_CONN_F_FWD_MASK)

struct lvs_conn_net *lvs_conn_net(const struct net *net);

/* What a new connection is made of; addresses in network order. */
struct lvs_conn_param {
	int af;
	int daf;			/* of daddr; 0: the same as af */
	u8 protocol;
	const union nf_inet_addr *caddr;
	const union nf_inet_addr *vaddr;
	const union nf_inet_addr *daddr;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	u32 flags;
	/* A template's engine data, copied by lvs_conn_new(); or NULL. */
	const struct lvs_pe *pe;
	const char *pe_data;
	u8 pe_data_len;
};

/*
 * Lookups, under rcu_read_lock(); the result carries a reference that the
 * caller returns with lvs_conn_put(). lvs_conn_in_get() also finds a
 * connection still waiting for its client port (IP_VS_CONN_F_NO_CPORT,
 * the FTP helper's passive data connections) and gives it the packet's.
 */
struct lvs_conn *lvs_conn_in_get(struct lvs_conn_net *cn,
				 const struct lvs_pkt *pkt);
struct lvs_conn *lvs_conn_out_get(struct lvs_conn_net *cn,
				  const struct lvs_pkt *pkt);
struct lvs_conn *lvs_conn_tpl_get(struct lvs_conn_net *cn,
				  const struct lvs_conn_param *p);
/*
 * By (caddr, cport, vaddr, vport); a template if p->flags says so, and
 * then with p's engine data (none matches none).
 */
struct lvs_conn *lvs_conn_get(struct lvs_conn_net *cn,
			      const struct lvs_conn_param *p);

/*
 * Creates, binds to dest (taking its own reference with lvs_dest_tryhold(),
 * under the caller's rcu_read_lock()) and hashes a connection. Returns it
 * with a reference for the caller, or NULL (no memory, a clash with a
 * connection created at the same time on another CPU, or a dest that lost
 * its last reference; a synced connection is then created unbound).
 */
struct lvs_conn *lvs_conn_new(struct lvs_conn_net *cn,
			      const struct lvs_conn_param *p,
			      struct lvs_dest *dest);

void lvs_conn_put(struct lvs_conn *cp);
/* The same without re-arming the timer: the packet did not count. */
void lvs_conn_put_quiet(struct lvs_conn *cp);
/*
 * Unhash now so a new connection may take the tuple; it waits in limbo
 * and is freed once its last user puts it.
 */
void lvs_conn_expire_now(struct lvs_conn *cp);
/*
 * A template whose real server may take no more of its clients: rehashed
 * where no lookup finds it, it waits for its timer (lookups miss it, so
 * nothing re-arms that).
 */
void lvs_conn_tpl_invalidate(struct lvs_conn *ct);
void lvs_conn_set_control(struct lvs_conn *cp, struct lvs_conn *tpl);
/* The connection proved real (TCP established, UDP answered): its
 * template is ASSURED, as IPVS lists it.
 */
void lvs_conn_assure_tpl(struct lvs_conn *cp);

/*
 * Binds an unbound connection (synced before its real server existed
 * here) to dest, which it holds; a no-op when it is bound already or the
 * dest is dying. Under rcu_read_lock().
 */
void lvs_conn_bind_late(struct lvs_conn *cp, struct lvs_dest *dest);

/* Moves a connection between active and inactive on its dest. */
void lvs_conn_set_active(struct lvs_conn *cp, bool active);
/* One packet of len bytes toward the real server (in) or back (out). */
void lvs_conn_count_in(struct lvs_conn *cp, unsigned int len);
void lvs_conn_count_out(struct lvs_conn *cp, unsigned int len);

const char *lvs_conn_state_name(const struct lvs_conn *cp);

/* drop_entry: looks at 1/32 of the table and drops what IPVS would. */
void lvs_conn_drop_random(struct lvs_conn_net *cn);

int lvs_conn_net_init(struct lvs_conn_net *cn, struct lvs_net *ln);
/* Expires every connection and waits until all are freed. */
void lvs_conn_net_drain(struct lvs_conn_net *cn);
/* Drains the table if that is not done yet, then frees it. */
void lvs_conn_net_exit(struct lvs_conn_net *cn);
/*
 * The application helper's hooks (the FTP helper's): init for each new
 * connection, which it may give its state in cp->app before the
 * connection is hashed; rebind when a synced connection gets its dest
 * late, and with it the dest's forwarding method (under cp->lock);
 * done when the connection expires (no user left), for cp->app set.
 */
struct lvs_conn_app_ops {
	int (*init)(struct lvs_conn *cp);
	void (*rebind)(struct lvs_conn *cp);
	void (*done)(struct lvs_conn *cp);
};

int lvs_conn_init(const struct lvs_conn_app_ops *app_ops);
void lvs_conn_exit(void);

#endif /* _LVS_CONN_H */
