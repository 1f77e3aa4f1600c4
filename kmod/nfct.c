// SPDX-License-Identifier: GPL-2.0
/*
 * Conntrack for connections created with conntrack=1, as IPVS does it:
 *  - NAT: the client's first packet reaches us with an unconfirmed entry
 *    whose reply tuple says virtual service -> client; it becomes real
 *    server -> client, so the server's replies match the entry as its
 *    reply direction (the flow is ESTABLISHED to rules, not a new one).
 *    A reply that itself opened the entry gets the mirror change;
 *  - tunnels: the inner packet's entry is confirmed before the packet
 *    gets its outer header, which is then tracked on its own;
 *  - direct routing and local delivery: the entry is simply kept;
 *  - when the connection expires, its entry is killed with it rather
 *    than lingering for conntrack's own (often longer) timeout.
 * Conntrack only runs in a namespace that asked for it (a ct rule, NAT):
 * without an entry on the packet all of this is a no-op.
 */
#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "conn.h"
#include "netns.h"
#include "nfct.h"
#include "service.h"

/* Detach the entry (still unconfirmed: it dies with our reference). */
static void notrack(struct sk_buff *skb)
{
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);

	if (ct) {
		nf_conntrack_put(&ct->ct_general);
		nf_ct_set(skb, NULL, IP_CT_UNTRACKED);
	}
}

/*
 * An entry not yet in conntrack's table may still change its reply
 * tuple; to_server: the packet goes client -> real server, else it is
 * the real server's reply.
 */
static void alter_reply(struct sk_buff *skb, const struct lvs_conn *cp,
			bool to_server)
{
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);
	struct nf_conntrack_tuple t;
	bool ports;

	if (!ct || nf_ct_is_confirmed(ct) || nf_ct_is_dying(ct))
		return;
	/* No reply is expected of one-packet connections. */
	if (lvs_conn_fwd(cp) != IP_VS_CONN_F_MASQ ||
	    (cp->flags & IP_VS_CONN_F_ONE_PACKET) ||
	    CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL)
		return;

	t = ct->tuplehash[IP_CT_DIR_REPLY].tuple;
	ports = t.dst.protonum != IPPROTO_ICMP &&
		t.dst.protonum != IPPROTO_ICMPV6;
	if (to_server) {
		t.src.u3 = cp->daddr;
		if (ports)
			t.src.u.all = cp->dport;
	} else {
		t.dst.u3 = cp->vaddr;
		if (ports)
			t.dst.u.all = cp->vport;
	}
	nf_conntrack_alter_reply(ct, &t);
}

unsigned int lvs_nfct_xmit(struct sk_buff *skb, struct lvs_conn *cp)
{
	skb->ipvs_property = 1;
	if (!(cp->flags & IP_VS_CONN_F_NFCT)) {
		notrack(skb);
		return NF_ACCEPT;
	}
	switch (lvs_conn_fwd(cp)) {
	case IP_VS_CONN_F_MASQ:
		alter_reply(skb, cp, true);
		break;
	case IP_VS_CONN_F_TUNNEL:
		/* The encapsulated packet never reaches a confirm hook. */
		return nf_conntrack_confirm(skb);
	}
	return NF_ACCEPT;
}

void lvs_nfct_reply(struct sk_buff *skb, struct lvs_conn *cp)
{
	skb->ipvs_property = 1;
	if (!(cp->flags & IP_VS_CONN_F_NFCT))
		notrack(skb);
	else
		alter_reply(skb, cp, false);
}

bool lvs_nfct_old_entry(struct lvs_conn *cp, const struct sk_buff *skb)
{
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);

	if (ct && nf_ct_is_confirmed(ct))
		return true;
	/* The tuple's next entry will be the new connection's. */
	spin_lock_bh(&cp->lock);
	cp->flags &= ~IP_VS_CONN_F_NFCT;
	spin_unlock_bh(&cp->lock);
	return false;
}

void lvs_nfct_conn_expired(const struct lvs_conn *cp)
{
	struct nf_conntrack_tuple_hash *h;
	struct nf_conntrack_tuple t;
	struct nf_conn *ct;

	/* Templates (no client port) have no entry of their own. */
	if (!(cp->flags & IP_VS_CONN_F_NFCT) ||
	    (cp->flags & IP_VS_CONN_F_ONE_PACKET) || !cp->cport)
		return;
	/* As IPVS, a namespace going away leaves its entries to conntrack. */
	if (READ_ONCE(cp->cn->flushing))
		return;

	memset(&t, 0, sizeof(t));
	t.src.l3num = cp->af;
	t.src.u3 = cp->caddr;
	t.src.u.all = cp->cport;
	t.dst.u3 = cp->vaddr;
	t.dst.u.all = cp->vport;
	t.dst.protonum = cp->protocol;
	t.dst.dir = IP_CT_DIR_ORIGINAL;

	h = nf_conntrack_find_get(cp->cn->ln->net, &nf_ct_zone_dflt, &t);
	if (!h)
		return;
	ct = nf_ct_tuplehash_to_ctrack(h);
	nf_ct_kill(ct);
	nf_ct_put(ct);
}

void lvs_nfct_svc_nat(struct lvs_service *svc)
{
	struct lvs_net *ln = svc->ln;

	lockdep_assert_held(&ln->mutex);
	if (svc->nfct || svc->key.port != LVS_FTP_PORT)
		return;
	/* NFPROTO_IPV4/6 are AF_INET/6. Best effort, as in IPVS. */
	if (!nf_ct_netns_get(ln->net, lvs_svc_af(svc)))
		svc->nfct = true;
}

void lvs_nfct_svc_put(struct lvs_service *svc)
{
	lockdep_assert_held(&svc->ln->mutex);
	if (!svc->nfct)
		return;
	nf_ct_netns_put(svc->ln->net, lvs_svc_af(svc));
	svc->nfct = false;
}
