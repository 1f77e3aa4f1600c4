// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ip_vs_conn and ip_vs_conn_sync: every connection and template
 * of the namespace, in IPVS's format. One walk of the table per read()
 * chunk, so no walker outlives a read.
 */
#include <linux/inet.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include <linux/seq_file_net.h>

#include "conn.h"
#include "pe.h"
#include "procfs.h"

struct conn_iter {
	struct seq_net_private p;	/* first: seq_file_net() uses it */
	struct rhashtable_iter hti;
};

static struct lvs_conn *walk_next(struct conn_iter *it)
{
	struct lvs_conn *cp;

	do {
		cp = rhashtable_walk_next(&it->hti);
	} while (IS_ERR(cp));	/* -EAGAIN: the table was resized */
	return cp;
}

/* seq_file calls stop after every start: the walk lives between them. */
static void *conn_start(struct seq_file *seq, loff_t *pos)
	__acquires(RCU)
{
	struct conn_iter *it = seq->private;
	struct lvs_conn_net *cn = lvs_conn_net(seq_file_net(seq));
	struct lvs_conn *cp;
	loff_t n;

	rhashtable_walk_enter(&cn->in_tab, &it->hti);
	rhashtable_walk_start(&it->hti);
	if (!*pos)
		return SEQ_START_TOKEN;
	for (n = *pos; (cp = walk_next(it)); )
		if (!--n)
			return cp;
	return NULL;
}

static void *conn_next(struct seq_file *seq, void *v, loff_t *pos)
{
	++*pos;
	return walk_next(seq->private);
}

static void conn_stop(struct seq_file *seq, void *v)
	__releases(RCU)
{
	struct conn_iter *it = seq->private;

	rhashtable_walk_stop(&it->hti);
	rhashtable_walk_exit(&it->hti);
}

static unsigned int expires_in(const struct lvs_conn *cp)
{
	return jiffies_delta_to_msecs(READ_ONCE(cp->timer.expires) -
				      jiffies) / 1000;
}

/* The real server in its own family, which a tunnel's may not share. */
static void dest_addr(const struct lvs_conn *cp, char *buf, size_t len)
{
	if (cp->daf == AF_INET6)
		snprintf(buf, len, "%pI6", &cp->daddr.in6);
	else
		snprintf(buf, len, "%08X", ntohl(cp->daddr.ip));
}

/* The common head: "Pro FromIP FPrt ToIP TPrt DestIP DPrt State". */
static void show_head(struct seq_file *seq, const struct lvs_conn *cp)
{
	char pbuf[12], dbuf[INET6_ADDRSTRLEN];
	const char *proto = lvs_proto_name(cp->protocol, pbuf);

	dest_addr(cp, dbuf, sizeof(dbuf));
	if (cp->af == AF_INET6)
		seq_printf(seq, "%-3s %pI6 %04X %pI6 %04X %s %04X %-11s",
			   proto, &cp->caddr.in6, ntohs(cp->cport),
			   &cp->vaddr.in6, ntohs(cp->vport),
			   dbuf, ntohs(cp->dport), lvs_conn_state_name(cp));
	else
		seq_printf(seq, "%-3s %08X %04X %08X %04X %s %04X %-11s",
			   proto, ntohl(cp->caddr.ip), ntohs(cp->cport),
			   ntohl(cp->vaddr.ip), ntohs(cp->vport),
			   dbuf, ntohs(cp->dport), lvs_conn_state_name(cp));
}

static int conn_show(struct seq_file *seq, void *v)
{
	const struct lvs_conn *cp = v;

	if (v == SEQ_START_TOKEN) {
		seq_puts(seq, "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n");
		return 0;
	}
	show_head(seq, cp);
	seq_printf(seq, " %7u", expires_in(cp));
	/* A template of a persistence engine: its name and data, raw. */
	if (cp->pe_data) {
		seq_printf(seq, " %s ", cp->pe->name);
		seq_write(seq, cp->pe_data, cp->pe_data_len);
	}
	seq_putc(seq, '\n');
	return 0;
}

static int conn_sync_show(struct seq_file *seq, void *v)
{
	const struct lvs_conn *cp = v;

	if (v == SEQ_START_TOKEN) {
		seq_puts(seq, "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Origin Expires\n");
		return 0;
	}
	show_head(seq, cp);
	seq_printf(seq, " %-6s %7u\n",
		   (cp->flags & IP_VS_CONN_F_SYNC) ? "SYNC" : "LOCAL",
		   expires_in(cp));
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

const unsigned int lvs_conn_seq_priv_size = sizeof(struct conn_iter);
