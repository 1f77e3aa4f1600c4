// SPDX-License-Identifier: GPL-2.0
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/sysctl.h>
#include <net/net_namespace.h>

#include "netns.h"
#include "sysctl.h"

/* IPVS's defaults for sync_threshold (packets, period). */
#define SYNC_THRESHOLD	3
#define SYNC_PERIOD	50

/*
 * A write parsed into val (a copy of the table's table->maxlen bytes)
 * first: the handler checks it before it replaces the value, so readers
 * never see a refused value or half of a pair.
 */
static int dointvec_copy(struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, loff_t *ppos, int *val)
{
	struct ctl_table tmp = {
		.data = val,
		.maxlen = table->maxlen,
		.mode = table->mode,
	};

	memcpy(val, table->data, table->maxlen);
	return proc_dointvec(&tmp, write, buffer, lenp, ppos);
}

/*
 * Values 0..3, as for IPVS's drop_entry, drop_packet and secure_tcp; a
 * change takes effect at once (extra2 is the namespace).
 */
static int proc_defense_mode(struct ctl_table *table, int write,
			     void *buffer, size_t *lenp, loff_t *ppos)
{
	int *valp = table->data;
	int val, ret;

	ret = dointvec_copy(table, write, buffer, lenp, ppos, &val);
	if (write && !ret && *valp != val) {
		if (val < 0 || val > 3)
			return -EINVAL;
		WRITE_ONCE(*valp, val);
		lvs_defense_update(table->extra2);
	}
	return ret;
}

/* Two ints, neither negative, and the first below the second unless 0. */
static int proc_sync_threshold(struct ctl_table *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos)
{
	int val[2], ret;

	ret = dointvec_copy(table, write, buffer, lenp, ppos, val);
	if (write) {
		if (val[0] < 0 || val[1] < 0 || (val[0] >= val[1] && val[1]))
			ret = -EINVAL;
		else
			memcpy(table->data, val, sizeof(val));
	}
	return ret;
}

/* A power of two, at least 1. */
static int proc_sync_ports(struct ctl_table *table, int write,
			   void *buffer, size_t *lenp, loff_t *ppos)
{
	int *valp = table->data;
	int val, ret;

	ret = dointvec_copy(table, write, buffer, lenp, ppos, &val);
	if (write && *valp != val) {
		if (val < 1 || !is_power_of_2(val))
			ret = -EINVAL;
		else
			WRITE_ONCE(*valp, val);
	}
	return ret;
}

#define INT_ENTRY(name, field, handler)				\
	{							\
		.procname	= name,				\
		.data		= (void *)offsetof(struct lvs_sysctl, field), \
		.maxlen		= sizeof(int),			\
		.mode		= 0644,				\
		.proc_handler	= handler,			\
	}

#define RANGE_ENTRY(name, field, lo, hi)			\
	{							\
		.procname	= name,				\
		.data		= (void *)offsetof(struct lvs_sysctl, field), \
		.maxlen		= sizeof(int),			\
		.mode		= 0644,				\
		.proc_handler	= proc_dointvec_minmax,		\
		.extra1		= lo,				\
		.extra2		= hi,				\
	}

/*
 * The template: .data holds the offset of the value inside struct
 * lvs_sysctl and is turned into a pointer for each namespace's copy.
 */
static const struct ctl_table template[] = {
	INT_ENTRY("amemthresh", amemthresh, proc_dointvec),
	INT_ENTRY("am_droprate", am_droprate, proc_dointvec),
	INT_ENTRY("drop_entry", drop_entry, proc_defense_mode),
	INT_ENTRY("drop_packet", drop_packet, proc_defense_mode),
	INT_ENTRY("conntrack", conntrack, proc_dointvec),
	INT_ENTRY("secure_tcp", secure_tcp, proc_defense_mode),
	INT_ENTRY("snat_reroute", snat_reroute, proc_dointvec),
	RANGE_ENTRY("sync_version", sync_version, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY("sync_ports", sync_ports, proc_sync_ports),
	INT_ENTRY("sync_persist_mode", sync_persist_mode, proc_dointvec),
	{
		.procname	= "sync_qlen_max",
		.data		= (void *)offsetof(struct lvs_sysctl,
						   sync_qlen_max),
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
	INT_ENTRY("sync_sock_size", sync_sock_size, proc_dointvec),
	INT_ENTRY("cache_bypass", cache_bypass, proc_dointvec),
	INT_ENTRY("expire_nodest_conn", expire_nodest_conn, proc_dointvec),
	INT_ENTRY("sloppy_tcp", sloppy_tcp, proc_dointvec),
	INT_ENTRY("sloppy_sctp", sloppy_sctp, proc_dointvec),
	INT_ENTRY("expire_quiescent_template", expire_quiescent_template,
		  proc_dointvec),
	{
		.procname	= "sync_threshold",
		.data		= (void *)offsetof(struct lvs_sysctl,
						   sync_threshold),
		.maxlen		= sizeof(int) * 2,
		.mode		= 0644,
		.proc_handler	= proc_sync_threshold,
	},
	INT_ENTRY("sync_refresh_period", sync_refresh_period,
		  proc_dointvec_jiffies),
	RANGE_ENTRY("sync_retries", sync_retries, SYSCTL_ZERO, SYSCTL_THREE),
	INT_ENTRY("nat_icmp_send", nat_icmp_send, proc_dointvec),
	INT_ENTRY("pmtu_disc", pmtu_disc, proc_dointvec),
	INT_ENTRY("backup_only", backup_only, proc_dointvec),
	INT_ENTRY("conn_reuse_mode", conn_reuse_mode, proc_dointvec),
	INT_ENTRY("schedule_icmp", schedule_icmp, proc_dointvec),
	INT_ENTRY("ignore_tunneled", ignore_tunneled, proc_dointvec),
	INT_ENTRY("run_estimation", run_estimation, proc_dointvec),
	/* IPVS's lblc and lblcr modules add these two when loaded. */
	INT_ENTRY("lblc_expiration", lblc_expiration, proc_dointvec_jiffies),
	INT_ENTRY("lblcr_expiration", lblcr_expiration,
		  proc_dointvec_jiffies),
	{ }
};

static void set_defaults(struct lvs_sysctl *s)
{
	s->amemthresh = 1024;
	s->am_droprate = 10;
	s->snat_reroute = 1;
	s->sync_version = 1;
	s->sync_ports = 1;
	s->sync_qlen_max = nr_free_buffer_pages() / 32;
	s->sync_threshold[0] = SYNC_THRESHOLD;
	s->sync_threshold[1] = SYNC_PERIOD;
	s->pmtu_disc = 1;
	s->conn_reuse_mode = 1;
	s->run_estimation = 1;
	s->lblc_expiration = 24 * 60 * 60 * HZ;
	s->lblcr_expiration = 24 * 60 * 60 * HZ;
}

int lvs_sysctl_net_init(struct lvs_net *ln)
{
	struct lvs_sysctl *s = &ln->sysctl;
	struct ctl_table *tbl;
	size_t i;

	set_defaults(s);
	tbl = kmemdup(template, sizeof(template), GFP_KERNEL);
	if (!tbl)
		return -ENOMEM;
	for (i = 0; tbl[i].procname; i++) {
		tbl[i].data = (char *)s + (uintptr_t)tbl[i].data;
		if (tbl[i].proc_handler == proc_defense_mode)
			tbl[i].extra2 = ln;
	}

	/* Like IPVS: no sysctls in namespaces owned by other user_ns. */
	if (ln->net->user_ns != &init_user_ns)
		tbl[0].procname = NULL;

	s->header = register_net_sysctl(ln->net, "net/ipv4/vs", tbl);
	if (!s->header) {
		kfree(tbl);
		return -ENOMEM;
	}
	s->table = tbl;
	return 0;
}

void lvs_sysctl_net_exit(struct lvs_net *ln)
{
	unregister_net_sysctl_table(ln->sysctl.header);
	kfree(ln->sysctl.table);
}
