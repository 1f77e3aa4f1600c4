// SPDX-License-Identifier: GPL-2.0
/*
 * flood: send UDP datagrams or TCP SYNs from many distinct client tuples,
 * built by hand and sent through a raw socket, so one process can stand
 * for a million clients (or for one client on a fixed port).
 *
 *   flood [-6] [-t] [-a] [-r] -s SADDR -d DADDR -p DPORT [-P SPORT] [-N NPORTS]
 *         [-n COUNT] [-m PAYLOAD] [-T SECONDS]
 *
 * Packet i comes from port SPORT + i % NPORTS (default 1024, NPORTS up to 65535)
 * of address SADDR + i / NPORTS (the last 32 bits counted up), so every
 * packet has a tuple of its own. -t sends TCP SYNs instead of UDP, -a
 * TCP ACKs (no SYN: what only sloppy_tcp lets start a connection), -r
 * TCP RSTs. -6
 * takes IPv6 addresses. -T stops after SECONDS even if not all were sent
 * (a slow emulated guest). Prints "sent N"; exits 0 when all were sent,
 * 3 when time ran out first.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define PKT_MAX 256

struct opts {
	int af;
	int tcp;
	int ack;
	int rst;
	struct in6_addr saddr;	/* an IPv4 address lives in s6_addr32[3] */
	struct in6_addr daddr;
	unsigned int dport;
	unsigned int sport;
	unsigned int nports;
	unsigned long count;
	unsigned int payload;
	unsigned int seconds;
};

static void usage(void)
{
	fprintf(stderr, "usage: flood [-6] [-t] [-a] [-r] -s SADDR -d DADDR -p DPORT "
		"[-P SPORT] [-N NPORTS] [-n COUNT] [-m PAYLOAD] [-T SECONDS]\n");
	exit(2);
}

static void parse_addr(int af, const char *s, struct in6_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (af == AF_INET6 ? inet_pton(AF_INET6, s, a) != 1 :
	    inet_pton(AF_INET, s, &a->s6_addr32[3]) != 1) {
		fprintf(stderr, "flood: bad address %s\n", s);
		exit(2);
	}
}

/* The one's complement sum of a buffer, added to sum. */
static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/* Writes packet number i into buf; returns its length. */
static size_t build(const struct opts *o, unsigned long i, uint8_t *buf)
{
	size_t l4len = (o->tcp ? 20 : 8) + o->payload;
	struct in6_addr src = o->saddr;
	uint16_t sport = o->sport + i % o->nports;
	uint32_t host = ntohl(src.s6_addr32[3]) + i / o->nports;
	uint8_t *l4;
	uint32_t sum = 0;
	size_t iplen;

	src.s6_addr32[3] = htonl(host);
	if (o->af == AF_INET) {
		iplen = 20;
		memset(buf, 0, iplen);
		buf[0] = 0x45;
		*(uint16_t *)(buf + 2) = htons(iplen + l4len);
		buf[8] = 64;
		buf[9] = o->tcp ? IPPROTO_TCP : IPPROTO_UDP;
		memcpy(buf + 12, &src.s6_addr32[3], 4);
		memcpy(buf + 16, &o->daddr.s6_addr32[3], 4);
		/* The kernel fills in the header checksum (and an id). */
		sum = csum_add(sum, buf + 12, 8);
	} else {
		iplen = 40;
		memset(buf, 0, iplen);
		buf[0] = 0x60;
		*(uint16_t *)(buf + 4) = htons(l4len);
		buf[6] = o->tcp ? IPPROTO_TCP : IPPROTO_UDP;
		buf[7] = 64;
		memcpy(buf + 8, &src, 16);
		memcpy(buf + 24, &o->daddr, 16);
		sum = csum_add(sum, buf + 8, 32);
	}
	sum += (o->tcp ? IPPROTO_TCP : IPPROTO_UDP) + l4len;

	l4 = buf + iplen;
	memset(l4, 0, l4len);
	*(uint16_t *)(l4 + 0) = htons(sport);
	*(uint16_t *)(l4 + 2) = htons(o->dport);
	if (o->tcp) {
		*(uint32_t *)(l4 + 4) = htonl(0x10000000 + i);
		l4[12] = 5 << 4;
		l4[13] = o->rst ? 0x04 : o->ack ? 0x10 : 0x02; /* RST, ACK, SYN */
		*(uint16_t *)(l4 + 14) = htons(65535);
		memset(l4 + 20, 'x', o->payload);
		*(uint16_t *)(l4 + 16) = csum_fold(csum_add(sum, l4, l4len));
	} else {
		*(uint16_t *)(l4 + 4) = htons(l4len);
		memset(l4 + 8, 'x', o->payload);
		*(uint16_t *)(l4 + 6) = csum_fold(csum_add(sum, l4, l4len));
		if (!*(uint16_t *)(l4 + 6))
			*(uint16_t *)(l4 + 6) = 0xffff;
	}
	return iplen + l4len;
}

int main(int argc, char **argv)
{
	static uint8_t bufs[BATCH][PKT_MAX];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_storage to = {};
	struct opts o = { .af = AF_INET, .sport = 1024, .count = 1 };
	const char *s = NULL, *d = NULL;
	unsigned long sent = 0;
	time_t deadline;
	socklen_t tolen;
	int c, fd, k, n;

	while ((c = getopt(argc, argv, "6tars:d:p:P:N:n:m:T:")) != -1) {
		switch (c) {
		case '6': o.af = AF_INET6; break;
		case 't': o.tcp = 1; break;
		case 'a': o.tcp = 1; o.ack = 1; break;
		case 'r': o.tcp = 1; o.rst = 1; break;
		case 's': s = optarg; break;
		case 'd': d = optarg; break;
		case 'p': o.dport = strtoul(optarg, NULL, 0); break;
		case 'P': o.sport = strtoul(optarg, NULL, 0); break;
		case 'N': o.nports = strtoul(optarg, NULL, 0); break;
		case 'n': o.count = strtoul(optarg, NULL, 0); break;
		case 'm': o.payload = strtoul(optarg, NULL, 0); break;
		case 'T': o.seconds = strtoul(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (!o.nports && o.sport && o.sport < 65536)
		o.nports = 65536 - o.sport;
	if (!s || !d || !o.dport || o.dport > 65535 || !o.nports ||
	    o.sport + o.nports > 65536 || o.payload > 128)
		usage();
	parse_addr(o.af, s, &o.saddr);
	parse_addr(o.af, d, &o.daddr);

	if (o.af == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&to;

		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = o.daddr.s6_addr32[3];
		tolen = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&to;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = o.daddr;
		tolen = sizeof(*sin6);
	}
	/* IPPROTO_RAW: we write the IP header ourselves, both families. */
	fd = socket(o.af, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("flood: socket");
		return 1;
	}

	deadline = time(NULL) + o.seconds;
	while (sent < o.count) {
		if (o.seconds && time(NULL) >= deadline)
			break;
		n = o.count - sent < BATCH ? o.count - sent : BATCH;
		for (k = 0; k < n; k++) {
			iov[k].iov_base = bufs[k];
			iov[k].iov_len = build(&o, sent + k, bufs[k]);
			memset(&msgs[k], 0, sizeof(msgs[k]));
			msgs[k].msg_hdr.msg_name = &to;
			msgs[k].msg_hdr.msg_namelen = tolen;
			msgs[k].msg_hdr.msg_iov = &iov[k];
			msgs[k].msg_hdr.msg_iovlen = 1;
		}
		k = sendmmsg(fd, msgs, n, 0);
		if (k < 0) {
			/* A full device queue: wait a little and go on. */
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(1000);
				continue;
			}
			perror("flood: sendmmsg");
			break;
		}
		sent += k;
	}
	close(fd);
	printf("sent %lu\n", sent);
	if (sent == o.count)
		return 0;
	return o.seconds && time(NULL) >= deadline ? 3 : 1;
}
