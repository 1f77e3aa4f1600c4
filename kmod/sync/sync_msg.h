/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sync protocol's wire format, IPVS's byte for byte, so lvs and ip_vs
 * directors can back each other up.
 *
 * A message is one UDP datagram: a header, then nr_conns connection
 * entries. Version 1 (the default, sync_version=1):
 *
 *   header (8): 0, syncid, size (be16, the whole message), nr_conns,
 *               version (1), 2 spare bytes (0)
 *   entry:      type (bit 0: IPv6), protocol, ver_size (be16: 4-bit
 *               entry version 0, 12-bit entry size without padding),
 *               flags (be32), state (be16), cport, vport, dport,
 *               fwmark (be32), timeout (be32, seconds), then caddr,
 *               vaddr, daddr (4 or 16 bytes each) = 36 or 72 bytes; then
 *               options (type, length, data); entries start 4-aligned.
 *
 * Version 0 (IPv4 only): header (4): nr_conns, syncid, size; entries of
 * 24 bytes: 0, protocol, cport, vport, dport, caddr, vaddr, daddr,
 * flags (be16), state (be16), plus 24 bytes of TCP sequence data when a
 * flag in IP_VS_CONN_F_SEQ_MASK is set. A version 1 header starts with 0,
 * which a version 0 receiver reads as "no connections".
 *
 * Everything here is pure: no locks, no allocation.
 */
#ifndef _LVS_SYNC_MSG_H
#define _LVS_SYNC_MSG_H

#include <linux/list.h>
#include <linux/netfilter.h>
#include <linux/types.h>

#define LVS_SYNC_V0_HDR		4
#define LVS_SYNC_V1_HDR		8
#define LVS_SYNC_V0_CONN	24
#define LVS_SYNC_SEQ_LEN	24	/* in_seq and out_seq, 3 be32 each */
#define LVS_SYNC_V1_CONN4	36
#define LVS_SYNC_V1_CONN6	72
#define LVS_SYNC_PROTO_VER	1

/* Option types of version 1; bit 6 marks an option one may ignore. */
#define LVS_SYNC_OPT_SEQ	1
#define LVS_SYNC_OPT_PE_DATA	2
#define LVS_SYNC_OPT_PE_NAME	3
#define LVS_SYNC_OPT_OPTIONAL	0x40

/* One connection of a message, host order except ports and addresses. */
struct lvs_sync_entry {
	union nf_inet_addr caddr;
	union nf_inet_addr vaddr;
	union nf_inet_addr daddr;
	__be16 cport;
	__be16 vport;
	__be16 dport;
	u8 af;
	u8 protocol;
	u16 state;
	u32 flags;		/* IP_VS_CONN_F_*: decoded ones are masked */
	u32 fwmark;
	u32 timeout;		/* seconds; 0 in version 0 */
	/*
	 * A template's persistence engine (version 1 only): its data and
	 * name, each 0 bytes when absent. Received: pointing into the
	 * message; sent: into the template.
	 */
	const char *pe_data;
	const char *pe_name;
	u8 pe_data_len;
	u8 pe_name_len;
};

/* A message being filled by the master, then queued and sent. */
struct lvs_sync_buf {
	struct list_head list;
	unsigned long firstuse;		/* jiffies of the first entry */
	u16 len;			/* bytes used, header included */
	u16 cap;			/* bytes of data[] */
	u8 id;				/* sync port (thread) index */
	u8 version;
	u8 data[];
};

/* Bytes the entry takes in this version, options included; 0: not sendable. */
unsigned int lvs_sync_entry_len(int version, const struct lvs_sync_entry *e);
void lvs_sync_buf_init(struct lvs_sync_buf *b, int version, u8 syncid);
/* False when the entry does not fit: send this one, start another. */
bool lvs_sync_buf_add(struct lvs_sync_buf *b, const struct lvs_sync_entry *e);

/*
 * Checks a received message as strictly as IPVS does and calls fn for
 * each well-formed entry, in order. A message whose syncid differs from
 * a non-zero syncid is ignored. Returns the number of entries passed on,
 * or a negative error once the rest of the message cannot be trusted.
 */
typedef void (*lvs_sync_entry_fn)(void *arg, const struct lvs_sync_entry *e);
int lvs_sync_msg_parse(const u8 *buf, size_t len, u32 syncid,
		       lvs_sync_entry_fn fn, void *arg);

#endif /* _LVS_SYNC_MSG_H */
