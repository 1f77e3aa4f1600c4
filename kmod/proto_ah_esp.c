// SPDX-License-Identifier: GPL-2.0
/*
 * AH and ESP (IPsec): packets that never make a connection of their own.
 * A client's AH or ESP packet to a virtual address goes where its IKE
 * exchange (ISAKMP, UDP port 500 on both ends) goes: it is looked up as
 * that UDP connection, whose real server and counters it shares, as IPVS
 * does. No ports, nothing to rewrite but the addresses. IPv6 AH is an
 * extension header to the parser, so only what follows it counts.
 */
#include <linux/in.h>

#include "pkt.h"
#include "proto.h"

#define ISAKMP_PORT	500

static void ike_key(const struct lvs_pkt *pkt, struct lvs_pkt *key)
{
	*key = *pkt;
	key->protocol = IPPROTO_UDP;
	key->sport = htons(ISAKMP_PORT);
	key->dport = htons(ISAKMP_PORT);
}

static void ah_esp_state_transition(struct lvs_conn *cp, enum lvs_dir dir,
				    const struct sk_buff *skb,
				    const struct lvs_pkt *pkt)
{
	/* The UDP connection's state and timeout are its own packets'. */
}

const struct lvs_proto lvs_proto_ah = {
	.name			= "AH",
	.protocol		= IPPROTO_AH,
	.num_states		= 1,
	.csum_off		= -1,
	.state_transition	= ah_esp_state_transition,
	.conn_key		= ike_key,
};

const struct lvs_proto lvs_proto_esp = {
	.name			= "ESP",
	.protocol		= IPPROTO_ESP,
	.num_states		= 1,
	.csum_off		= -1,
	.state_transition	= ah_esp_state_transition,
	.conn_key		= ike_key,
};
