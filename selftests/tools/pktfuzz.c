// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz: seeded, replayable packet fuzz for selftests/dp-fuzz.sh.
 * Whole Ethernet frames go out of an AF_PACKET socket to one MAC (the
 * director's), so every header field can be wrong: IPv4 and IPv6 with
 * TCP, UDP, SCTP, ICMP and ICMPv6 (echo and errors whose inner headers
 * point at the connections, often truncated or bogus), IPv4 options and
 * IPv6 extension-header chains, overlapping and tiny fragments, IPIP /
 * IPv6-in-IP / GRE / GUE packets (also inside ICMP errors, as a real
 * server would send them about a tunnelled packet), bad checksums and
 * lengths, bit flips and truncation.
 *
 *   pktfuzz -i IFNAME -m MAC (-a|-A SRC,DST)... [-T CADDR,VADDR]...
 *           [-c PORTS] [-p PORTS] [-g PORT] [-s SEED] [-f FIRST]
 *           [-n COUNT] [-t SECS] [-R PPS] [-v]
 *
 *   -a SRC,DST	send as a client: from SRC to DST, source ports from -c,
 *		destination ports from -p (repeatable, IPv4 or IPv6)
 *   -A SRC,DST	send as a server: source ports from -p, destination
 *		ports from -c (a real server's replies)
 *   -T C,V	a client and a virtual address: the packet carried inside
 *		the tunnel packets (and the ICMP errors about them)
 *   -c PORTS	client ports, e.g. 30000-30063 (default 30000-30015)
 *   -p PORTS	service ports, e.g. 80,8080,9999 (default 80)
 *   -g PORT	the GUE port of the tunnels (default 6080)
 *   -s SEED	default: from the clock; printed either way
 *   -f FIRST	the first packet number (default 0): packet N depends
 *		only on SEED and N, so "-f N -n 1" sends packet N again
 *   -n COUNT	packets (default 1000; one packet may be a few fragments)
 *   -t SECS	stop after SECS even if COUNT were not all sent
 *   -R PPS	at most PPS packets a second (default: no limit)
 *   -v		one line per packet: its number, kind and frames
 *
 * Prints "pktfuzz: seed S first F count N" first and "pktfuzz: sent N
 * packets, F frames, E send errors, T s" last; exits 0, 2 on bad usage.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "fuzzrng.h"

#define L3_MAX		1500
#define MAX_FRAMES	6
#define MAX_PAIRS	16
#define MAX_PORTS	256

struct pair {
	int af;
	int server;		/* -A: source ports are the service ports */
	uint8_t s[16], d[16];
};

struct frame {
	size_t len;
	uint8_t b[14 + L3_MAX + 64];
};

static struct pair pairs[MAX_PAIRS], tpairs[MAX_PAIRS];
static int npairs, ntpairs;
static uint16_t cports[MAX_PORTS], sports[MAX_PORTS];
static int ncports, nsports;
static uint16_t gue_port = 6080;
static struct frame frames[MAX_FRAMES];
static int nframes;
static const char *kind;

static void fill(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = next64();
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t sum16(uint32_t s, const uint8_t *p, size_t n)
{
	for (; n > 1; n -= 2, p += 2)
		s += p[0] << 8 | p[1];
	if (n)
		s += p[0] << 8;
	return s;
}
static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s;
}

static uint32_t crc32c(const uint8_t *p, size_t n)
{
	uint32_t c = ~0u;
	int k;

	while (n--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c >> 1 ^ (0x82f63b78 & -(c & 1));
	}
	return ~c;
}

static int alen(int af) { return af == AF_INET6 ? 16 : 4; }

/*
 * The transport checksum of p[0..n) as protocol proto from s to d, right
 * or (bad) wrong. A field the header is too short to hold stays as is.
 */
static void l4_csum(int af, const uint8_t *s, const uint8_t *d, int proto,
		    uint8_t *p, size_t n, int bad)
{
	uint32_t x = 0, c;
	size_t off;

	switch (proto) {
	case IPPROTO_TCP: off = 16; break;
	case IPPROTO_UDP: off = 6; break;
	case IPPROTO_ICMP: case IPPROTO_ICMPV6: case IPPROTO_GRE: off = 2; break;
	case IPPROTO_SCTP:
		if (n < 12)
			return;
		memset(p + 8, 0, 4);
		c = crc32c(p, n) ^ (bad ? 1u << rnd(32) : 0);
		p[8] = c; p[9] = c >> 8; p[10] = c >> 16; p[11] = c >> 24;
		return;
	default: return;
	}
	if (n < off + 2)
		return;
	if (proto == IPPROTO_GRE && !(p[0] & 0x80))
		return;
	if (proto == IPPROTO_GRE)
		off = 4;
	if (n < off + 2)
		return;
	p[off] = p[off + 1] = 0;
	if (proto != IPPROTO_ICMP && proto != IPPROTO_GRE) {
		x = sum16(x, s, alen(af));
		x = sum16(x, d, alen(af));
		x += proto + (n & 0xffff) + (n >> 16);
	}
	c = fold(sum16(x, p, n));
	if (proto == IPPROTO_UDP && !c)
		c = 0xffff;
	if (bad)
		c ^= 1 + rnd(0xfffe);
	put16(p + off, c);
}

static uint16_t pick(const uint16_t *v, int n) { return v[rnd(n)]; }

/* Ports of a packet from a pair's source: client or server role. */
static void ports(const struct pair *pr, uint16_t *sp, uint16_t *dp)
{
	if (pr->server) {
		*sp = pick(sports, nsports);
		*dp = pick(cports, ncports);
	} else {
		*sp = pick(cports, ncports);
		*dp = pick(sports, nsports);
	}
}

static size_t mk_tcp(uint8_t *p, size_t cap, uint16_t sp, uint16_t dp)
{
	static const uint8_t flags[] = { 0x02, 0x02, 0x12, 0x10, 0x18, 0x11,
					 0x04, 0x14, 0x01, 0x29, 0x00, 0xff };
	size_t olen = one_in(3) ? rnd(11) * 4 : 0, pl, n, o;

	pl = one_in(3) ? rnd(600) : rnd(48);
	n = 20 + olen + pl;
	if (n > cap)
		n = cap;
	fill(p, n);
	put16(p, sp);
	put16(p + 2, dp);
	p[12] = (5 + olen / 4) << 4;
	if (one_in(16))
		p[12] = rnd(16) << 4;
	p[13] = one_in(8) ? rnd(256) : flags[rnd(sizeof(flags))];
	if (!one_in(8))
		put16(p + 18, 0);
	for (o = 20; o < 20 + olen && o < n;) {
		uint8_t *q = p + o;
		size_t room = 20 + olen - o, l;

		switch (rnd(7)) {
		case 0: q[0] = 1; l = 1; break;
		case 1: q[0] = 2; q[1] = 4; l = 4; break;	/* MSS */
		case 2: q[0] = 3; q[1] = 3; q[2] = rnd(20); l = 3; break;
		case 3: q[0] = 4; q[1] = 2; l = 2; break;	/* SACK ok */
		case 4: q[0] = 8; q[1] = 10; l = 10; break;	/* timestamps */
		case 5: q[0] = 5; q[1] = 2 + 8 * rnd(5); l = q[1]; break;
		default: q[1] = rnd(256); l = 2; break;	/* bogus length */
		}
		if (l > room || o + l > n)
			break;
		o += l;
	}
	return n;
}

static size_t mk_udp(uint8_t *p, size_t cap, uint16_t sp, uint16_t dp)
{
	size_t n = 8 + (one_in(4) ? rnd(800) : rnd(64));

	if (n > cap)
		n = cap;
	fill(p + 8, n - 8);
	put16(p, sp);
	put16(p + 2, dp);
	put16(p + 4, n);
	if (one_in(10))
		put16(p + 4, (uint16_t[]){ 0, 7, 8, n - 1, n + 1, 0xffff,
					   rnd(65536) }[rnd(7)]);
	put16(p + 6, 0);
	return n;
}

static size_t mk_sctp(uint8_t *p, size_t cap, uint16_t sp, uint16_t dp)
{
	static const uint8_t types[] = { 1, 1, 2, 0, 3, 4, 6, 7, 8, 9, 10, 11,
					 14, 0xc0, 0x80 };
	size_t n = 12;
	int k, chunks = 1 + rnd(3);

	put16(p, sp);
	put16(p + 2, dp);
	put32(p + 4, one_in(3) ? 0 : next64());
	for (k = 0; k < chunks && n + 4 <= cap; k++) {
		uint8_t *c = p + n;
		size_t body = (c[0] = types[rnd(sizeof(types))]) == 1 ?
			16 + rnd(16) : rnd(48), clen = 4 + body;

		if (n + ((clen + 3) & ~3u) > cap)
			break;
		c[1] = one_in(4) ? rnd(256) : 0;
		fill(c + 4, (clen + 3) & ~3u);
		if (c[0] == 1 && !one_in(4)) {
			put32(c + 4, one_in(8) ? 0 : next64());	/* init tag */
			put16(c + 12, one_in(8) ? 0 : 1 + rnd(10));
			put16(c + 14, one_in(8) ? 0 : 1 + rnd(10));
		}
		put16(c + 2, one_in(8) ? (uint16_t[]){ 0, 1, 3, 4, 0xffff,
			rnd(65536) }[rnd(6)] : clen);
		n += (clen + 3) & ~3u;
	}
	return n;
}

static size_t mk_icmp_echo(int af, uint8_t *p, size_t cap)
{
	size_t n = 8 + rnd(64);

	if (n > cap)
		n = cap;
	fill(p, n);
	p[0] = af == AF_INET6 ? (one_in(2) ? 128 : 129) : (one_in(2) ? 8 : 0);
	p[1] = 0;
	return n;
}

/* The transport checksum fields can be judged only with addresses. */
static size_t mk_l4(int af, const uint8_t *s, const uint8_t *d, int *proto,
		    uint8_t *p, size_t cap, uint16_t sp, uint16_t dp)
{
	size_t n;

	switch (rnd(9)) {
	case 0: case 1: case 2: *proto = IPPROTO_TCP;
		n = mk_tcp(p, cap, sp, dp); break;
	case 3: case 4: *proto = IPPROTO_UDP;
		n = mk_udp(p, cap, sp, dp); break;
	case 5: case 6: *proto = IPPROTO_SCTP;
		n = mk_sctp(p, cap, sp, dp); break;
	case 7: *proto = af == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
		n = mk_icmp_echo(af, p, cap); break;
	default: *proto = one_in(2) ? rnd(256) : 253;
		n = rnd(64);
		if (n > cap)
			n = cap;
		fill(p, n);
		return n;
	}
	l4_csum(af, s, d, *proto, p, n, one_in(12));
	return n;
}

/* An IPv4 header, maybe with options; returns its length. */
static size_t mk_ip4(uint8_t *p, const uint8_t *s, const uint8_t *d,
		     int proto, size_t payload, int opts)
{
	size_t olen = opts ? 4 * (1 + rnd(10)) : 0, o;

	p[0] = 0x45 + olen / 4;
	p[1] = rnd(4) ? 0 : rnd(256);
	put16(p + 2, 20 + olen + payload);
	put16(p + 4, next64());
	put16(p + 6, one_in(2) ? 0x4000 : 0);
	p[8] = one_in(16) ? rnd(3) : 64;
	p[9] = proto;
	put16(p + 10, 0);
	memcpy(p + 12, s, 4);
	memcpy(p + 16, d, 4);
	for (o = 20; o < 20 + olen;) {
		uint8_t *q = p + o;
		size_t room = 20 + olen - o, l;

		switch (rnd(6)) {
		case 0: q[0] = 1; l = 1; break;
		case 1: q[0] = 0; l = 1; break;
		case 2: q[0] = 7; l = 3 + 4 * rnd(4); q[1] = l; q[2] = 4; break;
		case 3: q[0] = 0x94; q[1] = 4; q[2] = q[3] = 0; l = 4; break;
		case 4: q[0] = one_in(2) ? 0x83 : 0x89; l = 3 + 4 * rnd(3);
			q[1] = l; q[2] = 4; break;
		default: q[0] = rnd(256); l = 2 + rnd(6); q[1] = one_in(4) ?
			rnd(256) : l; break;
		}
		if (l > room)
			l = room;
		if (l > 2 && (q[0] == 7 || q[0] == 0x83 || q[0] == 0x89))
			fill(q + 3, l - 3);
		o += l;
	}
	put16(p + 10, fold(sum16(0, p, 20 + olen)));
	return 20 + olen;
}

/*
 * An IPv6 extension-header chain ending in final; returns its length and
 * the first header's number in *first. Lengths may run past the packet.
 */
static size_t mk_ext6(uint8_t *p, size_t cap, int final, int *first)
{
	static const uint8_t types[] = { 0, 43, 60, 44, 51, 60, 0, 135 };
	uint8_t *prev_nh = NULL;
	size_t n = 0;
	int k, count = 1 + rnd(5);

	*first = final;
	for (k = 0; k < count; k++) {
		uint8_t t = types[rnd(sizeof(types))], *h = p + n;
		size_t l = 8 * (1 + rnd(3)), o;

		if (n + l > cap)
			break;
		fill(h, l);
		if (t == 44) {
			l = 8;
			put16(h + 2, one_in(2) ? 0 : next64());	/* off, M */
		} else if (t == 51) {
			h[1] = l / 4 - 2;
		} else {
			h[1] = l / 8 - 1;
		}
		if (t == 0 || t == 60) {
			for (o = 2; o < l;) {
				uint8_t ol = rnd(l - o);

				switch (rnd(5)) {
				case 0: h[o++] = 0; continue;
				case 1: h[o] = 1; break;
				case 2: h[o] = 0xc2; ol = 4; break;	/* jumbo */
				case 3: h[o] = 5; ol = 2; break;	/* RA */
				default: h[o] = rnd(256); break;
				}
				if (o + 1 < l)
					h[o + 1] = ol;
				o += 2 + ol;
			}
		}
		if (t == 43)
			h[2] = rnd(5);	/* routing type; h[3] segments left */
		if (one_in(12))
			h[1] = rnd(256);	/* off the end */
		if (prev_nh)
			*prev_nh = t;
		else
			*first = t;
		prev_nh = h;
		n += l;
	}
	if (prev_nh)
		*prev_nh = one_in(16) ? (one_in(2) ? 59 : 50) : final;
	return n;
}

/* An IPv6 header; ext is the first extension header (or the payload). */
static void mk_ip6(uint8_t *p, const uint8_t *s, const uint8_t *d, int next,
		   size_t payload)
{
	put32(p, 0x60000000 | (rnd(4) ? 0 : (uint32_t)next64() & 0xfffffff));
	put16(p + 4, payload);
	p[6] = next;
	p[7] = one_in(16) ? rnd(3) : 64;
	memcpy(p + 8, s, 16);
	memcpy(p + 24, d, 16);
}

/*
 * A whole IP packet of family af from s to d carrying proto's payload
 * (already built at pl, n bytes); written to out. Headers only sane.
 */
static size_t wrap(int af, const uint8_t *s, const uint8_t *d, int proto,
		   const uint8_t *pl, size_t n, uint8_t *out, size_t cap,
		   int fancy)
{
	size_t h;
	int first;

	if (af == AF_INET) {
		if (20 + n > cap)
			n = cap - 20;
		/* Options first: their length decides where the payload is. */
		h = mk_ip4(out, s, d, proto, n, fancy && one_in(6));
		if (h + n > cap)
			n = cap - h;
		memmove(out + h, pl, n);
		put16(out + 2, h + n);
		put16(out + 10, 0);
		put16(out + 10, fold(sum16(0, out, h)));
		return h + n;
	}
	h = 0;
	first = proto;
	if (fancy && one_in(4)) {
		uint8_t ext[200];

		h = mk_ext6(ext, sizeof(ext), proto, &first);
		if (40 + h > cap)
			h = 0, first = proto;
		memcpy(out + 40, ext, h);
	}
	if (40 + h + n > cap)
		n = cap - 40 - h;
	memmove(out + 40 + h, pl, n);
	mk_ip6(out, s, d, first, h + n);
	return 40 + h + n;
}

/* A transport packet from s to d inside IP: an inner packet of a tunnel
 * or of an ICMP error. */
static size_t mk_inner(int af, const uint8_t *s, const uint8_t *d,
		       uint16_t sp, uint16_t dp, uint8_t *out, size_t cap)
{
	uint8_t l4[L3_MAX];
	size_t n;
	int proto;

	n = mk_l4(af, s, d, &proto, l4, cap > 300 ? 300 : cap / 2, sp, dp);
	return wrap(af, s, d, proto, l4, n, out, cap, 0);
}

/* A tunnel packet from s to d of family af around an inner packet of
 * tunnel pair t (client to virtual address): IPIP, IPv6, GRE or GUE. */
static size_t mk_tunnel(int af, const uint8_t *s, const uint8_t *d,
			uint8_t *out, size_t cap)
{
	const struct pair *t = &tpairs[rnd(ntpairs)];
	uint8_t pl[L3_MAX], *in;
	size_t hdr = 0, n;
	int proto, how = rnd(4);
	uint16_t ethertype = t->af == AF_INET6 ? 0x86dd : 0x0800;

	if (how == 2) {			/* GRE */
		int c = one_in(2), k = one_in(4), sq = one_in(4);

		proto = IPPROTO_GRE;
		hdr = 4 + 4 * (c + k + sq);
		memset(pl, 0, hdr);
		pl[0] = c << 7 | k << 5 | sq << 4;
		if (one_in(8))
			pl[0] = rnd(256), pl[1] = rnd(256);
		put16(pl + 2, one_in(8) ? rnd(65536) : ethertype);
	} else if (how == 3) {		/* GUE over UDP */
		proto = IPPROTO_UDP;
		hdr = 12;
		put16(pl, pick(cports, ncports));
		put16(pl + 2, gue_port);
		pl[8] = one_in(8) ? rnd(256) : 0;	/* version, C, hlen */
		pl[9] = t->af == AF_INET6 ? 41 : 4;
		put16(pl + 10, one_in(8) ? rnd(65536) : 0);
		if (pl[8] & 0x1f) {
			hdr += 4 * (pl[8] & 0x1f);
			fill(pl + 12, hdr - 12);
		}
	} else {
		proto = t->af == AF_INET6 ? IPPROTO_IPV6 : IPPROTO_IPIP;
		if (one_in(8))
			proto = proto == IPPROTO_IPIP ? IPPROTO_IPV6 : IPPROTO_IPIP;
	}
	in = pl + hdr;
	n = hdr + mk_inner(t->af, t->s, t->d, pick(cports, ncports),
			   pick(sports, nsports), in,
			   cap - hdr - 60 > 400 ? 400 : cap - hdr - 60);
	if (proto == IPPROTO_UDP) {
		put16(pl + 4, n);
		l4_csum(af, s, d, proto, pl, n, one_in(8));
		if (one_in(4))
			put16(pl + 6, 0);
	} else if (proto == IPPROTO_GRE) {
		l4_csum(af, s, d, proto, pl, n, one_in(8));
	}
	return wrap(af, s, d, proto, pl, n, out, cap, 1);
}

/*
 * An ICMP or ICMPv6 error from pr's source to its destination about a
 * packet that went the other way: the reverse of pr's packets, or a
 * tunnel packet from pr->d to pr->s. The quoted packet is cut anywhere.
 */
static size_t mk_icmp_err(const struct pair *pr, uint8_t *out, size_t cap)
{
	uint8_t pl[L3_MAX];
	size_t n, q;
	uint16_t sp, dp;
	int af = pr->af;

	ports(pr, &sp, &dp);
	fill(pl, 8);
	if (af == AF_INET) {
		static const uint8_t t[] = { 3, 3, 3, 11, 12, 4, 5, 3 };

		pl[0] = one_in(16) ? rnd(256) : t[rnd(sizeof(t))];
		pl[1] = pl[0] == 3 ? (one_in(2) ? 4 : rnd(16)) : rnd(2);
		put16(pl + 4, 0);
		put16(pl + 6, (uint16_t[]){ 0, 68, 576, 1000, 1400, 1500,
			0xffff, rnd(65536) }[rnd(8)]);
	} else {
		static const uint8_t t[] = { 1, 2, 2, 3, 4, 1 };

		pl[0] = one_in(16) ? rnd(256) : t[rnd(sizeof(t))];
		pl[1] = rnd(pl[0] == 1 ? 8 : 3);
		put32(pl + 4, (uint32_t[]){ 0, 1279, 1280, 1400, 1500, 9000,
			0xffffffff, next64() }[rnd(8)]);
	}
	if (ntpairs && one_in(3))
		n = mk_tunnel(af, pr->d, pr->s, pl + 8, L3_MAX - 100);
	else
		n = mk_inner(af, pr->d, pr->s, dp, sp, pl + 8, L3_MAX - 100);
	/* What the error quotes: all, or cut in a header. */
	switch (rnd(6)) {
	case 0: q = rnd(n + 1); break;
	case 1: q = (af == AF_INET6 ? 40 : 20) + rnd(9); break;
	case 2: q = (af == AF_INET6 ? 40 : 20) + rnd(4); break;
	default: q = n; break;
	}
	if (q > n)
		q = n;
	if (one_in(10)) {		/* a lying inner length */
		if (af == AF_INET && q >= 4)
			put16(pl + 8 + 2, rnd(65536));
		if (af == AF_INET6 && q >= 6)
			put16(pl + 8 + 4, rnd(65536));
	}
	n = 8 + q;
	if (af == AF_INET)
		l4_csum(af, pr->s, pr->d, IPPROTO_ICMP, pl, n, one_in(12));
	else
		l4_csum(af, pr->s, pr->d, IPPROTO_ICMPV6, pl, n, one_in(12));
	return wrap(af, pr->s, pr->d, af == AF_INET ? IPPROTO_ICMP :
		    IPPROTO_ICMPV6, pl, n, out, cap, 1);
}

static uint8_t src_mac[6], dst_mac[6];

static struct frame *new_frame(int af)
{
	struct frame *f = &frames[nframes++];

	memcpy(f->b, dst_mac, 6);
	memcpy(f->b + 6, src_mac, 6);
	put16(f->b + 12, af == AF_INET6 ? 0x86dd : 0x0800);
	return f;
}

/*
 * A whole packet cut into 2..5 fragments, some overlapping, some tiny,
 * in any order, the last maybe missing or doubled.
 */
static void mk_frags(const struct pair *pr)
{
	uint8_t pl[L3_MAX];
	size_t n, cut[8], h;
	uint16_t sp, dp;
	uint32_t id = next64();
	int proto, k, m = 2 + rnd(4), order[8], i;

	memset(pl, 0, sizeof(pl));	/* padded below: the same every replay */
	ports(pr, &sp, &dp);
	n = mk_l4(pr->af, pr->s, pr->d, &proto, pl, 600, sp, dp);
	if (n < 16)
		n = 16;
	cut[0] = 0;
	for (k = 1; k < m; k++) {	/* ascending multiples of 8 */
		cut[k] = cut[k - 1] + 8 * (one_in(3) ? 1 : 1 + rnd(20));
		if (cut[k] >= n) {
			m = k;
			break;
		}
	}
	cut[m] = n;
	for (k = 0; k < m; k++)
		order[k] = k;
	for (k = m - 1; k > 0 && one_in(2); k--) {
		i = rnd(k + 1);
		int tmp = order[k]; order[k] = order[i]; order[i] = tmp;
	}
	for (i = 0; i < m && nframes < MAX_FRAMES; i++) {
		size_t start, end, fl;
		struct frame *f;
		uint8_t *p;

		k = order[i];
		start = cut[k];
		end = cut[k + 1];
		if (k > 0 && one_in(3))		/* overlap the one before */
			start -= 8 * (1 + rnd((start / 8) < 3 ? start / 8 : 3));
		if (k == m - 1 && one_in(8))	/* the last never comes */
			continue;
		fl = end - start;
		f = new_frame(pr->af);
		p = f->b + 14;
		if (pr->af == AF_INET) {
			h = mk_ip4(p, pr->s, pr->d, proto, fl, 0);
			put32(p + 4, id << 16 | (k < m - 1 || one_in(10) ?
				0x2000 : 0) | start / 8);
			if (one_in(16))
				put16(p + 6, rnd(65536));	/* beyond 64 KiB */
			put16(p + 10, 0);
			put16(p + 10, fold(sum16(0, p, h)));
		} else {
			h = 48;
			mk_ip6(p, pr->s, pr->d, 44, 8 + fl);
			p[40] = proto;
			p[41] = 0;
			put16(p + 42, start | (k < m - 1 || one_in(10)));
			put32(p + 44, id);
		}
		memcpy(p + h, pl + start, fl);
		f->len = 14 + h + fl;
	}
}

/* Damage a finished frame now and then: bits, length, tail. */
static void mutate(struct frame *f)
{
	uint8_t *p = f->b + 14;
	size_t n = f->len - 14;
	int k;

	if (one_in(5))
		for (k = 1 + rnd(4); k > 0; k--)
			p[rnd(n)] ^= 1 << rnd(8);
	if (one_in(10))
		n = rnd(n + 1);
	else if (one_in(16) && n + 64 <= L3_MAX) {
		fill(p + n, 64);
		n += rnd(65);
	}
	if (one_in(24)) {		/* the IP length fields lie */
		if (f->b[12] == 0x08 && n >= 4)
			put16(p + 2, rnd(65536));
		if (f->b[12] == 0x86 && n >= 6)
			put16(p + 4, rnd(65536));
	}
	if (one_in(32) && n >= 1)	/* IPv4 header length or version */
		p[0] = rnd(256);
	f->len = 14 + n;
}

static void gen(void)
{
	const struct pair *pr = &pairs[rnd(npairs)];
	struct frame *f;
	uint8_t pl[L3_MAX];
	size_t n;
	uint16_t sp, dp;
	int proto, k = rnd(100);

	nframes = 0;
	if (k < 12) {
		kind = "frag";
		mk_frags(pr);
	} else {
		f = new_frame(pr->af);
		if (k < 34) {
			kind = "icmp-err";
			f->len = 14 + mk_icmp_err(pr, f->b + 14, L3_MAX);
		} else if (k < 46 && ntpairs) {
			kind = "tunnel";
			f->len = 14 + mk_tunnel(pr->af, pr->s, pr->d, f->b + 14,
						L3_MAX);
		} else {
			kind = "l4";
			ports(pr, &sp, &dp);
			n = mk_l4(pr->af, pr->s, pr->d, &proto, pl, L3_MAX - 240,
				  sp, dp);
			f->len = 14 + wrap(pr->af, pr->s, pr->d, proto, pl, n,
					   f->b + 14, L3_MAX, 1);
		}
	}
	for (k = 0; k < nframes; k++)
		mutate(&frames[k]);
}

static void usage(void)
{
	fprintf(stderr, "usage: pktfuzz -i IFNAME -m MAC (-a|-A SRC,DST)... "
		"[-T CADDR,VADDR]... [-c PORTS] [-p PORTS] [-g PORT]\n"
		"	[-s SEED] [-f FIRST] [-n COUNT] [-t SECS] [-R PPS] [-v]\n");
	exit(2);
}

static void parse_pair(const char *arg, struct pair *pr, int server)
{
	char buf[128], *comma;

	snprintf(buf, sizeof(buf), "%s", arg);
	comma = strchr(buf, ',');
	if (!comma)
		usage();
	*comma = 0;
	pr->server = server;
	pr->af = strchr(buf, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(pr->af, buf, pr->s) != 1 ||
	    inet_pton(pr->af, comma + 1, pr->d) != 1) {
		fprintf(stderr, "pktfuzz: bad address pair %s\n", arg);
		exit(2);
	}
}

/* "80,8080,30000-30063" */
static int parse_ports(const char *arg, uint16_t *v)
{
	const char *s = arg;
	int n = 0;

	while (*s) {
		char *e;
		long lo = strtol(s, &e, 10), hi = lo;

		if (*e == '-')
			hi = strtol(e + 1, &e, 10);
		if (e == s || lo < 0 || hi > 65535 || hi < lo ||
		    (*e && *e != ','))
			usage();
		for (; lo <= hi && n < MAX_PORTS; lo++)
			v[n++] = lo;
		s = *e ? e + 1 : e;
	}
	if (!n)
		usage();
	return n;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long long seed, first = 0, count = 1000, i, sent = 0,
			   nfr = 0, errs = 0;
	double secs = 0, pps = 0, t0;
	const char *ifname = NULL;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct ifreq ifr = {};
	int opt, fd, verbose = 0, k, have_mac = 0;

	seed = (unsigned long long)time(NULL) ^ (unsigned long long)getpid() << 20;
	while ((opt = getopt(argc, argv, "i:m:a:A:T:c:p:g:s:f:n:t:R:v")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'm':
			if (sscanf(optarg, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
				   &dst_mac[0], &dst_mac[1], &dst_mac[2],
				   &dst_mac[3], &dst_mac[4], &dst_mac[5]) != 6)
				usage();
			have_mac = 1;
			break;
		case 'a': case 'A':
			if (npairs == MAX_PAIRS)
				usage();
			parse_pair(optarg, &pairs[npairs++], opt == 'A');
			break;
		case 'T':
			if (ntpairs == MAX_PAIRS)
				usage();
			parse_pair(optarg, &tpairs[ntpairs++], 0);
			break;
		case 'c': ncports = parse_ports(optarg, cports); break;
		case 'p': nsports = parse_ports(optarg, sports); break;
		case 'g': gue_port = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'f': first = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtoull(optarg, NULL, 0); break;
		case 't': secs = atof(optarg); break;
		case 'R': pps = atof(optarg); break;
		case 'v': verbose = 1; break;
		default: usage();
		}
	}
	if (!ifname || !have_mac || !npairs || optind != argc)
		usage();
	if (!ncports)
		ncports = parse_ports("30000-30015", cports);
	if (!nsports)
		nsports = parse_ports("80", sports);

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket");
		return 2;
	}
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		perror(ifname);
		return 2;
	}
	memcpy(src_mac, ifr.ifr_hwaddr.sa_data, 6);
	sll.sll_ifindex = if_nametoindex(ifname);
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, dst_mac, 6);
	/* Sent frames only: nothing queues up on a receive side. */
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("bind");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("pktfuzz: seed %llu first %llu count %llu\n", seed, first, count);
	t0 = now();
	for (i = first; i < first + count; i++) {
		if ((i - first) % 16 == 0) {
			double el = now() - t0;

			if (secs > 0 && el >= secs)
				break;
			if (pps > 0 && (i - first) / pps > el)
				usleep(((i - first) / pps - el) * 1e6);
		}
		fuzz_rng = seed ^ (i * 0xd1b54a32d192ed03ULL);
		next64();
		gen();
		for (k = 0; k < nframes; k++) {
			if (send(fd, frames[k].b, frames[k].len, 0) < 0)
				errs++;
			else
				nfr++;
		}
		if (verbose) {
			printf("%llu %s", i, kind);
			for (k = 0; k < nframes; k++)
				printf(" %zu", frames[k].len);
			printf("\n");
		}
		sent++;
	}
	printf("pktfuzz: sent %llu packets, %llu frames, %llu send errors, %.1f s\n",
	       sent, nfr, errs, now() - t0);
	return 0;
}
