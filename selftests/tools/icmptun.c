// SPDX-License-Identifier: GPL-2.0
/*
 * icmptun: a "fragmentation needed" (ICMP 3/4, next-hop MTU) about one of
 * the director's IPIP packets, as a router on the way to the real server
 * sends it, but with a record-route option in its own IP header, so the
 * receiver's IP layer records options for it (IPCB) that describe that
 * outer header only. The quote is the IPIP header TSRC -> TDST, then the
 * client's UDP datagram CLIENT:CPORT -> VADDR:VPORT (its IP and UDP
 * headers), both with DF set. Sent from a raw socket to DST.
 *
 *   icmptun DST TSRC TDST CLIENT CPORT VADDR VPORT MTU
 *
 * The option starts right after the 20-byte header: offset 20, where in
 * the client's packet the UDP source port is, so a relay that reads the
 * outer header's options from the inner packet reads CPORT's low byte as
 * the option's length.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "inet_csum.h"

#define RR_LEN		39	/* the longest record route: 9 addresses */
#define OUTER_HL	(20 + RR_LEN + 1)	/* one end-of-list byte pads */

static int addr(const char *s, struct in_addr *a)
{
	return inet_pton(AF_INET, s, a) == 1;
}

/* A quoted 20-byte header with DF set: LEN is what it claimed. */
static void quoted_ip(struct ip *h, int proto, int len, struct in_addr src,
		      struct in_addr dst, int ttl)
{
	h->ip_v = 4;
	h->ip_hl = 5;
	h->ip_len = htons(len);
	h->ip_off = htons(IP_DF);
	h->ip_ttl = ttl;
	h->ip_p = proto;
	h->ip_src = src;
	h->ip_dst = dst;
	h->ip_sum = csum((unsigned char *)h, 20);
}

int main(int argc, char **argv)
{
	static unsigned char pkt[OUTER_HL + 8 + 20 + 20 + 8];
	struct ip *outer = (struct ip *)pkt, *tun, *in;
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned char *icmp = pkt + OUTER_HL;
	struct in_addr tsrc, tdst, client, vaddr;
	struct udphdr *uh;
	int fd;

	if (argc != 9 || !addr(argv[1], &to.sin_addr) || !addr(argv[2], &tsrc) ||
	    !addr(argv[3], &tdst) || !addr(argv[4], &client) ||
	    !addr(argv[6], &vaddr)) {
		fprintf(stderr, "usage: icmptun DST TSRC TDST CLIENT CPORT VADDR VPORT MTU\n");
		return 2;
	}

	/* The kernel fills in the source, id, length and checksum. */
	outer->ip_v = 4;
	outer->ip_hl = OUTER_HL / 4;
	outer->ip_ttl = 64;
	outer->ip_p = IPPROTO_ICMP;
	outer->ip_dst = to.sin_addr;
	pkt[20] = IPOPT_RR;
	pkt[21] = RR_LEN;
	pkt[22] = 4;			/* room for all 9 addresses */

	icmp[0] = 3;			/* destination unreachable */
	icmp[1] = 4;			/* fragmentation needed */
	icmp[6] = atoi(argv[8]) >> 8;
	icmp[7] = atoi(argv[8]) & 0xff;

	tun = (struct ip *)(icmp + 8);
	quoted_ip(tun, IPPROTO_IPIP, 20 + 20 + 1420, tsrc, tdst, 64);
	in = tun + 1;
	quoted_ip(in, IPPROTO_UDP, 20 + 1420, client, vaddr, 63);
	uh = (struct udphdr *)(in + 1);
	uh->uh_sport = htons(atoi(argv[5]));
	uh->uh_dport = htons(atoi(argv[7]));
	uh->uh_ulen = htons(1420);

	*(uint16_t *)(icmp + 2) = csum(icmp, sizeof(pkt) - OUTER_HL);

	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0 || sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to,
			     sizeof(to)) != sizeof(pkt)) {
		perror("icmptun");
		return 1;
	}
	close(fd);
	return 0;
}
