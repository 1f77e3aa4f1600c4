// SPDX-License-Identifier: GPL-2.0
/*
 * icmpbig: a port unreachable of SIZE bytes (ICMP or ICMPv6) about the
 * UDP datagram CLIENT:CPORT -> SERVER:SPORT, sent to CLIENT from a raw
 * socket, so that the stack fragments it like any datagram larger than
 * the MTU (the kernel's own errors never are).
 *
 *   icmpbig CLIENT CPORT SERVER SPORT SIZE
 *
 * The quote is the datagram's IP and UDP headers, then zeros.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "inet_csum.h"

int main(int argc, char **argv)
{
	static unsigned char msg[65000];
	struct sockaddr_in6 c6 = { .sin6_family = AF_INET6 }, s6;
	struct sockaddr_in c4 = { .sin_family = AF_INET }, s4;
	struct udphdr *uh;
	size_t size, qlen;
	int fd, v6;

	if (argc != 6) {
		fprintf(stderr, "usage: icmpbig CLIENT CPORT SERVER SPORT SIZE\n");
		return 2;
	}
	size = atol(argv[5]);
	v6 = inet_pton(AF_INET6, argv[1], &c6.sin6_addr) == 1 &&
	     inet_pton(AF_INET6, argv[3], &s6.sin6_addr) == 1;
	if ((!v6 && (inet_pton(AF_INET, argv[1], &c4.sin_addr) != 1 ||
		     inet_pton(AF_INET, argv[3], &s4.sin_addr) != 1)) ||
	    size < 64 || size > sizeof(msg)) {
		fprintf(stderr, "icmpbig: bad arguments\n");
		return 2;
	}
	/* Type, code: port unreachable; 4 unused bytes; then the quote. */
	msg[0] = v6 ? 1 : 3;
	msg[1] = v6 ? 4 : 3;
	if (v6) {
		struct ip6_hdr *q = (struct ip6_hdr *)(msg + 8);

		qlen = sizeof(*q);
		q->ip6_flow = htonl(6 << 28);
		q->ip6_plen = htons(size - 8 - qlen);
		q->ip6_nxt = IPPROTO_UDP;
		q->ip6_hlim = 64;
		q->ip6_src = c6.sin6_addr;
		q->ip6_dst = s6.sin6_addr;
	} else {
		struct ip *q = (struct ip *)(msg + 8);

		qlen = sizeof(*q);
		q->ip_v = 4;
		q->ip_hl = 5;
		q->ip_len = htons(size - 8);
		q->ip_ttl = 64;
		q->ip_p = IPPROTO_UDP;
		q->ip_src = c4.sin_addr;
		q->ip_dst = s4.sin_addr;
		q->ip_sum = csum((unsigned char *)q, qlen);
	}
	uh = (struct udphdr *)(msg + 8 + qlen);
	uh->source = htons(atoi(argv[2]));
	uh->dest = htons(atoi(argv[4]));
	uh->len = htons(size - 8 - qlen);
	/* The kernel sums ICMPv6 itself (IPV6_CHECKSUM), not ICMP. */
	if (!v6)
		*(uint16_t *)(msg + 2) = csum(msg, size);

	fd = v6 ? socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6) :
		  socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0 ||
	    (v6 ? sendto(fd, msg, size, 0, (struct sockaddr *)&c6, sizeof(c6)) :
		  sendto(fd, msg, size, 0, (struct sockaddr *)&c4, sizeof(c4))) !=
	    (ssize_t)size) {
		perror("icmpbig");
		return 1;
	}
	return 0;
}
