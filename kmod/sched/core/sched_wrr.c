// SPDX-License-Identifier: GPL-2.0
#include "sched_wrr.h"

static int wrr_gcd_weight(const struct lvs_sched_dest *d, int n)
{
	int i, g = 0;

	for (i = 0; i < n; i++) {
		if (d[i].weight <= 0)
			continue;
		g = g ? lvs_sched_gcd(d[i].weight, g) : d[i].weight;
	}
	return g ? g : 1;
}

static int wrr_max_weight(const struct lvs_sched_dest *d, int n)
{
	int i, mw = 0;

	for (i = 0; i < n; i++)
		if (d[i].weight > mw)
			mw = d[i].weight;
	return mw;
}

void lvs_wrr_init(struct lvs_wrr_state *st, const struct lvs_sched_dest *d,
		  int n)
{
	st->cl = -1;
	st->di = wrr_gcd_weight(d, n);
	st->mw = wrr_max_weight(d, n) - (st->di - 1);
	st->cw = st->mw;
}

/*
 * Like IPVS: restart from the head, and keep cw where it was when it still
 * fits, only snapped up to the pass grid of the new gcd.
 */
void lvs_wrr_dest_changed(struct lvs_wrr_state *st,
			  const struct lvs_sched_dest *d, int n)
{
	st->cl = -1;
	st->di = wrr_gcd_weight(d, n);
	st->mw = wrr_max_weight(d, n) - (st->di - 1);
	if (st->cw > st->mw || !st->cw)
		st->cw = st->mw;
	else if (st->di > 1)
		st->cw = (st->cw / st->di) * st->di + 1;
}

/*
 * Positions run -1 (the head), 0 .. n - 1. A walk that started after a
 * dest (not the head) only ends once every dest was tried at cw <= di,
 * which takes one more partial pass up to that dest (@stop).
 */
int lvs_wrr_pick(struct lvs_wrr_state *st, const struct lvs_sched_dest *d,
		 int n)
{
	int last = st->cl, stop = -2, p = st->cl;
	bool last_pass = false, restarted = false;

	if (st->mw == 0)
		return -1;
	if (p >= n)	/* stale cursor: the caller skipped dest_changed */
		p = last = -1;
	for (;;) {
		for (p++; p < n; p++) {
			if (!lvs_sched_overloaded(&d[p]) &&
			    d[p].weight >= st->cw) {
				st->cl = p;
				return p;
			}
			if (p == stop) {
				st->cl = p;
				return -1;
			}
		}
		p = -1;
		st->cw -= st->di;
		if (st->cw <= 0) {
			st->cw = st->mw;
			if (last_pass || last == -1) {
				st->cl = -1;
				return -1;
			}
			restarted = true;
		}
		last_pass = st->cw <= st->di;
		if (last_pass && restarted && last != -1)
			stop = last;
	}
}
