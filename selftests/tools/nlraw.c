// SPDX-License-Identifier: GPL-2.0
/*
 * nlraw: send one hand-built message to the "IPVS" generic netlink family
 * and print what the kernel answered, so selftests can check the errno of
 * malformed or out-of-range requests that ipvsadm would never send.
 *
 *   nlraw [-d] [-f N] CMD TOKEN...
 *
 * CMD is the IPVS_CMD_* number; -d sends a dump request. -f N makes the
 * Nth fault-injectable allocation of the request fail (/proc/self/fail-nth,
 * a kernel with CONFIG_FAULT_INJECTION), armed just before the send; the
 * last line is then "fault injected" or "no fault" (the request made fewer
 * than N allocations). TOKENs build the
 * attributes in order:
 *   nest:TYPE ... end        a nested attribute
 *   u8:TYPE:V u16:TYPE:V u32:TYPE:V be16:TYPE:V be32:TYPE:V
 *   str:TYPE:TEXT            NUL-terminated string
 *   hex:TYPE:HEXBYTES        raw payload (any length, "" for empty)
 * Output: a "reply CMD attrs=N" line per reply message, then "ok" (the
 * ACK), "done" (end of a dump) or "error ENAME".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#define BUFSZ 65536

static unsigned char buf[BUFSZ];
static size_t len;
static size_t nests[16];
static int depth;

static void die(const char *msg)
{
	fprintf(stderr, "nlraw: %s\n", msg);
	exit(2);
}

static void *put(int type, const void *data, size_t n)
{
	struct nlattr *a = (struct nlattr *)(buf + len);
	size_t total = NLA_HDRLEN + n;

	if (len + NLA_ALIGN(total) > BUFSZ)
		die("message too long");
	a->nla_type = type;
	a->nla_len = total;
	if (n)
		memcpy((char *)a + NLA_HDRLEN, data, n);
	memset((char *)a + total, 0, NLA_ALIGN(total) - total);
	len += NLA_ALIGN(total);
	return a;
}

static size_t hexbytes(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (s[0] && s[1]) {
		unsigned int b;

		if (n == max || sscanf(s, "%2x", &b) != 1)
			die("bad hex");
		out[n++] = b;
		s += 2;
	}
	return n;
}

static void token(const char *t)
{
	char kind[8];
	unsigned long v;
	int type, off;

	if (!strcmp(t, "end")) {
		struct nlattr *a;

		if (!depth)
			die("end without nest");
		a = (struct nlattr *)(buf + nests[--depth]);
		a->nla_len = len - nests[depth];
		return;
	}
	if (sscanf(t, "%7[a-z0-9]:%d%n", kind, &type, &off) != 2)
		die("bad token");
	t += off;
	if (!strcmp(kind, "nest")) {
		if (depth == 16)
			die("nested too deep");
		nests[depth++] = len;
		put(type, NULL, 0);
		return;
	}
	if (*t++ != ':')
		die("missing value");
	if (!strcmp(kind, "str")) {
		put(type, t, strlen(t) + 1);
	} else if (!strcmp(kind, "hex")) {
		unsigned char raw[512];

		put(type, raw, hexbytes(t, raw, sizeof(raw)));
	} else {
		v = strtoul(t, NULL, 0);
		if (!strcmp(kind, "u8")) {
			uint8_t x = v;

			put(type, &x, 1);
		} else if (!strcmp(kind, "u16")) {
			uint16_t x = v;

			put(type, &x, 2);
		} else if (!strcmp(kind, "be16")) {
			uint16_t x = htons(v);

			put(type, &x, 2);
		} else if (!strcmp(kind, "u32")) {
			uint32_t x = v;

			put(type, &x, 4);
		} else if (!strcmp(kind, "be32")) {
			uint32_t x = htonl(v);

			put(type, &x, 4);
		} else {
			die("unknown token kind");
		}
	}
}

static int talk(int fd, struct nlmsghdr *req)
{
	static unsigned char rbuf[BUFSZ];
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	/* Under fault injection the send or the reply may fail for want of
	 * memory: that is an answer too.
	 */
	if (sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;

		if (n < 0)
			return -errno;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != req->nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return 1;
			if (h->nlmsg_type == req->nlmsg_type) {
				struct genlmsghdr *g = NLMSG_DATA(h);
				int attrs = 0, rem = h->nlmsg_len -
					NLMSG_LENGTH(GENL_HDRLEN);
				struct nlattr *a = (struct nlattr *)
					((char *)g + GENL_HDRLEN);

				while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
				       (int)a->nla_len <= rem) {
					attrs++;
					rem -= NLA_ALIGN(a->nla_len);
					a = (struct nlattr *)((char *)a +
							      NLA_ALIGN(a->nla_len));
				}
				/* The ACK (or NLMSG_DONE) follows. */
				printf("reply %d attrs=%d\n", g->cmd, attrs);
			}
		}
	}
}

/* The family id of "IPVS" from the generic netlink controller. */
static int family_id(int fd)
{
	static unsigned char rbuf[BUFSZ];
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		unsigned char attrs[64];
	} req = {
		.n.nlmsg_type = GENL_ID_CTRL,
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_seq = 1,
		.g.cmd = CTRL_CMD_GETFAMILY,
		.g.version = 1,
	};
	struct nlattr *a = (struct nlattr *)req.attrs;
	struct nlmsghdr *h;
	ssize_t n;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + 5;
	memcpy((char *)a + NLA_HDRLEN, "IPVS", 5);
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(a->nla_len);
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0)
		die("send");
	n = recv(fd, rbuf, sizeof(rbuf), 0);
	h = (struct nlmsghdr *)rbuf;
	if (n < 0 || !NLMSG_OK(h, n) || h->nlmsg_type == NLMSG_ERROR)
		die("no IPVS family");
	n = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
	while (n >= NLA_HDRLEN) {
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(uint16_t *)((char *)a + NLA_HDRLEN);
		n -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	die("no family id");
	return -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	struct nlmsghdr *n = (struct nlmsghdr *)buf;
	struct genlmsghdr *g;
	int fd, dump = 0, i = 1, ret, fail_nth = 0, nth_fd = -1;
	char nth[16];

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-d"))
			dump = 1;
		else if (!strcmp(argv[i], "-f") && i + 1 < argc)
			fail_nth = atoi(argv[++i]);
		else
			break;
	}
	if (i >= argc)
		die("usage: nlraw [-d] [-f N] CMD TOKEN...");
	if (fail_nth > 0) {
		nth_fd = open("/proc/self/fail-nth", O_RDWR);
		if (nth_fd < 0)
			die("no /proc/self/fail-nth (CONFIG_FAULT_INJECTION)");
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof(local)))
		die("socket");

	memset(buf, 0, sizeof(buf));
	len = NLMSG_LENGTH(GENL_HDRLEN);
	n->nlmsg_type = family_id(fd);
	n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	n->nlmsg_seq = 2;
	g = NLMSG_DATA(n);
	g->cmd = atoi(argv[i++]);
	g->version = 1;
	for (; i < argc; i++)
		token(argv[i]);
	if (depth)
		die("unclosed nest");
	n->nlmsg_len = len;

	if (nth_fd >= 0) {
		snprintf(nth, sizeof(nth), "%d", fail_nth);
		if (write(nth_fd, nth, strlen(nth)) < 0)
			die("cannot arm fail-nth");
	}
	ret = talk(fd, n);
	if (nth_fd >= 0) {
		/* What is left of the count: 0 once the fault was injected. */
		ssize_t got = pread(nth_fd, nth, sizeof(nth) - 1, 0);

		nth[got > 0 ? got : 0] = 0;
		fail_nth = atoi(nth);
		if (fail_nth && write(nth_fd, "0", 1) < 0)
			die("cannot disarm fail-nth");
	}
	if (ret == 0)
		printf("ok\n");
	else if (ret == 1)
		printf("done\n");
	else
		printf("error %s\n", strerrorname_np(-ret) ?: "?");
	if (nth_fd >= 0)
		printf("%s\n", fail_nth ? "no fault" : "fault injected");
	close(fd);
	return 0;
}
