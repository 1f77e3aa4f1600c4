// SPDX-License-Identifier: GPL-2.0
#include "sched_sh.h"

void lvs_sh_build(s32 *table, const struct lvs_sched_dest *d, int n)
{
	int i, p = 0, count = 0;

	for (i = 0; i < LVS_SH_TAB_SIZE; i++) {
		if (n <= 0) {
			table[i] = -1;
			continue;
		}
		if (p == n)
			p = 0;
		table[i] = p;
		if (++count >= d[p].weight) {
			p++;
			count = 0;
		}
	}
}

static u32 sh_hash(u32 addr_fold, u16 port)
{
	return lvs_sched_hash_32(addr_fold + port, LVS_SH_TAB_BITS);
}

static const struct lvs_sched_dest *sh_bucket(const s32 *table,
					      const struct lvs_sched_dest *d,
					      int n, u32 bucket)
{
	s32 idx = table[bucket & (LVS_SH_TAB_SIZE - 1)];

	return idx >= 0 && idx < n ? &d[idx] : NULL;
}

static bool sh_unusable(const struct lvs_sched_dest *d)
{
	return d->weight <= 0 || lvs_sched_overloaded(d);
}

int lvs_sh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold, u16 port, u32 svc_flags)
{
	const struct lvs_sched_dest *dest;
	u32 ihash, off;

	if (!(svc_flags & LVS_SCHED_SVC_F_PORT))
		port = 0;
	ihash = sh_hash(addr_fold, port);
	dest = sh_bucket(table, d, n, ihash);
	if (!dest)
		return -1;
	if (!sh_unusable(dest))
		return dest - d;
	if (!(svc_flags & LVS_SCHED_SVC_F_FALLBACK))
		return -1;

	/*
	 * IPVS probes bucket (roffset + hash) with roffset = ihash + off, so
	 * the walk starts at 2 * ihash; keep that quirk, it decides which
	 * dest a client falls back to.
	 */
	for (off = 0; off < LVS_SH_TAB_SIZE; off++) {
		dest = sh_bucket(table, d, n, ihash + off + ihash);
		if (!dest)
			return -1;
		if (!sh_unusable(dest))
			return dest - d;
	}
	return -1;
}
