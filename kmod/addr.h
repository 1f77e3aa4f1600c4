/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_ADDR_H
#define _LVS_ADDR_H

#include <linux/netfilter.h>
#include <net/ipv6.h>

/* Two addresses of family @af: an IPv4 one compares only its 4 bytes. */
static inline bool lvs_addr_eq(int af, const union nf_inet_addr *a,
			       const union nf_inet_addr *b)
{
	if (af == AF_INET6)
		return ipv6_addr_equal(&a->in6, &b->in6);
	return a->ip == b->ip;
}

#endif /* _LVS_ADDR_H */
