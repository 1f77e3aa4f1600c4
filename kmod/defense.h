/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory defense, with IPVS's meanings. Once a second (and whenever one
 * of the three mode sysctls is written) the namespace compares the free
 * memory with amemthresh and derives from drop_entry, drop_packet and
 * secure_tcp what the packet path does:
 *  - drop_entry: idle connections are dropped at random, 1/32 of the
 *    table per second;
 *  - drop_packet: one in drop_rate new connections is refused;
 *  - secure_tcp: TCP follows the stricter state table.
 * Each mode: 0 off, 1 on when memory is short (the sysctl then reads 2
 * until memory is back, when it goes back to 1), 3 always on.
 */
#ifndef _LVS_DEFENSE_H
#define _LVS_DEFENSE_H

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct lvs_net;
struct lvs_conn_net;

/* Derived from the sysctls, in struct lvs_net; the packet path reads it. */
struct lvs_defense {
	spinlock_t lock;		/* the mode sysctls' automatic moves */
	bool drop_entry;		/* drop idle connections now */
	bool secure_tcp;		/* the stricter TCP state table */
	int drop_rate;			/* 0: no packet dropped */
	atomic_t drop_counter;
};

void lvs_defense_init(struct lvs_defense *d);
/* Re-reads the free memory and the sysctls. Process context. */
void lvs_defense_update(struct lvs_net *ln);
/* Should this new connection's first packet be dropped? */
bool lvs_defense_todrop(struct lvs_net *ln);

/* The per-second work, from the connection table's netns init/exit. */
void lvs_defense_start(struct lvs_conn_net *cn);
void lvs_defense_stop(struct lvs_conn_net *cn);

#endif /* _LVS_DEFENSE_H */
