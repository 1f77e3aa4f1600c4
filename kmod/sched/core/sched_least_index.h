/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_CORE_SCHED_LEAST_INDEX_H
#define _LVS_CORE_SCHED_LEAST_INDEX_H

#include "sched_dest.h"

/*
 * Fast path for the least-load schedulers (lc, wlc, sed, nq): a tournament
 * tree over the dest array whose root is the dest the IPVS scan would pick,
 * so a pick costs O(1) and a change of one dest O(log n) instead of a scan
 * of every dest per new connection.
 *
 * Each scan keeps the first dest with the smallest load (later dests only
 * replace it when strictly smaller), so its answer is the minimum of a
 * total order: (usable first, load, index). The tree keeps that minimum.
 * States the order cannot express (negative weights, or a weight 0 dest
 * whose overhead wrapped negative, which the wlc/sed cross products let
 * win) are counted, and while any exists pick falls back to the scan.
 *
 * The caller owns the storage (lvs_least_index_cap() slots of tree and
 * odd) and calls lvs_least_index_update() after changing d[i] (its
 * connection counters, weight or flags) and lvs_least_index_build() after
 * dests were added or removed.
 */
enum lvs_least_kind {
	LVS_LEAST_LC,
	LVS_LEAST_WLC,
	LVS_LEAST_SED,
	LVS_LEAST_NQ,
};

struct lvs_least_index {
	enum lvs_least_kind kind;
	int n;
	int cap;	/* leaves: a power of two >= n */
	s32 *tree;	/* 2 * cap entries; tree[1] is the root */
	u8 *odd;	/* cap entries: d[i] is in a state the order lacks */
	int odd_count;
};

/* Leaves needed for @n dests (tree takes twice that, odd once). */
int lvs_least_index_cap(int n);

void lvs_least_index_init(struct lvs_least_index *idx,
			  enum lvs_least_kind kind, s32 *tree, u8 *odd,
			  int cap);
/* (Re)build over d[0..n); n must not exceed cap. */
void lvs_least_index_build(struct lvs_least_index *idx,
			   const struct lvs_sched_dest *d, int n);
void lvs_least_index_update(struct lvs_least_index *idx,
			    const struct lvs_sched_dest *d, int i);
int lvs_least_index_pick(const struct lvs_least_index *idx,
			 const struct lvs_sched_dest *d);

/* The plain scan of @kind, the reference the index must agree with. */
int lvs_least_scan(enum lvs_least_kind kind, const struct lvs_sched_dest *d,
		   int n);

#endif /* _LVS_CORE_SCHED_LEAST_INDEX_H */
