/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual services.
 *
 * A service is identified by (af, protocol, addr, port) or by (af, fwmark);
 * both kinds share one resizable hash table, ln->svc_table, keyed by
 * struct lvs_svc_key: fwmark is 0 for address services; for fwmark
 * services addr and port are 0 and protocol is IPPROTO_TCP, as IPVS
 * records it. ln->svc_ids gives each service a stable id so dumps and
 * /proc can resume where they stopped.
 *
 * Lifetime: the table holds one reference, each destination one more
 * (dest->svc stays valid for connections that outlive the service). The
 * memory is freed an RCU grace period after the last reference goes, so
 * anything found under rcu_read_lock() stays readable until unlock; take
 * a reference with lvs_svc_get() to keep it longer.
 *
 * Field rules: key, id and ln never change. flags, timeout, netmask, pe
 * and sched change under ln->mutex only; the packet path reads them with
 * READ_ONCE()/rcu_dereference(). svc->dests is an RCU list (newest dest
 * first, as IPVS keeps it); num_dests is read under ln->mutex.
 */
#ifndef _LVS_SERVICE_H
#define _LVS_SERVICE_H

#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/refcount.h>
#include <linux/string.h>
#include <linux/netfilter.h>

#include "stats.h"

struct lvs_net;
struct lvs_scheduler;
struct lvs_pe;

/* Hashed as raw bytes: always memset() a key before filling it. */
struct lvs_svc_key {
	union nf_inet_addr addr;
	u32 fwmark;
	u16 af;
	u16 protocol;
	__be16 port;
	u16 pad;
};

/* Keys are whole: zeroed, then filled (the service table compares bytes). */
static inline bool lvs_svc_key_eq(const struct lvs_svc_key *a,
				  const struct lvs_svc_key *b)
{
	return !memcmp(a, b, sizeof(*a));
}

struct lvs_service {
	struct rhash_head node;		/* in ln->svc_table */
	struct lvs_svc_key key;
	u32 id;				/* index in ln->svc_ids */
	struct lvs_net *ln;
	refcount_t refcnt;

	u32 flags;			/* IP_VS_SVC_F_* */
	unsigned int timeout;		/* persistence, jiffies */
	__be32 netmask;			/* v4 mask, or v6 prefix length */
	const struct lvs_pe __rcu *pe;

	const struct lvs_scheduler __rcu *sched;
	void __rcu *sched_data;		/* owned by the scheduler */
	spinlock_t sched_lock;		/* for schedulers that need one */

	struct list_head dests;		/* struct lvs_dest, RCU list */
	unsigned int num_dests;

	struct lvs_stats stats;
	bool nfct;			/* holds conntrack on (nfct.c), mutex */
	struct rcu_head rcu;
};

#define lvs_svc_af(svc)		((svc)->key.af)

/* The FTP service (its port has one template for all ports, conntrack). */
#define LVS_FTP_PORT		cpu_to_be16(21)
#define LVS_FTP_DATA_PORT	cpu_to_be16(20)

/*
 * Packet-path lookup with IPVS's precedence: the fwmark service first (if
 * fwmark != 0), then the exact (protocol, addr, port) service, then the
 * FTP service of that address for data connections, then the port-0
 * catch-all. Call under rcu_read_lock(); no reference is taken.
 */
struct lvs_service *lvs_svc_find(struct lvs_net *ln, int af, u32 fwmark,
				 u16 protocol, const union nf_inet_addr *addr,
				 __be16 port);

/* Exact lookups, under rcu_read_lock() or ln->mutex. */
struct lvs_service *lvs_svc_lookup(struct lvs_net *ln, int af, u16 protocol,
				   const union nf_inet_addr *addr,
				   __be16 port);
struct lvs_service *lvs_svc_lookup_fwmark(struct lvs_net *ln, int af,
					  u32 fwmark);

static inline bool lvs_svc_get(struct lvs_service *svc)
{
	return refcount_inc_not_zero(&svc->refcnt);
}

void lvs_svc_put(struct lvs_service *svc);

/* Control path, ln->mutex held. */
struct lvs_svc_conf {
	struct lvs_svc_key key;
	const char *sched_name;
	const char *pe_name;		/* NULL or "" for none */
	u32 flags;
	u32 timeout;			/* seconds */
	__be32 netmask;
};

int lvs_svc_add(struct lvs_net *ln, const struct lvs_svc_conf *c);
int lvs_svc_edit(struct lvs_service *svc, const struct lvs_svc_conf *c);
void lvs_svc_del(struct lvs_service *svc);
void lvs_svc_flush(struct lvs_net *ln);
void lvs_svc_zero(struct lvs_service *svc);
void lvs_svc_zero_all(struct lvs_net *ln);

int lvs_svc_net_init(struct lvs_net *ln);
void lvs_svc_net_exit(struct lvs_net *ln);

#endif /* _LVS_SERVICE_H */
