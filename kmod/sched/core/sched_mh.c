// SPDX-License-Identifier: GPL-2.0
#include "sched_mh.h"

static u32 mh_hash(u32 addr_fold, u16 port, u64 key, u32 offset)
{
	return lvs_hsiphash_u32(offset + port + addr_fold, key, key);
}

static int mh_fls(u32 x)
{
	int r = 0;

	while (x) {
		x >>= 1;
		r++;
	}
	return r;
}

static s32 mh_gcd_weight(const struct lvs_sched_dest *d, int n)
{
	s32 g = 0;
	int i;

	for (i = 0; i < n; i++) {
		s32 w = d[i].last_weight;

		if (w > 0)
			g = g > 0 ? lvs_sched_gcd(w, g) : w;
	}
	return g;
}

/* Keep only the top LVS_MH_TAB_BITS bits of max_weight / gcd. */
static int mh_shift_weight(const struct lvs_sched_dest *d, int n, s32 gcd)
{
	s32 mw = 0;
	int i, shift;

	if (gcd < 1)
		return 0;
	for (i = 0; i < n; i++)
		if (d[i].last_weight > mw)
			mw = d[i].last_weight;
	shift = mh_fls(mw / gcd) - LVS_MH_TAB_BITS;
	return shift > 0 ? shift : 0;
}

static void mh_permutate(struct lvs_mh_setup *setup,
			 const struct lvs_sched_dest *d, int n, s32 gcd,
			 int rshift)
{
	int i;

	for (i = 0; i < n; i++) {
		struct lvs_mh_setup *ds = &setup[i];
		s32 lw = d[i].last_weight;

		ds->offset = mh_hash(d[i].addr_fold, d[i].port, LVS_MH_KEY1,
				     0) % LVS_MH_TAB_SIZE;
		ds->skip = mh_hash(d[i].addr_fold, d[i].port, LVS_MH_KEY2,
				   0) % (LVS_MH_TAB_SIZE - 1) + 1;
		ds->perm = ds->offset;
		ds->turns = (lw / gcd) >> rshift;
		if (!ds->turns)
			ds->turns = lw != 0;
	}
}

/*
 * Round after round over the list, each dest claims "turns" positions,
 * each its next free one along offset + k * skip, until the table is full.
 * A position is free while it still holds -1.
 */
static void mh_populate(s32 *table, struct lvs_mh_setup *setup, int n)
{
	int i, filled = 0, count = 0;

	for (i = 0; i < LVS_MH_TAB_SIZE; i++)
		table[i] = -1;

	for (;;) {
		int p = 0;

		while (p < n) {
			struct lvs_mh_setup *ds = &setup[p];

			if (ds->turns < 1) {
				p++;
				continue;
			}
			while (table[ds->perm] >= 0) {
				ds->perm += ds->skip;
				if (ds->perm >= LVS_MH_TAB_SIZE)
					ds->perm -= LVS_MH_TAB_SIZE;
			}
			table[ds->perm] = p;
			if (++filled == LVS_MH_TAB_SIZE)
				return;
			if (++count >= ds->turns) {
				count = 0;
				p++;
			}
		}
	}
}

int lvs_mh_build(s32 *table, struct lvs_mh_setup *setup,
		 const struct lvs_sched_dest *d, int n)
{
	s32 gcd;
	int i;

	if (n > LVS_MH_TAB_SIZE)
		return -1;
	gcd = mh_gcd_weight(d, n);
	if (gcd < 1) {
		/* No dest with a weight: IPVS empties the table. */
		for (i = 0; i < LVS_MH_TAB_SIZE; i++)
			table[i] = -1;
		return 0;
	}
	mh_permutate(setup, d, n, gcd, mh_shift_weight(d, n, gcd));
	mh_populate(table, setup, n);
	return 0;
}

static const struct lvs_sched_dest *mh_slot(const s32 *table,
					    const struct lvs_sched_dest *d,
					    int n, u32 hash)
{
	s32 idx = table[hash % LVS_MH_TAB_SIZE];

	return idx >= 0 && idx < n ? &d[idx] : NULL;
}

static bool mh_unusable(const struct lvs_sched_dest *d)
{
	return d->weight <= 0 || lvs_sched_overloaded(d);
}

int lvs_mh_pick(const s32 *table, const struct lvs_sched_dest *d, int n,
		u32 addr_fold, u16 port, u32 svc_flags)
{
	const struct lvs_sched_dest *dest;
	u32 ihash, off;

	if (!(svc_flags & LVS_SCHED_SVC_F_PORT))
		port = 0;
	ihash = mh_hash(addr_fold, port, LVS_MH_KEY1, 0) % LVS_MH_TAB_SIZE;
	dest = mh_slot(table, d, n, ihash);
	if (!dest)
		return -1;
	if (!mh_unusable(dest))
		return dest - d;
	if (!(svc_flags & LVS_SCHED_SVC_F_FALLBACK))
		return -1;

	/* Rehash with growing offsets, starting from the first position. */
	for (off = 0; off < LVS_MH_TAB_SIZE; off++) {
		u32 roff = (off + ihash) % LVS_MH_TAB_SIZE;

		dest = mh_slot(table, d, n,
			       mh_hash(addr_fold, port, LVS_MH_KEY1, roff));
		if (!dest)
			return -1;
		if (!mh_unusable(dest))
			return dest - d;
	}
	return -1;
}
