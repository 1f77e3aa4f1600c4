// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny FTP server for selftests/dp-ftp.sh (the guest's busybox has no
 * ftpd): USER, PASS, SYST, PWD, TYPE, NOOP, QUIT, PASV, EPSV, PORT, EPRT
 * and RETR of files in one directory, one forked process per client.
 * Passive replies name the control connection's local address, as real
 * servers do; -m TEXT replaces the whole 227 reply line (a malformed one).
 *
 * -m may be given up to 8 times: the first PASVs of each session get them
 * in turn. With -r PORT it is the client's end of an active data
 * connection instead: accepts one connection on PORT, prints the peer's
 * address to stderr and copies what arrives to stdout.
 *
 * usage: ftpd [-p PORT] [-m TEXT]... DIR | ftpd -r PORT
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir;
static const char *bad227[8];
static int nbad, npasv;
static int ctl;
static struct sockaddr_in6 local;	/* of the control connection */
static struct sockaddr_in6 active;	/* PORT/EPRT target */
static int pasv_fd = -1;
static int have_active;

static void reply(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0 || n > (int)sizeof(buf) - 3)
		exit(1);
	memcpy(buf + n, "\r\n", 2);
	if (write(ctl, buf, n + 2) != n + 2)
		exit(1);
}

static int is_v4(const struct sockaddr_in6 *a)
{
	return IN6_IS_ADDR_V4MAPPED(&a->sin6_addr);
}

static int listen_data(void)
{
	struct sockaddr_in6 a = local;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (pasv_fd >= 0)
		close(pasv_fd);
	a.sin6_port = 0;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 1) || getsockname(fd, (struct sockaddr *)&a, &len))
		return -1;
	pasv_fd = fd;
	have_active = 0;
	return ntohs(a.sin6_port);
}

static void set_active(int v4, const char *addr, unsigned int port)
{
	memset(&active, 0, sizeof(active));
	active.sin6_family = AF_INET6;
	active.sin6_port = htons(port);
	if (v4) {
		char m[64];

		snprintf(m, sizeof(m), "::ffff:%s", addr);
		if (inet_pton(AF_INET6, m, &active.sin6_addr) != 1)
			return;
	} else if (inet_pton(AF_INET6, addr, &active.sin6_addr) != 1) {
		return;
	}
	if (pasv_fd >= 0)
		close(pasv_fd);
	pasv_fd = -1;
	have_active = 1;
	reply("200 PORT command successful");
}

static int data_conn(void)
{
	struct sockaddr_in6 a = local;
	int fd, one = 1;

	if (pasv_fd >= 0) {
		fd = accept(pasv_fd, NULL, NULL);
		close(pasv_fd);
		pasv_fd = -1;
		return fd;
	}
	if (!have_active)
		return -1;
	have_active = 0;
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin6_port = htons(ntohs(local.sin6_port) - 1);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    connect(fd, (struct sockaddr *)&active, sizeof(active))) {
		close(fd);
		return -1;
	}
	return fd;
}

static void retr(const char *name)
{
	char path[512], buf[8192];
	int fd, dfd;
	ssize_t n;

	if (strchr(name, '/') ||
	    snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path) ||
	    (fd = open(path, O_RDONLY)) < 0) {
		reply("550 no such file");
		return;
	}
	reply("150 Opening BINARY mode data connection");
	dfd = data_conn();
	if (dfd < 0) {
		close(fd);
		reply("425 cannot open data connection");
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(dfd, buf, n) != n)
			break;
	close(fd);
	close(dfd);
	reply("226 Transfer complete");
}

static void session(void)
{
	char line[512], *arg, h[6][4];
	unsigned int v[6], port;
	size_t len = 0;
	ssize_t n;
	int p;

	alarm(60);
	reply("220 selftest ftpd ready");
	for (;;) {
		char *eol = memchr(line, '\n', len);

		if (!eol) {
			if (len == sizeof(line))
				exit(1);
			n = read(ctl, line + len, sizeof(line) - len);
			if (n <= 0)
				exit(0);
			len += n;
			continue;
		}
		*eol = 0;
		if (eol > line && eol[-1] == '\r')
			eol[-1] = 0;
		arg = strchr(line, ' ');
		if (arg)
			*arg++ = 0;
		else
			arg = "";

		if (!strcasecmp(line, "USER")) {
			reply("331 Please specify the password");
		} else if (!strcasecmp(line, "PASS")) {
			reply("230 Login successful");
		} else if (!strcasecmp(line, "SYST")) {
			reply("215 UNIX Type: L8");
		} else if (!strcasecmp(line, "PWD")) {
			reply("257 \"/\" is the current directory");
		} else if (!strcasecmp(line, "TYPE") || !strcasecmp(line, "NOOP")) {
			reply("200 %s ok", line);
		} else if (!strcasecmp(line, "QUIT")) {
			reply("221 Goodbye");
			exit(0);
		} else if (!strcasecmp(line, "PASV") && is_v4(&local)) {
			const unsigned char *b = &local.sin6_addr.s6_addr[12];

			p = listen_data();
			if (p < 0)
				reply("425 cannot listen");
			else if (npasv < nbad)
				reply("%s", bad227[npasv++]);
			else
				reply("227 Entering Passive Mode (%u,%u,%u,%u,%u,%u).",
				      b[0], b[1], b[2], b[3], p >> 8, p & 255);
		} else if (!strcasecmp(line, "EPSV")) {
			p = listen_data();
			if (p < 0)
				reply("425 cannot listen");
			else
				reply("229 Entering Extended Passive Mode (|||%d|)", p);
		} else if (!strcasecmp(line, "PORT") &&
			   sscanf(arg, "%u,%u,%u,%u,%u,%u", &v[0], &v[1], &v[2],
				  &v[3], &v[4], &v[5]) == 6) {
			char a[32];

			for (p = 0; p < 6; p++)
				snprintf(h[p], sizeof(h[p]), "%u", v[p] & 255);
			snprintf(a, sizeof(a), "%s.%s.%s.%s", h[0], h[1], h[2], h[3]);
			set_active(1, a, (v[4] & 255) << 8 | (v[5] & 255));
		} else if (!strcasecmp(line, "EPRT") && arg[0]) {
			char d = arg[0], *f[3], *s = arg + 1;

			for (p = 0; p < 3 && s; p++) {
				f[p] = s;
				s = strchr(s, d);
				if (s)
					*s++ = 0;
			}
			if (p == 3 && s && sscanf(f[2], "%u", &port) == 1)
				set_active(f[0][0] == '1', f[1], port);
			else
				reply("501 bad EPRT");
		} else if (!strcasecmp(line, "RETR")) {
			retr(arg);
		} else {
			reply("500 Unknown command");
		}
		len -= eol + 1 - line;
		memmove(line, eol + 1, len);
	}
}

static int receive(unsigned int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	char buf[8192], name[INET6_ADDRSTRLEN];
	int fd, c, one = 1, zero = 0;
	socklen_t len = sizeof(a);
	ssize_t n;

	a.sin6_port = htons(port);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 1)) {
		perror("ftpd -r");
		return 1;
	}
	alarm(30);
	c = accept(fd, (struct sockaddr *)&a, &len);
	if (c < 0)
		return 1;
	inet_ntop(AF_INET6, &a.sin6_addr, name, sizeof(name));
	fprintf(stderr, "PEER %s %u\n", name, ntohs(a.sin6_port));
	while ((n = read(c, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			return 1;
	return n < 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
	int opt, fd, one = 1, zero = 0;
	unsigned int port = 21;
	socklen_t len;

	while ((opt = getopt(argc, argv, "p:m:r:")) != -1) {
		if (opt == 'p')
			port = atoi(optarg);
		else if (opt == 'm' && nbad < 8)
			bad227[nbad++] = optarg;
		else if (opt == 'r')
			return receive(atoi(optarg));
		else
			return 2;
	}
	if (optind != argc - 1)
		return 2;
	dir = argv[optind];
	signal(SIGCHLD, SIG_IGN);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	a.sin6_port = htons(port);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 16)) {
		perror("ftpd");
		return 1;
	}
	for (;;) {
		ctl = accept(fd, NULL, NULL);
		if (ctl < 0)
			continue;
		if (fork() == 0) {
			close(fd);
			len = sizeof(local);
			if (getsockname(ctl, (struct sockaddr *)&local, &len))
				exit(1);
			session();
		}
		close(ctl);
	}
}
