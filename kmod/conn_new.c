// SPDX-License-Identifier: GPL-2.0
#include <linux/icmp.h>
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>

#include "conn.h"
#include "conn_new.h"
#include "dest.h"
#include "netns.h"
#include "pe.h"
#include "pkt.h"
#include "real_table.h"
#include "sched/sched.h"
#include "service.h"

static struct lvs_dest *pick(struct lvs_service *svc, struct sk_buff *skb,
			     const struct lvs_pkt *pkt)
{
	const struct lvs_scheduler *s = rcu_dereference(svc->sched);

	if (!s)
		return NULL;
	/* A dest of the other family is a tunnel (netlink checks it). */
	return s->schedule(svc, skb, pkt);
}

static void count_conn(struct lvs_service *svc, struct lvs_dest *dest)
{
	lvs_stats_conn(&dest->stats);
	lvs_stats_conn(&svc->stats);
	lvs_stats_conn(&svc->ln->tot_stats);
}

/* The persistence key: the client address under the service's mask. */
static void masked_client(const struct lvs_service *svc,
			  const struct lvs_pkt *pkt, union nf_inet_addr *snet)
{
	__be32 mask = READ_ONCE(svc->netmask);

	memset(snet, 0, sizeof(*snet));
	if (pkt->af == AF_INET)
		snet->ip = pkt->saddr.ip & mask;
	else
		ipv6_addr_prefix(&snet->in6, &pkt->saddr.in6,
				 (__force u32)mask);
}

/* A template whose server went away or was quiesced is not reused. */
static bool tpl_usable(struct lvs_conn *ct)
{
	struct lvs_dest *dest = ct->dest;

	if (!dest || !test_bit(LVS_DEST_AVAILABLE, &dest->flags))
		return false;
	if (READ_ONCE(ct->cn->ln->sysctl.expire_quiescent_template) &&
	    !atomic_read(&dest->weight))
		return false;
	return true;
}

/* The packet's own connection, to dest. */
static struct lvs_conn *conn_to(struct lvs_conn_net *cn,
				struct lvs_dest *dest,
				const struct lvs_pkt *pkt, u32 flags)
{
	struct lvs_conn_param p = {
		.af = pkt->af,
		.protocol = pkt->protocol,
		.caddr = &pkt->saddr,
		.vaddr = &pkt->daddr,
		.daf = lvs_dest_af(dest),
		.daddr = &dest->key.addr,
		.cport = pkt->sport,
		.vport = pkt->dport,
		.dport = dest->key.port ? dest->key.port : pkt->dport,
		.flags = flags,
	};

	return lvs_conn_new(cn, &p, dest);
}

/*
 * The persistence template's key for this packet: the masked client
 * (*snet) and the service's address and port, or for fwmark services
 * the mark in place of the address (*fwaddr).
 */
static void tpl_key(const struct lvs_service *svc, const struct lvs_pkt *pkt,
		    struct lvs_conn_param *tp, union nf_inet_addr *snet,
		    union nf_inet_addr *fwaddr)
{
	masked_client(svc, pkt, snet);
	tp->af = pkt->af;
	tp->protocol = pkt->protocol;
	tp->caddr = snet;
	tp->vaddr = &pkt->daddr;
	tp->daddr = snet;	/* replaced when the template is made */
	if (pkt->dport == svc->key.port) {
		/* The FTP service keeps one template for all its ports. */
		if (svc->key.port != LVS_FTP_PORT)
			tp->vport = pkt->dport;
	} else if (svc->key.fwmark) {
		/* fwmark and port-0 services: one template per address. */
		tp->protocol = IPPROTO_IP;
		fwaddr->ip = htonl(svc->key.fwmark);
		tp->vaddr = fwaddr;
	}
}

/*
 * A template found for the client: kept if usable, else invalidated
 * (it stays listed and expires when it would have; looking is no use).
 */
static struct lvs_conn *tpl_keep(struct lvs_conn *ct, bool usable)
{
	if (usable)
		return ct;
	lvs_conn_tpl_invalidate(ct);
	lvs_conn_put_quiet(ct);
	return NULL;
}

/* A new template to dest under tp's key, with the service's timeout. */
static struct lvs_conn *tpl_new(struct lvs_conn_net *cn,
				struct lvs_service *svc,
				struct lvs_conn_param *tp, struct lvs_dest *dest)
{
	struct lvs_conn *ct;

	tp->daf = lvs_dest_af(dest);
	tp->flags = IP_VS_CONN_F_TEMPLATE;
	ct = lvs_conn_new(cn, tp, dest);
	if (!ct)
		return NULL;
	spin_lock(&ct->lock);
	ct->timeout = READ_ONCE(svc->timeout);
	spin_unlock(&ct->lock);
	return ct;
}

/*
 * The client's usable template, or a new one to a scheduled dest. *drop
 * is set when the service's persistence engine finds no data in the
 * packet (a SIP message without a usable Call-ID): IPVS drops it then,
 * without an ICMP error.
 */
static struct lvs_conn *tpl_get(struct lvs_conn_net *cn,
				struct lvs_service *svc, struct sk_buff *skb,
				const struct lvs_pkt *pkt, bool *drop)
{
	union nf_inet_addr snet, fwaddr = {};
	struct lvs_conn_param tp = {};
	const struct lvs_pe *pe;
	struct lvs_dest *dest;
	struct lvs_conn *ct;

	tpl_key(svc, pkt, &tp, &snet, &fwaddr);
	pe = rcu_dereference(svc->pe);
	if (pe) {
		/* Points into the packet: lvs_conn_new() copies it. */
		if (pe->get_data(skb, pkt, &tp.pe_data, &tp.pe_data_len)) {
			*drop = true;
			return NULL;
		}
		tp.pe = pe;
	}
	ct = lvs_conn_tpl_get(cn, &tp);
	if (ct)
		ct = tpl_keep(ct, tpl_usable(ct));
	if (ct)
		return ct;

	dest = pick(svc, skb, pkt);
	if (!dest)
		return NULL;
	tp.daddr = &dest->key.addr;
	tp.dport = (tp.vport && dest->key.port) ? dest->key.port : tp.vport;
	return tpl_new(cn, svc, &tp, dest);
}

static struct lvs_conn *sched_persist(struct lvs_conn_net *cn,
				      struct lvs_service *svc,
				      struct sk_buff *skb,
				      const struct lvs_pkt *pkt, u32 flags,
				      bool *drop)
{
	struct lvs_conn *ct, *cp;
	struct lvs_dest *dest;

	ct = tpl_get(cn, svc, skb, pkt, drop);
	if (!ct)
		return NULL;
	dest = ct->dest;
	cp = conn_to(cn, dest, pkt, flags);
	if (cp) {
		lvs_conn_set_control(cp, ct);
		count_conn(svc, dest);
	}
	lvs_conn_put(ct);
	return cp;
}

/*
 * The real server's template for the client (pkt's destination) under
 * the engine's data, made if it has none or one for another server.
 */
static struct lvs_conn *out_tpl(struct lvs_conn_net *cn,
				struct lvs_service *svc, struct lvs_dest *dest,
				const struct lvs_pe *pe, struct sk_buff *skb,
				const struct lvs_pkt *pkt)
{
	union nf_inet_addr snet;
	struct lvs_conn_param tp = {
		.af = pkt->af,
		.protocol = pkt->protocol,
		.caddr = &snet,
		.vaddr = &svc->key.addr,
		.vport = svc->key.port,
		.pe = pe,
	};
	__be32 mask = READ_ONCE(svc->netmask);
	struct lvs_conn *ct;

	memset(&snet, 0, sizeof(snet));
	if (pkt->af == AF_INET)
		snet.ip = pkt->daddr.ip & mask;
	else
		ipv6_addr_prefix(&snet.in6, &pkt->daddr.in6, (__force u32)mask);
	if (pe->get_data(skb, pkt, &tp.pe_data, &tp.pe_data_len))
		return NULL;
	ct = lvs_conn_tpl_get(cn, &tp);
	if (ct)
		ct = tpl_keep(ct, ct->dest == dest && tpl_usable(ct));
	if (ct)
		return ct;
	tp.daddr = &pkt->saddr;
	tp.dport = pkt->sport;
	return tpl_new(cn, svc, &tp, dest);
}

struct lvs_conn *lvs_conn_out_new(struct lvs_conn_net *cn,
				  struct sk_buff *skb,
				  const struct lvs_pkt *pkt)
{
	/* The client is the packet's destination, the real server its source. */
	struct lvs_conn_param p = {
		.af = pkt->af,
		.protocol = pkt->protocol,
		.caddr = &pkt->daddr,
		.cport = pkt->dport,
		.daddr = &pkt->saddr,
		.dport = pkt->sport,
	};
	struct lvs_conn *ct = NULL, *cp;
	struct lvs_service *svc;
	const struct lvs_pe *pe;
	struct lvs_dest *dest;
	u32 svc_flags;

	dest = lvs_rs_find_nat(cn->ln, pkt->af, pkt->protocol, &pkt->saddr,
			       pkt->sport);
	svc = dest ? lvs_dest_svc(dest) : NULL;
	if (!svc)
		return NULL;
	pe = rcu_dereference(svc->pe);
	/* A fwmark service or a port-0 one has no address to answer from. */
	if (!pe || svc->key.fwmark || !svc->key.port || !pkt->sport)
		return NULL;

	svc_flags = READ_ONCE(svc->flags);
	if (svc_flags & IP_VS_SVC_F_PERSISTENT) {
		ct = out_tpl(cn, svc, dest, pe, skb, pkt);
		if (!ct)
			return NULL;
	}
	p.vaddr = &svc->key.addr;
	p.vport = svc->key.port;
	p.daf = lvs_dest_af(dest);
	if (svc_flags & IP_VS_SVC_F_ONEPACKET)
		p.flags = IP_VS_CONN_F_ONE_PACKET;
	cp = lvs_conn_new(cn, &p, dest);
	if (ct) {
		if (cp)
			lvs_conn_set_control(cp, ct);
		lvs_conn_put(ct);
	}
	if (cp)
		count_conn(svc, dest);
	return cp;
}

/* No server: IPVS's answer is ICMP port unreachable (but see FTP). */
static int leave(struct lvs_service *svc, struct sk_buff *skb,
		 const struct lvs_pkt *pkt)
{
	if (svc->key.port == LVS_FTP_PORT && pkt->dport != LVS_FTP_PORT)
		return NF_ACCEPT;
	/* An ICMP error (schedule_icmp) is not answered with another. */
	if (pkt->inverse)
		return NF_DROP;
	if (pkt->af == AF_INET)
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	else
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0);
	return NF_DROP;
}

struct lvs_conn *lvs_schedule(struct lvs_conn_net *cn,
			      struct lvs_service *svc, struct sk_buff *skb,
			      const struct lvs_pkt *pkt, int *verdict)
{
	u32 svc_flags = READ_ONCE(svc->flags), flags = 0;
	struct lvs_dest *dest;
	struct lvs_conn *cp;

	if ((svc_flags & IP_VS_SVC_F_ONEPACKET) &&
	    pkt->protocol == IPPROTO_UDP)
		flags |= IP_VS_CONN_F_ONE_PACKET;

	if (svc_flags & IP_VS_SVC_F_PERSISTENT) {
		bool drop = false;

		cp = sched_persist(cn, svc, skb, pkt, flags, &drop);
		if (!cp)
			*verdict = drop ? NF_DROP : leave(svc, skb, pkt);
		return cp;
	}

	dest = pick(svc, skb, pkt);
	if (!dest) {
		*verdict = leave(svc, skb, pkt);
		return NULL;
	}
	cp = conn_to(cn, dest, pkt, flags);
	if (!cp) {
		*verdict = NF_DROP;
		return NULL;
	}
	count_conn(svc, dest);
	return cp;
}
