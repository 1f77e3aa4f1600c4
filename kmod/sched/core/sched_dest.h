/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The view of one real server that every scheduler decision in kmod/sched/core/
 * reads. The kernel glue fills an array of these in IPVS list order (see
 * README): index 0 is the dest added most recently, because IPVS links new
 * dests at the head of svc->destinations (list_add_rcu in
 * __ip_vs_update_dest), and every IPVS scheduler walks that list from the
 * head. Schedulers answer with an index into that array, or -1.
 */
#ifndef _LVS_CORE_SCHED_DEST_H
#define _LVS_CORE_SCHED_DEST_H

#include "types.h"

/* Dest is linked to its service (IPVS: IP_VS_DEST_F_AVAILABLE). */
#define LVS_SCHED_F_AVAILABLE	0x0001
/* Upper connection threshold reached (IPVS: IP_VS_DEST_F_OVERLOAD). */
#define LVS_SCHED_F_OVERLOAD	0x0002

/* Service scheduler flags, same bits as IP_VS_SVC_F_SCHED1/2. */
#define LVS_SCHED_SVC_F_FALLBACK	0x0008	/* sh-fallback, mh-fallback */
#define LVS_SCHED_SVC_F_PORT		0x0010	/* sh-port, mh-port */

struct lvs_sched_dest {
	s32 weight;		/* current weight, 0 = quiesced */
	s32 last_weight;	/* latest non-zero weight (mh only) */
	s32 activeconns;
	s32 inactconns;
	u32 flags;		/* LVS_SCHED_F_* */
	u32 addr_fold;		/* lvs_sched_addr_fold() of the dest (mh) */
	u16 port;		/* dest port, host order (mh) */
};

/*
 * Connection overhead as Debian's 6.1 ip_vs computes it: that kernel keeps
 * activeconns and totalconns (= active + inactive) and returns
 * (activeconns << 8) + totalconns, in int arithmetic that wraps. Mainline
 * adds inactconns instead; this is the one place to change for that.
 */
static inline s32 lvs_sched_overhead(const struct lvs_sched_dest *d)
{
	u32 active = (u32)d->activeconns;
	u32 total = active + (u32)d->inactconns;

	return (s32)((active << 8) + total);
}

static inline bool lvs_sched_overloaded(const struct lvs_sched_dest *d)
{
	return d->flags & LVS_SCHED_F_OVERLOAD;
}

/*
 * IPVS hashes IPv6 addresses by xoring the four 32-bit words and IPv4 by
 * its only word, then uses the result in host order. @addr is in network
 * order (4 bytes for IPv4, 16 for IPv6).
 */
static inline u32 lvs_sched_addr_fold(const u8 *addr, bool v6)
{
	u32 fold = 0;
	int i, words = v6 ? 4 : 1;

	for (i = 0; i < words; i++, addr += 4)
		fold ^= (u32)addr[0] << 24 | (u32)addr[1] << 16 |
			(u32)addr[2] << 8 | (u32)addr[3];
	return fold;
}

/* The kernel's hash_32(): multiply by GOLDEN_RATIO_32, keep the top bits. */
static inline u32 lvs_sched_hash_32(u32 val, unsigned int bits)
{
	return (val * 0x61C88647u) >> (32 - bits);
}

static inline s32 lvs_sched_gcd(s32 a, s32 b)
{
	while (b) {
		s32 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

#endif /* _LVS_CORE_SCHED_DEST_H */
