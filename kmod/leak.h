/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live-object counters: the module's leak check.
 *
 * Every long-lived object kind the control plane allocates is counted
 * when created and when its memory is finally freed. At module exit,
 * after every RCU callback has run, each count must be zero; a non-zero
 * count is a leak, reported with pr_err() and a WARN (the selftest
 * harness fails any run whose console shows a WARNING). The counters
 * cost one atomic per object lifetime, never one per packet.
 */
#ifndef _LVS_LEAK_H
#define _LVS_LEAK_H

#include <linux/atomic.h>

enum lvs_leak_kind {
	LVS_LEAK_SERVICE,
	LVS_LEAK_DEST,
	LVS_LEAK_STATS,		/* per-cpu counter blocks */
	LVS_LEAK_SYNC_BUF,	/* sync messages being built or sent */
	LVS_LEAK_KINDS
};

extern atomic_long_t lvs_leak[LVS_LEAK_KINDS];

static inline void lvs_leak_inc(enum lvs_leak_kind k)
{
	atomic_long_inc(&lvs_leak[k]);
}

static inline void lvs_leak_dec(enum lvs_leak_kind k)
{
	atomic_long_dec(&lvs_leak[k]);
}

/* At module exit, once nothing can free objects any more. */
void lvs_leak_check(void);

#endif /* _LVS_LEAK_H */
