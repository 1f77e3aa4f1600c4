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
 *
 *   nlraw -S
 *
 * prints the whole configuration as the kernel reports it: a line per
 * service ("service HEX"), per real server ("dest SERVICE-KEY HEX"), per
 * daemon and the timeouts, each reply's attributes in hex, the lines
 * sorted (dumps come in hash order). One quick process where ipvsadm -Sn,
 * -L --daemon and -L --timeout are three slow ones (what debug/faults
 * compares after every injected fault).
 *
 *   nlraw -S [-f N] CMD TOKEN...
 *
 * does both in one process, the fault disarmed before the dumps: the
 * command's output, a "--- state" line, then the configuration.
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

/* What to do with each reply message of a request: its attributes. */
typedef void (*reply_fn)(int cmd, const struct nlattr *attrs, int len);

/* The default: the reply's command and how many attributes it has. */
static void count_attrs(int cmd, const struct nlattr *a, int rem)
{
	int attrs = 0;

	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       (int)a->nla_len <= rem) {
		attrs++;
		rem -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a +
					    NLA_ALIGN(a->nla_len));
	}
	printf("reply %d attrs=%d\n", cmd, attrs);
}

static int talk(int fd, struct nlmsghdr *req, reply_fn on_reply)
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

				/* The ACK (or NLMSG_DONE) follows. */
				on_reply(g->cmd,
					 (struct nlattr *)((char *)g + GENL_HDRLEN),
					 h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
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

/* A new request in buf: CMD of family fam, a dump if dump is set. */
static struct nlmsghdr *request(int fam, int cmd, int dump)
{
	static unsigned int seq = 1;	/* 1: family_id()'s */
	struct nlmsghdr *n = (struct nlmsghdr *)buf;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	len = NLMSG_LENGTH(GENL_HDRLEN);
	n->nlmsg_type = fam;
	n->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	/* Distinct, so a dump's late ACK is not taken for the next answer. */
	n->nlmsg_seq = ++seq;
	g = NLMSG_DATA(n);
	g->cmd = cmd;
	g->version = 1;
	return n;
}

/* --- -S: the configuration --------------------------------------------- */

/* IPVS's numbers (include/uapi/lvs/ipvs.h). */
enum {
	GET_SERVICE = 4, GET_DEST = 8, GET_DAEMON = 11, GET_CONFIG = 13,
	ATTR_SERVICE = 1, SVC_KEY_LAST = 5,	/* af, protocol, addr, port, fwmark */
};

#define MAX_SVCS 1024
static unsigned char svc_keys[MAX_SVCS][128];
static size_t svc_key_len[MAX_SVCS];
static int n_svcs;
static const char *line_tag;
static FILE *state_out;		/* the state's lines, to be sorted */

static void hex(const void *p, int n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		fprintf(state_out, "%02x", *b++);
}

/* A line: the tag, then the reply's attributes in hex. */
static void print_reply(int cmd, const struct nlattr *a, int rem)
{
	(void)cmd;	/* the line's tag says what it answers */
	fprintf(state_out, "%s ", line_tag);
	hex(a, rem);
	fputc('\n', state_out);
}

/* A service line; its key attributes are kept to ask for its dests. */
static void take_service(int cmd, const struct nlattr *a, int rem)
{
	const struct nlattr *k;
	int krem;

	print_reply(cmd, a, rem);
	if (n_svcs == MAX_SVCS || rem < NLA_HDRLEN ||
	    a->nla_type != ATTR_SERVICE || a->nla_len > rem)
		die("unexpected service reply");
	k = (const struct nlattr *)((const char *)a + NLA_HDRLEN);
	krem = a->nla_len - NLA_HDRLEN;
	svc_key_len[n_svcs] = 0;
	while (krem >= NLA_HDRLEN && k->nla_len >= NLA_HDRLEN &&
	       (int)k->nla_len <= krem) {
		size_t n = NLA_ALIGN(k->nla_len);

		if (k->nla_type <= SVC_KEY_LAST) {
			if (svc_key_len[n_svcs] + n > sizeof(svc_keys[0]))
				die("service key too long");
			memcpy(svc_keys[n_svcs] + svc_key_len[n_svcs], k, n);
			svc_key_len[n_svcs] += n;
		}
		krem -= n;
		k = (const struct nlattr *)((const char *)k + n);
	}
	n_svcs++;
}

static void state_part(int fd, int fam, int cmd, const char *tag, reply_fn fn)
{
	struct nlmsghdr *n = request(fam, cmd, cmd != GET_CONFIG);
	int ret;

	line_tag = tag;
	n->nlmsg_len = len;
	ret = talk(fd, n, fn);
	if (ret < 0)
		fprintf(state_out, "%s error %s\n", tag,
			strerrorname_np(-ret) ?: "?");
}

static void print_state(int fd, int fam)
{
	char tag[300];
	int i;

	state_part(fd, fam, GET_SERVICE, "service", take_service);
	for (i = 0; i < n_svcs; i++) {
		struct nlmsghdr *n = request(fam, GET_DEST, 1);
		struct nlattr *nest = put(ATTR_SERVICE, NULL, 0);
		int ret;

		memcpy(buf + len, svc_keys[i], svc_key_len[i]);
		len += svc_key_len[i];
		nest->nla_len = NLA_HDRLEN + svc_key_len[i];
		n->nlmsg_len = len;
		strcpy(tag, "dest ");
		for (size_t j = 0; j < svc_key_len[i]; j++)
			sprintf(tag + 5 + 2 * j, "%02x", svc_keys[i][j]);
		line_tag = tag;
		ret = talk(fd, n, print_reply);
		if (ret < 0)
			fprintf(state_out, "%s error %s\n", tag,
				strerrorname_np(-ret) ?: "?");
	}
	state_part(fd, fam, GET_DAEMON, "daemon", print_reply);
	state_part(fd, fam, GET_CONFIG, "config", print_reply);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The configuration's lines, sorted, on stdout. */
static void print_state_sorted(int fd, int fam)
{
	char *text = NULL, **lines = NULL, *p;
	size_t size = 0, n = 0, cap = 0;

	state_out = open_memstream(&text, &size);
	if (!state_out)
		die("open_memstream");
	print_state(fd, fam);
	if (fclose(state_out))
		die("open_memstream");
	for (p = strtok(text, "\n"); p; p = strtok(NULL, "\n")) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines)
				die("out of memory");
		}
		lines[n++] = p;
	}
	qsort(lines, n, sizeof(*lines), by_text);
	for (size_t i = 0; i < n; i++)
		puts(lines[i]);
	free(lines);
	free(text);
}

int main(int argc, char **argv)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	struct nlmsghdr *n;
	int fd, fam, dump = 0, i = 1, ret, fail_nth = 0, nth_fd = -1, state = 0;
	char nth[16];

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-d"))
			dump = 1;
		else if (!strcmp(argv[i], "-S"))
			state = 1;
		else if (!strcmp(argv[i], "-f") && i + 1 < argc)
			fail_nth = atoi(argv[++i]);
		else
			break;
	}
	if (i >= argc && !state)
		die("usage: nlraw [-d] [-S] [-f N] CMD TOKEN... | nlraw -S");
	if (fail_nth > 0) {
		nth_fd = open("/proc/self/fail-nth", O_RDWR);
		if (nth_fd < 0)
			die("no /proc/self/fail-nth (CONFIG_FAULT_INJECTION)");
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&local, sizeof(local)))
		die("socket");

	fam = family_id(fd);
	if (i >= argc) {
		print_state_sorted(fd, fam);
		close(fd);
		return 0;
	}
	n = request(fam, atoi(argv[i++]), dump);
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
	ret = talk(fd, n, count_attrs);
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
	if (state) {
		printf("--- state\n");
		fflush(stdout);
		print_state_sorted(fd, fam);
	}
	close(fd);
	return 0;
}
