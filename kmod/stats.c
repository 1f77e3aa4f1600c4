// SPDX-License-Identifier: GPL-2.0
#include <linux/string.h>

#include "stats.h"

int lvs_stats_init(struct lvs_stats *s)
{
	int cpu;

	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	s->cpustats = alloc_percpu(struct lvs_cpu_stats);
	if (!s->cpustats)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->cpustats, cpu)->syncp);
	return 0;
}

void lvs_stats_destroy(struct lvs_stats *s)
{
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
	out->cps = s->rate.cps;
	out->inpps = s->rate.inpps;
	out->outpps = s->rate.outpps;
	out->inbps = s->rate.inbps;
	out->outbps = s->rate.outbps;
	spin_unlock_bh(&s->lock);
}

/* Like IPVS: the current totals become the zero point, rates restart. */
void lvs_stats_zero(struct lvs_stats *s)
{
	struct lvs_kstats now;

	sum_counters(s, &now);
	spin_lock_bh(&s->lock);
	s->zero = now;
	memset(&s->rate, 0, sizeof(s->rate));
	spin_unlock_bh(&s->lock);
}
