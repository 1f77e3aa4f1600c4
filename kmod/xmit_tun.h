/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The encapsulations a tunnel can put between the outer IP header and the
 * client's packet (xmit_tun.c builds the rest). Each one answers how many
 * bytes it adds, which GSO type the packet becomes, and pushes its header
 * in front of skb->data, turning *proto (the protocol the outer header
 * announces) into its own.
 */
#ifndef _LVS_XMIT_TUN_H
#define _LVS_XMIT_TUN_H

#include <linux/types.h>

struct sk_buff;
struct net;
union nf_inet_addr;

/* What a dest asks for, read once per packet. */
struct lvs_tun_conf {
	u8 type;		/* IP_VS_CONN_F_TUNNEL_TYPE_* */
	u16 flags;		/* IP_VS_TUNNEL_ENCAP_FLAG_* */
	__be16 port;		/* GUE: the real server's UDP port */
	int outer_af;		/* the real server's family */
};

/* GUE: UDP, then the GUE header (xmit_tun_gue.c). */
unsigned int lvs_gue_hlen(const struct sk_buff *skb,
			  const struct lvs_tun_conf *t);
int lvs_gue_gso_type(const struct sk_buff *skb, const struct lvs_tun_conf *t);
int lvs_gue_push(struct sk_buff *skb, struct net *net,
		 const struct lvs_tun_conf *t, u8 *proto);
/* Once the outer addresses are known: the UDP checksum. */
void lvs_gue_csum(struct sk_buff *skb, const struct lvs_tun_conf *t,
		  const union nf_inet_addr *saddr,
		  const union nf_inet_addr *daddr);

/* Header lengths in an ICMP error's quote, 0: not ours (icmp.c). */
unsigned int lvs_gue_quoted_len(const struct sk_buff *skb, unsigned int off);
unsigned int lvs_gre_quoted_len(const struct sk_buff *skb, unsigned int off);

/* GRE (xmit_tun_gre.c). */
unsigned int lvs_gre_hlen(const struct lvs_tun_conf *t);
int lvs_gre_gso_type(const struct lvs_tun_conf *t);
void lvs_gre_push(struct sk_buff *skb, const struct lvs_tun_conf *t,
		  u8 *proto);

#endif /* _LVS_XMIT_TUN_H */
