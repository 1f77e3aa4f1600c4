// SPDX-License-Identifier: GPL-2.0
#include "sched_twos.h"

static bool twos_usable(const struct lvs_sched_dest *d)
{
	return !lvs_sched_overloaded(d) && d->weight > 0;
}

/*
 * IPVS draws each random weight in [0, total] inclusive and walks the
 * list subtracting weights; a choice lands where its weight reaches <= 0.
 * Its products are plain int multiplications, which wrap in the kernel
 * (-fno-strict-overflow); u32 arithmetic reproduces that.
 */
int lvs_twos_pick(const struct lvs_sched_dest *d, int n, u32 rand1,
		  u32 rand2)
{
	int i, c1 = -1, c2 = -1;
	s32 r1, r2, w1 = -1, w2 = -1, oh1 = 0, oh2 = 0;
	u32 total = 0;

	for (i = 0; i < n; i++) {
		if (twos_usable(&d[i])) {
			total += (u32)d[i].weight;
			c1 = i;
		}
	}
	if (c1 < 0)
		return -1;

	total += 1;
	r1 = (s32)(rand1 % total);
	r2 = (s32)(rand2 % total);

	for (i = 0; i < n; i++) {
		if (!twos_usable(&d[i]))
			continue;
		r1 -= d[i].weight;
		r2 -= d[i].weight;
		if (r1 <= 0 && w1 == -1) {
			c1 = i;
			w1 = d[i].weight;
			oh1 = lvs_sched_overhead(&d[i]);
		}
		if (r2 <= 0 && w2 == -1) {
			c2 = i;
			w2 = d[i].weight;
			oh2 = lvs_sched_overhead(&d[i]);
		}
		if (w1 != -1 && w2 != -1)
			break;
	}

	if (c2 >= 0 && (s32)((u32)w2 * (u32)oh1) > (s32)((u32)w1 * (u32)oh2))
		c1 = c2;
	return c1;
}
