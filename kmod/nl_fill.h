/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_NL_FILL_H
#define _LVS_NL_FILL_H

#include <linux/skbuff.h>
#include <net/netlink.h>
#include <lvs/ipvs.h>

struct lvs_daemon_cfg;
struct lvs_dest;
struct lvs_service;
struct lvs_svc_key;

/* What a service or dest nest may hold, in requests of either family. */
extern const struct nla_policy lvs_nl_svc_policy[IPVS_SVC_ATTR_MAX + 1];
extern const struct nla_policy lvs_nl_dest_policy[IPVS_DEST_ATTR_MAX + 1];

/* AF_INET, and AF_INET6 unless IPv6 is disabled. */
bool lvs_nl_af_supported(int af);

/*
 * The key of a service nest parsed with lvs_nl_svc_policy: AF with
 * PROTOCOL, ADDR and PORT, or with FWMARK. -EINVAL if they are missing,
 * -EAFNOSUPPORT for a family we do not serve.
 */
int lvs_nl_svc_key(struct nlattr **a, struct lvs_svc_key *k);

/*
 * Each puts one nest, IPVS_CMD_ATTR_SERVICE, _DEST or _DAEMON, with the
 * object's settings and counters; -EMSGSIZE (and nothing put) if it does
 * not fit. The caller keeps the object alive: ln->mutex or an RCU read
 * section.
 */
int lvs_nl_put_service(struct sk_buff *skb, struct lvs_service *svc);
int lvs_nl_put_dest(struct sk_buff *skb, struct lvs_dest *dest);
int lvs_nl_put_daemon(struct sk_buff *skb, u32 state,
		      const struct lvs_daemon_cfg *c);

#endif /* _LVS_NL_FILL_H */
