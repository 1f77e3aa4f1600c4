// SPDX-License-Identifier: GPL-2.0
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <net/ipv6.h>

#include "addr.h"
#include "dest.h"
#include "netns.h"
#include "real_table.h"

void lvs_rs_table_init(struct lvs_rs_table *t)
{
	int i;

	for (i = 0; i < LVS_RS_TAB_SIZE; i++)
		INIT_HLIST_HEAD(&t->heads[i]);
}

static u32 bucket(int af, const union nf_inet_addr *addr, __be16 port)
{
	u32 a = (__force u32)addr->ip;

	if (af == AF_INET6)
		a = (__force u32)(addr->ip6[0] ^ addr->ip6[1] ^
				  addr->ip6[2] ^ addr->ip6[3]);
	return jhash_2words(a, (__force u32)port, af) &
	       (LVS_RS_TAB_SIZE - 1);
}

/* IPVS's rule: which dests are in the table, and under which port. */
static bool wanted_port(const struct lvs_dest *dest, __be16 *port)
{
	switch (lvs_dest_fwd(dest)) {
	case IP_VS_CONN_F_MASQ:
		*port = dest->key.port;
		return true;
	case IP_VS_CONN_F_TUNNEL:
		switch (dest->tun_type) {
		case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
			*port = dest->tun_port;
			return true;
		case IP_VS_CONN_F_TUNNEL_TYPE_IPIP:
		case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
			*port = 0;
			return true;
		}
		return false;
	}
	return false;
}

void lvs_rs_unhash(struct lvs_dest *dest)
{
	if (!dest->in_rs_table)
		return;
	hlist_del_rcu(&dest->rs_node);
	dest->in_rs_table = false;
}

void lvs_rs_rehash(struct lvs_net *ln, struct lvs_dest *dest)
{
	__be16 port;

	lockdep_assert_held(&ln->mutex);
	if (!wanted_port(dest, &port)) {
		lvs_rs_unhash(dest);
		return;
	}
	/* Already where it belongs: readers walking past it lose nothing. */
	if (dest->in_rs_table && dest->rs_port == port)
		return;
	lvs_rs_unhash(dest);
	dest->rs_port = port;
	hlist_add_head_rcu(&dest->rs_node,
			   &ln->rs_table.heads[bucket(lvs_dest_af(dest),
						      &dest->key.addr, port)]);
	dest->in_rs_table = true;
}

struct lvs_dest *lvs_rs_find_nat(struct lvs_net *ln, int af, u8 protocol,
				 const union nf_inet_addr *addr, __be16 port)
{
	struct hlist_head *head = &ln->rs_table.heads[bucket(af, addr, port)];
	struct lvs_dest *dest;

	hlist_for_each_entry_rcu(dest, head, rs_node) {
		/* A fwmark service's dest serves every protocol. */
		if (dest->key.port == port && lvs_dest_af(dest) == af &&
		    lvs_addr_eq(af, &dest->key.addr, addr) &&
		    (dest->protocol == protocol || dest->vfwmark) &&
		    lvs_dest_fwd(dest) == IP_VS_CONN_F_MASQ)
			return dest;
	}
	return NULL;
}

bool lvs_rs_has_nat(struct lvs_net *ln, int af, u8 protocol,
		    const union nf_inet_addr *addr, __be16 port)
{
	return lvs_rs_find_nat(ln, af, protocol, addr, port);
}

struct lvs_dest *lvs_rs_find_tunnel(struct lvs_net *ln, int af,
				    const union nf_inet_addr *addr,
				    __be16 tun_port)
{
	struct hlist_head *head;
	struct lvs_dest *dest;

	head = &ln->rs_table.heads[bucket(af, addr, tun_port)];
	hlist_for_each_entry_rcu(dest, head, rs_node) {
		if (READ_ONCE(dest->tun_port) == tun_port &&
		    lvs_dest_af(dest) == af &&
		    lvs_addr_eq(af, &dest->key.addr, addr) &&
		    lvs_dest_fwd(dest) == IP_VS_CONN_F_TUNNEL)
			return dest;
	}
	return NULL;
}
