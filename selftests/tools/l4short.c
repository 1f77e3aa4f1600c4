// SPDX-License-Identifier: GPL-2.0
/*
 * l4short: truncated transport headers, for how a director treats a packet
 * too short to decide on.
 *
 *   l4short send DST PROTO SPORT DPORT LEN [CHUNK [COUNT [REPEAT]]]
 *	Sends DST (IPv4 or IPv6) a packet of protocol PROTO (a number)
 *	whose transport part is LEN bytes: source port SPORT, destination
 *	port DPORT, then zeros (under 4 bytes, as much of the ports as fits). CHUNK (SCTP, LEN at least 16):
 *	the first chunk's type, in an empty chunk. COUNT packets from ports
 *	SPORT, SPORT + 1, ..., each sent REPEAT times (default 1, 1).
 *   l4short watch PROTO FILE
 *	Counts the packets of PROTO this namespace's stack receives (raw
 *	sockets, IPv4 and IPv6) and keeps the count in FILE, created once
 *	the sockets are open. Runs until killed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawwatch.h"

static void usage(void)
{
	fprintf(stderr, "usage: l4short send DST PROTO SPORT DPORT LEN [CHUNK [COUNT [REPEAT]]] | watch PROTO FILE\n");
	exit(2);
}

static void __attribute__((noreturn)) die(const char *what)
{
	perror(what);
	exit(1);
}

static int do_send(const char *dst, int proto, int sport, int dport,
		   size_t len, int chunk, int count, int repeat)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	unsigned char buf[64];
	socklen_t sl;
	int fd, i, r;

	if (len > sizeof(buf) || (chunk >= 0 && len < 16) ||
	    count < 1 || repeat < 1 || sport < 1 || sport + count > 65536)
		usage();
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, dst, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sl = sizeof(*sin);
	} else if (inet_pton(AF_INET6, dst, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sl = sizeof(*sin6);
	} else {
		usage();
	}
	fd = socket(ss.ss_family, SOCK_RAW, proto);
	if (fd < 0)
		die("raw socket");
	memset(buf, 0, sizeof(buf));
	buf[2] = dport >> 8;
	buf[3] = dport & 0xff;
	if (chunk >= 0) {
		buf[12] = chunk;
		buf[15] = 4;	/* the chunk's length: its header alone */
	}
	for (i = 0; i < count; i++) {
		buf[0] = (sport + i) >> 8;
		buf[1] = (sport + i) & 0xff;
		for (r = 0; r < repeat; r++)
			if (sendto(fd, buf, len, 0, (struct sockaddr *)&ss,
				   sl) != (ssize_t)len)
				die("sendto");
	}
	return 0;
}

static void put_count(const char *file, unsigned long n)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f)
		die(tmp);
	fprintf(f, "%lu\n", n);
	if (fclose(f) || rename(tmp, file))
		die(file);
}

struct watch {
	const char *file;
	unsigned long n;
};

static void count_one(void *ctx, int v6, unsigned char *buf, size_t len,
		      const struct sockaddr_in6 *from)
{
	struct watch *w = ctx;

	(void)v6, (void)buf, (void)len, (void)from;
	put_count(w->file, ++w->n);
}

static void __attribute__((noreturn)) do_watch(int proto, const char *file)
{
	struct watch w = { file, 0 };
	struct pollfd pfd[2];

	if (raw_watch_open(pfd, proto, proto))
		die("raw socket");
	put_count(file, 0);
	raw_watch_loop(pfd, count_one, &w);
	die("poll");
}

int main(int argc, char **argv)
{
	if (argc >= 7 && argc <= 10 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]), atoi(argv[4]),
			       atoi(argv[5]), strtoul(argv[6], NULL, 0),
			       argc > 7 ? atoi(argv[7]) : -1,
			       argc > 8 ? atoi(argv[8]) : 1,
			       argc > 9 ? atoi(argv[9]) : 1);
	if (argc == 4 && !strcmp(argv[1], "watch"))
		do_watch(atoi(argv[2]), argv[3]);
	usage();
	return 2;
}
