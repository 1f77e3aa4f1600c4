// SPDX-License-Identifier: GPL-2.0
// -S output read back by the -R parser gives back the same services and
// servers, for every kind of service and option.
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "format.h"
#include "helpers.h"
#include "restore_reader.h"

namespace ipvsadm::test {
namespace {

Command parse_rule(const std::string &line)
{
	std::vector<std::string> argv{"ipvsadm"};
	for (auto &t : tokenize_restore_line(line))
		argv.push_back(t);
	return command_from(argv, line);
}

std::vector<std::string> lines_of(const std::string &text)
{
	std::vector<std::string> v;
	size_t pos = 0, nl;
	while ((nl = text.find('\n', pos)) != std::string::npos) {
		v.push_back(text.substr(pos, nl - pos));
		pos = nl + 1;
	}
	return v;
}

void expect_same_service(const Service &want, const Service &got)
{
	EXPECT_EQ(want.af, got.af);
	EXPECT_EQ(want.fwmark, got.fwmark);
	if (!want.fwmark) {
		EXPECT_EQ(want.protocol, got.protocol);
		EXPECT_EQ(want.addr, got.addr);
		EXPECT_EQ(want.port, got.port);
	}
	EXPECT_EQ(want.sched_name, got.sched_name);
	EXPECT_EQ(want.pe_name, got.pe_name);
	EXPECT_EQ(want.flags, got.flags);
	if (want.flags & IP_VS_SVC_F_PERSISTENT) {
		EXPECT_EQ(want.timeout, got.timeout);
		EXPECT_EQ(want.netmask, got.netmask);
	}
}

void roundtrip(const Service &s, const std::vector<Dest> &dests)
{
	const std::string text = format_service(s, dests, FMT_RULE | FMT_NUMERIC | FMT_NOSORT,
						numeric_resolver());
	auto lines = lines_of(text);
	ASSERT_EQ(lines.size(), 1 + dests.size()) << text;
	Command a = parse_rule(lines[0]);
	EXPECT_EQ(a.cmd, Cmd::Add) << lines[0];
	expect_same_service(s, a.svc);
	for (size_t i = 0; i < dests.size(); i++) {
		Command d = parse_rule(lines[1 + i]);
		EXPECT_EQ(d.cmd, Cmd::AddDest) << lines[1 + i];
		expect_same_service(s, Service{d.svc.af, d.svc.protocol, d.svc.addr, d.svc.port,
					       d.svc.fwmark, s.sched_name, s.pe_name, s.flags,
					       s.timeout, s.netmask, {}});
		const Dest &w = dests[i];
		EXPECT_EQ(w.af, d.dest.af) << lines[1 + i];
		EXPECT_EQ(w.addr, d.dest.addr) << lines[1 + i];
		EXPECT_EQ(w.port, d.dest.port) << lines[1 + i];
		EXPECT_EQ(w.conn_flags & IP_VS_CONN_F_FWD_MASK, d.dest.conn_flags) << lines[1 + i];
		EXPECT_EQ(w.weight, d.dest.weight) << lines[1 + i];
		if ((w.conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
			EXPECT_EQ(w.tun_type, d.dest.tun_type) << lines[1 + i];
			EXPECT_EQ(w.tun_port, d.dest.tun_port) << lines[1 + i];
			EXPECT_EQ(w.tun_flags, d.dest.tun_flags) << lines[1 + i];
		}
	}
}

TEST(Roundtrip, TcpWithEveryForwarding)
{
	Dest gue = tunnel4("10.2.0.2", 80, 4, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080,
			   IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	Dest gre = tunnel4("10.2.0.3", 80, 1, IP_VS_CONN_F_TUNNEL_TYPE_GRE, 0,
			   IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	Dest v6tun = dest6("2001:db8::7", 80, IP_VS_CONN_F_TUNNEL, 2);
	roundtrip(tcp("10.0.0.1", 80, "rr"),
		  {dest4("10.1.0.1", 8080, IP_VS_CONN_F_MASQ, 0), dest4("10.1.0.2", 80, IP_VS_CONN_F_DROUTE, 65536),
		   dest4("10.1.0.3", 80, IP_VS_CONN_F_TUNNEL, 1), gue, gre, v6tun});
}

TEST(Roundtrip, PersistentUdpWithFlags)
{
	Service s = tcp("10.0.0.1", 0, "sh");
	s.protocol = IPPROTO_UDP;
	s.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET | IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2;
	s.timeout = 1800;
	s.netmask = htonl(0xffffff00);
	s.pe_name = "sip";
	roundtrip(s, {dest4("10.1.0.1", 0, IP_VS_CONN_F_MASQ, 3)});
}

TEST(Roundtrip, SctpAndIpv6)
{
	Service c = tcp("10.0.0.2", 3868, "lblcr");
	c.protocol = IPPROTO_SCTP;
	roundtrip(c, {dest4("10.5.0.1", 3869, IP_VS_CONN_F_MASQ, 1)});

	Service s = service6(IPPROTO_TCP, "2001:db8::1", 443, "mh");
	s.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED2;
	s.timeout = 60;
	s.netmask = 64;
	roundtrip(s, {dest6("2001:db8::100", 8443, IP_VS_CONN_F_MASQ, 9)});
}

TEST(Roundtrip, Fwmarks)
{
	Service f = fwmark_service(AF_INET, 4294967295u, "wrr");
	f.protocol = IPPROTO_TCP;
	f.flags = IP_VS_SVC_F_PERSISTENT;
	f.timeout = 120;
	f.netmask = htonl(0xffff0000);
	roundtrip(f, {dest4("10.6.0.2", 8080, IP_VS_CONN_F_MASQ, 2), dest4("10.6.0.3", 0, IP_VS_CONN_F_DROUTE, 1)});

	Service g = f;
	g.af = AF_INET6;
	g.fwmark = 3;
	g.netmask = 96;
	roundtrip(g, {dest6("2001:db8::301", 0, IP_VS_CONN_F_MASQ, 1)});
}

} // namespace
} // namespace ipvsadm::test
