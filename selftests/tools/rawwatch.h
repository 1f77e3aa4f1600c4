/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The receive loop of the tools that watch what this namespace's stack
 * receives of one protocol, IPv4 and IPv6 at once, on a pair of raw
 * sockets (l4short watch, sctp crcwatch and icmpwatch).
 */
#ifndef RAWWATCH_H
#define RAWWATCH_H

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>

/*
 * One packet: V6 says which socket got it (an IPv4 raw socket hands over
 * the IP header too, an IPv6 one only what follows it); FROM is the
 * sender (a struct sockaddr_in for IPv4).
 */
typedef void (*raw_seen_fn)(void *ctx, int v6, unsigned char *buf,
			    size_t len, const struct sockaddr_in6 *from);

/* Opens the IPv4 (PROTO4) and IPv6 (PROTO6) raw sockets; -1 on failure. */
static int raw_watch_open(struct pollfd pfd[2], int proto4, int proto6)
{
	pfd[0].fd = socket(AF_INET, SOCK_RAW, proto4);
	pfd[1].fd = socket(AF_INET6, SOCK_RAW, proto6);
	pfd[0].events = pfd[1].events = POLLIN;
	return pfd[0].fd < 0 || pfd[1].fd < 0 ? -1 : 0;
}

/* Hands SEEN every packet either socket receives; returns only if poll fails. */
static int raw_watch_loop(struct pollfd pfd[2], raw_seen_fn seen, void *ctx)
{
	static unsigned char buf[65536];
	int i;

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (i = 0; i < 2; i++) {
			struct sockaddr_in6 from;
			socklen_t flen = sizeof(from);
			ssize_t n;

			if (!(pfd[i].revents & POLLIN))
				continue;
			n = recvfrom(pfd[i].fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &flen);
			if (n >= 0)
				seen(ctx, i, buf, n, &from);
		}
	}
}

#endif
