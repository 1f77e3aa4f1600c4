// SPDX-License-Identifier: GPL-2.0
/* The per-dest route cache; the rules are in dest_route.h. */
#include <linux/bottom_half.h>
#include <net/dst_cache.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "conn.h"
#include "dest.h"
#include "dest_route.h"
#include "netns.h"
#include "xmit.h"

int lvs_dest_route_init(struct lvs_dest *dest)
{
	return dst_cache_init(&dest->dst_cache, GFP_KERNEL);
}

/* Lazy: each CPU drops its entry at its next lookup. */
void lvs_dest_route_reset(struct lvs_dest *dest)
{
	/* The new settings first; pairs with lvs_conn_route()'s check. */
	smp_mb();
	dst_cache_reset(&dest->dst_cache);
}

/* Nobody uses the dest any more (its RCU grace period is over). */
void lvs_dest_route_destroy(struct lvs_dest *dest)
{
	dst_cache_destroy(&dest->dst_cache);
}

/* The lookup flags the dest's current forwarding method asks for. */
static unsigned int dest_rt_flags(const struct lvs_dest *dest)
{
	switch (lvs_dest_fwd(dest)) {
	case IP_VS_CONN_F_DROUTE:
		return LVS_RT_KNOWN_NH;
	case IP_VS_CONN_F_TUNNEL:
		return LVS_RT_SADDR;
	default:
		return 0;
	}
}

static bool cache_get(struct lvs_dest *dest, int af, struct lvs_route *r)
{
	struct dst_entry *dst;

	memset(r, 0, sizeof(*r));
	if (af == AF_INET) {
		struct rtable *rt = dst_cache_get_ip4(&dest->dst_cache,
						      &r->saddr.ip);

		if (!rt)
			return false;
		dst = &rt->dst;
		r->local = rt->rt_type == RTN_LOCAL;
	} else {
		dst = dst_cache_get_ip6(&dest->dst_cache, &r->saddr.in6);
		if (!dst)
			return false;
		r->local = dst->dev && (dst->dev->flags & IFF_LOOPBACK);
	}
	r->dst = dst;
	/* Read per packet: a PMTU update reaches the next one. */
	r->mtu = dst_mtu(dst);
	return true;
}

static void cache_set(struct lvs_dest *dest, int af,
		      const struct lvs_route *r)
{
	if (af == AF_INET)
		dst_cache_set_ip4(&dest->dst_cache, r->dst, r->saddr.ip);
	else
		dst_cache_set_ip6(&dest->dst_cache, r->dst, &r->saddr.in6);
}

int lvs_conn_route(struct lvs_conn *cp, unsigned int flags,
		   struct lvs_route *r)
{
	struct lvs_dest *dest = cp->dest;
	struct net *net = cp->cn->ln->net;
	int ret;

	if (!dest || dest_rt_flags(dest) != flags)
		return lvs_route(net, cp->daf, &cp->daddr, flags, r);

	/* dst_cache wants BH off; LOCAL_OUT may run with it on. */
	local_bh_disable();
	if (cache_get(dest, cp->daf, r)) {
		local_bh_enable();
		return 0;
	}
	ret = lvs_route(net, cp->daf, &cp->daddr, flags, r);
	if (!ret) {
		cache_set(dest, cp->daf, r);
		/*
		 * An edit between our check and the set may have reset the
		 * cache before we filled it for the old method: reset again
		 * (an entry set before a reset, or in its jiffy, is stale).
		 */
		smp_mb();
		if (dest_rt_flags(dest) != flags)
			lvs_dest_route_reset(dest);
	}
	local_bh_enable();
	return ret;
}
