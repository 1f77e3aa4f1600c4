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
#ifndef _LVS_LIVE_H
#define _LVS_LIVE_H

#include <linux/atomic.h>

enum lvs_live_kind {
	LVS_LIVE_SERVICE,
	LVS_LIVE_DEST,
	LVS_LIVE_STATS,		/* per-cpu counter blocks */
	LVS_LIVE_SYNC_BUF,	/* sync messages being built or sent */
	LVS_LIVE_KINDS
};

extern atomic_long_t lvs_live[LVS_LIVE_KINDS];

static inline void lvs_live_inc(enum lvs_live_kind k)
{
	atomic_long_inc(&lvs_live[k]);
}

static inline void lvs_live_dec(enum lvs_live_kind k)
{
	atomic_long_dec(&lvs_live[k]);
}

/* At module exit, once nothing can free objects any more. */
void lvs_live_check(void);

#endif /* _LVS_LIVE_H */
