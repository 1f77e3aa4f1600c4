// SPDX-License-Identifier: GPL-2.0
/*
 * syncmsg: IPVS connection-sync messages from user space, for
 * selftests/sync-daemon.sh. An implementation of the wire format of its
 * own (the kernel's net/netfilter/ipvs/ip_vs_sync.c describes it), so the
 * test checks what a master sends against IPVS's format, not against our
 * module's idea of it.
 *
 *   syncmsg listen IFNAME SECONDS [PORT [GROUP]]
 *	join GROUP (224.0.0.81, or an IPv6 group) on IFNAME, print every
 *	message to GROUP:PORT (8848) received within SECONDS, decoded,
 *	one line per entry
 *   syncmsg send IFNAME [-0] [-s SYNCID] [-p PORT] ENTRY...
 *	send one message (version 1, or 0 with -0) with these entries:
 *	PROTO,CADDR,CPORT,VADDR,VPORT,DADDR,DPORT,FLAGS,STATE,TIMEOUT,FWMARK
 *	and, version 1 only, optionally ,PENAME,PEDATA: a persistence
 *	engine's name and data options (PEDATA first on the wire, as IPVS
 *	sends them; either may be empty to leave it out)
 *   syncmsg fuzz IFNAME COUNT [SEED [SYNCID]]
 *	send COUNT mutated messages, most with SYNCID (0); message i
 *	depends only on SEED and i. Prints the seed first and last
 *	"... bound B": the most connections they can leave in a backup
 *	(with SYNCID, or any if 0) that had none of their tuples
 *   syncmsg storm IFNAME SECONDS [-0] [-s SYNCID] [-p PORT] ENTRY...
 *	for SECONDS, send one message per ENTRY in turn, over and over;
 *	prints how many were sent
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "fuzzrng.h"

#define GROUP	"224.0.0.81"
#define PORT	8848

static uint16_t get16(const uint8_t *p) { return p[0] << 8 | p[1]; }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void addr_str(int af, const uint8_t *p, char *buf)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(af, p, a, sizeof(a));
	sprintf(buf, af == AF_INET6 ? "[%s]" : "%s", a);
}

static void print_entry(int af, int proto, const uint8_t *c, uint16_t cport,
			const uint8_t *v, uint16_t vport, const uint8_t *d,
			uint16_t dport, uint32_t flags, unsigned int state,
			long timeout, long fwmark, const char *opts)
{
	char cs[64], vs[64], ds[64];

	addr_str(af, c, cs);
	addr_str(af, v, vs);
	addr_str(af, d, ds);
	printf("conn proto=%d c=%s:%u v=%s:%u d=%s:%u flags=0x%04x state=%u",
	       proto, cs, cport, vs, vport, ds, dport, flags, state);
	if (timeout >= 0)
		printf(" timeout=%ld fwmark=%ld", timeout, fwmark);
	printf("%s\n", opts);
}

/* Prints a message; "bad ..." for anything IPVS's backup would refuse. */
static void decode(const uint8_t *m, size_t len)
{
	size_t off;
	int i;

	if (len < 4 || get16(m + 2) != len) {
		printf("bad size %zu\n", len);
		return;
	}
	if (len >= 8 && m[0] == 0 && m[5] == 1 && get16(m + 6) == 0) {
		printf("msg v1 syncid=%u size=%zu conns=%u\n", m[1], len, m[4]);
		off = 8;
		for (i = 0; i < m[4]; i++) {
			const uint8_t *e = m + off;
			int af = (e[0] & 1) ? AF_INET6 : AF_INET;
			unsigned int alen = af == AF_INET6 ? 16 : 4;
			unsigned int size = get16(e + 2) & 0xfff, o;
			char opts[256] = "";

			if (off + 36 > len || off + size > len ||
			    (get16(e + 2) >> 12) || e[0] > 1 ||
			    size < 24 + 3 * alen) {
				printf("bad entry %d\n", i);
				return;
			}
			for (o = 24 + 3 * alen; o < size;) {
				if (o + 2 > size || !e[o + 1] ||
				    o + 2 + e[o + 1] > size) {
					printf("bad option in entry %d\n", i);
					return;
				}
				sprintf(opts + strlen(opts), " opt%u/%u", e[o],
					e[o + 1]);
				/* Persistence engine data and name. */
				if (e[o] == 2 || e[o] == 3)
					sprintf(opts + strlen(opts), "=%.*s",
						e[o + 1], (const char *)e + o + 2);
				o += 2 + e[o + 1];
			}
			print_entry(af, e[1], e + 24, get16(e + 10),
				    e + 24 + alen, get16(e + 12),
				    e + 24 + 2 * alen, get16(e + 14),
				    get32(e + 4), get16(e + 8), get32(e + 20),
				    get32(e + 16), opts);
			off += (size + 3) & ~3u;
		}
		if (off != len)
			printf("bad length: entries end at %zu\n", off);
		return;
	}
	printf("msg v0 syncid=%u size=%zu conns=%u\n", m[1], len, m[0]);
	off = 4;
	for (i = 0; i < m[0]; i++) {
		const uint8_t *e = m + off;
		unsigned int elen = 24;

		if (off + 24 <= len && (get16(e + 20) & 0x0600))
			elen += 24;
		if (off + elen > len) {
			printf("bad entry %d\n", i);
			return;
		}
		print_entry(AF_INET, e[1], e + 8, get16(e + 2), e + 12,
			    get16(e + 4), e + 16, get16(e + 6), get16(e + 20),
			    get16(e + 22), -1, -1, elen > 24 ? " seq" : "");
		off += elen;
	}
	if (off != len)
		printf("bad length: entries end at %zu\n", off);
}

/* A UDP socket of family af whose port others may bind as well. */
static int reuse_sock(int af)
{
	int fd = socket(af, SOCK_DGRAM, 0), one = 1;

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die("SO_REUSEADDR");
	return fd;
}

/* A UDP socket bound to GROUP:PORT (IPv4 or IPv6), joined on IFNAME. */
static int group_sock(const char *ifname, int port, const char *group)
{
	struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sa = { .sin_family = AF_INET };
	unsigned int ifindex = if_nametoindex(ifname);
	struct ip_mreqn mreq = { .imr_ifindex = ifindex };
	int fd;

	if (!ifindex)
		die(ifname);
	if (inet_pton(AF_INET6, group, &sa6.sin6_addr) == 1) {
		struct ipv6_mreq mreq6 = { .ipv6mr_interface = ifindex };

		fd = reuse_sock(AF_INET6);
		/* Bound to the group: only what is sent to it is received. */
		sa6.sin6_port = htons(port);
		sa6.sin6_scope_id = ifindex;
		if (bind(fd, (struct sockaddr *)&sa6, sizeof(sa6)))
			die("bind");
		mreq6.ipv6mr_multiaddr = sa6.sin6_addr;
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mreq6,
			       sizeof(mreq6)))
			die("IPV6_ADD_MEMBERSHIP");
		return fd;
	}
	fd = reuse_sock(AF_INET);
	sa.sin_port = htons(port);
	if (inet_pton(AF_INET, group, &sa.sin_addr) != 1) {
		fprintf(stderr, "bad group %s\n", group);
		exit(2);
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("bind");
	mreq.imr_multiaddr = sa.sin_addr;
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)))
		die("IP_ADD_MEMBERSHIP");
	return fd;
}

static int listen_mode(const char *ifname, int secs, int port,
		       const char *group)
{
	struct timespec now, end;
	uint8_t buf[65536];
	int fd = group_sock(ifname, port, group);

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("listening\n");
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += secs;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long ms;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (end.tv_sec - now.tv_sec) * 1000 +
		     (end.tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0)
			return 0;
		if (poll(&pfd, 1, ms) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			die("recv");
		decode(buf, n);
	}
}

static int send_sock(const char *ifname, int port, struct sockaddr_in *to)
{
	struct ip_mreqn mreq = {};
	unsigned char ttl = 1;
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	mreq.imr_ifindex = if_nametoindex(ifname);
	if (!mreq.imr_ifindex)
		die(ifname);
	if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof(mreq)) ||
	    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)))
		die("setsockopt");
	memset(to, 0, sizeof(*to));
	to->sin_family = AF_INET;
	to->sin_port = htons(port);
	inet_pton(AF_INET, GROUP, &to->sin_addr);
	return fd;
}

static int proto_num(const char *s)
{
	if (!strcmp(s, "tcp"))
		return IPPROTO_TCP;
	if (!strcmp(s, "udp"))
		return IPPROTO_UDP;
	if (!strcmp(s, "sctp"))
		return IPPROTO_SCTP;
	return atoi(s);
}

/* Appends one entry; returns its length (0: bad spec). */
/* A version 1 option of the string s (nothing if empty); its length. */
static size_t add_opt(uint8_t *p, int type, const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 255)
		return 0;
	p[0] = type;
	p[1] = n;
	memcpy(p + 2, s, n);
	return 2 + n;
}

static size_t add_entry(uint8_t *p, size_t room, const char *spec, int v0)
{
	char buf[1024], *f[13], *save = NULL;
	struct in_addr c, v, d;
	size_t len;
	int i;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (i = 0; i < 11; i++) {
		f[i] = strtok_r(i ? NULL : buf, ",", &save);
		if (!f[i])
			return 0;
	}
	/* strsep keeps empty fields: ",,data" has no name. */
	f[11] = f[12] = NULL;
	if (save && *save) {
		f[11] = strsep(&save, ",");
		f[12] = strsep(&save, ",");
		if (v0 || !f[12] || save ||
		    36 + 4 + strlen(f[11]) + strlen(f[12]) > room)
			return 0;
	}
	if (!inet_pton(AF_INET, f[1], &c) || !inet_pton(AF_INET, f[3], &v) ||
	    !inet_pton(AF_INET, f[5], &d))
		return 0;
	if (v0) {
		memset(p, 0, 24);
		p[1] = proto_num(f[0]);
		put16(p + 2, atoi(f[2]));
		put16(p + 4, atoi(f[4]));
		put16(p + 6, atoi(f[6]));
		memcpy(p + 8, &c, 4);
		memcpy(p + 12, &v, 4);
		memcpy(p + 16, &d, 4);
		put16(p + 20, strtoul(f[7], NULL, 0));
		put16(p + 22, atoi(f[8]));
		return 24;
	}
	memset(p, 0, 36);
	p[1] = proto_num(f[0]);
	put16(p + 2, 36);
	put32(p + 4, strtoul(f[7], NULL, 0));
	put16(p + 8, atoi(f[8]));
	put16(p + 10, atoi(f[2]));
	put16(p + 12, atoi(f[4]));
	put16(p + 14, atoi(f[6]));
	put32(p + 16, strtoul(f[10], NULL, 0));
	put32(p + 20, strtoul(f[9], NULL, 0));
	memcpy(p + 24, &c, 4);
	memcpy(p + 28, &v, 4);
	memcpy(p + 32, &d, 4);
	len = 36;
	if (f[11]) {
		len += add_opt(p + len, 2, f[12]);
		len += add_opt(p + len, 3, f[11]);
		put16(p + 2, len);
	}
	return len;
}

/* Builds one message of the ENTRY arguments; returns its length, 0 if bad. */
static size_t build_msg(uint8_t *m, size_t cap, int v0, int syncid,
			int argc, char **argv)
{
	size_t len, n;
	int i;

	memset(m, 0, cap);
	m[1] = syncid;
	len = v0 ? 4 : 8;
	if (!v0)
		m[5] = 1;
	for (i = 0; i < argc; i++) {
		/* Version 1 entries start 4-aligned. */
		if (!v0)
			len = (len + 3) & ~(size_t)3;
		if (len + 36 > cap)
			return 0;
		n = add_entry(m + len, cap - len, argv[i], v0);
		if (!n) {
			fprintf(stderr, "bad entry: %s\n", argv[i]);
			return 0;
		}
		len += n;
		m[v0 ? 0 : 4]++;
	}
	put16(m + 2, len);
	return len;
}

/* -0, -s SYNCID, -p PORT; returns how many arguments they took, -1: bad. */
static int send_opts(int argc, char **argv, int *v0, int *syncid, int *port)
{
	int i = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-0"))
			*v0 = 1;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			*syncid = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-p") && i + 1 < argc)
			*port = atoi(argv[++i]);
		else
			return -1;
	}
	return i;
}

static int storm_mode(const char *ifname, int secs, int argc, char **argv)
{
	int v0 = 0, syncid = 0, port = PORT, i, fd;
	struct timespec now, end;
	static uint8_t m[64][64];
	size_t len[64];
	unsigned long sent = 0;
	struct sockaddr_in to;

	i = send_opts(argc, argv, &v0, &syncid, &port);
	if (i < 0 || i == argc || argc - i > 64)
		return 2;
	argc -= i;
	argv += i;
	for (i = 0; i < argc; i++) {
		len[i] = build_msg(m[i], sizeof(m[i]), v0, syncid, 1, argv + i);
		if (!len[i])
			return 2;
	}
	fd = send_sock(ifname, port, &to);
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += secs;
	do {
		for (i = 0; i < argc; i++, sent++)
			if (sendto(fd, m[i], len[i], 0, (struct sockaddr *)&to,
				   sizeof(to)) < 0 && errno != ENOBUFS)
				die("sendto");
		/* Leave CPU to the backup and whatever races with it. */
		if (sent % 32 < (unsigned long)argc)
			usleep(2000);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec ||
		 (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
	printf("sent %lu\n", sent);
	return 0;
}

static int send_mode(const char *ifname, int argc, char **argv)
{
	int v0 = 0, syncid = 0, port = PORT, i, fd;
	struct sockaddr_in to;
	uint8_t m[1500];
	size_t len;

	i = send_opts(argc, argv, &v0, &syncid, &port);
	if (i < 0)
		return 2;
	len = build_msg(m, sizeof(m), v0, syncid, argc - i, argv + i);
	if (!len)
		return 2;
	fd = send_sock(ifname, port, &to);
	if (sendto(fd, m, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		die("sendto");
	return 0;
}

/*
 * The fuzz: messages built from small pools of addresses and ports (so
 * the same connections come again and again), versions 0 and 1, IPv4 and
 * IPv6 entries, templates, every flag, valid and bogus states, options
 * and lengths, services and real servers the backup has and has not,
 * timeouts up to 2^32 - 1 s; then damaged now and then. Message i
 * depends only on the seed and i.
 */

#define F_NOOUTPUT	0x0008
#define F_INACTIVE	0x0100
#define F_SEQ_MASK	0x0600
#define F_NO_CPORT	0x0800
#define F_TEMPLATE	0x1000
#define F_ONE_PACKET	0x2000

/* An address of family af from the fuzz's pools: client, virtual, real. */
static void pool_addr(int af, int which, uint8_t *a)
{
	static const char *const v4[3][4] = {
		{ "10.0.7.1", "10.0.7.2", "10.0.7.3", "10.0.7.1" },
		{ "10.0.1.100", "10.0.1.100", "10.0.1.101", "0.0.0.1" },
		{ "10.0.2.11", "10.0.2.12", "10.0.2.99", "10.0.2.11" },
	};
	static const char *const v6[3][4] = {
		{ "fd00:7::1", "fd00:7::2", "fd00:7::3", "fd00:7::1" },
		{ "fd00:1::100", "fd00:1::100", "fd00:1::101", "::1" },
		{ "fd00:2::11", "fd00:2::12", "fd00:2::99", "fd00:2::11" },
	};

	inet_pton(af, (af == AF_INET6 ? v6 : v4)[which][rnd(4)], a);
}

static uint32_t fuzz_flags(void)
{
	static const uint32_t bits[] = { F_INACTIVE, F_TEMPLATE, F_NO_CPORT,
					 F_SEQ_MASK, F_NOOUTPUT, F_ONE_PACKET };
	uint32_t f = rnd(5);	/* masq, local, tunnel, route, bypass */
	unsigned int k;

	for (k = 0; k < sizeof(bits) / sizeof(bits[0]); k++)
		if (one_in(4))
			f |= bits[k];
	if (one_in(32))
		f = next64();
	return f;
}

/*
 * The client port goes with the flags: 0 for templates and NO_CPORT
 * connections, else one of two; but now and then it does not.
 */
static uint16_t fuzz_cport(uint32_t flags)
{
	if (one_in(32))
		return rnd(3) * 1000;
	if (flags & (F_TEMPLATE | F_NO_CPORT))
		return 0;
	return 1000 + rnd(2);
}

static uint16_t fuzz_state(int proto)
{
	if (one_in(8))
		return rnd(65536);
	return rnd(proto == IPPROTO_UDP ? 1 : proto == IPPROTO_SCTP ? 10 : 11);
}

static int fuzz_proto(void)
{
	static const uint8_t p[] = { 6, 6, 6, 17, 17, 132, 0, 1 };

	return one_in(32) ? (int)rnd(256) : p[rnd(sizeof(p))];
}

/* One version 1 entry at e (room bytes); returns its padded length. */
static size_t fuzz_v1_entry(uint8_t *e, size_t room)
{
	static const uint32_t tmo[] = { 0, 1, 60, 900, 86400 * 365,
					0x7fffffff, 0xffffffff };
	int af = one_in(3) ? AF_INET6 : AF_INET, alen = af == AF_INET6 ? 16 : 4;
	size_t size = 24 + 3 * alen, k;
	int proto = fuzz_proto(), nopt = one_in(3) ? 1 + rnd(3) : 0;
	uint32_t flags = fuzz_flags();

	if (room < size + 3 * 26 + 4)
		return 0;
	memset(e, 0, size);
	e[0] = af == AF_INET6 ? 1 : 0;
	if (one_in(16))
		e[0] = rnd(256);
	e[1] = proto;
	put32(e + 4, flags);
	put16(e + 8, fuzz_state(proto));
	put16(e + 10, fuzz_cport(flags));
	put16(e + 12, (uint16_t[]){ 80, 80, 53, 8080 }[rnd(4)]);
	put16(e + 14, (uint16_t[]){ 80, 53, 0, 8080 }[rnd(4)]);
	put32(e + 16, one_in(6) ? (one_in(2) ? 1 : next64()) : 0);
	put32(e + 20, one_in(2) ? tmo[rnd(7)] : rnd(1000));
	pool_addr(af, 0, e + 24);
	pool_addr(af, 1, e + 24 + alen);
	pool_addr(af, 2, e + 24 + 2 * alen);
	for (k = 0; k < (size_t)nopt; k++) {
		uint8_t *o = e + size;
		size_t l;

		switch (rnd(5)) {
		case 0: o[0] = 1; l = 24; break;		/* seq data */
		case 1: o[0] = 2; l = 1 + rnd(20); break;	/* pe data */
		case 2: o[0] = 3; l = 3; memcpy(o + 2, "sip", 3); break;
		case 3: o[0] = rnd(256); l = rnd(16); break;
		default: o[0] = 1 + rnd(3); l = 0; break;	/* empty */
		}
		if (o[0] != 3 || l != 3)
			for (size_t b = 0; b < l; b++)
				o[2 + b] = next64();
		o[1] = one_in(12) ? rnd(256) : l;
		size += 2 + l;
	}
	put16(e + 2, size);
	if (one_in(12))		/* a wrong size, or a version nibble */
		put16(e + 2, one_in(2) ? rnd(65536) : size + 4 * rnd(8) - 16);
	memset(e + size, 0, 4);
	return (size + 3) & ~3u;
}

/* One version 0 entry (IPv4; 24 bytes, 48 with the seq options). */
static size_t fuzz_v0_entry(uint8_t *e, size_t room)
{
	uint16_t flags = fuzz_flags();
	int proto = fuzz_proto();
	size_t size = (flags & F_SEQ_MASK) ? 48 : 24, k;

	if (room < size)
		return 0;
	for (k = 0; k < size; k++)
		e[k] = next64();
	e[0] = 0;
	e[1] = proto;
	put16(e + 2, fuzz_cport(flags));
	put16(e + 4, (uint16_t[]){ 80, 80, 53, 8080 }[rnd(4)]);
	put16(e + 6, (uint16_t[]){ 80, 53, 0, 8080 }[rnd(4)]);
	pool_addr(AF_INET, 0, e + 8);
	pool_addr(AF_INET, 1, e + 12);
	pool_addr(AF_INET, 2, e + 16);
	put16(e + 20, flags);
	put16(e + 22, fuzz_state(proto));
	return size;
}

static size_t fuzz_msg(uint8_t *m, size_t cap, int syncid)
{
	size_t len, n, k, max = one_in(32) ? cap : 1400;
	int v0 = one_in(4), want = one_in(8) ? rnd(256) : 1 + rnd(30);

	memset(m, 0, cap);
	if (one_in(16)) {		/* noise */
		len = 4 + rnd(max - 4);
		for (k = 0; k < len; k++)
			m[k] = next64();
		put16(m + 2, len);
		return len;
	}
	len = v0 ? 4 : 8;
	for (n = 0; n < (size_t)want; n++) {
		k = v0 ? fuzz_v0_entry(m + len, max - len) :
			 fuzz_v1_entry(m + len, max - len);
		if (!k)
			break;
		len += k;
	}
	m[1] = one_in(8) ? rnd(256) : (unsigned int)syncid;
	put16(m + 2, len);
	if (v0) {
		m[0] = one_in(8) ? rnd(256) : n;
	} else {
		m[4] = one_in(8) ? rnd(256) : n;
		m[5] = one_in(32) ? rnd(4) : 1;
		if (one_in(32))
			m[0] = rnd(256), m[6] = rnd(2), m[7] = rnd(2);
	}
	if (one_in(16))			/* a few bits anywhere */
		for (k = 1 + rnd(3); k > 0; k--)
			m[rnd(len)] ^= 1 << rnd(8);
	if (one_in(16))
		len = 4 + rnd(len - 3);	/* cut, the size field says more */
	if (one_in(16))
		put16(m + 2, rnd(65536));
	return len;
}

/*
 * The bound on the backup's table: every entry IPVS could apply is
 * taken, reading a message as leniently as possible, and its connection
 * key (family, protocol, client, virtual address and port, template or
 * not, and a template's persistence-engine data: a backup with the
 * engine keys it by that too) recorded. Entries IPVS never finds again
 * (a client port of 0 without NO_CPORT, or the flag with a port) count
 * one each.
 */
#define KEYS_BITS 21
static uint64_t *keys;
static unsigned long nkeys, nunique, nentries;

static void record(int af, int proto, const uint8_t *c, uint16_t cport,
		   const uint8_t *v, uint16_t vport, uint32_t flags,
		   const uint8_t *pe, size_t pe_len)
{
	uint8_t k[40 + 255];
	uint64_t h = 0xcbf29ce484222325ULL;
	int alen = af == AF_INET6 ? 16 : 4, tpl = !!(flags & F_TEMPLATE);
	size_t i, slot;

	nentries++;
	if (!tpl && !cport != !!(flags & F_NO_CPORT)) {
		nunique++;
		return;
	}
	memset(k, 0, sizeof(k));
	k[0] = af == AF_INET6;
	k[1] = proto;
	k[2] = tpl;
	put16(k + 3, cport);
	put16(k + 5, vport);
	memcpy(k + 7, c, alen);
	memcpy(k + 23, v, alen);
	if (tpl && pe)
		memcpy(k + 40, pe, pe_len);
	for (i = 0; i < sizeof(k); i++)
		h = (h ^ k[i]) * 0x100000001b3ULL;
	h |= 1;
	for (slot = h & ((1u << KEYS_BITS) - 1); keys[slot];
	     slot = (slot + 1) & ((1u << KEYS_BITS) - 1))
		if (keys[slot] == h)
			return;
	if (nkeys + 1 >= (1u << KEYS_BITS) / 2) {
		nunique++;	/* full: count it as new */
		return;
	}
	keys[slot] = h;
	nkeys++;
}

/* The first persistence-engine data option of an entry, if any. */
static const uint8_t *pe_data(const uint8_t *e, size_t size, size_t off,
			      size_t *len)
{
	while (off + 2 <= size && e[off + 1] && off + 2 + e[off + 1] <= size) {
		if ((e[off] & ~0x40) == 2) {
			*len = e[off + 1];
			return e + off + 2;
		}
		off += 2 + e[off + 1];
	}
	return NULL;
}

static void account(const uint8_t *m, size_t len, int syncid)
{
	size_t p;
	int i;

	if (len < 4 || get16(m + 2) != len || (syncid && m[1] != syncid))
		return;
	if (len >= 8 && m[0] == 0 && m[5] == 1 && get16(m + 6) == 0) {
		for (i = 0, p = 8; i < m[4] && p + 36 <= len; i++) {
			const uint8_t *e = m + p;
			int af = (e[0] & 1) ? AF_INET6 : AF_INET;
			size_t a = af == AF_INET6 ? 16 : 4;
			unsigned int size = get16(e + 2);

			if (p + (size & 0xfff) > len || size >> 12)
				break;
			if (p + 24 + 2 * a <= len) {
				size_t pe_len = 0;
				const uint8_t *pe = pe_data(e, size & 0xfff,
							    24 + 3 * a,
							    &pe_len);

				record(af, e[1], e + 24, get16(e + 10),
				       e + 24 + a, get16(e + 12), get32(e + 4),
				       pe, pe_len);
			}
			p += ((size & 0xfff) + 3) & ~3u;
		}
		return;
	}
	for (i = 0, p = 4; i < m[0] && p + 24 <= len; i++) {
		const uint8_t *e = m + p;
		size_t size = (get16(e + 20) & F_SEQ_MASK) ? 48 : 24;

		if (p + size > len)
			break;
		record(AF_INET, e[1], e + 8, get16(e + 2), e + 12,
		       get16(e + 4), get16(e + 20), NULL, 0);
		p += size;
	}
}

static int fuzz_mode(const char *ifname, unsigned long count,
		     unsigned long long seed, int syncid)
{
	struct sockaddr_in to;
	uint8_t m[4000];
	unsigned long i;
	int fd;

	keys = calloc(1u << KEYS_BITS, sizeof(*keys));
	if (!keys)
		die("calloc");
	fd = send_sock(ifname, PORT, &to);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("syncmsg: fuzz seed %llu count %lu syncid %d\n", seed, count,
	       syncid);
	for (i = 0; i < count; i++) {
		size_t len;

		fuzz_rng = seed ^ (i * 0xd1b54a32d192ed03ULL);
		next64();
		len = fuzz_msg(m, sizeof(m), syncid);
		account(m, len, syncid);
		if (sendto(fd, m, len, 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0 && errno != ENOBUFS &&
		    errno != EMSGSIZE)
			die("sendto");
		if (i % 32 == 31)
			usleep(10000);	/* let the backup keep up */
	}
	printf("syncmsg: sent %lu messages, %lu entries, %lu keys + %lu unique: bound %lu\n",
	       count, nentries, nkeys, nunique, nkeys + nunique);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "listen"))
		return listen_mode(argv[2], atoi(argv[3]),
				   argc > 4 ? atoi(argv[4]) : PORT,
				   argc > 5 ? argv[5] : GROUP);
	if (argc >= 3 && !strcmp(argv[1], "send"))
		return send_mode(argv[2], argc - 3, argv + 3);
	if (argc >= 4 && !strcmp(argv[1], "fuzz"))
		return fuzz_mode(argv[2], strtoul(argv[3], NULL, 0),
				 argc > 4 ? strtoull(argv[4], NULL, 0) : 1,
				 argc > 5 ? atoi(argv[5]) : 0);
	if (argc >= 5 && !strcmp(argv[1], "storm"))
		return storm_mode(argv[2], atoi(argv[3]), argc - 4, argv + 4);
	fprintf(stderr, "usage: syncmsg listen|send|fuzz|storm IFNAME ...\n");
	return 2;
}
