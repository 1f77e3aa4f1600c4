// SPDX-License-Identifier: GPL-2.0
/*
 * The FTP helper. Parsing never trusts the text: every read is bounded by
 * the payload, every number by its field's range, and what does not parse
 * is left alone, as IPVS leaves it.
 *
 * Unlike IPVS, which rewrites 227/229 only through conntrack
 * (nf_nat_mangle_tcp_packet, conntrack's seqadj) when the packet has an
 * entry, the rewrite and the sequence shift are our own (the model of
 * IPVS's ip_vs_app.c), so they work with conntrack off as well.
 */
#include <linux/ctype.h>
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/tcp.h>

#include "app_ftp.h"
#include "conn.h"
#include "netns.h"
#include "pkt.h"
#include "proto.h"
#include "tcp_seq_adjust.h"

static unsigned short ftp_ports[LVS_FTP_MAX_PORTS] = { 21 };
static unsigned int ftp_ports_count = 1;
module_param_array(ftp_ports, ushort, &ftp_ports_count, 0444);
MODULE_PARM_DESC(ftp_ports,
		 "FTP control ports of NAT virtual services (ip_vs_ftp's ports=; 0: no FTP helper)");

/* What the client asked for last. */
enum { FTP_ACTIVE, FTP_PASV, FTP_EPSV };

struct lvs_ftp {
	/* Server -> client: what our 227/229 rewrites added; under cp->lock. */
	struct lvs_seq_adj out_seq;
	u8 mode;
	u8 port_idx;			/* the entry of ftp_ports it counts in */
	bool bound;			/* NAT: counted, its packets seen */
};

static unsigned int nr_ftp_ports(void)
{
	return min_t(unsigned int, ftp_ports_count, LVS_FTP_MAX_PORTS);
}

/*
 * The entry of ftp_ports a port is in: its first one. Another entry with
 * the same port is ignored (ip_vs_ftp refuses to load with one).
 */
static int ftp_port_idx(u16 port)
{
	unsigned int i;

	if (!port)
		return -1;
	for (i = 0; i < nr_ftp_ports(); i++)
		if (ftp_ports[i] == port)
			return i;
	return -1;
}

/*
 * IPVS binds its helpers to NAT connections only, templates included
 * (they count in /proc/net/ip_vs_app but see no packets).
 */
static void ftp_bind(struct lvs_conn *cp, struct lvs_ftp *ftp)
{
	bool bound = lvs_conn_fwd(cp) == IP_VS_CONN_F_MASQ;

	if (bound == ftp->bound)
		return;
	if (bound)
		atomic_inc(&cp->cn->ln->ftp_usecnt[ftp->port_idx]);
	else
		atomic_dec(&cp->cn->ln->ftp_usecnt[ftp->port_idx]);
	WRITE_ONCE(ftp->bound, bound);
}

/*
 * A connection that may forward by NAT, now or once a synced one gets its
 * dest, has the state from the start: cp->app never changes while
 * packets may read it.
 */
static int ftp_conn_init(struct lvs_conn *cp)
{
	struct lvs_ftp *ftp;
	int idx;

	if (cp->protocol != IPPROTO_TCP)
		return 0;
	if (lvs_conn_fwd(cp) != IP_VS_CONN_F_MASQ &&
	    (cp->dest || !(cp->flags & IP_VS_CONN_F_SYNC)))
		return 0;
	idx = ftp_port_idx(ntohs(cp->vport));
	if (idx < 0)
		return 0;
	ftp = kzalloc(sizeof(*ftp), GFP_ATOMIC);
	if (!ftp)
		return -ENOMEM;
	ftp->port_idx = idx;
	ftp_bind(cp, ftp);
	cp->app = ftp;
	return 0;
}

static void ftp_conn_rebind(struct lvs_conn *cp)
{
	if (cp->app)
		ftp_bind(cp, cp->app);
}

static void ftp_conn_done(struct lvs_conn *cp)
{
	struct lvs_ftp *ftp = cp->app;

	if (ftp->bound)
		atomic_dec(&cp->cn->ln->ftp_usecnt[ftp->port_idx]);
	cp->app = NULL;
	kfree(ftp);
}

const struct lvs_conn_app_ops lvs_ftp_app_ops = {
	.init	= ftp_conn_init,
	.rebind	= ftp_conn_rebind,
	.done	= ftp_conn_done,
};

/*
 * /proc/net/ip_vs_app: one line per port of the helper, as ip_vs_ftp's
 * incarnations are listed: the last registered (the last entry) first,
 * with the connections bound to it.
 */
int lvs_ftp_proc_show(struct seq_file *seq, void *v)
{
	struct lvs_net *ln = lvs_net(seq_file_single_net(seq));
	int i;

	if (!ln)
		return -EAGAIN;
	seq_puts(seq, "prot port    usecnt name\n");
	for (i = nr_ftp_ports() - 1; i >= 0; i--) {
		if (ftp_port_idx(ftp_ports[i]) != i)
			continue;
		seq_printf(seq, "%-3s  %-7u %-6d %-17s\n", "TCP", ftp_ports[i],
			   atomic_read(&ln->ftp_usecnt[i]), "ftp");
	}
	return 0;
}

/* Case-insensitive: does [p, end) start with s? */
static bool starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return end - p >= (ptrdiff_t)n && !strncasecmp(p, s, n);
}

/*
 * Decimal digits at *p (at least one, at most max in value), before end;
 * *p moves past them.
 */
static bool number(const char **p, const char *end, unsigned int max,
		   unsigned int *val)
{
	const char *s = *p;
	unsigned int v = 0;

	if (s == end || !isdigit(*s))
		return false;
	for (; s < end && isdigit(*s); s++) {
		v = v * 10 + (*s - '0');
		if (v > max)
			return false;
	}
	*val = v;
	*p = s;
	return true;
}

/*
 * After "227 ", "PORT" or "EPRT": where the arguments start. As IPVS:
 * past the first skip char and any more of them, or (digit: the old
 * comma format) at a first digit before.
 */
static const char *skip_to(const char *s, const char *end, char skip,
			   bool digit)
{
	bool found = false;

	for (; s < end; s++) {
		if (!found) {
			if (digit && isdigit(*s))
				return s;
			if (*s == skip)
				found = true;
		} else if (*s != skip) {
			return s;
		}
	}
	return NULL;
}

/* "h1,h2,h3,h4,p1,p2" at s: the IPv4 address and port, [*start, *stop). */
static bool parse_hp(const char *s, const char *end, union nf_inet_addr *a,
		     __be16 *port, const char **stop)
{
	unsigned int v[6], i;
	u8 *b = (u8 *)&a->ip;

	for (i = 0; i < 6; i++) {
		if (i && (s == end || *s++ != ','))
			return false;
		if (!number(&s, end, 255, &v[i]))
			return false;
	}
	/* The line must go on: a number cut by the segment's end is no end. */
	if (s == end)
		return false;
	memset(a, 0, sizeof(*a));
	for (i = 0; i < 4; i++)
		b[i] = v[i];
	*port = htons(v[4] << 8 | v[5]);
	*stop = s;
	return true;
}

/*
 * RFC 2428's "<d><af><d><addr><d><port><d>" at s (EPRT), or, with
 * no_addr, "<d><d><d><port><d>" (the 229 reply). d is any printable.
 */
static bool parse_ext(const char *s, const char *end, int af, bool no_addr,
		      union nf_inet_addr *a, __be16 *port, const char **stop)
{
	const char *ep;
	unsigned int v;
	char d;

	if (s == end)
		return false;
	d = *s++;
	if (d < 33 || d > 126)
		return false;
	if (no_addr) {
		if (end - s < 2 || s[0] != d || s[1] != d)
			return false;
		s += 2;
	} else {
		if (end - s < 2 || s[0] != (af == AF_INET6 ? '2' : '1') ||
		    s[1] != d)
			return false;
		s += 2;
		memset(a, 0, sizeof(*a));
		if (af == AF_INET6) {
			if (in6_pton(s, end - s, (u8 *)&a->in6, d, &ep) <= 0)
				return false;
		} else if (in4_pton(s, end - s, (u8 *)&a->ip, d, &ep) <= 0) {
			return false;
		}
		s = ep;
		if (s == end || *s++ != d)
			return false;
	}
	if (!number(&s, end, 65535, &v) || !v || s == end || *s++ != d)
		return false;
	*port = htons(v);
	*stop = s;
	return true;
}

/*
 * The connection a data connection will match: found, or made and put
 * under ctl, as IPVS's ip_vs_control_add(). Held; NULL without memory.
 */
static struct lvs_conn *data_conn(struct lvs_conn *ctl,
				  const struct lvs_conn_param *p)
{
	struct lvs_conn *cp = lvs_conn_get(ctl->cn, p);

	if (cp)
		return cp;
	cp = lvs_conn_new(ctl->cn, p, ctl->dest);
	if (cp)
		lvs_conn_set_control(cp, ctl);
	return cp;
}

/* Client -> server: PASV/EPSV arm the reply rewrite, PORT/EPRT wait. */
static bool ftp_in(struct lvs_conn *cp, struct lvs_ftp *ftp,
		   const char *data, unsigned int len)
{
	const char *end = data + len, *p, *stop;
	struct lvs_conn_param prm = {};
	union nf_inet_addr to;
	__be16 port;
	struct lvs_conn *n;

	for (p = data; end - p >= 5; p++) {
		if (cp->af == AF_INET && starts(p, end, "PASV\r\n")) {
			WRITE_ONCE(ftp->mode, FTP_PASV);
			return true;
		}
		if (starts(p, end, "EPSV") && (p[4] == ' ' || p[4] == '\r')) {
			/* "EPSV <proto>" must name our family. */
			if (p[4] == ' ' &&
			    (end - p < 7 || p[6] != '\r' ||
			     p[5] != (cp->af == AF_INET6 ? '2' : '1')))
				return true;
			WRITE_ONCE(ftp->mode, FTP_EPSV);
			return true;
		}
	}

	if (cp->af == AF_INET && starts(data, end, "PORT")) {
		p = skip_to(data + 4, end, ' ', true);
		if (!p || !parse_hp(p, end, &to, &port, &stop))
			return true;
	} else if (starts(data, end, "EPRT")) {
		p = skip_to(data + 4, end, ' ', false);
		if (!p || !parse_ext(p, end, cp->af, false, &to, &port, &stop))
			return true;
	} else {
		return true;
	}
	WRITE_ONCE(ftp->mode, FTP_ACTIVE);
	if (!cp->dest || !ntohs(cp->vport) || !ntohs(cp->dport))
		return true;

	/* The server connects from its port 20 (control port - 1), as IPVS. */
	prm.af = cp->af;
	prm.protocol = IPPROTO_TCP;
	prm.caddr = &to;
	prm.cport = port;
	prm.vaddr = &cp->vaddr;
	prm.vport = htons(ntohs(cp->vport) - 1);
	prm.daddr = &cp->daddr;
	prm.dport = htons(ntohs(cp->dport) - 1);
	n = data_conn(cp, &prm);
	if (!n)
		return false;
	lvs_tcp_conn_listen(n);
	lvs_conn_put(n);
	return true;
}

/*
 * Server -> client, after PASV/EPSV: the 227/229 reply names the virtual
 * address instead of the real server's. *diff: the change in length.
 */
/*
 * The server's answer to PASV ("227 ... (h1,h2,h3,h4,p1,p2)") or EPSV
 * ("229 ... (|||port|)"): the address and port it listens on, and where
 * in the text they are (start to stop).
 */
static bool parse_reply(const struct lvs_conn *cp, int mode, const char *data,
			const char *end, union nf_inet_addr *from,
			__be16 *port, const char **start, const char **stop)
{
	if (mode == FTP_PASV) {
		if (!starts(data, end, "227 "))
			return false;
		*start = skip_to(data + 4, end, '(', true);
		return *start && parse_hp(*start, end, from, port, stop);
	}
	if (!starts(data, end, "229 "))
		return false;
	*start = skip_to(data + 4, end, '(', false);
	if (!*start ||
	    !parse_ext(*start, end, cp->af, true, from, port, stop))
		return false;
	/* 229 names no address: the server's own. */
	*from = cp->daddr;
	return true;
}

/* The answer's new text, for the client: the director's side of n. */
static int format_reply(const struct lvs_conn *n, int mode, char *buf,
			size_t size)
{
	const u8 *b = (const u8 *)&n->vaddr.ip;

	if (mode == FTP_PASV)
		return snprintf(buf, size, "%u,%u,%u,%u,%u,%u",
				b[0], b[1], b[2], b[3],
				ntohs(n->vport) >> 8, ntohs(n->vport) & 0xff);
	/* Only the port: the client keeps the control address. */
	return snprintf(buf, size, "|||%u|", ntohs(n->vport));
}

static bool ftp_out(struct lvs_conn *cp, struct lvs_ftp *ftp,
		    struct sk_buff *skb, const struct lvs_pkt *pkt,
		    int *diff)
{
	struct lvs_conn_param prm = {};
	const char *data, *start, *stop;
	union nf_inet_addr from;
	unsigned int len, old_len;
	char buf[24];	/* "255,255,255,255,255,255" */
	int mode = READ_ONCE(ftp->mode), n_len;
	struct lvs_conn *n;
	__be16 port;

	*diff = 0;
	if (mode == FTP_ACTIVE)
		return true;
	data = lvs_tcp_payload(skb, pkt, &len);
	if (!data ||
	    !parse_reply(cp, mode, data, data + len, &from, &port, &start,
			 &stop))
		return true;
	WRITE_ONCE(ftp->mode, FTP_ACTIVE);
	if (!cp->dest)
		return true;

	/* Client port unknown until it connects; VIP port = server port. */
	prm.af = cp->af;
	prm.protocol = IPPROTO_TCP;
	prm.caddr = &cp->caddr;
	prm.cport = 0;
	prm.vaddr = &cp->vaddr;
	prm.vport = port;
	prm.daddr = &from;
	prm.dport = port;
	prm.flags = IP_VS_CONN_F_NO_CPORT;
	n = data_conn(cp, &prm);
	if (!n)
		return false;

	n_len = format_reply(n, mode, buf, sizeof(buf));
	lvs_tcp_conn_listen(n);
	lvs_conn_put(n);
	if (n_len <= 0 || n_len >= (int)sizeof(buf))
		return true;
	/* Offsets, not pointers: resizing may move the packet's data. */
	old_len = stop - start;
	if (!lvs_tcp_replace(skb, pkt, start - data, old_len, buf, n_len))
		return false;
	*diff = n_len - (int)old_len;
	return true;
}

bool lvs_ftp_pkt(struct lvs_conn *cp, struct sk_buff *skb,
		 const struct lvs_pkt *pkt, enum lvs_dir dir)
{
	struct lvs_ftp *ftp = cp->app;
	struct lvs_seq_adj adj;
	const char *data;
	unsigned int len;
	bool ok = true;
	u32 seq;
	int diff;

	if (pkt->protocol != IPPROTO_TCP || !READ_ONCE(ftp->bound))
		return true;
	/* The control connection's segments are small: make them plain. */
	if (skb_ensure_writable(skb, skb->len))
		return false;
	if (skb_is_nonlinear(skb) ||
	    pkt->l4_off + sizeof(struct tcphdr) > skb->len)
		return true;
	seq = ntohl(((struct tcphdr *)(skb->data + pkt->l4_off))->seq);

	spin_lock_bh(&cp->lock);
	adj = ftp->out_seq;
	spin_unlock_bh(&cp->lock);

	if (dir == LVS_DIR_INPUT) {
		lvs_seq_adjust(skb, pkt, NULL, &adj);
		if (!lvs_tcp_established(cp))
			return true;
		data = lvs_tcp_payload(skb, pkt, &len);
		return data ? ftp_in(cp, ftp, data, len) : true;
	}

	lvs_seq_adjust(skb, pkt, &adj, NULL);
	if (!lvs_tcp_established(cp))
		return true;
	ok = ftp_out(cp, ftp, skb, pkt, &diff);
	if (ok && diff) {
		spin_lock_bh(&cp->lock);
		lvs_seq_adj_record(&ftp->out_seq, seq, diff);
		spin_unlock_bh(&cp->lock);
	}
	return ok;
}
