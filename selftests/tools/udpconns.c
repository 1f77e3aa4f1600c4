// SPDX-License-Identifier: GPL-2.0
/*
 * udpconns: open COUNT new UDP "connections" to DADDR:DPORT as fast as one
 * CPU can, and say how long that took. Each datagram comes from its own
 * (source address, source port) pair, so every one is a new connection to
 * IPVS and is scheduled. The datagrams are built by hand on one raw socket
 * (IP_HDRINCL) and sent in batches with sendmmsg(), so the sender costs
 * little next to what the receiving stack does with each one: over veth the
 * receiver runs in the sender's context, datagram by datagram.
 *
 *   udpconns -d DADDR -p DPORT -n COUNT [-s SADDR] [-a NADDR] [-o OFFSET]
 *            [-c NCONN]
 *
 * Sources: NADDR (default 1) consecutive addresses from SADDR, ports
 * 1024..65535; connection k (counted from OFFSET) uses address k % NADDR
 * and port 1024 + k / NADDR. With -c, datagram i belongs to connection
 * i % NCONN: COUNT datagrams on NCONN connections, to measure what a
 * packet of a known connection costs. Prints "sent N ns T" on success.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH		64
#define PORTS		(65536 - 1024)

struct pkt {
	struct iphdr ip;
	struct udphdr udp;
	char payload[1];
} __attribute__((packed));

static void usage(void)
{
	fprintf(stderr, "usage: udpconns -d DADDR -p DPORT -n COUNT -s SADDR [-a NADDR] [-o OFFSET] [-c NCONN]\n");
	exit(2);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long count = 0, naddr = 1, offset = 0, nconn = 0, sent = 0, i;
	struct in_addr daddr = { 0 }, saddr = { 0 };
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct pkt pkts[BATCH];
	struct sockaddr_in to;
	struct timespec t0, t1;
	int dport = -1, fd, opt, one = 1;

	while ((opt = getopt(argc, argv, "d:p:n:s:a:o:c:")) != -1) {
		switch (opt) {
		case 'd':
			if (inet_pton(AF_INET, optarg, &daddr) != 1)
				usage();
			break;
		case 'p':
			dport = num(optarg);
			break;
		case 'n':
			count = num(optarg);
			break;
		case 's':
			if (inet_pton(AF_INET, optarg, &saddr) != 1)
				usage();
			break;
		case 'a':
			naddr = num(optarg);
			break;
		case 'o':
			offset = num(optarg);
			break;
		case 'c':
			nconn = num(optarg);
			break;
		default:
			usage();
		}
	}
	if (!daddr.s_addr || !saddr.s_addr || dport < 1 || dport > 65535 ||
	    !count || !naddr || (nconn ? nconn : count) > naddr * PORTS)
		usage();

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0 || setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one))) {
		perror("udpconns: raw socket");
		return 1;
	}
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr = daddr;

	/* The kernel fills in the IP checksum and id; UDP checksum 0 = none. */
	memset(pkts, 0, sizeof(pkts));
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		pkts[i].ip.version = 4;
		pkts[i].ip.ihl = 5;
		pkts[i].ip.ttl = 64;
		pkts[i].ip.protocol = IPPROTO_UDP;
		pkts[i].ip.tot_len = htons(sizeof(pkts[i]));
		pkts[i].ip.daddr = daddr.s_addr;
		pkts[i].udp.dest = htons(dport);
		pkts[i].udp.len = htons(sizeof(pkts[i].udp) + 1);
		pkts[i].payload[0] = 'x';
		iov[i].iov_base = &pkts[i];
		iov[i].iov_len = sizeof(pkts[i]);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sent < count) {
		unsigned long n = count - sent < BATCH ? count - sent : BATCH;
		int r;

		for (i = 0; i < n; i++) {
			unsigned long k = offset + (nconn ? (sent + i) % nconn :
							 sent + i);

			pkts[i].ip.saddr = htonl(ntohl(saddr.s_addr) + k % naddr);
			pkts[i].udp.source = htons(1024 + (k / naddr) % PORTS);
		}
		r = sendmmsg(fd, msgs, n, 0);
		if (r < 0) {
			if (errno == ENOBUFS || errno == EINTR)
				continue;
			perror("udpconns: sendmmsg");
			return 1;
		}
		sent += r;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("sent %lu ns %lld\n", sent,
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL +
	       (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
