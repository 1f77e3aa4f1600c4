// SPDX-License-Identifier: GPL-2.0
/*
 * sipmsg: send one SIP request over UDP, from a given source port, for the
 * sip persistence engine's tests (dp-sip.sh).
 *
 *   sipmsg -d DADDR -p DPORT -s SPORT -i CALLID [-m METHOD] [-k KIND]
 *          [-H PAD]
 *
 * DADDR is IPv4 or IPv6. METHOD defaults to INVITE. KIND shapes the
 * Call-ID header:
 *   full     "Call-ID: CALLID" (the default)
 *   compact  "i: CALLID", the compact form
 *   fold     "Call-ID:" with CALLID on a continuation line
 *   none     no Call-ID header at all
 *   empty    "Call-ID:" with no value
 *   long     CALLID-xxx... of 300 bytes, longer than a template keeps
 *   trunc    the message ends right after CALLID, with no line end
 *   first    the Call-ID header is the message's first line
 * PAD adds a header of PAD bytes before the Call-ID, making one datagram
 * that IP fragments on the way. Prints "sent N" (the datagram's size).
 *
 *   sipmsg -l PORT [-t SECS]
 *
 * waits up to SECS (5) for one datagram to UDP PORT (IPv4) and prints
 * "from ADDR:PORT" (its source).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define MSG_MAX		65000

static char msg[MSG_MAX + 1];
static size_t len;

static void usage(void)
{
	fprintf(stderr, "usage: sipmsg -d DADDR -p DPORT -s SPORT -i CALLID [-m METHOD] [-k full|compact|fold|none|empty|long|trunc|first] [-H PAD]\n       sipmsg -l PORT [-t SECS]\n");
	exit(2);
}

static void add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void add(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg + len, sizeof(msg) - len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(msg) - len) {
		fprintf(stderr, "sipmsg: message too long\n");
		exit(1);
	}
	len += n;
}

static unsigned long num(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end || v > max)
		usage();
	return v;
}

static int listen_one(unsigned long port, unsigned long secs)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, from;
	socklen_t flen = sizeof(from);
	struct timeval tv = { .tv_sec = secs };
	char buf[2048], s[INET_ADDRSTRLEN];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	a.sin_port = htons(port);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("listen");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	if (recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &flen) < 0) {
		perror("recvfrom");
		return 1;
	}
	inet_ntop(AF_INET, &from.sin_addr, s, sizeof(s));
	printf("from %s:%u\n", s, ntohs(from.sin_port));
	return 0;
}

int main(int argc, char **argv)
{
	const char *daddr = NULL, *callid = NULL, *method = "INVITE";
	const char *kind = "full";
	unsigned long dport = 0, sport = 0, pad = 0, i, lport = 0, secs = 5;
	struct sockaddr_storage src = {}, dst = {};
	socklen_t slen;
	int c, fd, af;

	while ((c = getopt(argc, argv, "d:p:s:i:m:k:H:l:t:")) != -1) {
		switch (c) {
		case 'd': daddr = optarg; break;
		case 'p': dport = num(optarg, 65535); break;
		case 's': sport = num(optarg, 65535); break;
		case 'i': callid = optarg; break;
		case 'm': method = optarg; break;
		case 'k': kind = optarg; break;
		case 'H': pad = num(optarg, MSG_MAX - 1024); break;
		case 'l': lport = num(optarg, 65535); break;
		case 't': secs = num(optarg, 3600); break;
		default: usage();
		}
	}
	if (lport)
		return listen_one(lport, secs);
	if (!daddr || !dport || !sport || !callid || !*callid)
		usage();

	if (inet_pton(AF_INET, daddr,
		      &((struct sockaddr_in *)&dst)->sin_addr) == 1) {
		af = AF_INET;
		((struct sockaddr_in *)&dst)->sin_port = htons(dport);
		((struct sockaddr_in *)&src)->sin_port = htons(sport);
		slen = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, daddr,
			     &((struct sockaddr_in6 *)&dst)->sin6_addr) == 1) {
		af = AF_INET6;
		((struct sockaddr_in6 *)&dst)->sin6_port = htons(dport);
		((struct sockaddr_in6 *)&src)->sin6_port = htons(sport);
		slen = sizeof(struct sockaddr_in6);
	} else {
		usage();
	}
	dst.ss_family = af;
	src.ss_family = af;

	if (!strcmp(kind, "first"))
		add("Call-ID: %s\r\n", callid);
	add("%s sip:svc@%s SIP/2.0\r\n", method, daddr);
	add("Via: SIP/2.0/UDP client:%lu;branch=z9hG4bK%lu\r\n", sport, sport);
	add("From: <sip:alice@client>;tag=%lu\r\n", sport);
	add("To: <sip:svc@%s>\r\n", daddr);
	if (pad) {
		add("X-Pad: ");
		for (i = 0; i < pad; i++)
			add("%c", 'a' + (char)(i % 26));
		add("\r\n");
	}
	if (!strcmp(kind, "full")) {
		add("Call-ID: %s\r\n", callid);
	} else if (!strcmp(kind, "compact")) {
		add("i: %s\r\n", callid);
	} else if (!strcmp(kind, "fold")) {
		add("Call-ID:\r\n\t%s\r\n", callid);
	} else if (!strcmp(kind, "empty")) {
		add("Call-ID: \r\n");
	} else if (!strcmp(kind, "long")) {
		add("Call-ID: %s-", callid);
		for (i = strlen(callid) + 1; i < 300; i++)
			add("x");
		add("\r\n");
	} else if (!strcmp(kind, "trunc")) {
		add("CSeq: 1 %s\r\nCall-ID: %s", method, callid);
	} else if (strcmp(kind, "none") && strcmp(kind, "first")) {
		usage();
	}
	if (strcmp(kind, "trunc"))
		add("CSeq: 1 %s\r\nContent-Length: 0\r\n\r\n", method);

	fd = socket(af, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	c = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &c, sizeof(c));
	if (bind(fd, (struct sockaddr *)&src, slen)) {
		perror("bind");
		return 1;
	}
	if (sendto(fd, msg, len, 0, (struct sockaddr *)&dst, slen) !=
	    (ssize_t)len) {
		perror("sendto");
		return 1;
	}
	printf("sent %zu\n", len);
	close(fd);
	return 0;
}
