// SPDX-License-Identifier: GPL-2.0
#include <linux/string.h>

#include "leak.h"
#include "stats.h"

int lvs_stats_init(struct lvs_stats *s)
{
	int cpu;

	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	s->cpustats = alloc_percpu(struct lvs_cpu_stats);
	if (!s->cpustats)
		return -ENOMEM;
	lvs_leak_inc(LVS_LEAK_STATS);
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->cpustats, cpu)->syncp);
	return 0;
}

void lvs_stats_destroy(struct lvs_stats *s)
{
	if (s->cpustats)
		lvs_leak_dec(LVS_LEAK_STATS);
	free_percpu(s->cpustats);
	s->cpustats = NULL;
}

void lvs_stats_read_cpu(struct lvs_stats *s, int cpu, struct lvs_kstats *out)
{
	struct lvs_cpu_stats *c = per_cpu_ptr(s->cpustats, cpu);
	unsigned int start;

	memset(out, 0, sizeof(*out));
	do {
		start = u64_stats_fetch_begin(&c->syncp);
		out->conns = u64_stats_read(&c->conns);
		out->inpkts = u64_stats_read(&c->inpkts);
		out->outpkts = u64_stats_read(&c->outpkts);
		out->inbytes = u64_stats_read(&c->inbytes);
		out->outbytes = u64_stats_read(&c->outbytes);
	} while (u64_stats_fetch_retry(&c->syncp, start));
}

static void sum_counters(struct lvs_stats *s, struct lvs_kstats *sum)
{
	struct lvs_kstats one;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		lvs_stats_read_cpu(s, cpu, &one);
		sum->conns += one.conns;
		sum->inpkts += one.inpkts;
		sum->outpkts += one.outpkts;
		sum->inbytes += one.inbytes;
		sum->outbytes += one.outbytes;
	}
}

void lvs_stats_read(struct lvs_stats *s, struct lvs_kstats *out)
{
	sum_counters(s, out);
	spin_lock_bh(&s->lock);
	out->conns -= s->zero.conns;
	out->inpkts -= s->zero.inpkts;
	out->outpkts -= s->zero.outpkts;
	out->inbytes -= s->zero.inbytes;
	out->outbytes -= s->zero.outbytes;
	/* Round the scaled averages as IPVS does. */
	out->cps = (s->est.cps + 0x1FF) >> 10;
	out->inpps = (s->est.inpps + 0x1FF) >> 10;
	out->outpps = (s->est.outpps + 0x1FF) >> 10;
	out->inbps = (s->est.inbps + 0xF) >> 5;
	out->outbps = (s->est.outbps + 0xF) >> 5;
	spin_unlock_bh(&s->lock);
}

/* Move @avg a quarter of the way to @rate (both scaled). */
static void ewma(u64 *avg, u64 rate)
{
	*avg += ((s64)rate - (s64)*avg) >> 2;
}

void lvs_stats_estimate(struct lvs_stats *s)
{
	struct lvs_estimator *e = &s->est;
	struct lvs_kstats now;

	sum_counters(s, &now);
	spin_lock_bh(&s->lock);
	/* Per second over a 2 s tick: << 10 then >> 1, and << 5 >> 1. */
	ewma(&e->cps, (now.conns - e->last_conns) << 9);
	ewma(&e->inpps, (now.inpkts - e->last_inpkts) << 9);
	ewma(&e->outpps, (now.outpkts - e->last_outpkts) << 9);
	ewma(&e->inbps, (now.inbytes - e->last_inbytes) << 4);
	ewma(&e->outbps, (now.outbytes - e->last_outbytes) << 4);
	e->last_conns = now.conns;
	e->last_inpkts = now.inpkts;
	e->last_outpkts = now.outpkts;
	e->last_inbytes = now.inbytes;
	e->last_outbytes = now.outbytes;
	spin_unlock_bh(&s->lock);
}

/* Like IPVS: the current totals become the zero point, rates restart. */
void lvs_stats_zero(struct lvs_stats *s)
{
	struct lvs_kstats now;

	sum_counters(s, &now);
	spin_lock_bh(&s->lock);
	s->zero = now;
	memset(&s->est, 0, sizeof(s->est));
	s->est.last_conns = now.conns;
	s->est.last_inpkts = now.inpkts;
	s->est.last_outpkts = now.outpkts;
	s->est.last_inbytes = now.inbytes;
	s->est.last_outbytes = now.outbytes;
	spin_unlock_bh(&s->lock);
}
