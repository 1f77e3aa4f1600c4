/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Real servers (destinations) of a service.
 *
 * A dest sits on its service's RCU list svc->dests and in ln->dest_table,
 * hashed by its service's identity (struct lvs_svc_key) and its own (af,
 * addr, port), so adding N dests costs O(N). Live services have distinct
 * identities, so the key names one dest, live or trashed: a trashed one
 * is revived rather than doubled.
 *
 * Lifetime: the service's list (later the trash) holds one reference; a
 * connection that points at the dest takes another and drops it with
 * lvs_dest_put(). A deleted dest leaves the list at once (the packet path
 * stops choosing it, LVS_DEST_AVAILABLE is cleared) but stays
 * readable until its last reference is gone and an RCU grace period has
 * passed. It keeps a reference on its service, so dest->svc stays valid,
 * also after the service is deleted.
 *
 * The last reference goes only after the dest is out of every table a
 * lookup walks (svc->dests, ln->dest_table, ln->rs_table, the trash), but
 * an RCU reader may have found it just before: whoever reaches a dest
 * through a lookup rather than through a reference it already holds takes
 * its own with lvs_dest_tryhold(), which fails once the count is 0.
 * LVS_DEST_TRASHED is set from the moment a dest is deleted until it is
 * freed (or revived), so lvs_dest_lookup() never returns a dying dest.
 *
 * The trash, as in IPVS, one per namespace: a dest deleted from its
 * service, or with it, is not freed but kept (LVS_DEST_TRASHED, still in
 * ln->dest_table, on ln->dest_trash) with its stats and connection
 * counters. Adding the same dest (af, addr, port) to a service of the same
 * identity revives it: its counters, and the ActiveConn/InActConn of
 * connections still pointing at it, come back, so the schedulers see
 * their load. Revived into a re-created service, it moves to that service
 * (dest->svc, RCU: the old one is put, and freed a grace period later)
 * and its stats restart from zero, as IPVS's do. A trashed dest no
 * connection uses is freed after it has been idle for
 * LVS_DEST_TRASH_PERIOD (checked every half period, so 1 to 3 minutes
 * after its last connection); the namespace's exit frees what is left.
 * IPVS finds a trashed dest by a walk of the whole trash. Not yet as
 * IPVS: it would also revive a mixed-family (tunnel) dest of an IPv4
 * fwmark service into the IPv6 service of that mark, which this key (it
 * includes the service's family) cannot find.
 *
 * Field rules: key and the copy of the service identity never change;
 * svc changes only on a revival, under ln->mutex (readers: RCU). weight,
 * conn_flags and the thresholds are written under ln->mutex and read
 * locklessly (atomic_read/READ_ONCE).
 * The connection counters are the data plane's to update.
 */
#ifndef _LVS_DEST_H
#define _LVS_DEST_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/refcount.h>
#include <linux/netfilter.h>

#include "sched/core/dest_overload.h"
#include "service.h"
#include "stats.h"

struct lvs_net;

/* Bit numbers in dest->flags, for set_bit()/test_bit() */
#define LVS_DEST_AVAILABLE	0	/* on its service's list */
#define LVS_DEST_OVERLOAD	1	/* over u_threshold */
#define LVS_DEST_TRASHED	2	/* deleted: in the trash, or dying */

/* How long an unused trashed dest is kept; IPVS's IP_VS_DEST_TRASH_PERIOD */
#define LVS_DEST_TRASH_PERIOD	(120 * HZ)

/* Hashed as raw bytes: always memset() a key before filling it. */
struct lvs_dest_key {
	struct lvs_svc_key vs;		/* its service's identity */
	union nf_inet_addr addr;
	u16 af;
	__be16 port;
	u32 pad;
};

struct lvs_dest_dst;

struct lvs_dest {
	struct list_head n_list;	/* in svc->dests */
	struct rhash_head node;		/* in ln->dest_table */
	struct lvs_dest_key key;
	struct lvs_service __rcu *svc;	/* holds a reference */
	refcount_t refcnt;

	atomic_t conn_flags;		/* IP_VS_CONN_F_* incl. fwd method */
	atomic_t weight;
	atomic_t last_weight;		/* last non-zero weight */
	u32 u_threshold;
	u32 l_threshold;
	unsigned long flags;		/* LVS_DEST_* bits */
	u8 tun_type;			/* IP_VS_CONN_F_TUNNEL_TYPE_* */
	__be16 tun_port;
	u16 tun_flags;

	atomic_t activeconns;
	atomic_t inactconns;
	atomic_t persistconns;
	atomic_t totalconns;		/* non-template, for the thresholds */
	spinlock_t overload_lock;	/* orders LVS_DEST_OVERLOAD updates */

	/* The service identity, for connections and sync. */
	u16 protocol;
	union nf_inet_addr vaddr;
	__be16 vport;
	u32 vfwmark;

	/* While trashed, under ln->mutex. */
	struct list_head t_list;	/* in ln->dest_trash */
	unsigned long idle_start;	/* jiffies unused since; 0: not yet */
	unsigned long del_gp;		/* RCU state when it left svc->dests */

	/* In ln->rs_table (real_table.h), under ln->mutex. */
	struct hlist_node rs_node;
	__be16 rs_port;			/* the port it is hashed under */
	bool in_rs_table;

	struct lvs_dest_dst __rcu *route;	/* dest_route.c */

	struct lvs_stats stats;
	struct rcu_head rcu;
};

#define lvs_dest_af(d)		((d)->key.af)
/* Under rcu_read_lock(): the service may change on a revival. */
#define lvs_dest_svc(d)		rcu_dereference((d)->svc)
#define lvs_dest_fwd(d)		(atomic_read(&(d)->conn_flags) & \
				 IP_VS_CONN_F_FWD_MASK)

/* For a holder of a reference (or ln->mutex, while it is listed). */
static inline void lvs_dest_hold(struct lvs_dest *dest)
{
	refcount_inc(&dest->refcnt);
}

/* For a dest found by an RCU lookup: false if it is on its way out. */
static inline bool lvs_dest_tryhold(struct lvs_dest *dest)
{
	return refcount_inc_not_zero(&dest->refcnt);
}

void lvs_dest_put(struct lvs_dest *dest);

/*
 * The one who is told when a dest's overload state changes: called under
 * the dest's overload_lock, in any context (softirq on the packet path).
 */
typedef void (*lvs_dest_overload_fn)(struct lvs_dest *dest, bool overloaded);
void lvs_dest_watch_overload(lvs_dest_overload_fn fn);

/*
 * A connection bound to or unbound from the dest: totalconns and, at the
 * thresholds, the overload flag (sched/core/dest_overload.h has the rule).
 */
void lvs_dest_conn_bound(struct lvs_dest *dest);
void lvs_dest_conn_unbound(struct lvs_dest *dest);

/* A live (not trashed) dest; under rcu_read_lock() or ln->mutex. */
struct lvs_dest *lvs_dest_lookup(struct lvs_service *svc, int af,
				 const union nf_inet_addr *addr, __be16 port);

/* Control path, ln->mutex held. */
struct lvs_dest_conf {
	union nf_inet_addr addr;
	int af;
	__be16 port;
	u32 conn_flags;
	int weight;
	u32 u_threshold;
	u32 l_threshold;
	u8 tun_type;
	__be16 tun_port;
	u16 tun_flags;
};

/* *revived: the dest came back from the trash, with its connections. */
int lvs_dest_add(struct lvs_service *svc, const struct lvs_dest_conf *c,
		 bool *revived);
int lvs_dest_edit(struct lvs_service *svc, const struct lvs_dest_conf *c);
int lvs_dest_del(struct lvs_service *svc, const struct lvs_dest_conf *c);
/* Moves every dest of a service being deleted to the trash. */
void lvs_dest_del_all(struct lvs_service *svc);

int lvs_dest_net_init(struct lvs_net *ln);
void lvs_dest_net_exit(struct lvs_net *ln);

#endif /* _LVS_DEST_H */
