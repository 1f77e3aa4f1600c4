// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: a seeded, reproducible fuzzer for the "IPVS" generic netlink
 * family. Each round builds a valid message for a random IPVS command
 * (services, dests, daemons, timeouts, dumps, zero, flush) from a small
 * pool of addresses and names, so that requests hit existing objects,
 * then usually mutates it: truncation, wrong nla_len, wrong attribute
 * types, nests of garbage, oversized strings, bad families and protocols,
 * flipped bytes, random flags, command numbers and genl headers, or a
 * body of pure noise. Only the IPVS family id is ever addressed.
 *
 *   nlfuzz [-s SEED] [-n COUNT] [-t SECONDS] [-u]
 *
 * -u drops to uid/gid 65534 before opening the socket; then every request
 * must be refused exactly as generic netlink refuses an unprivileged user
 * (EPERM for each IPVS command, all of which need CAP_NET_ADMIN; EINVAL
 * for a header too short; EOPNOTSUPP for an unknown command) and nothing
 * else may come back. It stops after COUNT rounds or SECONDS, whichever
 * comes first, prints the seed, the rounds done and a histogram of the
 * answers, and exits 1 on any violation or lost answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "fuzzrng.h"

#define BUFSZ		(1 << 16)
#define MAX_ATTRS	64
#define NCMDS		18	/* IPVS_CMD_UNSPEC .. IPVS_CMD_FLUSH */

/* IPVS_CMD_* numbers (include/uapi/lvs/ipvs.h); 14 (SET_INFO) is a reply. */
enum { NEW_SVC = 1, SET_SVC, DEL_SVC, GET_SVC, NEW_DEST, SET_DEST, DEL_DEST,
	GET_DEST, NEW_DAEMON, DEL_DAEMON, GET_DAEMON, SET_CONFIG, GET_CONFIG,
	SET_INFO, GET_INFO, ZERO, FLUSH };


static unsigned int below(unsigned int n)
{
	return n ? next64() % n : 0;
}

static int chance(int percent)
{
	return below(100) < (unsigned int)percent;
}

/* ---- message building ---- */

static unsigned char msg[BUFSZ];
static size_t len;
static size_t attr_off[MAX_ATTRS];	/* every attribute header, nests too */
static int nattrs;
static size_t nest_stack[8];
static int depth;

static void put(int type, const void *data, size_t n)
{
	struct nlattr *a = (struct nlattr *)(msg + len);
	size_t total = NLA_HDRLEN + n;

	if (len + NLA_ALIGN(total) > BUFSZ - 64 || total > 0xffff)
		return;
	if (nattrs < MAX_ATTRS)
		attr_off[nattrs++] = len;
	a->nla_type = type;
	a->nla_len = total;
	memcpy((char *)a + NLA_HDRLEN, data, n);
	memset((char *)a + total, 0, NLA_ALIGN(total) - total);
	len += NLA_ALIGN(total);
}

static void put_u8(int t, uint8_t v) { put(t, &v, 1); }
static void put_u16(int t, uint16_t v) { put(t, &v, 2); }
static void put_u32(int t, uint32_t v) { put(t, &v, 4); }
static void put_str(int t, const char *s) { put(t, s, strlen(s) + 1); }

static void nest(int type)
{
	if (depth == 8)
		return;
	nest_stack[depth++] = len;
	put(type, NULL, 0);
}

static void end(void)
{
	struct nlattr *a;

	if (!depth)
		return;
	a = (struct nlattr *)(msg + nest_stack[--depth]);
	a->nla_len = len - nest_stack[depth];
}

static void garbage(int type, size_t n)
{
	unsigned char g[4096];
	size_t i;

	if (n > sizeof(g))
		n = sizeof(g);
	for (i = 0; i < n; i++)
		g[i] = next64();
	put(type, g, n);
}

/* A garbage nest: random little attributes, sometimes nested again. */
static void garbage_nest(int type, int level)
{
	int i, n = below(6);

	nest(type);
	for (i = 0; i < n; i++) {
		if (level < 3 && chance(20))
			garbage_nest(below(20), level + 1);
		else
			garbage(below(20), below(24));
	}
	end();
}

/* Values from small pools, so that requests meet existing objects. */
static uint16_t pick_af(void)
{
	static const uint16_t afs[] = { 2, 2, 2, 10, 10, 0, 1, 3, 0xffff };

	return chance(95) ? afs[below(5)] : afs[below(9)];
}

static uint16_t pick_proto(void)
{
	static const uint16_t p[] = { 6, 17, 132, 0, 1, 255, 0xffff };

	return chance(90) ? p[below(3)] : p[below(7)];
}

static void put_addr(int type, int v6)
{
	unsigned char a[16] = { 0 };

	if (v6) {
		a[0] = 0x20; a[1] = 0x01; a[2] = 0x0d; a[3] = 0xb8;
		a[15] = 1 + below(3);
	} else {
		a[0] = 10; a[3] = 1 + below(3);
		if (chance(5))		/* multicast, broadcast, zero */
			a[0] = (uint8_t[]){ 224, 255, 0 }[below(3)];
	}
	put(type, a, chance(90) ? (v6 ? 16 : 4) : below(20));
}

static uint16_t pick_port(void)
{
	if (chance(90))
		return htons(80 + below(2));
	return chance(50) ? 0 : (uint16_t)next64();
}

static const char *pick_sched(void)
{
	static const char *const s[] = { "rr", "wrr", "lc", "wlc", "lblc",
		"lblcr", "dh", "sh", "sed", "nq", "mh", "fo", "ovf", "twos",
		"none", "", "nosuch", "0123456789abcdef", "rrrrrrrrrrrrrrr" };

	return chance(85) ? s[below(14)] : s[below(19)];
}

static void svc_key(int v6, int fwmark)
{
	put_u16(1, v6 ? 10 : pick_af());		/* AF */
	if (fwmark) {
		put_u32(5, chance(90) ? 1 + below(3) : next64());
		return;
	}
	put_u16(2, pick_proto());			/* PROTOCOL */
	put_addr(3, v6);				/* ADDR */
	put_u16(4, pick_port());			/* PORT */
}

static void svc_full(int v6, int fwmark)
{
	uint32_t flags[2];

	svc_key(v6, fwmark);
	put_str(6, pick_sched());			/* SCHED_NAME */
	if (chance(20))
		put_str(11, chance(70) ? "sip" : (chance(50) ? "" : "nope"));
	flags[0] = chance(80) ? below(0x400) : next64();	/* IP_VS_SVC_F_* */
	flags[1] = chance(50) ? ~0U : next64();
	put(7, flags, sizeof(flags));			/* FLAGS */
	put_u32(8, chance(80) ? below(600) : next64());	/* TIMEOUT */
	put_u32(9, v6 ? (chance(80) ? 128 : below(200)) :
		(chance(80) ? 0xffffffff : next64()));	/* NETMASK */
	if (chance(5))
		garbage_nest(10, 0);			/* STATS, ignored */
}

static void service(int full)
{
	int v6 = chance(20), fwmark = chance(15);

	nest(1);					/* CMD_ATTR_SERVICE */
	if (full)
		svc_full(v6, fwmark);
	else
		svc_key(v6, fwmark);
	end();
}

static void dest(int full)
{
	int v6 = chance(20);

	nest(2);					/* CMD_ATTR_DEST */
	put_addr(1, v6);				/* ADDR */
	put_u16(2, pick_port());			/* PORT */
	if (chance(60))
		put_u16(11, chance(90) ? (v6 ? 10 : 2) : pick_af());
	if (full) {
		put_u32(3, chance(90) ? below(5) : next64());	/* FWD_METHOD */
		put_u32(4, chance(90) ? below(6) : next64());	/* WEIGHT */
		put_u32(5, chance(80) ? 0 : below(100));	/* U_THRESH */
		put_u32(6, chance(80) ? 0 : below(100));	/* L_THRESH */
		if (chance(30))
			put_u8(12, below(4));			/* TUN_TYPE */
		if (chance(30))
			put_u16(13, pick_port());		/* TUN_PORT */
		if (chance(30))
			put_u16(14, below(8));			/* TUN_FLAGS */
		if (chance(5))
			put_u32(7 + below(3), next64());	/* read-only counters */
		if (chance(5))
			garbage_nest(9, 0);			/* STATS */
	}
	end();
}

static void daemon_attrs(int full)
{
	nest(3);					/* CMD_ATTR_DAEMON */
	put_u32(1, chance(90) ? 1 + below(2) : next64());	/* STATE */
	if (full) {
		put_str(2, chance(70) ? "lo" :
			(chance(50) ? "nosuchdev0" : "0123456789abcdefXYZ"));
		put_u32(3, below(256));				/* SYNC_ID */
		if (chance(40))
			put_u16(4, chance(50) ? below(2000) : next64());
		if (chance(30)) {
			put_u32(5, chance(60) ? htonl(0xe0000051) : (uint32_t)next64());
		} else if (chance(20)) {
			unsigned char g6[16] = { 0xff, 0x02 };

			g6[15] = next64();
			put(6, g6, chance(80) ? 16 : below(20));
		}
		if (chance(30))
			put_u16(7, next64());				/* PORT */
		if (chance(30))
			put_u8(8, next64());				/* TTL */
	}
	end();
}

/* A well-formed message for @cmd; returns the nlmsg flags to use. */
static int build_valid(int cmd)
{
	int flags = NLM_F_REQUEST | NLM_F_ACK;

	switch (cmd) {
	case NEW_SVC: case SET_SVC:
		service(1);
		break;
	case DEL_SVC:
		service(0);
		break;
	case GET_SVC:
		if (chance(50))
			flags |= NLM_F_DUMP;
		else
			service(0);
		break;
	case NEW_DEST: case SET_DEST:
		service(0);
		dest(1);
		break;
	case DEL_DEST:
		service(0);
		dest(0);
		break;
	case GET_DEST:
		flags |= NLM_F_DUMP;
		service(0);
		break;
	case NEW_DAEMON:
		daemon_attrs(1);
		break;
	case DEL_DAEMON:
		daemon_attrs(0);
		break;
	case GET_DAEMON:
		flags |= NLM_F_DUMP;
		break;
	case SET_CONFIG: {
		int t;

		for (t = 4; t <= 6; t++)
			if (chance(70))
				put_u32(t, chance(80) ? below(1000) : next64());
		break;
	}
	case ZERO:
		if (chance(50))
			service(0);
		break;
	default:
		break;
	}
	return flags;
}

static void mutate_attr(void)
{
	struct nlattr *a;
	size_t off;

	if (!nattrs)
		return;
	off = attr_off[below(nattrs)];
	if (off + NLA_HDRLEN > len)
		return;
	a = (struct nlattr *)(msg + off);
	switch (below(5)) {
	case 0:		/* wrong nla_len: too short, too long, absurd */
		a->nla_len = (uint16_t[]){ 0, 1, 3, 4, 5, 0xffff }[below(6)];
		if (chance(50))
			a->nla_len = a->nla_len + below(40) - 20;
		break;
	case 1:		/* wrong type, maybe the nested bit */
		a->nla_type = chance(70) ? below(20) : next64();
		if (chance(20))
			a->nla_type |= NLA_F_NESTED;
		break;
	case 2:		/* payload bytes flipped */
		if (a->nla_len > NLA_HDRLEN && off + a->nla_len <= len)
			msg[off + NLA_HDRLEN +
			    below(a->nla_len - NLA_HDRLEN)] ^= 1 << below(8);
		break;
	case 3:		/* the nla_len of a nest shrunk to cut a child */
		if (a->nla_len > NLA_HDRLEN)
			a->nla_len -= 1 + below(a->nla_len - NLA_HDRLEN);
		break;
	default:	/* byte order mistakes */
		a->nla_len = (a->nla_len >> 8) | (a->nla_len << 8);
		break;
	}
}

/* Mutations that work on the whole attribute area. */
static void mutate(struct genlmsghdr *g, int *flags)
{
	size_t body = NLMSG_HDRLEN + GENL_HDRLEN;
	int m, n = 1 + below(3);

	for (m = 0; m < n; m++) {
		switch (below(12)) {
		case 0: case 1: case 2:
			mutate_attr();
			break;
		case 3:		/* truncated anywhere */
			if (len > body)
				len = body + below(len - body);
			break;
		case 4:		/* oversized strings where names go */
			nest(chance(50) ? 1 : 3);
			garbage(chance(50) ? 6 : (chance(50) ? 11 : 2),
				chance(50) ? 16 + below(8) : below(3000));
			end();
			break;
		case 5:		/* a nest of garbage at the top */
			garbage_nest(1 + below(8), 0);
			break;
		case 6:		/* a duplicate of the service or dest nest */
			if (chance(50))
				service(chance(50));
			else
				dest(chance(50));
			break;
		case 7:		/* random command number */
			g->cmd = chance(50) ? below(NCMDS + 4) : next64();
			break;
		case 8:		/* random netlink flags */
			*flags = chance(50) ? (*flags ^ (1 << below(12))) :
				 (int)(next64() & 0xffff);
			break;
		case 9:		/* genl version and reserved */
			g->version = next64();
			g->reserved = chance(50) ? next64() : 0;
			break;
		case 10:	/* top-level attributes of random kinds */
			garbage(below(12), below(64));
			break;
		default:	/* the body replaced by noise */
			len = body;
			garbage(next64(), below(200));
			if (chance(50))
				len = body + below(len - body + 1);
			break;
		}
	}
}

/* ---- the socket ---- */

static int fd;
static uint16_t family;
static uint32_t seq = 1;
static int unpriv;

static unsigned char rbuf[1 << 17];
static long hist[256];		/* answers: errno, 0 ack; [255] data */
static long violations, lost, enobufs;

static void send_raw(const void *buf, size_t n)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };

	if (sendto(fd, buf, n, 0, (struct sockaddr *)&k, sizeof(k)) < 0 &&
	    errno != ENOBUFS) {
		perror("nlfuzz: sendto");
		exit(2);
	}
}

static void send_simple(uint16_t type, int cmd, int flags, uint32_t s,
			const char *name)
{
	unsigned char b[256] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)b;
	struct genlmsghdr *g = NLMSG_DATA(h);
	size_t n = NLMSG_HDRLEN + GENL_HDRLEN;

	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = s;
	g->cmd = cmd;
	g->version = 1;
	if (name) {
		struct nlattr *a = (struct nlattr *)(b + n);

		a->nla_type = CTRL_ATTR_FAMILY_NAME;
		a->nla_len = NLA_HDRLEN + strlen(name) + 1;
		strcpy((char *)a + NLA_HDRLEN, name);
		n += NLA_ALIGN(a->nla_len);
	}
	h->nlmsg_len = n;
	send_raw(b, n);
}

static void resolve_family(void)
{
	struct nlmsghdr *h;
	ssize_t r;

	send_simple(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_REQUEST, 0,
		    "IPVS");
	r = recv(fd, rbuf, sizeof(rbuf), 0);
	h = (struct nlmsghdr *)rbuf;
	if (r < (ssize_t)NLMSG_HDRLEN || h->nlmsg_type == NLMSG_ERROR) {
		fprintf(stderr, "nlfuzz: no IPVS family\n");
		exit(2);
	}
	for (struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) +
						  GENL_HDRLEN);
	     (unsigned char *)a < rbuf + h->nlmsg_len;
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		if (a->nla_len < NLA_HDRLEN)
			break;
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			family = *(uint16_t *)((char *)a + NLA_HDRLEN);
	}
	if (!family) {
		fprintf(stderr, "nlfuzz: no family id\n");
		exit(2);
	}
}

/*
 * What an unprivileged user must get for a request, as generic netlink
 * decides before IPVS sees anything: -1 for no answer at all.
 */
static int unpriv_expect(const struct nlmsghdr *h, size_t sent, int *ack_ok)
{
	const struct genlmsghdr *g = NLMSG_DATA(h);

	*ack_ok = 0;
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > sent)
		return -1;			/* dropped unread */
	if (!(h->nlmsg_flags & NLM_F_REQUEST)) {
		*ack_ok = !!(h->nlmsg_flags & NLM_F_ACK);
		return -1;
	}
	if (h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return EINVAL;
	/*
	 * Commands from the family's resv_start_op on (none of IPVS's) must
	 * zero "reserved" and use no netlink flags but REQUEST, ACK, ECHO
	 * and DUMP.
	 */
	if (g->cmd > FLUSH) {
		int f = h->nlmsg_flags;

		if ((f & NLM_F_DUMP) == NLM_F_DUMP)
			f &= ~NLM_F_DUMP;
		if (g->reserved ||
		    (f & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)))
			return EINVAL;
	}
	if (g->cmd < NEW_SVC || g->cmd > FLUSH || g->cmd == SET_INFO)
		return EOPNOTSUPP;
	return EPERM;
}

/*
 * Read until the sentinel's answer and the end of any dump the fuzz
 * message opened (a dump continues only as we read).
 */
static void drain(uint32_t fseq, uint32_t sseq, int expect, int ack_ok,
		  const struct nlmsghdr *req)
{
	const struct genlmsghdr *rg = NLMSG_DATA(req);

	int sentinel = 0, dump_open = 0, answered = 0;

	while (!sentinel || dump_open) {
		ssize_t r = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;
		int left;

		if (r < 0 && errno == ENOBUFS) {
			/* Answers were dropped; ask again for a sentinel. */
			enobufs++;
			sseq = ++seq;
			send_simple(family, GET_INFO,
				    NLM_F_REQUEST | NLM_F_ACK, sseq, NULL);
			dump_open = 0;
			answered = 1;
			continue;
		}
		if (r < 0) {
			fprintf(stderr, "nlfuzz: no answer for seq %u: %s\n",
				fseq, strerror(errno));
			lost++;
			return;
		}
		left = r;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			int err = 0;

			if (h->nlmsg_type == NLMSG_DONE) {
				dump_open = 0;
			} else if (h->nlmsg_flags & NLM_F_MULTI) {
				dump_open = 1;
			}
			if (h->nlmsg_seq == sseq) {
				if (h->nlmsg_type == NLMSG_ERROR)
					sentinel = 1;
				continue;
			}
			if (h->nlmsg_seq != fseq)
				continue;
			answered = 1;
			if (h->nlmsg_type == NLMSG_ERROR) {
				err = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
				hist[err > 0 && err < 255 ? err : 0]++;
			} else if (h->nlmsg_type == NLMSG_DONE) {
				hist[0]++;
				err = -1;
			} else {
				hist[255]++;
				err = -2;
			}
			if (unpriv && err != expect && !(ack_ok && !err)) {
				fprintf(stderr,
					"nlfuzz: unprivileged seq %u got %d, not %d (cmd %u flags %#x len %u reserved %u)\n",
					fseq, err, expect, rg->cmd,
					req->nlmsg_flags, req->nlmsg_len,
					rg->reserved);
				violations++;
			}
		}
	}
	if (unpriv && expect > 0 && !answered) {
		fprintf(stderr, "nlfuzz: unprivileged seq %u unanswered\n",
			fseq);
		violations++;
	}
}

static void round_once(void)
{
	struct nlmsghdr *h = (struct nlmsghdr *)msg;
	struct genlmsghdr *g;
	int cmd, flags, expect, ack_ok;
	uint32_t fseq, sseq;
	size_t sent;

	memset(msg, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	len = NLMSG_HDRLEN + GENL_HDRLEN;
	nattrs = 0;
	depth = 0;
	g = NLMSG_DATA(h);
	/* FLUSH is rare, so the tables fill up between flushes. */
	do
		cmd = 1 + below(FLUSH);
	while (cmd == FLUSH && !chance(5));
	g->cmd = cmd;
	g->version = 1;
	flags = build_valid(cmd);
	if (chance(75))
		mutate(g, &flags);
	while (depth)
		end();

	fseq = ++seq;
	h->nlmsg_type = family;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = fseq;
	h->nlmsg_len = len;
	sent = len;
	if (chance(3))		/* a lying length: longer is dropped */
		h->nlmsg_len = chance(50) ? len + 1 + below(64) :
			       NLMSG_HDRLEN + below(len - NLMSG_HDRLEN + 1);
	/* Shorter leaves no whole second message behind (< 16 bytes). */
	if (h->nlmsg_len < sent && sent - NLMSG_ALIGN(h->nlmsg_len) >=
	    NLMSG_HDRLEN)
		sent = NLMSG_ALIGN(h->nlmsg_len) + below(NLMSG_HDRLEN);
	expect = unpriv_expect(h, sent, &ack_ok);
	send_raw(msg, sent);

	sseq = ++seq;
	send_simple(family, GET_INFO, NLM_F_REQUEST | NLM_F_ACK, sseq, NULL);
	drain(fseq, sseq, expect, ack_ok, h);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long long seed = time(NULL) ^ getpid();
	long count = 10000, done;
	double limit = 0, start;
	struct timeval tv = { .tv_sec = 5 };
	int one = 1, rcv = 1 << 20, opt, i;

	while ((opt = getopt(argc, argv, "s:n:t:u")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtol(optarg, NULL, 0); break;
		case 't': limit = strtod(optarg, NULL); break;
		case 'u': unpriv = 1; break;
		default:
			fprintf(stderr,
				"usage: nlfuzz [-s SEED] [-n COUNT] [-t SECS] [-u]\n");
			return 2;
		}
	}
	fuzz_rng = seed;
	printf("nlfuzz: seed %llu%s\n", seed, unpriv ? " (unprivileged)" : "");
	fflush(stdout);

	if (unpriv && (setgroups(0, NULL) || setgid(65534) ||
		       setuid(65534))) {
		perror("nlfuzz: dropping privileges");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		perror("nlfuzz: socket");
		return 2;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	/* Acks without the echoed request: oversized requests stay cheap. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	resolve_family();

	start = now();
	for (done = 0; done < count; done++) {
		if (limit > 0 && !(done & 63) && now() - start > limit)
			break;
		round_once();
	}
	printf("nlfuzz: %ld messages in %.1f s, %ld lost, %ld ENOBUFS, %ld violations\n",
	       done, now() - start, lost, enobufs, violations);
	printf("nlfuzz: answers:");
	for (i = 0; i < 256; i++)
		if (hist[i])
			printf(" %s=%ld", i == 255 ? "data" :
			       i ? strerrorname_np(i) : "ok", hist[i]);
	printf("\n");
	return violations || lost ? 1 : 0;
}
