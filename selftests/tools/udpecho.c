// SPDX-License-Identifier: GPL-2.0
/*
 * udpecho: answers every UDP datagram to PORT (IPv4 and IPv6) with the
 * same bytes, from the address it was sent to, so it also works on a
 * direct-routing real server whose virtual address is on lo.
 *
 *   udpecho PORT
 *
 * Prints "ready" on stderr once both sockets are bound; runs until killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
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

int main(int argc, char **argv)
{
	struct pollfd p[2];
	int port, i;

	if (argc != 2 || (port = atoi(argv[1])) <= 0 || port > 65535) {
		fprintf(stderr, "usage: udpecho PORT\n");
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
