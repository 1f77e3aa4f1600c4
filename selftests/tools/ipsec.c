// SPDX-License-Identifier: GPL-2.0
/*
 * ipsec: what a director sees of an IPsec client, without IPsec: an
 * IKE-like exchange and raw AH and ESP packets (no security association
 * anywhere; a real server counts them with `l4short watch 50|51`).
 *
 *   ipsec ike SRC DST
 *	One ISAKMP-sized UDP datagram from SRC port 500 to DST port 500;
 *	waits up to 2 s for an answer to that socket. Prints "answered FROM"
 *	and exits 0, or prints "none" and exits 1.
 *   ipsec esp|ah SRC DST COUNT
 *	COUNT ESP (protocol 50: SPI, sequence number, 16 bytes) or AH
 *	(protocol 51: next header ESP, SPI, sequence number, 12 bytes of
 *	ICV, then that ESP packet) packets from SRC to DST. In IPv6, AH is
 *	an extension header: a director sees the ESP after it.
 *
 * SRC and DST are both IPv4 or both IPv6 addresses.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ISAKMP_PORT	500

static void usage(void)
{
	fprintf(stderr, "usage: ipsec ike SRC DST | ipsec esp|ah SRC DST COUNT\n");
	exit(2);
}

static void __attribute__((noreturn)) die(const char *what)
{
	perror(what);
	exit(1);
}

/* ADDR with PORT into ss; its length. */
static socklen_t sockaddr_of(const char *addr, int port,
			     struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		return sizeof(*sin6);
	}
	usage();
	return 0;
}

static int ike(const char *src, const char *dst)
{
	struct sockaddr_storage s, d, from;
	socklen_t sl = sockaddr_of(src, ISAKMP_PORT, &s);
	socklen_t dl = sockaddr_of(dst, ISAKMP_PORT, &d);
	socklen_t fl = sizeof(from);
	unsigned char msg[28], buf[512];
	char name[INET6_ADDRSTRLEN];
	struct pollfd pfd;
	int one = 1;

	if (s.ss_family != d.ss_family)
		usage();
	pfd.fd = socket(s.ss_family, SOCK_DGRAM, 0);
	if (pfd.fd < 0)
		die("socket");
	setsockopt(pfd.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(pfd.fd, (struct sockaddr *)&s, sl) < 0)
		die("bind");
	/* An ISAKMP header: initiator cookie, no responder's yet, version 1.0. */
	memset(msg, 0, sizeof(msg));
	memcpy(msg, "lvsike!!", 8);
	msg[16] = 1;		/* next payload: SA */
	msg[17] = 0x10;		/* version 1.0 */
	msg[18] = 2;		/* identity protection */
	msg[27] = sizeof(msg);
	if (sendto(pfd.fd, msg, sizeof(msg), 0, (struct sockaddr *)&d, dl) < 0)
		die("sendto");
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 2000) <= 0 ||
	    recvfrom(pfd.fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &fl) < 0) {
		puts("none");
		return 1;
	}
	if (from.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&from)->sin_addr,
			  name, sizeof(name));
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&from)->sin6_addr,
			  name, sizeof(name));
	printf("answered %s\n", name);
	return 0;
}

static int raw(int proto, const char *src, const char *dst, int count)
{
	struct sockaddr_storage s, d;
	socklen_t sl = sockaddr_of(src, 0, &s);
	socklen_t dl = sockaddr_of(dst, 0, &d);
	unsigned char pkt[48];
	size_t len;
	int fd, i;

	if (s.ss_family != d.ss_family || count < 1)
		usage();
	fd = socket(s.ss_family, SOCK_RAW, proto);
	if (fd < 0)
		die("raw socket");
	if (bind(fd, (struct sockaddr *)&s, sl) < 0)
		die("bind");
	for (i = 1; i <= count; i++) {
		uint32_t spi = htonl(0x1000), seq = htonl(i);
		unsigned char *p = pkt;

		memset(pkt, 0, sizeof(pkt));
		len = 8 + 16;
		if (proto == IPPROTO_AH) {
			pkt[0] = IPPROTO_ESP;
			pkt[1] = 24 / 4 - 2;
			memcpy(p + 4, &spi, 4);
			memcpy(p + 8, &seq, 4);
			p += 24;
			len += 24;
		}
		memcpy(p, &spi, 4);
		memcpy(p + 4, &seq, 4);
		if (sendto(fd, pkt, len, 0, (struct sockaddr *)&d, dl) !=
		    (ssize_t)len)
			die("sendto");
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "ike"))
		return ike(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "esp"))
		return raw(IPPROTO_ESP, argv[2], argv[3], atoi(argv[4]));
	if (argc == 5 && !strcmp(argv[1], "ah"))
		return raw(IPPROTO_AH, argv[2], argv[3], atoi(argv[4]));
	usage();
	return 2;
}
