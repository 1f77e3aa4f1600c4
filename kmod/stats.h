/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traffic counters of a service, a destination and a whole namespace.
 *
 * The packet path bumps per-CPU counters without locks (lvs_stats_in/out/
 * conn, callable from softirq with preemption disabled, as netfilter hooks
 * are). Readers (netlink, /proc) sum over all CPUs and subtract the zero
 * point that IPVS_CMD_ZERO records; that zero point and the rate
 * estimator are guarded by stats->lock.
 *
 * Rates follow IPVS's estimator: every 2 seconds (lvs_stats_estimate) the
 * difference since the last tick moves a fixed-point average a quarter of
 * the way, conns and packets scaled by 2^10, bytes by 2^5.
 */
#ifndef _LVS_STATS_H
#define _LVS_STATS_H

#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>

struct lvs_cpu_stats {
	u64_stats_t conns;
	u64_stats_t inpkts;
	u64_stats_t outpkts;
	u64_stats_t inbytes;
	u64_stats_t outbytes;
	struct u64_stats_sync syncp;
};

/* A snapshot, as reported to userspace. */
struct lvs_kstats {
	u64 conns;
	u64 inpkts;
	u64 outpkts;
	u64 inbytes;
	u64 outbytes;
	u64 cps;
	u64 inpps;
	u64 outpps;
	u64 inbps;
	u64 outbps;
};

/* Estimator state: last totals seen and the scaled averages. */
struct lvs_estimator {
	u64 last_conns;
	u64 last_inpkts;
	u64 last_outpkts;
	u64 last_inbytes;
	u64 last_outbytes;
	u64 cps;
	u64 inpps;
	u64 outpps;
	u64 inbps;
	u64 outbps;
};

struct lvs_stats {
	struct lvs_cpu_stats __percpu *cpustats;
	spinlock_t lock;		/* guards zero and est */
	struct lvs_kstats zero;		/* counters at the last ZERO */
	struct lvs_estimator est;
};

int lvs_stats_init(struct lvs_stats *s);
void lvs_stats_destroy(struct lvs_stats *s);
void lvs_stats_read(struct lvs_stats *s, struct lvs_kstats *out);
void lvs_stats_read_cpu(struct lvs_stats *s, int cpu, struct lvs_kstats *out);
void lvs_stats_zero(struct lvs_stats *s);
/* One estimator tick; the caller runs it every LVS_EST_INTERVAL. */
void lvs_stats_estimate(struct lvs_stats *s);

#define LVS_EST_INTERVAL	(2 * HZ)

static inline void lvs_stats_in(struct lvs_stats *s, unsigned int len)
{
	struct lvs_cpu_stats *c = this_cpu_ptr(s->cpustats);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->inpkts);
	u64_stats_add(&c->inbytes, len);
	u64_stats_update_end(&c->syncp);
}

static inline void lvs_stats_out(struct lvs_stats *s, unsigned int len)
{
	struct lvs_cpu_stats *c = this_cpu_ptr(s->cpustats);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->outpkts);
	u64_stats_add(&c->outbytes, len);
	u64_stats_update_end(&c->syncp);
}

static inline void lvs_stats_conn(struct lvs_stats *s)
{
	struct lvs_cpu_stats *c = this_cpu_ptr(s->cpustats);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->conns);
	u64_stats_update_end(&c->syncp);
}

#endif /* _LVS_STATS_H */
