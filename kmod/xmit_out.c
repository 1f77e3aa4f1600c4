// SPDX-License-Identifier: GPL-2.0
/* Routing, TTL, MTU and sending, shared by every forwarding method. */
#include <linux/bottom_half.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/dst_cache.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>

#include "conn.h"
#include "dest.h"
#include "dest_route.h"
#include "netns.h"
#include "pkt.h"
#include "xmit.h"

int lvs_route(struct net *net, int af, const union nf_inet_addr *daddr,
	      unsigned int flags, struct lvs_route *r)
{
	memset(r, 0, sizeof(*r));
	if (af == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = daddr->ip,
			.flowi4_flags = (flags & LVS_RT_KNOWN_NH) ?
					FLOWI_FLAG_KNOWN_NH : 0,
		};
		struct rtable *rt = ip_route_output_key(net, &fl4);

		if (IS_ERR(rt))
			return PTR_ERR(rt);
		r->dst = &rt->dst;
		r->local = rt->rt_type == RTN_LOCAL;
		r->saddr.ip = fl4.saddr;
	} else {
		struct flowi6 fl6 = {
			.daddr = daddr->in6,
			.flowi6_flags = (flags & LVS_RT_KNOWN_NH) ?
					FLOWI_FLAG_KNOWN_NH : 0,
		};
		struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
		int err = dst->error;

		if (err) {
			dst_release(dst);
			return err;
		}
		r->dst = dst;
		r->local = dst->dev && (dst->dev->flags & IFF_LOOPBACK);
		if ((flags & LVS_RT_SADDR) && !r->local &&
		    ipv6_dev_get_saddr(net, ip6_dst_idev(dst)->dev,
				       &daddr->in6, 0, &r->saddr.in6)) {
			dst_release(dst);
			return -EADDRNOTAVAIL;
		}
	}
	r->mtu = dst_mtu(r->dst);
	return 0;
}

/*
 * nf_defrag_ipv6 reassembled it (and set ignore_df): it leaves in
 * fragments no larger than those it came in, the largest of which is
 * what must fit.
 */
static unsigned int defrag6_max(const struct sk_buff *skb, int af)
{
	return af == AF_INET6 ? IP6CB(skb)->frag_max_size : 0;
}

bool lvs_xmit_too_big(const struct sk_buff *skb, int af, unsigned int mtu)
{
	unsigned int frag_max = defrag6_max(skb, af);

	if (frag_max)
		return frag_max > mtu;
	return skb->len > mtu &&
	       !(skb_is_gso(skb) && skb_gso_validate_network_len(skb, mtu));
}

/* IPv4 fragments what has no DF; IPv6 routers never fragment. */
bool lvs_xmit_mtu_ok(struct sk_buff *skb, int af, unsigned int mtu)
{
	if (!lvs_xmit_too_big(skb, af, mtu) ||
	    (skb->ignore_df && !defrag6_max(skb, af)))
		return true;
	if (af == AF_INET) {
		if (!(ip_hdr(skb)->frag_off & htons(IP_DF)))
			return true;
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			  htonl(mtu));
	} else {
		if (mtu < IPV6_MIN_MTU)
			mtu = IPV6_MIN_MTU;
		icmpv6_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	}
	return false;
}

bool lvs_xmit_dec_ttl(struct sk_buff *skb, int af)
{
	if (af == AF_INET) {
		if (ip_hdr(skb)->ttl <= 1) {
			icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
			return false;
		}
		if (skb_ensure_writable(skb, sizeof(struct iphdr)))
			return false;
		ip_decrease_ttl(ip_hdr(skb));
	} else {
		if (ipv6_hdr(skb)->hop_limit <= 1) {
			icmpv6_send(skb, ICMPV6_TIME_EXCEED,
				    ICMPV6_EXC_HOPLIMIT, 0);
			return false;
		}
		if (skb_ensure_writable(skb, sizeof(struct ipv6hdr)))
			return false;
		ipv6_hdr(skb)->hop_limit--;
	}
	return true;
}

/* Consumes dst; the packet leaves through LOCAL_OUT. */
int lvs_xmit_send(struct sk_buff *skb, int af, struct dst_entry *dst)
{
	struct net *net = dev_net(dst->dev);

	/* A socket found by early demux belongs to the director, not us. */
	if (skb->sk && skb->destructor == sock_edemux)
		skb_orphan(skb);
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	skb->ipvs_property = 1;
	skb_forward_csum(skb);
	if (skb->dev)
		skb_clear_tstamp(skb);
	if (af == AF_INET) {
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, net, NULL, skb, NULL,
			dst->dev, dst_output);
	} else {
		u16 frag_max = IP6CB(skb)->frag_max_size;

		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		/* ip6_fragment() cuts a reassembled packet as it came. */
		IP6CB(skb)->frag_max_size = frag_max;
		NF_HOOK(NFPROTO_IPV6, NF_INET_LOCAL_OUT, net, NULL, skb, NULL,
			dst->dev, dst_output);
	}
	return NF_STOLEN;
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

static bool cache_get(struct dst_cache *cache, int af, struct lvs_route *r)
{
	struct dst_entry *dst;

	memset(r, 0, sizeof(*r));
	if (af == AF_INET) {
		struct rtable *rt = dst_cache_get_ip4(cache, &r->saddr.ip);

		if (!rt)
			return false;
		dst = &rt->dst;
		r->local = rt->rt_type == RTN_LOCAL;
	} else {
		dst = dst_cache_get_ip6(cache, &r->saddr.in6);
		if (!dst)
			return false;
		r->local = dst->dev && (dst->dev->flags & IFF_LOOPBACK);
	}
	r->dst = dst;
	/* Read per packet: a PMTU update reaches the next one. */
	r->mtu = dst_mtu(dst);
	return true;
}

static void cache_set(struct dst_cache *cache, int af,
		      const struct lvs_route *r)
{
	if (af == AF_INET)
		dst_cache_set_ip4(cache, r->dst, r->saddr.ip);
	else
		dst_cache_set_ip6(cache, r->dst, &r->saddr.in6);
}

/*
 * The route for a connection: through its dest's cache (dest_route.h)
 * when the dest still forwards the way this lookup is for.
 */
int lvs_conn_route(struct lvs_conn *cp, unsigned int flags,
		   struct lvs_route *r)
{
	struct lvs_dest *dest = cp->dest;
	struct net *net = cp->cn->ln->net;
	struct dst_cache *cache;
	int ret;

	if (!dest || dest_rt_flags(dest) != flags)
		return lvs_route(net, cp->daf, &cp->daddr, flags, r);

	rcu_read_lock();
	cache = lvs_dest_route_cache(dest);
	if (!cache) {
		rcu_read_unlock();
		return lvs_route(net, cp->daf, &cp->daddr, flags, r);
	}
	/* dst_cache wants BH off; LOCAL_OUT may run with it on. */
	local_bh_disable();
	if (cache_get(cache, cp->daf, r)) {
		local_bh_enable();
		rcu_read_unlock();
		return 0;
	}
	ret = lvs_route(net, cp->daf, &cp->daddr, flags, r);
	if (!ret) {
		cache_set(cache, cp->daf, r);
		/*
		 * An edit between our check and the set may have reset the
		 * cache before we filled it for the old method: reset again
		 * (an entry set before a reset, or in its jiffy, is stale).
		 */
		smp_mb();
		if (dest_rt_flags(dest) != flags)
			dst_cache_reset(cache);
	}
	local_bh_enable();
	rcu_read_unlock();
	return ret;
}
