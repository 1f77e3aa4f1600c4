// SPDX-License-Identifier: GPL-2.0
/*
 * SCTP helper for the selftests (the guest has no SCTP tools; one-to-one
 * style sockets need no libsctp, only the kernel's sctp module).
 *
 *   sctp serve PORT NAME
 *	Listens on every IPv4 and IPv6 address; each association gets NAME
 *	and a newline, then its own bytes echoed back until it shuts down.
 *   sctp client HOST PORT SIZE [HOLD]
 *	Sends SIZE pseudo-random bytes, checks the echo byte for byte and
 *	prints the server's NAME. With HOLD: then creates HOLD.open, keeps
 *	the association until HOLD.go exists, checks one more echo, and
 *	closes (a graceful SHUTDOWN). Exit 0 only if every byte came back.
 *   sctp crcwatch FILE
 *	Counts the SCTP packets this namespace receives (raw sockets, IPv4
 *	and IPv6) whose CRC32c is right and wrong, and keeps "GOOD BAD" in
 *	FILE (created once the sockets are open). The kernel trusts packets
 *	that crossed a veth with their checksum state, so this is how a test
 *	sees the checksum a NAT director wrote.
 *   sctp chunk HOST PORT SPORT TYPE
 *	Sends one SCTP packet from SPORT whose only chunk is an empty one of
 *	TYPE (a number): how a director treats first chunks other than INIT.
 *   sctp icmp DST QSRC QSPORT QDST QDPORT
 *	Sends DST an ICMP (ICMPv6) port unreachable quoting an SCTP packet
 *	QSRC:QSPORT -> QDST:QDPORT, as a host refusing it would.
 *   sctp icmpwatch FILE
 *	Appends "SRC QSRC QSPORT QDST QDPORT" to FILE for every ICMP error
 *	quoting an SCTP packet that this namespace receives: what a NAT
 *	director made of the error's addresses and ports.
 *   sctp nocsum IFNAME
 *	Turns off transmit checksum offload (SCTP's CRC32c included) so the
 *	sender computes real CRCs instead of leaving them to the "device".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "inet_csum.h"
#include "rawwatch.h"

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

static void __attribute__((noreturn)) die(const char *what)
{
	perror(what);
	exit(2);
}

/* Writes (WR) or reads all LEN bytes; -1 on EOF or error. */
static int xfer_all(int fd, void *buf, size_t len, int wr)
{
	char *p = buf;

	while (len) {
		ssize_t n = wr ? write(fd, p, len) : read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

#define write_all(fd, buf, len) xfer_all(fd, (void *)(buf), len, 1)
#define read_all(fd, buf, len) xfer_all(fd, buf, len, 0)

/*
 * Parses HOST (IPv4 or IPv6) and PORT into SS; returns the address
 * length, or exits on a HOST that is no address.
 */
static socklen_t parse_addr(const char *host, const char *port,
			    struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(atoi(port));
		return sizeof(*s6);
	}
	if (inet_pton(AF_INET, host, &s4->sin_addr) != 1) {
		fprintf(stderr, "%s: not an address\n", host);
		exit(2);
	}
	s4->sin_family = AF_INET;
	s4->sin_port = htons(atoi(port));
	return sizeof(*s4);
}

static void serve_one(int fd, const char *name)
{
	char buf[4096], line[256];
	ssize_t n;

	snprintf(line, sizeof(line), "%s\n", name);
	if (write_all(fd, line, strlen(line)))
		_exit(1);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(fd, buf, n))
			_exit(1);
	close(fd);
	_exit(0);
}

static int serve(const char *port, const char *name)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6 };
	int fd, one = 1, v6only = 0;

	signal(SIGCHLD, SIG_IGN);	/* no zombies */
	fd = socket(AF_INET6, SOCK_STREAM, IPPROTO_SCTP);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* IPv4 clients too, as v4-mapped addresses. */
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
	sa.sin6_port = htons(atoi(port));
	sa.sin6_addr = in6addr_any;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 64))
		die("bind/listen");
	for (;;) {
		int c = accept(fd, NULL, NULL);

		if (c < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		if (!fork()) {
			close(fd);
			serve_one(c, name);
		}
		close(c);
	}
}

/* One round: SIZE bytes out, the same bytes back. */
static int echo_round(int fd, size_t size, unsigned int seed)
{
	unsigned char *out = malloc(size), *in = malloc(size);
	size_t i;
	int ret = -1;

	errno = 0;
	if (!out || !in)
		die("malloc");
	srand(seed);
	for (i = 0; i < size; i++)
		out[i] = rand();
	if (write_all(fd, out, size) || read_all(fd, in, size))
		fprintf(stderr, "echo: connection lost (%s)\n",
			errno ? strerror(errno) : "closed by the peer");
	else if (memcmp(out, in, size))
		fprintf(stderr, "echo: payload differs\n");
	else
		ret = 0;
	free(out);
	free(in);
	return ret;
}

static int connect_to(const char *host, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t len = parse_addr(host, port, &ss);
	int fd;

	fd = socket(ss.ss_family, SOCK_STREAM, IPPROTO_SCTP);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&ss, len))
		die("connect");
	return fd;
}

static int client(const char *host, const char *port, const char *size,
		  const char *hold)
{
	char name[256], path[4096];
	size_t len = 0;
	int fd;

	/* connect() retries INITs for minutes: the test wants an answer. */
	alarm(10);
	fd = connect_to(host, port);
	while (len < sizeof(name) - 1) {
		if (read(fd, name + len, 1) != 1) {
			fprintf(stderr, "no name from the server\n");
			return 1;
		}
		if (name[len++] == '\n')
			break;
	}
	name[len] = '\0';
	if (echo_round(fd, strtoul(size, NULL, 0), 1))
		return 1;
	alarm(0);
	if (hold) {
		struct stat st;

		snprintf(path, sizeof(path), "%s.open", hold);
		close(open(path, O_CREAT | O_WRONLY, 0644));
		snprintf(path, sizeof(path), "%s.go", hold);
		while (stat(path, &st))
			usleep(100000);
		if (echo_round(fd, 1000, 2))
			return 1;
	}
	close(fd);
	fputs(name, stdout);
	return 0;
}

/* CRC32c (Castagnoli), reflected, as SCTP uses it (RFC 4960 app. B). */
static uint32_t crc32c(const unsigned char *p, size_t len)
{
	uint32_t crc = ~0u;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
	}
	return ~crc;
}

static int sctp_crc_ok(unsigned char *sh, size_t len)
{
	uint32_t want, got;

	if (len < 12)
		return 0;
	/* Stored least significant byte first. */
	want = sh[8] | sh[9] << 8 | sh[10] << 16 | (uint32_t)sh[11] << 24;
	memset(sh + 8, 0, 4);
	got = crc32c(sh, len);
	return got == want;
}

static void put_counts(const char *file, unsigned long good,
		       unsigned long bad)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f)
		die("fopen");
	fprintf(f, "%lu %lu\n", good, bad);
	fclose(f);
	if (rename(tmp, file))
		die("rename");
}

struct crc_counts {
	const char *file;
	unsigned long good, bad;
};

static void crc_one(void *ctx, int v6, unsigned char *buf, size_t len,
		    const struct sockaddr_in6 *from)
{
	struct crc_counts *c = ctx;
	size_t off;

	(void)from;
	if (!len)
		return;
	/* IPv4 raw sockets see the IP header, IPv6 not. */
	off = v6 ? 0 : (buf[0] & 0xf) * 4;
	if (len <= off)
		return;
	if (sctp_crc_ok(buf + off, len - off))
		c->good++;
	else
		c->bad++;
	put_counts(c->file, c->good, c->bad);
}

static int crcwatch(const char *file)
{
	struct crc_counts c = { file, 0, 0 };
	struct pollfd pfd[2];

	if (raw_watch_open(pfd, IPPROTO_SCTP, IPPROTO_SCTP))
		die("raw socket");
	put_counts(file, 0, 0);
	raw_watch_loop(pfd, crc_one, &c);
	die("poll");
}

static int chunk(const char *host, const char *port, const char *sport,
		 const char *type)
{
	struct sockaddr_storage ss;
	socklen_t len;
	unsigned char pkt[16] = {};
	uint32_t crc;
	int fd;

	/* A raw socket: the port is in the packet, not the address. */
	len = parse_addr(host, "0", &ss);
	pkt[0] = atoi(sport) >> 8;
	pkt[1] = atoi(sport);
	pkt[2] = atoi(port) >> 8;
	pkt[3] = atoi(port);
	pkt[12] = atoi(type);	/* flags 0, length 4 */
	pkt[15] = 4;
	crc = crc32c(pkt, sizeof(pkt));
	pkt[8] = crc;
	pkt[9] = crc >> 8;
	pkt[10] = crc >> 16;
	pkt[11] = crc >> 24;
	fd = socket(ss.ss_family, SOCK_RAW, IPPROTO_SCTP);
	if (fd < 0)
		die("raw socket");
	if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&ss, len) !=
	    sizeof(pkt))
		die("sendto");
	return 0;
}

static int icmp(const char *dst, const char *qsrc, const char *qsport,
		const char *qdst, const char *qdport)
{
	unsigned char pkt[8 + 40 + 8] = {};
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	unsigned char *q = pkt + 8, *ports;
	size_t len;
	uint16_t sum;
	int fd;

	if (inet_pton(AF_INET6, dst, &s6.sin6_addr) == 1) {
		pkt[0] = 1;	/* destination unreachable, port (4) */
		pkt[1] = 4;
		q[0] = 0x60;
		q[5] = 8;	/* payload length */
		q[6] = IPPROTO_SCTP;
		q[7] = 64;
		if (inet_pton(AF_INET6, qsrc, q + 8) != 1 ||
		    inet_pton(AF_INET6, qdst, q + 24) != 1)
			die("quoted address");
		ports = q + 40;
		len = sizeof(pkt);
		fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
	} else {
		if (inet_pton(AF_INET, dst, &s4.sin_addr) != 1)
			die("address");
		pkt[0] = 3;	/* destination unreachable, port (3) */
		pkt[1] = 3;
		q[0] = 0x45;
		q[3] = 28;	/* total length */
		q[8] = 64;
		q[9] = IPPROTO_SCTP;
		if (inet_pton(AF_INET, qsrc, q + 12) != 1 ||
		    inet_pton(AF_INET, qdst, q + 16) != 1)
			die("quoted address");
		sum = ntohs(csum(q, 20));
		q[10] = sum >> 8;
		q[11] = sum;
		ports = q + 20;
		len = 8 + 20 + 8;
		fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	}
	if (fd < 0)
		die("raw socket");
	ports[0] = atoi(qsport) >> 8;
	ports[1] = atoi(qsport);
	ports[2] = atoi(qdport) >> 8;
	ports[3] = atoi(qdport);
	if (pkt[0] == 3) {	/* the kernel does ICMPv6's checksum */
		sum = ntohs(csum(pkt, len));
		pkt[2] = sum >> 8;
		pkt[3] = sum;
		if (sendto(fd, pkt, len, 0, (struct sockaddr *)&s4,
			   sizeof(s4)) != (ssize_t)len)
			die("sendto");
	} else if (sendto(fd, pkt, len, 0, (struct sockaddr *)&s6,
			  sizeof(s6)) != (ssize_t)len) {
		die("sendto");
	}
	return 0;
}

/* One line per ICMP error about SCTP: source, then the quoted tuple. */
static void icmp_line(FILE *f, int af, const void *src, const unsigned char *q,
		      size_t len)
{
	char a[3][INET6_ADDRSTRLEN];
	const unsigned char *ports;
	size_t hl = af == AF_INET ? (q[0] & 0xf) * 4u : 40;

	if (len < hl + 4)
		return;
	if ((af == AF_INET ? q[9] : q[6]) != IPPROTO_SCTP)
		return;
	inet_ntop(af, src, a[0], sizeof(a[0]));
	inet_ntop(af, af == AF_INET ? q + 12 : q + 8, a[1], sizeof(a[1]));
	inet_ntop(af, af == AF_INET ? q + 16 : q + 24, a[2], sizeof(a[2]));
	ports = q + hl;
	fprintf(f, "%s %s %u %s %u\n", a[0], a[1], ports[0] << 8 | ports[1],
		a[2], ports[2] << 8 | ports[3]);
	fflush(f);
}

/* The ICMP errors that quote an SCTP packet, one line each to CTX (a FILE). */
static void icmp_one(void *ctx, int v6, unsigned char *buf, size_t n,
		     const struct sockaddr_in6 *from)
{
	size_t ihl;

	if (!v6) {
		/* IP header, ICMP header, the quote. */
		if (n < 20)
			return;
		ihl = (buf[0] & 0xf) * 4;
		if (n < ihl + 8 + 20 ||
		    (buf[ihl] != 3 && buf[ihl] != 4 && buf[ihl] != 11))
			return;
		icmp_line(ctx, AF_INET, buf + 12, buf + ihl + 8, n - ihl - 8);
	} else {
		if (n < 8 + 40 || buf[0] >= 128)
			return;
		icmp_line(ctx, AF_INET6, &from->sin6_addr, buf + 8, n - 8);
	}
}

static int icmpwatch(const char *file)
{
	struct pollfd pfd[2];
	FILE *f = fopen(file, "a");

	if (!f)
		die("fopen");
	if (raw_watch_open(pfd, IPPROTO_ICMP, IPPROTO_ICMPV6))
		die("raw socket");
	fprintf(f, "ready\n");
	fflush(f);
	raw_watch_loop(pfd, icmp_one, f);
	die("poll");
}

static int nocsum(const char *ifname)
{
	struct ethtool_value ev = { .cmd = ETHTOOL_STXCSUM, .data = 0 };
	struct ifreq ifr = {};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		die("socket");
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&ev;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		die("SIOCETHTOOL");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 4 && !strcmp(argv[1], "serve"))
		return serve(argv[2], argv[3]);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "client"))
		return client(argv[2], argv[3], argv[4],
			      argc == 6 ? argv[5] : NULL);
	if (argc == 3 && !strcmp(argv[1], "crcwatch"))
		return crcwatch(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "chunk"))
		return chunk(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 7 && !strcmp(argv[1], "icmp"))
		return icmp(argv[2], argv[3], argv[4], argv[5], argv[6]);
	if (argc == 3 && !strcmp(argv[1], "icmpwatch"))
		return icmpwatch(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "nocsum"))
		return nocsum(argv[2]);
	fprintf(stderr, "usage: sctp serve PORT NAME | client HOST PORT SIZE [HOLD] | crcwatch FILE |\n       chunk HOST PORT SPORT TYPE |\n       icmp DST QSRC QSPORT QDST QDPORT | icmpwatch FILE | nocsum IFNAME\n");
	return 2;
}
