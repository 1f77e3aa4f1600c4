/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FTP helper (IPVS's ip_vs_ftp): NAT connections to an FTP port (the
 * module parameter ftp_ports, 21 unless told) get cp->app, templates
 * too (counted in /proc/net/ip_vs_app, as ip_vs counts them). On them:
 *  - the client's PORT/EPRT makes a connection for the real server's
 *    active data connection (its port 20 -> the client), masqueraded;
 *  - after the client's PASV/EPSV, the real server's 227/229 reply gets
 *    the virtual address and a connection waits (client port unknown)
 *    for the client's data connection;
 *  - the sequence numbers move by what the rewrite added or removed.
 * Other connections pay one NULL test per packet.
 */
#ifndef _LVS_APP_FTP_H
#define _LVS_APP_FTP_H

#include <linux/types.h>

#include "proto.h"

/* As IPVS's IP_VS_APP_MAX_PORTS. */
#define LVS_FTP_MAX_PORTS	8

struct seq_file;
struct sk_buff;
struct lvs_conn;
struct lvs_conn_app_ops;
struct lvs_pkt;

/*
 * The connection table's application hooks (lvs_conn_init): a TCP
 * connection to a helper port gets the helper's state, bound (counted in
 * /proc/net/ip_vs_app, its packets seen) while it forwards by NAT.
 */
extern const struct lvs_conn_app_ops lvs_ftp_app_ops;

/* /proc/net/ip_vs_app (procfs.c). */
int lvs_ftp_proc_show(struct seq_file *seq, void *v);

/*
 * A packet of cp (cp->app set) before NAT rewrites it, in direction dir.
 * False: drop it (no memory).
 */
bool lvs_ftp_pkt(struct lvs_conn *cp, struct sk_buff *skb,
		 const struct lvs_pkt *pkt, enum lvs_dir dir);

#endif /* _LVS_APP_FTP_H */
