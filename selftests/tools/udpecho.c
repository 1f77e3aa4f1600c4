// SPDX-License-Identifier: GPL-2.0
/*
 * udpecho: answers every UDP datagram to PORT (IPv4 and IPv6) with the
 * same bytes, from the address it was sent to, so it also works on a
 * direct-routing real server whose virtual address is on lo.
 *
 *   udpecho [-l] PORT
 *
 * Prints "ready" on stderr once both sockets are bound; runs until killed.
 * With -l, one line on stdout per datagram: "LENGTH SUM" (sum() below).
 *
 * Its client, for datagrams of any size (e.g. larger than the MTU):
 *
 *   udpecho -c ADDR PORT SIZE COUNT
 *
 * sends COUNT datagrams of SIZE pseudo-random bytes to ADDR:PORT, one
 * after the other from one unconnected socket, each waiting up to 2 s
 * for its answer, and prints a line per datagram:
 *   "SUM intact FROM"   the same bytes came back, from address FROM
 *   "SUM corrupt FROM"  other bytes came back
 *   "SUM none -"        nothing came back
 * Exits 0 when every answer was intact.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bound(int af, int port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	int one = 1, fd;

	fd = socket(af, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	if (af == AF_INET6) {
		a6.sin6_port = htons(port);
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof(one)) ||
		    bind(fd, (struct sockaddr *)&a6, sizeof(a6)))
			return -1;
	} else {
		a4.sin_port = htons(port);
		if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) ||
		    bind(fd, (struct sockaddr *)&a4, sizeof(a4)))
			return -1;
	}
	return fd;
}

static int log_sums;

/* FNV-1a, 32 bits: enough to tell two payloads apart in a test. */
static uint32_t sum(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* One datagram in, the same out, with the destination as source. */
static void echo(int fd)
{
	char buf[65536], cbuf[256];
	struct sockaddr_storage peer;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr m = {
		.msg_name = &peer, .msg_namelen = sizeof(peer),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return;
	iov.iov_len = n;
	if (log_sums) {
		printf("%zd %08x\n", n, sum((unsigned char *)buf, n));
		fflush(stdout);
	}
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		/* Let routing pick the interface, keep only the address. */
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
			((struct in_pktinfo *)CMSG_DATA(c))->ipi_ifindex = 0;
		if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO)
			((struct in6_pktinfo *)CMSG_DATA(c))->ipi6_ifindex = 0;
	}
	m.msg_flags = 0;
	sendmsg(fd, &m, 0);
}

static const char *addr_text(const struct sockaddr_storage *a, char *buf,
			     size_t len)
{
	const void *p = a->ss_family == AF_INET6 ?
		(const void *)&((const struct sockaddr_in6 *)a)->sin6_addr :
		(const void *)&((const struct sockaddr_in *)a)->sin_addr;

	return inet_ntop(a->ss_family, p, buf, len) ? buf : "?";
}

static int client(const char *host, int port, long size, int count)
{
	static unsigned char out[65535], in[65536];
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	struct sockaddr *to = (struct sockaddr *)&a4;
	socklen_t tolen = sizeof(a4);
	uint32_t x = 2463534242u;
	int fd, i, bad = 0;
	long j;

	a4.sin_port = a6.sin6_port = htons(port);
	if (inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
		to = (struct sockaddr *)&a6;
		tolen = sizeof(a6);
	} else if (inet_pton(AF_INET, host, &a4.sin_addr) != 1) {
		size = 0;
	}
	if (size < 1 || size > (long)sizeof(out) || count < 1 ||
	    port <= 0 || port > 65535) {
		fprintf(stderr, "udpecho: bad client arguments\n");
		return 2;
	}
	fd = socket(to->sa_family, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("udpecho");
		return 1;
	}
	for (i = 0; i < count; i++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		char text[INET6_ADDRSTRLEN + 8];
		ssize_t n = -1;

		for (j = 0; j < size; j++) {	/* xorshift32 */
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			out[j] = x;
		}
		if (sendto(fd, out, size, 0, to, tolen) != size) {
			perror("udpecho: sendto");
			return 1;
		}
		if (poll(&p, 1, 2000) == 1)
			n = recvfrom(fd, in, sizeof(in), MSG_DONTWAIT,
				     (struct sockaddr *)&from, &fl);
		printf("%08x ", sum(out, size));
		if (n < 0) {
			printf("none -\n");
			bad = 1;
		} else if (n != size || memcmp(in, out, size)) {
			printf("corrupt %s\n", addr_text(&from, text, sizeof(text)));
			bad = 1;
		} else {
			printf("intact %s\n", addr_text(&from, text, sizeof(text)));
		}
		fflush(stdout);
	}
	return bad;
}

int main(int argc, char **argv)
{
	struct pollfd p[2];
	int port, i;

	if (argc == 6 && !strcmp(argv[1], "-c"))
		return client(argv[2], atoi(argv[3]), atol(argv[4]),
			      atoi(argv[5]));
	if (argc == 3 && !strcmp(argv[1], "-l")) {
		log_sums = 1;
		argv++;
		argc--;
	}
	if (argc != 2 || (port = atoi(argv[1])) <= 0 || port > 65535) {
		fprintf(stderr, "usage: udpecho [-l] PORT | udpecho -c ADDR PORT SIZE COUNT\n");
		return 2;
	}
	p[0].fd = bound(AF_INET, port);
	p[1].fd = bound(AF_INET6, port);
	if (p[0].fd < 0 || p[1].fd < 0) {
		perror("udpecho");
		return 1;
	}
	p[0].events = p[1].events = POLLIN;
	fprintf(stderr, "ready\n");
	for (;;) {
		if (poll(p, 2, -1) < 0)
			return 1;
		for (i = 0; i < 2; i++)
			if (p[i].revents & POLLIN)
				echo(p[i].fd);
	}
}
