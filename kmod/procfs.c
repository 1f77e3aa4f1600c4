// SPDX-License-Identifier: GPL-2.0
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/seq_file_net.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>

#include "app_ftp.h"
#include "dest.h"
#include "netns.h"
#include "procfs.h"
#include "sched/sched.h"
#include "service.h"

const char *lvs_proto_name(u16 proto, char *buf)
{
	switch (proto) {
	case IPPROTO_IP:
		return "IP";
	case IPPROTO_UDP:
		return "UDP";
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_SCTP:
		return "SCTP";
	case IPPROTO_ICMP:
		return "ICMP";
	case IPPROTO_ICMPV6:
		return "ICMPv6";
	default:
		sprintf(buf, "IP_%u", proto);
		return buf;
	}
}

static const char *fwd_name(unsigned int flags)
{
	switch (flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_LOCALNODE:
		return "Local";
	case IP_VS_CONN_F_TUNNEL:
		return "Tunnel";
	case IP_VS_CONN_F_DROUTE:
		return "Route";
	default:
		return "Masq";
	}
}

/*
 * Position 0 is the header; a service with id n sits at position n + 1,
 * so a reader that stops and resumes continues after the last service.
 */
static void *svc_at(struct seq_file *seq, loff_t *pos)
{
	struct lvs_net *ln = lvs_net(seq_file_net(seq));
	unsigned long id = *pos - 1;
	struct lvs_service *svc;

	if (!ln)
		return NULL;
	svc = xa_find(&ln->svc_ids, &id, ULONG_MAX, XA_PRESENT);
	if (svc)
		*pos = (loff_t)id + 1;
	return svc;
}

static void *info_start(struct seq_file *seq, loff_t *pos)
	__acquires(RCU)
{
	rcu_read_lock();
	return *pos ? svc_at(seq, pos) : SEQ_START_TOKEN;
}

static void *info_next(struct seq_file *seq, void *v, loff_t *pos)
{
	void *next;

	if (v == SEQ_START_TOKEN)
		*pos = 1;
	else
		*pos = (loff_t)((struct lvs_service *)v)->id + 2;
	next = svc_at(seq, pos);
	return next;
}

static void info_stop(struct seq_file *seq, void *v)
	__releases(RCU)
{
	rcu_read_unlock();
}

static void show_service(struct seq_file *seq, struct lvs_service *svc)
{
	const struct lvs_scheduler *sched = rcu_dereference(svc->sched);
	const char *sname = sched ? sched->name : "none";
	u32 flags = READ_ONCE(svc->flags);
	const char *ops = (flags & IP_VS_SVC_F_ONEPACKET) ? "ops " : "";
	struct lvs_dest *dest;
	char buf[12];

	if (svc->key.fwmark)
		seq_printf(seq, "FWM  %08X %s %s", svc->key.fwmark, sname, ops);
	else if (svc->key.af == AF_INET6)
		seq_printf(seq, "%s  [%pI6]:%04X %s ",
			   lvs_proto_name(svc->key.protocol, buf),
			   &svc->key.addr.in6, ntohs(svc->key.port), sname);
	else
		seq_printf(seq, "%s  %08X:%04X %s %s ",
			   lvs_proto_name(svc->key.protocol, buf),
			   ntohl(svc->key.addr.ip), ntohs(svc->key.port),
			   sname, ops);

	/* IPVS prints the persistence timeout in jiffies. */
	if (flags & IP_VS_SVC_F_PERSISTENT)
		seq_printf(seq, "persistent %d %08X\n", READ_ONCE(svc->timeout),
			   ntohl(READ_ONCE(svc->netmask)));
	else
		seq_putc(seq, '\n');

	list_for_each_entry_rcu(dest, &svc->dests, n_list) {
		if (dest->key.af == AF_INET6)
			seq_printf(seq, "  -> [%pI6]:%04X", &dest->key.addr.in6,
				   ntohs(dest->key.port));
		else
			seq_printf(seq, "  -> %08X:%04X",
				   ntohl(dest->key.addr.ip),
				   ntohs(dest->key.port));
		seq_printf(seq, "      %-7s %-6d %-10d %-10d\n",
			   fwd_name(atomic_read(&dest->conn_flags)),
			   atomic_read(&dest->weight),
			   atomic_read(&dest->activeconns),
			   atomic_read(&dest->inactconns));
	}
}

static int info_show(struct seq_file *seq, void *v)
{
	if (v == SEQ_START_TOKEN) {
		seq_printf(seq, "IP Virtual Server version %d.%d.%d (size=%d)\n",
			   NVERSION(IP_VS_VERSION_CODE), LVS_CONN_TAB_SIZE);
		seq_puts(seq, "Prot LocalAddress:Port Scheduler Flags\n");
		seq_puts(seq, "  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n");
	} else {
		show_service(seq, v);
	}
	return 0;
}

static const struct seq_operations info_seq_ops = {
	.start = info_start,
	.next = info_next,
	.stop = info_stop,
	.show = info_show,
};

static int stats_show(struct seq_file *seq, void *v)
{
	struct lvs_net *ln = lvs_net(seq_file_single_net(seq));
	struct lvs_kstats k;

	if (!ln)
		return -EAGAIN;
	lvs_stats_read(&ln->tot_stats, &k);
	seq_puts(seq, "   Total Incoming Outgoing         Incoming         Outgoing\n");
	seq_puts(seq, "   Conns  Packets  Packets            Bytes            Bytes\n");
	seq_printf(seq, "%8llX %8llX %8llX %16llX %16llX\n\n",
		   k.conns, k.inpkts, k.outpkts, k.inbytes, k.outbytes);
	seq_puts(seq, " Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s\n");
	seq_printf(seq, "%8llX %8llX %8llX %16llX %16llX\n",
		   k.cps, k.inpps, k.outpps, k.inbps, k.outbps);
	return 0;
}

static int stats_percpu_show(struct seq_file *seq, void *v)
{
	struct lvs_net *ln = lvs_net(seq_file_single_net(seq));
	struct lvs_kstats k;
	int cpu;

	if (!ln)
		return -EAGAIN;
	seq_puts(seq, "       Total Incoming Outgoing         Incoming         Outgoing\n");
	seq_puts(seq, "CPU    Conns  Packets  Packets            Bytes            Bytes\n");
	for_each_possible_cpu(cpu) {
		lvs_stats_read_cpu(&ln->tot_stats, cpu, &k);
		seq_printf(seq, "%3X %8llX %8llX %8llX %16llX %16llX\n", cpu,
			   k.conns, k.inpkts, k.outpkts, k.inbytes,
			   k.outbytes);
	}
	lvs_stats_read(&ln->tot_stats, &k);
	seq_printf(seq, "  ~ %8llX %8llX %8llX %16llX %16llX\n\n",
		   k.conns, k.inpkts, k.outpkts, k.inbytes, k.outbytes);
	seq_puts(seq, "     Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s\n");
	seq_printf(seq, "    %8llX %8llX %8llX %16llX %16llX\n",
		   k.cps, k.inpps, k.outpps, k.inbps, k.outbps);
	return 0;
}

int lvs_proc_net_init(struct lvs_net *ln)
{
	struct proc_dir_entry *pn = ln->net->proc_net;

	if (!proc_create_net("ip_vs", 0, pn, &info_seq_ops,
			     sizeof(struct seq_net_private)))
		goto err;
	if (!proc_create_net_single("ip_vs_stats", 0, pn, stats_show, NULL))
		goto err_info;
	if (!proc_create_net_single("ip_vs_stats_percpu", 0, pn,
				    stats_percpu_show, NULL))
		goto err_stats;
	if (!proc_create_net("ip_vs_conn", 0, pn, &lvs_conn_seq_ops,
			     lvs_conn_seq_priv_size))
		goto err_percpu;
	if (!proc_create_net("ip_vs_conn_sync", 0, pn, &lvs_conn_sync_seq_ops,
			     lvs_conn_seq_priv_size))
		goto err_conn;
	if (!proc_create_net_single("ip_vs_app", 0, pn, lvs_ftp_proc_show,
				    NULL))
		goto err_sync;
	return 0;

err_sync:
	remove_proc_entry("ip_vs_conn_sync", pn);
err_conn:
	remove_proc_entry("ip_vs_conn", pn);
err_percpu:
	remove_proc_entry("ip_vs_stats_percpu", pn);
err_stats:
	remove_proc_entry("ip_vs_stats", pn);
err_info:
	remove_proc_entry("ip_vs", pn);
err:
	return -ENOMEM;
}

void lvs_proc_net_exit(struct lvs_net *ln)
{
	struct proc_dir_entry *pn = ln->net->proc_net;

	remove_proc_entry("ip_vs_app", pn);
	remove_proc_entry("ip_vs_conn_sync", pn);
	remove_proc_entry("ip_vs_conn", pn);
	remove_proc_entry("ip_vs_stats_percpu", pn);
	remove_proc_entry("ip_vs_stats", pn);
	remove_proc_entry("ip_vs", pn);
}
