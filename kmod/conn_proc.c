// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ip_vs_conn and ip_vs_conn_sync. Until the connection table
 * exists these print IPVS's header line and no connections.
 */
#include <linux/seq_file.h>
#include <linux/seq_file_net.h>

#include "procfs.h"

static void *conn_start(struct seq_file *seq, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *conn_next(struct seq_file *seq, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void conn_stop(struct seq_file *seq, void *v)
{
}

static int conn_show(struct seq_file *seq, void *v)
{
	seq_puts(seq, "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n");
	return 0;
}

static int conn_sync_show(struct seq_file *seq, void *v)
{
	seq_puts(seq, "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Origin Expires\n");
	return 0;
}

const struct seq_operations lvs_conn_seq_ops = {
	.start = conn_start,
	.next = conn_next,
	.stop = conn_stop,
	.show = conn_show,
};

const struct seq_operations lvs_conn_sync_seq_ops = {
	.start = conn_start,
	.next = conn_next,
	.stop = conn_stop,
	.show = conn_sync_show,
};

const unsigned int lvs_conn_seq_priv_size = sizeof(struct seq_net_private);
