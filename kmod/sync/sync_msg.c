// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <lvs/ipvs.h>

#include "sync_msg.h"

/* Where each field of an entry sits; version 0 and 1 differ. */
#define V0_PROTO	1
#define V0_CPORT	2
#define V0_VPORT	4
#define V0_DPORT	6
#define V0_CADDR	8
#define V0_VADDR	12
#define V0_DADDR	16
#define V0_FLAGS	20
#define V0_STATE	22

#define V1_TYPE		0
#define V1_PROTO	1
#define V1_VER_SIZE	2
#define V1_FLAGS	4
#define V1_STATE	8
#define V1_CPORT	10
#define V1_VPORT	12
#define V1_DPORT	14
#define V1_FWMARK	16
#define V1_TIMEOUT	20
#define V1_ADDRS	24

#define V1_TYPE_INET6	0x01
#define V1_SIZE_MASK	0x0fff
#define V1_VER_SHIFT	12

/* A version 1 option: type, length, data. */
static unsigned int opt_len(unsigned int len)
{
	return len ? 2 + len : 0;
}

unsigned int lvs_sync_entry_len(int version, const struct lvs_sync_entry *e)
{
	if (version == 0)
		return e->af == AF_INET ? LVS_SYNC_V0_CONN : 0;
	return (e->af == AF_INET6 ? LVS_SYNC_V1_CONN6 : LVS_SYNC_V1_CONN4) +
	       opt_len(e->pe_data_len) + opt_len(e->pe_name_len);
}

void lvs_sync_buf_init(struct lvs_sync_buf *b, int version, u8 syncid)
{
	u8 *h = b->data;

	b->version = version;
	if (version == 0) {
		h[0] = 0;		/* nr_conns */
		h[1] = syncid;
		b->len = LVS_SYNC_V0_HDR;
	} else {
		h[0] = 0;		/* reserved: what v0 reads as nr_conns */
		h[1] = syncid;
		h[4] = 0;		/* nr_conns */
		h[5] = LVS_SYNC_PROTO_VER;
		h[6] = 0;
		h[7] = 0;
		b->len = LVS_SYNC_V1_HDR;
	}
	put_unaligned_be16(b->len, h + 2);
}

static void put_addr(u8 *p, int af, const union nf_inet_addr *a)
{
	if (af == AF_INET6)
		memcpy(p, &a->in6, 16);
	else
		memcpy(p, &a->ip, 4);
}

static void get_addr(union nf_inet_addr *a, int af, const u8 *p)
{
	memset(a, 0, sizeof(*a));
	if (af == AF_INET6)
		memcpy(&a->in6, p, 16);
	else
		memcpy(&a->ip, p, 4);
}

static u8 *put_opt(u8 *p, u8 type, const char *data, u8 len)
{
	if (!len)
		return p;
	p[0] = type;
	p[1] = len;
	memcpy(p + 2, data, len);
	return p + 2 + len;
}

bool lvs_sync_buf_add(struct lvs_sync_buf *b, const struct lvs_sync_entry *e)
{
	unsigned int elen = lvs_sync_entry_len(b->version, e);
	unsigned int pad = 0, alen = e->af == AF_INET6 ? 16 : 4;
	u8 *nr = b->version ? &b->data[4] : &b->data[0];
	u8 *p;

	if (!elen)
		return true;	/* not representable: nothing to send */
	/* Version 1 entries start 4-aligned (ours are whole words anyway). */
	if (b->version)
		pad = (4 - b->len) & 3;
	if (*nr == U8_MAX || b->len + pad + elen > b->cap)
		return false;
	p = b->data + b->len;
	memset(p, 0, pad + elen);
	p += pad;

	if (b->version == 0) {
		p[V0_PROTO] = e->protocol;
		memcpy(p + V0_CPORT, &e->cport, 2);
		memcpy(p + V0_VPORT, &e->vport, 2);
		memcpy(p + V0_DPORT, &e->dport, 2);
		put_addr(p + V0_CADDR, AF_INET, &e->caddr);
		put_addr(p + V0_VADDR, AF_INET, &e->vaddr);
		put_addr(p + V0_DADDR, AF_INET, &e->daddr);
		put_unaligned_be16(e->flags & ~IP_VS_CONN_F_HASHED,
				   p + V0_FLAGS);
		put_unaligned_be16(e->state, p + V0_STATE);
	} else {
		p[V1_TYPE] = e->af == AF_INET6 ? V1_TYPE_INET6 : 0;
		p[V1_PROTO] = e->protocol;
		put_unaligned_be16(elen & V1_SIZE_MASK, p + V1_VER_SIZE);
		put_unaligned_be32(e->flags & ~IP_VS_CONN_F_HASHED,
				   p + V1_FLAGS);
		put_unaligned_be16(e->state, p + V1_STATE);
		memcpy(p + V1_CPORT, &e->cport, 2);
		memcpy(p + V1_VPORT, &e->vport, 2);
		memcpy(p + V1_DPORT, &e->dport, 2);
		put_unaligned_be32(e->fwmark, p + V1_FWMARK);
		put_unaligned_be32(e->timeout, p + V1_TIMEOUT);
		put_addr(p + V1_ADDRS, e->af, &e->caddr);
		put_addr(p + V1_ADDRS + alen, e->af, &e->vaddr);
		put_addr(p + V1_ADDRS + 2 * alen, e->af, &e->daddr);
		/* IPVS's order: the data, then the engine's name. */
		p += V1_ADDRS + 3 * alen;
		p = put_opt(p, LVS_SYNC_OPT_PE_DATA, e->pe_data, e->pe_data_len);
		put_opt(p, LVS_SYNC_OPT_PE_NAME, e->pe_name, e->pe_name_len);
	}
	b->len += pad + elen;
	(*nr)++;
	put_unaligned_be16(b->len, b->data + 2);
	return true;
}

static int parse_v0(const u8 *buf, size_t len, lvs_sync_entry_fn fn,
		    void *arg)
{
	const u8 *p = buf + LVS_SYNC_V0_HDR, *end = buf + len;
	struct lvs_sync_entry e;
	int i, n = 0;

	for (i = 0; i < buf[0]; i++) {
		unsigned int elen = LVS_SYNC_V0_CONN;

		if (end - p < LVS_SYNC_V0_CONN) {
			pr_err_ratelimited("BACKUP v0, bogus conn\n");
			return -EINVAL;
		}
		memset(&e, 0, sizeof(e));
		e.flags = get_unaligned_be16(p + V0_FLAGS);
		if (e.flags & IP_VS_CONN_F_SEQ_MASK) {
			elen += LVS_SYNC_SEQ_LEN;
			if (end - p < elen) {
				pr_err_ratelimited("BACKUP v0, Dropping buffer bogus conn options\n");
				return -EINVAL;
			}
		}
		/* Only what IPVS lets a master decide (v1's mask, too). */
		e.flags = (e.flags & IP_VS_CONN_F_BACKUP_MASK) |
			  IP_VS_CONN_F_SYNC;
		e.af = AF_INET;
		e.protocol = p[V0_PROTO];
		e.state = get_unaligned_be16(p + V0_STATE);
		memcpy(&e.cport, p + V0_CPORT, 2);
		memcpy(&e.vport, p + V0_VPORT, 2);
		memcpy(&e.dport, p + V0_DPORT, 2);
		get_addr(&e.caddr, AF_INET, p + V0_CADDR);
		get_addr(&e.vaddr, AF_INET, p + V0_VADDR);
		get_addr(&e.daddr, AF_INET, p + V0_DADDR);
		p += elen;
		fn(arg, &e);
		n++;
	}
	return n;
}

/*
 * The options from off to size: each one at most once, and within the
 * entry. 0 or parse_v1_entry()'s answer; *seen gets a bit per option, e
 * the engine's data and name.
 */
static int parse_v1_options(const u8 *p, unsigned int off, unsigned int size,
			    unsigned int *seen, struct lvs_sync_entry *e)
{
	while (off < size) {
		unsigned int type, olen;

		if (size - off < 2)
			return -30;
		type = p[off];
		olen = p[off + 1];
		off += 2;
		if (!olen || olen > size - off)
			return -40;
		switch (type & ~LVS_SYNC_OPT_OPTIONAL) {
		case LVS_SYNC_OPT_SEQ:
			/* We keep no TCP sequence offsets: checked, unused. */
			if (olen != LVS_SYNC_SEQ_LEN || (*seen & BIT(LVS_SYNC_OPT_SEQ)))
				return -50;
			*seen |= BIT(LVS_SYNC_OPT_SEQ);
			break;
		case LVS_SYNC_OPT_PE_DATA:
			if (olen > IP_VS_PEDATA_MAXLEN ||
			    (*seen & BIT(LVS_SYNC_OPT_PE_DATA)))
				return -60;
			*seen |= BIT(LVS_SYNC_OPT_PE_DATA);
			e->pe_data = (const char *)p + off;
			e->pe_data_len = olen;
			break;
		case LVS_SYNC_OPT_PE_NAME:
			if (olen > IP_VS_PENAME_MAXLEN ||
			    (*seen & BIT(LVS_SYNC_OPT_PE_NAME)))
				return -70;
			*seen |= BIT(LVS_SYNC_OPT_PE_NAME);
			e->pe_name = (const char *)p + off;
			e->pe_name_len = olen;
			break;
		default:
			/* An unknown option one must understand. */
			if (!(type & LVS_SYNC_OPT_OPTIONAL))
				return 20;
		}
		off += olen;
	}

	return 0;
}

/*
 * One version 1 entry of size bytes at p (the caller checked that they
 * and the first LVS_SYNC_V1_CONN4 are in the message). Negative: the
 * message is broken from here on; positive: skip this entry only; 0: e
 * is filled.
 */
static int parse_v1_entry(const u8 *p, unsigned int size,
			  struct lvs_sync_entry *e)
{
	unsigned int alen, off, seen = 0;
	int ret;

	memset(e, 0, sizeof(*e));
	if (p[V1_TYPE] & V1_TYPE_INET6) {
		if (!IS_ENABLED(CONFIG_IPV6))
			return 10;
		e->af = AF_INET6;
		alen = 16;
		off = LVS_SYNC_V1_CONN6;
	} else if (!p[V1_TYPE]) {
		e->af = AF_INET;
		alen = 4;
		off = LVS_SYNC_V1_CONN4;
	} else {
		return -10;
	}
	if (off > size)
		return -20;

	ret = parse_v1_options(p, off, size, &seen, e);
	if (ret)
		return ret;

	e->flags = (get_unaligned_be32(p + V1_FLAGS) &
		    IP_VS_CONN_F_BACKUP_MASK) | IP_VS_CONN_F_SYNC;
	e->protocol = p[V1_PROTO];
	e->state = get_unaligned_be16(p + V1_STATE);
	memcpy(&e->cport, p + V1_CPORT, 2);
	memcpy(&e->vport, p + V1_VPORT, 2);
	memcpy(&e->dport, p + V1_DPORT, 2);
	e->fwmark = get_unaligned_be32(p + V1_FWMARK);
	e->timeout = get_unaligned_be32(p + V1_TIMEOUT);
	get_addr(&e->caddr, e->af, p + V1_ADDRS);
	get_addr(&e->vaddr, e->af, p + V1_ADDRS + alen);
	get_addr(&e->daddr, e->af, p + V1_ADDRS + 2 * alen);
	return 0;
}

static int parse_v1(const u8 *buf, size_t len, lvs_sync_entry_fn fn,
		    void *arg)
{
	size_t off = LVS_SYNC_V1_HDR;
	struct lvs_sync_entry e;
	int i, ret, n = 0;

	for (i = 0; i < buf[4]; i++) {
		unsigned int vs, size;
		const u8 *p;

		/* off may lie past len: the padding of the last entry. */
		if (off > len || len - off < LVS_SYNC_V1_CONN4) {
			pr_err_ratelimited("BACKUP, Dropping buffer, too small\n");
			return -EINVAL;
		}
		p = buf + off;
		vs = get_unaligned_be16(p + V1_VER_SIZE);
		size = vs & V1_SIZE_MASK;
		if (size > len - off) {
			pr_err_ratelimited("BACKUP, Dropping buffer, msg > buffer\n");
			return -EINVAL;
		}
		if (vs >> V1_VER_SHIFT) {
			pr_err_ratelimited("BACKUP, Dropping buffer, Unknown version %u\n",
					   vs >> V1_VER_SHIFT);
			return -EINVAL;
		}
		ret = parse_v1_entry(p, size, &e);
		if (ret < 0) {
			pr_err_ratelimited("BACKUP, Dropping buffer, Err: %d in decoding\n",
					   ret);
			return -EINVAL;
		}
		if (!ret) {
			fn(arg, &e);
			n++;
		}
		/* The next entry starts 4-aligned. */
		off += ALIGN(size, 4);
	}
	return n;
}

int lvs_sync_msg_parse(const u8 *buf, size_t len, u32 syncid,
		       lvs_sync_entry_fn fn, void *arg)
{
	if (len < LVS_SYNC_V0_HDR || len != get_unaligned_be16(buf + 2))
		return -EINVAL;
	if (syncid && buf[1] != syncid)
		return 0;
	/* Version 1 needs its whole header, else it is version 0. */
	if (len >= LVS_SYNC_V1_HDR && buf[5] == LVS_SYNC_PROTO_VER &&
	    !buf[0] && !buf[6] && !buf[7])
		return parse_v1(buf, len, fn, arg);
	return parse_v0(buf, len, fn, arg);
}
