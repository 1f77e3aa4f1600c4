// SPDX-License-Identifier: GPL-2.0
/*
 * pktdump IFACE SECONDS [BYTES]: prints every packet IFACE receives during
 * SECONDS (or until SIGTERM), one line each: the ethertype and the first
 * BYTES (default 64) bytes from the network header, all as two-digit hex,
 * space separated ("0800 45 00 05 dc ..."). Lets a test check header
 * fields (tunnel types, flags, checksums) without tcpdump in the guest.
 * Prints "ready" on stderr once the socket is bound.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	unsigned char buf[65536];
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	long long end;
	int fd, max = 64;

	if (argc < 3) {
		fprintf(stderr, "usage: %s IFACE SECONDS [BYTES]\n", argv[0]);
		return 2;
	}
	if (argc > 3)
		max = atoi(argv[3]);
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL));
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = if_nametoindex(argv[1]);
	if (!sll.sll_ifindex || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "ready\n");
	setvbuf(stdout, NULL, _IOLBF, 0);
	end = now_ms() + atoi(argv[2]) * 1000LL;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct sockaddr_ll from;
		socklen_t fl = sizeof(from);
		long long left = end - now_ms();
		ssize_t n;
		int i;

		if (left <= 0)
			break;
		if (poll(&p, 1, left) <= 0)
			continue;
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &fl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("recvfrom");
			return 1;
		}
		if (from.sll_pkttype == PACKET_OUTGOING)
			continue;
		printf("%04x", ntohs(from.sll_protocol));
		for (i = 0; i < n && i < max; i++)
			printf(" %02x", buf[i]);
		printf("\n");
	}
	return 0;
}
