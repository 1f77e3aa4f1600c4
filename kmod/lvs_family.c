// SPDX-License-Identifier: GPL-2.0
/*
 * lvs.ko's own generic netlink family, "LVS": what the kernel's IPVS does
 * not have lives here, so that the "IPVS" family stays byte for byte the
 * kernel's. A client that cannot resolve it is talking to ip_vs.
 */
#include <lvs/lvs.h>

#include "conn_ctl.h"
#include "lvs_family.h"
#include "nl_admin.h"
#include "nl_fill.h"

/* Every attribute a request may carry, and those only replies carry. */
static const struct nla_policy lvs_policy[LVS_ATTR_MAX + 1] = {
	[LVS_ATTR_SERVICE]		= NLA_POLICY_NESTED(lvs_nl_svc_policy),
	[LVS_ATTR_DEST]			= NLA_POLICY_NESTED(lvs_nl_dest_policy),
	[LVS_ATTR_DAEMON]		= { .type = NLA_NESTED },
	[LVS_ATTR_TIMEOUT_TCP]		= { .type = NLA_U32 },
	[LVS_ATTR_TIMEOUT_TCP_FIN]	= { .type = NLA_U32 },
	[LVS_ATTR_TIMEOUT_UDP]		= { .type = NLA_U32 },
	[LVS_ATTR_VERSION]		= { .type = NLA_U32 },
	[LVS_ATTR_REVIVED]		= { .type = NLA_FLAG },
	[LVS_ATTR_DEST_STATE]		= { .type = NLA_U32 },
	[LVS_ATTR_CONN]			= { .type = NLA_NESTED },
	[LVS_ATTR_COUNT]		= { .type = NLA_U32 },
	[LVS_ATTR_CLIENT_AF]		= { .type = NLA_U16 },
	[LVS_ATTR_CLIENT_ADDR]		= { .type = NLA_BINARY,
					    .len = sizeof(struct in6_addr) },
	[LVS_ATTR_CLIENT_PREFIX]	= { .type = NLA_U8 },
	[LVS_ATTR_PROTOCOL]		= { .type = NLA_U16 },
	[LVS_ATTR_CONN_STATE]		= { .type = NLA_NUL_STRING, .len = 15 },
	[LVS_ATTR_TEMPLATES]		= { .type = NLA_FLAG },
};

static int get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &lvs_own_family, 0,
				LVS_CMD_GET_INFO);
	if (!hdr || nla_put_u32(msg, LVS_ATTR_VERSION, LVS_GENL_VERSION)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
		    struct genl_info *info)
{
	return lvs_nl_may_admin(skb);
}

static const struct genl_ops lvs_ops[] = {
	{
		.cmd	= LVS_CMD_GET_INFO,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= get_info,
	},
	{
		.cmd	= LVS_CMD_GET_CONN,
		.flags	= GENL_UNS_ADMIN_PERM,
		.start	= lvs_conn_ctl_dump_start,
		.dumpit	= lvs_conn_ctl_dump,
		.done	= lvs_conn_ctl_dump_done,
	},
	{
		.cmd	= LVS_CMD_DEL_CONN,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= lvs_conn_ctl_del,
	},
};

/* Events tell the tables: joining needs what reading them needs. */
static const struct genl_multicast_group lvs_mcgrps[] = {
	[LVS_GRP_EVENTS] = {
		.name	= LVS_GENL_MCGRP_EVENTS,
		.flags	= GENL_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family lvs_own_family __ro_after_init = {
	.name		= LVS_GENL_NAME,
	.version	= LVS_GENL_VERSION,
	.maxattr	= LVS_ATTR_MAX,
	.policy		= lvs_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.pre_doit	= pre_doit,
	.ops		= lvs_ops,
	.n_ops		= ARRAY_SIZE(lvs_ops),
	.mcgrps		= lvs_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(lvs_mcgrps),
};

int __init lvs_own_family_init(void)
{
	return genl_register_family(&lvs_own_family);
}

void lvs_own_family_exit(void)
{
	genl_unregister_family(&lvs_own_family);
}
