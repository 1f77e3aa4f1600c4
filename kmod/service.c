// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ip.h>

#include "dest.h"
#include "leak.h"
#include "netns.h"
#include "nfct.h"
#include "pe.h"
#include "sched/sched.h"
#include "service.h"


static const struct rhashtable_params svc_params = {
	.head_offset		= offsetof(struct lvs_service, node),
	.key_offset		= offsetof(struct lvs_service, key),
	.key_len		= sizeof(struct lvs_svc_key),
	.automatic_shrinking	= true,
};

/*
 * The control path looks services up under ln->mutex, which keeps them
 * alive but not the table's bucket arrays: a deferred resize frees the old
 * array after an RCU grace period without that mutex. So the walk itself
 * is always an RCU reader, as rhashtable_lookup() requires.
 */
static struct lvs_service *lookup_key(struct lvs_net *ln,
				      const struct lvs_svc_key *key)
{
	struct lvs_service *svc;

	rcu_read_lock();
	svc = rhashtable_lookup(&ln->svc_table, key, svc_params);
	rcu_read_unlock();
	return svc;
}

static void addr_key(struct lvs_svc_key *k, int af, u16 protocol,
		     const union nf_inet_addr *addr, __be16 port)
{
	memset(k, 0, sizeof(*k));
	k->af = af;
	k->protocol = protocol;
	if (af == AF_INET)
		k->addr.ip = addr->ip;
	else
		k->addr.in6 = addr->in6;
	k->port = port;
}

struct lvs_service *lvs_svc_lookup(struct lvs_net *ln, int af, u16 protocol,
				   const union nf_inet_addr *addr,
				   __be16 port)
{
	struct lvs_svc_key k;

	addr_key(&k, af, protocol, addr, port);
	return lookup_key(ln, &k);
}

struct lvs_service *lvs_svc_lookup_fwmark(struct lvs_net *ln, int af,
					  u32 fwmark)
{
	struct lvs_svc_key k;

	memset(&k, 0, sizeof(k));
	k.af = af;
	k.protocol = IPPROTO_TCP;	/* IPVS files fwmark services as TCP */
	k.fwmark = fwmark;
	return lookup_key(ln, &k);
}

struct lvs_service *lvs_svc_find(struct lvs_net *ln, int af, u32 fwmark,
				 u16 protocol, const union nf_inet_addr *addr,
				 __be16 port)
{
	struct lvs_service *svc;

	if (fwmark) {
		svc = lvs_svc_lookup_fwmark(ln, af, fwmark);
		if (svc)
			return svc;
	}
	svc = lvs_svc_lookup(ln, af, protocol, addr, port);
	if (svc)
		return svc;
	if (protocol == IPPROTO_TCP && atomic_read(&ln->ftpsvc_counter) &&
	    (port == LVS_FTP_DATA_PORT ||
	     !inet_port_requires_bind_service(ln->net, ntohs(port)))) {
		svc = lvs_svc_lookup(ln, af, protocol, addr, LVS_FTP_PORT);
		if (svc)
			return svc;
	}
	if (atomic_read(&ln->nullsvc_counter))
		svc = lvs_svc_lookup(ln, af, protocol, addr, 0);
	return svc;
}

static void svc_free_rcu(struct rcu_head *head)
{
	struct lvs_service *svc = container_of(head, struct lvs_service, rcu);

	lvs_stats_destroy(&svc->stats);
	kfree(svc);
	lvs_leak_dec(LVS_LEAK_SERVICE);
}

void lvs_svc_put(struct lvs_service *svc)
{
	if (refcount_dec_and_test(&svc->refcnt))
		call_rcu(&svc->rcu, svc_free_rcu);
}

/* Resolve names before touching anything, so a failure changes nothing. */
static int resolve(const struct lvs_svc_conf *c,
		   const struct lvs_scheduler **sched, const struct lvs_pe **pe)
{
	*sched = NULL;
	*pe = NULL;
	if (strcmp(c->sched_name, "none")) {
		*sched = lvs_sched_find(c->sched_name);
		if (!*sched) {
			pr_info("scheduler %s not found\n", c->sched_name);
			return -ENOENT;
		}
	}
	if (c->pe_name && *c->pe_name) {
		*pe = lvs_pe_find(c->pe_name);
		if (!*pe) {
			pr_info("persistence engine %s not found\n",
				c->pe_name);
			return -ENOENT;
		}
	}
	/* An IPv6 persistence netmask is a prefix length. */
	if (c->key.af == AF_INET6) {
		u32 plen = (__force u32)c->netmask;

		if (plen < 1 || plen > 128)
			return -EINVAL;
	}
	return 0;
}

static void count_service(struct lvs_net *ln, struct lvs_service *svc,
			  int delta)
{
	if (svc->key.port == LVS_FTP_PORT)
		atomic_add(delta, &ln->ftpsvc_counter);
	else if (!svc->key.port)
		atomic_add(delta, &ln->nullsvc_counter);
	if (rcu_access_pointer(svc->pe))
		atomic_add(delta, &ln->conn_out_counter);
	if (svc->key.af == AF_INET)
		ln->num_services += delta;
	else
		ln->num_services6 += delta;
}

int lvs_svc_add(struct lvs_net *ln, const struct lvs_svc_conf *c)
{
	const struct lvs_scheduler *sched;
	const struct lvs_pe *pe;
	struct lvs_service *svc;
	int ret;

	ret = resolve(c, &sched, &pe);
	if (ret)
		return ret;

	/* Like IPVS, every service pins the module. */
	if (!try_module_get(THIS_MODULE))
		return -ENOPROTOOPT;

	ret = -ENOMEM;
	svc = kzalloc(sizeof(*svc), GFP_KERNEL);
	if (!svc)
		goto err_module;
	lvs_leak_inc(LVS_LEAK_SERVICE);
	ret = lvs_stats_init(&svc->stats);
	if (ret)
		goto err_free;

	svc->key = c->key;
	svc->ln = ln;
	refcount_set(&svc->refcnt, 1);
	svc->flags = c->flags | IP_VS_SVC_F_HASHED;
	svc->timeout = c->timeout * HZ;
	svc->netmask = c->netmask;
	RCU_INIT_POINTER(svc->pe, pe);
	INIT_LIST_HEAD(&svc->dests);
	spin_lock_init(&svc->sched_lock);

	/*
	 * Only an id is reserved here: the estimator, /proc and dumps walk
	 * svc_ids under RCU and skip reserved slots, so nothing can see the
	 * service until every step that may fail has succeeded.
	 */
	ret = xa_alloc(&ln->svc_ids, &svc->id, NULL, xa_limit_32b,
		       GFP_KERNEL);
	if (ret)
		goto err_stats;
	if (sched) {
		ret = lvs_sched_bind(svc, sched);
		if (ret)
			goto err_id;
	}
	/* The last step that may fail, and the packet path's way in. */
	ret = rhashtable_lookup_insert_fast(&ln->svc_table, &svc->node,
					    svc_params);
	if (ret)
		goto err_sched;
	/* Fills the reserved slot: it needs no allocation. */
	ret = xa_err(xa_store(&ln->svc_ids, svc->id, svc, GFP_KERNEL));
	if (ret)
		goto err_unhash;

	count_service(ln, svc, 1);
	return 0;

err_unhash:
	rhashtable_remove_fast(&ln->svc_table, &svc->node, svc_params);
	/* The packet path may have found it meanwhile. */
	synchronize_rcu();
err_sched:
	lvs_sched_unbind(svc);
err_id:
	xa_erase(&ln->svc_ids, svc->id);
err_stats:
	lvs_stats_destroy(&svc->stats);
err_free:
	kfree(svc);
	lvs_leak_dec(LVS_LEAK_SERVICE);
err_module:
	module_put(THIS_MODULE);
	return ret;
}

int lvs_svc_edit(struct lvs_service *svc, const struct lvs_svc_conf *c)
{
	const struct lvs_scheduler *sched, *old;
	const struct lvs_pe *pe;
	int ret;

	ret = resolve(c, &sched, &pe);
	if (ret)
		return ret;

	old = rcu_dereference_protected(svc->sched, 1);
	if (sched != old) {
		if (old) {
			lvs_sched_unbind(svc);
			/* No reader may still use the old sched_data. */
			synchronize_rcu();
		}
		if (sched) {
			ret = lvs_sched_bind(svc, sched);
			if (ret)
				return ret;
		}
	}

	WRITE_ONCE(svc->flags, c->flags | IP_VS_SVC_F_HASHED);
	WRITE_ONCE(svc->timeout, c->timeout * HZ);
	WRITE_ONCE(svc->netmask, c->netmask);
	if (!rcu_access_pointer(svc->pe) != !pe)
		atomic_add(pe ? 1 : -1, &svc->ln->conn_out_counter);
	rcu_assign_pointer(svc->pe, pe);
	return 0;
}

void lvs_svc_del(struct lvs_service *svc)
{
	struct lvs_net *ln = svc->ln;

	/* Direct, for the reason at lvs_nfct_svc_nat()'s call (dest.c). */
	lvs_nfct_svc_put(svc);
	rhashtable_remove_fast(&ln->svc_table, &svc->node, svc_params);
	xa_erase(&ln->svc_ids, svc->id);
	count_service(ln, svc, -1);
	lvs_sched_unbind(svc);
	lvs_dest_del_all(svc);
	lvs_svc_put(svc);
	module_put(THIS_MODULE);
}

void lvs_svc_flush(struct lvs_net *ln)
{
	struct lvs_service *svc;
	unsigned long id;

	xa_for_each(&ln->svc_ids, id, svc)
		lvs_svc_del(svc);
}

void lvs_svc_zero(struct lvs_service *svc)
{
	struct lvs_dest *dest;

	list_for_each_entry(dest, &svc->dests, n_list)
		lvs_stats_zero(&dest->stats);
	lvs_stats_zero(&svc->stats);
}

void lvs_svc_zero_all(struct lvs_net *ln)
{
	struct lvs_service *svc;
	unsigned long id;

	xa_for_each(&ln->svc_ids, id, svc)
		lvs_svc_zero(svc);
	lvs_stats_zero(&ln->tot_stats);
}

int lvs_svc_net_init(struct lvs_net *ln)
{
	xa_init_flags(&ln->svc_ids, XA_FLAGS_ALLOC);
	return rhashtable_init(&ln->svc_table, &svc_params);
}

/* The namespace is going away: nothing can look services up any more. */
void lvs_svc_net_exit(struct lvs_net *ln)
{
	lvs_svc_flush(ln);
	rhashtable_destroy(&ln->svc_table);
	xa_destroy(&ln->svc_ids);
}
