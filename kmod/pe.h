/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Persistence engines: what keys a persistent service's templates
 * besides the client network. A service binds one by name (--pe, read
 * under RCU as svc->pe); IPVS answers ENOENT for a name it cannot load,
 * and so do we for one we do not have. Engines are built in and never go
 * away, so nothing holds a reference on them.
 *
 * The engine's data (the SIP Call-ID for "sip") is found in the first
 * packet of each new connection; a template made for it keeps a copy
 * (cp->pe_data, freed with the template), is found only by the same data,
 * is listed with it in /proc/net/ip_vs_conn and is synced with it.
 */
#ifndef _LVS_PE_H
#define _LVS_PE_H

#include <linux/types.h>

struct sk_buff;
struct lvs_pkt;

/* IPVS's limits, which the sync protocol's options share. */
#define LVS_PE_NAME_MAX		16
#define LVS_PE_DATA_MAX		255

struct lvs_pe {
	const char *name;
	/*
	 * The engine's data for this packet, pointing into skb's linear
	 * data (which it may linearize: pkt's offsets stay valid), or a
	 * negative error: the packet is then dropped, as IPVS does. Runs in
	 * the packet path under rcu_read_lock().
	 */
	int (*get_data)(struct sk_buff *skb, const struct lvs_pkt *pkt,
			const char **data, u8 *len);
};

extern const struct lvs_pe lvs_pe_sip;

/* NULL for an unknown name; len bytes of name, not NUL-terminated. */
const struct lvs_pe *lvs_pe_find_n(const char *name, size_t len);
const struct lvs_pe *lvs_pe_find(const char *name);

/*
 * The SIP Call-ID of a message (buf, len bytes), as IPVS's ip_vs_pe_sip
 * finds it: 0 and *off, *vlen, or -EINVAL. Pure: reads only buf.
 */
int lvs_sip_callid(const char *buf, unsigned int len, unsigned int *off,
		   unsigned int *vlen);

#endif /* _LVS_PE_H */
