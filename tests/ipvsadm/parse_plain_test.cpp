// SPDX-License-Identifier: GPL-2.0
// parse_command reads a line of plain one-letter options without popt: it
// must give exactly what popt's path gives, and leave every other line and
// every error to popt.
#include <gtest/gtest.h>

#include "command.h"
#include "helpers.h"

namespace ipvsadm::test {
namespace {

// Every field a parse can set.
void expect_same(const Command &a, const Command &b, const std::string &line)
{
	SCOPED_TRACE(line);
	EXPECT_EQ(a.cmd, b.cmd);
	EXPECT_EQ(a.options, b.options);
	EXPECT_EQ(a.format, b.format);
	const Service &s = a.svc, &t = b.svc;
	EXPECT_EQ(s.af, t.af);
	EXPECT_EQ(s.protocol, t.protocol);
	EXPECT_EQ(s.addr, t.addr);
	EXPECT_EQ(s.port, t.port);
	EXPECT_EQ(s.fwmark, t.fwmark);
	EXPECT_EQ(s.sched_name, t.sched_name);
	EXPECT_EQ(s.pe_name, t.pe_name);
	EXPECT_EQ(s.flags, t.flags);
	EXPECT_EQ(s.timeout, t.timeout);
	EXPECT_EQ(s.netmask, t.netmask);
	const Dest &d = a.dest, &e = b.dest;
	EXPECT_EQ(d.af, e.af);
	EXPECT_EQ(d.addr, e.addr);
	EXPECT_EQ(d.port, e.port);
	EXPECT_EQ(d.conn_flags, e.conn_flags);
	EXPECT_EQ(d.weight, e.weight);
	EXPECT_EQ(d.u_threshold, e.u_threshold);
	EXPECT_EQ(d.l_threshold, e.l_threshold);
	EXPECT_EQ(d.tun_type, e.tun_type);
	EXPECT_EQ(d.tun_port, e.tun_port);
	EXPECT_EQ(d.tun_flags, e.tun_flags);
	EXPECT_EQ(a.timeout.tcp, b.timeout.tcp);
	EXPECT_EQ(a.daemon.state, b.daemon.state);
	EXPECT_EQ(a.daemon.syncid, b.daemon.syncid);
	if (is_modifying(a.cmd)) {
		auto ra = command_request(23, a), rb = command_request(23, b);
		ASSERT_TRUE(ra && rb);
		EXPECT_EQ(*ra, *rb);
	}
}

// Plain or not, a line parses as popt parses it; a plain line is never
// refused by the direct path when popt accepts it.
void check(const std::string &line, bool plain)
{
	const std::vector<std::string> argv = argv_of(line);
	const std::optional<Command> direct = parse_plain_command(argv);
	const ParseResult popt = parse_command_popt(argv);
	EXPECT_EQ(direct.has_value(), plain) << line;
	if (direct) {
		ASSERT_TRUE(popt) << line << ": popt says " << popt.error().text;
		expect_same(*direct, *popt, line);
	}
	const ParseResult both = parse_command(argv);
	ASSERT_EQ(static_cast<bool>(both), static_cast<bool>(popt)) << line;
	if (both)
		expect_same(*both, *popt, line);
	else
		EXPECT_EQ(both.error().text, popt.error().text) << line;
}

TEST(ParsePlain, WhatSaveWritesIsReadDirectly)
{
	for (const char *line : {
		     "-A -t 10.0.0.1:80 -s wlc",
		     "-a -t 10.0.0.1:80 -r 172.16.0.1:80 -m -w 1",
		     "-a -t 10.0.0.1:80 -r 172.16.0.2:8080 -i -w 3 -x 100 -y 50",
		     "-a -t 10.0.0.1:80 -r 172.16.0.2:80 -g -w 0",
		     "-A -u 10.0.0.1:53 -s rr -p 30 -M 255.255.255.0 -o",
		     "-A -t 10.0.0.1:0 -s rr -p",
		     "-A -t 10.0.0.1:0 -p -s rr",
		     "-A -t 10.0.0.1:http -s sh -b sh-fallback,sh-port",
		     "-A -t 10.0.0.1:80 -b sh-port -s sh",
		     "-A -u [2001:db8::53]:53 -p 30 -M 64 -s sh",
		     "-a -u [2001:db8::53]:53 -r [2001:db8::1]:53 -m -w 2",
		     "-A -f 7 -6 -s rr",
		     "-a -f 7 -6 -r [2001:db8::2]:0 -g -w 1",
		     "-A -f 4294967295 -s lc",
		     "-a -f 1 -r 10.0.0.2 -g -w 1",
		     "-E -t 10.0.0.1:80 -s rr",
		     "-e -t 10.0.0.1:80 -r 172.16.0.1:80 -m -w 5",
		     "-d -t 10.0.0.1:80 -r 172.16.0.1:80",
		     "-D -t 10.0.0.1:80",
		     "-C",
		     "-Z",
		     "-Z -t 10.0.0.1:80",
		     "-L",
		     "-L -n",
		     "-l -n -t 10.0.0.1:80",
		     "-L -c -n",
		     "-S -n",
		     "-R",
		     "-L -n -X",
	     })
		check(line, true);
}

TEST(ParsePlain, EverythingElseGoesThroughPopt)
{
	for (const char *line : {
		     // Forms only popt reads.
		     "-Ln",
		     "-L --stats",
		     "--add-service -t 10.0.0.1:80",
		     "-A -t10.0.0.1:80",
		     "-A -t 10.0.0.1:80 extra",
		     "-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1",
		     "-A -t 10.0.0.1:80 -p -1",
		     "--set 1 2 3",
		     "-A -t 10.0.0.1:80 -s",
		     "-A -t",
		     "",
		     // Errors, worded by popt's path.
		     "-A -t 10.0.0.1:80 -t 10.0.0.2:80",
		     "-A -t 10.0.0.1:80 -A",
		     "-A -6 -f 7",
		     "-A -t 10.0.0.1:0",
		     "-A -t 10.0.0.1:80 -o",
		     "-A -t 10.0.0.1:80 -w 2",
		     "-a -t 10.0.0.1:80 -r 10.0.0.2 -w 2x",
		     "-a -t 10.0.0.1:80 -r [2001:db8::1]:80 -m",
		     "-A -t 10.0.0.1:80 -s rr -b sh-port",
		     "-A -t 300.0.0.1:80",
		     "-a -t 10.0.0.1:80",
		     "-t 10.0.0.1:80 -A",
		     "-h",
		     "-v",
		     "-Q",
	     })
		check(line, false);
}

} // namespace
} // namespace ipvsadm::test
