// SPDX-License-Identifier: GPL-2.0
// -L text from canned state, every column layout, against ipvsadm 1.31's
// output (taken from the stock binary on the same state).
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "format.h"
#include "helpers.h"
#include "sort.h"

namespace ipvsadm::test {
namespace {

const Resolver &numeric = numeric_resolver();

std::vector<Dest> two_dests()
{
	Dest a = dest4("192.168.1.2", 80, IP_VS_CONN_F_MASQ, 3);
	Dest b = dest4("10.1.1.1", 80, IP_VS_CONN_F_DROUTE, 1);
	b.activeconns = 12;
	b.inactconns = 345;
	return {b, a};	// kernel order
}

TEST(FormatList, HeaderAndTitle)
{
	EXPECT_EQ(format_version_header(Info{0x010201, 4096}),
		  "IP Virtual Server version 1.2.1 (size=4096)\n");
	EXPECT_EQ(format_title(FMT_NUMERIC),
		  "Prot LocalAddress:Port Scheduler Flags\n"
		  "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
	EXPECT_EQ(format_title(FMT_RULE), "");
}

TEST(FormatList, DefaultLayoutSortsServers)
{
	// As stock 1.31 lists them: 192.168.1.2 before 10.1.1.1, because
	// 1.31 compares addresses by an unsigned difference taken as an int.
	std::vector<Dest> dests = two_dests();
	put_in_listing_order(dests, FMT_NUMERIC);
	EXPECT_EQ(format_service(tcp("10.0.0.1", 80, "rr"), dests, FMT_NUMERIC, numeric),
		  "TCP  10.0.0.1:80 rr\n"
		  "  -> 192.168.1.2:80               Masq    3      0          0         \n"
		  "  -> 10.1.1.1:80                  Route   1      12         345       \n");
}

// The default server line is written without printf: it must be what
// 1.31's "  -> %-28s %-7s %-6d %-10u %-10u\n" prints, at the edges too.
TEST(FormatList, DefaultServerLineIsPrintfs)
{
	struct Case {
		uint32_t fwd;
		int32_t weight;
		uint32_t active, inact;
	};
	for (const Case &c : { Case{IP_VS_CONN_F_MASQ, 0, 0, 0},
			       Case{IP_VS_CONN_F_TUNNEL, -1, 4294967295u, 1},
			       Case{IP_VS_CONN_F_LOCALNODE, 2147483647, 1234567890, 12345678},
			       Case{4, -2147483647 - 1, 10, 100},
			       Case{IP_VS_CONN_F_DROUTE, 123456, 7, 99999999} }) {
		for (const Dest &base : { dest4("10.1.1.1", 80, 0, 1),
					  dest6("2001:db8:ffff:ffff:ffff:ffff:ffff:1", 3868, 0, 1) }) {
			Dest d = base;
			d.conn_flags = c.fwd;
			d.weight = c.weight;
			d.activeconns = c.active;
			d.inactconns = c.inact;
			const std::string all = format_service(tcp("10.0.0.1", 80, "rr"), {d},
							       FMT_NUMERIC, numeric);
			const std::string line = all.substr(all.find('\n') + 1);
			const char *fwd = c.fwd == IP_VS_CONN_F_MASQ ? "Masq" :
					  c.fwd == IP_VS_CONN_F_TUNNEL ? "Tunnel" :
					  c.fwd == IP_VS_CONN_F_LOCALNODE ? "Local" :
					  c.fwd == IP_VS_CONN_F_DROUTE ? "Route" : "(null)";
			const std::string name = d.af == AF_INET ? "10.1.1.1:80"
				: "[2001:db8:ffff:ffff:ffff:ffff:ffff:1]:3868";
			char want[200];
			snprintf(want, sizeof(want), "  -> %-28s %-7s %-6d %-10u %-10u\n", name.c_str(),
				 fwd, d.weight, d.activeconns, d.inactconns);
			EXPECT_EQ(line, want);
		}
	}
}

TEST(FormatList, NosortKeepsKernelOrder)
{
	std::vector<Dest> dests = two_dests();
	put_in_listing_order(dests, FMT_NUMERIC | FMT_NOSORT);
	EXPECT_EQ(format_service(tcp("10.0.0.1", 80, "rr"), dests,
				 FMT_NUMERIC | FMT_NOSORT, numeric),
		  "TCP  10.0.0.1:80 rr\n"
		  "  -> 10.1.1.1:80                  Route   1      12         345       \n"
		  "  -> 192.168.1.2:80               Masq    3      0          0         \n");
}

TEST(FormatList, ServiceFlags)
{
	Service s = tcp("192.168.7.2", 22, "lc");
	s.flags = IP_VS_SVC_F_PERSISTENT;
	s.timeout = 1800;
	s.netmask = htonl(0xffff0000);
	EXPECT_EQ(format_service(s, {}, FMT_NUMERIC, numeric),
		  "TCP  192.168.7.2:22 lc persistent 1800 mask 255.255.0.0\n");

	Service u = tcp("10.0.0.9", 123, "sh");
	u.protocol = IPPROTO_UDP;
	u.flags = IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_ONEPACKET;
	EXPECT_EQ(format_service(u, {}, FMT_NUMERIC, numeric),
		  "UDP  10.0.0.9:123 sh (sh-fallback,sh-port) ops\n");

	Service f = fwmark_service(AF_INET6, 4, "fo");
	f.flags = IP_VS_SVC_F_PERSISTENT;
	f.timeout = 360;
	f.netmask = 96;
	f.pe_name = "sip";
	EXPECT_EQ(format_service(f, {}, FMT_NUMERIC, numeric),
		  "FWM  4 IPv6 fo persistent 360 mask 96 pe sip\n");
}

TEST(FormatList, Ipv6AndSctp)
{
	Service s = service6(IPPROTO_SCTP, "2001:db8::1", 3868, "rr");
	Dest d = dest6("2001:db8:ffff:ffff:ffff:ffff:ffff:1", 3868, IP_VS_CONN_F_MASQ, 1);
	// IPv6 names are not cut to the column width.
	EXPECT_EQ(format_service(s, {d}, FMT_NUMERIC, numeric),
		  "SCTP [2001:db8::1]:3868 rr\n"
		  "  -> [2001:db8:ffff:ffff:ffff:ffff:ffff:1]:3868 Masq    1      0          0         \n");
}

TEST(FormatList, LongNamesAreCutLikeIn131)
{
	Resolver long_names{
		[](int, const Addr &) { return std::optional<std::string>("a-very-long-host-name.example.org"); },
		[](uint16_t, uint16_t) { return std::optional<std::string>("http"); },
	};
	Service s = tcp("10.0.0.1", 80, "rr");
	EXPECT_EQ(format_service(s, {dest4("10.1.1.1", 80, IP_VS_CONN_F_MASQ, 1)}, FMT_NONE, long_names),
		  "TCP  a-very-long-host-name.exampl rr\n"
		  "  -> a-very-long-host-name.exampl Masq    1      0          0         \n");
}

TEST(FormatList, Stats)
{
	Service s = tcp("10.0.0.1", 80);
	s.stats.conns = 5;
	s.stats.inpkts = 123456789;		// >= 100 million: K
	s.stats.outpkts = 1234567890;		// >= 1 billion: M
	s.stats.inbytes = 123456789012345ULL;	// >= 100 trillion: T
	s.stats.outbytes = 12345678901234ULL;	// G
	Dest d = dest4("10.1.1.1", 80, IP_VS_CONN_F_MASQ, 1);
	d.stats.conns = 5000000000ULL;		// beyond 32 bits: printed whole
	EXPECT_EQ(format_title(FMT_STATS),
		  "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
		  "  -> RemoteAddress:Port\n");
	EXPECT_EQ(format_service(s, {d}, FMT_STATS | FMT_NUMERIC, numeric),
		  "TCP  10.0.0.1:80                         5  123456K    1234M     123T   12345G\n"
		  "  -> 10.1.1.1:80                     5000M        0        0        0        0\n");
	EXPECT_EQ(format_service(s, {d}, FMT_STATS | FMT_NUMERIC | FMT_EXACT, numeric),
		  "TCP  10.0.0.1:80                         5 123456789 1234567890 123456789012345 12345678901234\n"
		  "  -> 10.1.1.1:80                  5000000000        0        0        0        0\n");
}

TEST(FormatList, Rate)
{
	Service s = tcp("10.0.0.1", 80);
	s.stats.cps = 1;
	s.stats.inbps = 2000000000;
	Dest d = dest4("10.1.1.1", 80, IP_VS_CONN_F_MASQ, 1);
	d.stats.cps = 3;
	d.stats.inpps = 4;
	d.stats.outbps = 123456789;
	EXPECT_EQ(format_title(FMT_RATE),
		  "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
		  "  -> RemoteAddress:Port\n");
	EXPECT_EQ(format_service(s, {d}, FMT_RATE | FMT_NUMERIC, numeric),
		  "TCP  10.0.0.1:80                         1        0        0    2000M        0\n"
		  "  -> 10.1.1.1:80                         3        4        0        0  123456K\n");
}

TEST(FormatList, ThresholdsAndPersistentConn)
{
	Dest d = dest4("172.16.0.4", 81, IP_VS_CONN_F_TUNNEL, 2);
	d.u_threshold = 100;
	d.l_threshold = 50;
	d.persistconns = 7;
	EXPECT_EQ(format_title(FMT_THRESHOLDS),
		  "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
		  "  -> RemoteAddress:Port\n");
	EXPECT_EQ(format_service(tcp("10.0.0.1", 80), {d}, FMT_THRESHOLDS | FMT_NUMERIC, numeric),
		  "TCP  10.0.0.1:80 wlc\n"
		  "  -> 172.16.0.4:81                100        50         0          0         \n");
	EXPECT_EQ(format_title(FMT_PERSISTENTCONN),
		  "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
		  "  -> RemoteAddress:Port\n");
	EXPECT_EQ(format_service(tcp("10.0.0.1", 80), {d}, FMT_PERSISTENTCONN | FMT_NUMERIC, numeric),
		  "TCP  10.0.0.1:80 wlc\n"
		  "  -> 172.16.0.4:81                2         7           0          0         \n");
}

TEST(FormatList, TunnelInfo)
{
	Dest ipip = dest4("10.2.0.1", 443, IP_VS_CONN_F_TUNNEL, 1);
	Dest gue = tunnel4("10.2.0.2", 443, 1, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080,
			   IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	Dest gre = tunnel4("10.2.0.3", 443, 1, IP_VS_CONN_F_TUNNEL_TYPE_GRE, 0,
			   IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	Dest nat = dest4("10.2.0.4", 443, IP_VS_CONN_F_MASQ, 1);
	EXPECT_EQ(format_service(tcp("192.168.7.1", 443), {ipip, gue, gre, nat},
				 FMT_TUN_INFO | FMT_NUMERIC, numeric),
		  "TCP  192.168.7.1:443 wlc\n"
		  "  -> 10.2.0.1:443                 Tunnel  ipip          1      0          0         \n"
		  "  -> 10.2.0.2:443                 Tunnel  gue:6080:r+c  1      0          0         \n"
		  "  -> 10.2.0.3:443                 Tunnel  gre:+c        1      0          0         \n"
		  "  -> 10.2.0.4:443                 Masq    n/a           1      0          0         \n");
}

TEST(FormatList, ResolvedNames)
{
	Resolver names{
		[](int, const Addr &a) {
			return a == v4("10.0.0.1") ? std::optional<std::string>("vip") : std::nullopt;
		},
		[](uint16_t port, uint16_t) {
			return port == 80 ? std::optional<std::string>("http") : std::nullopt;
		},
	};
	EXPECT_EQ(format_service(tcp("10.0.0.1", 80), {dest4("10.1.1.1", 8080, 0, 1)}, FMT_NONE, names),
		  "TCP  vip:http wlc\n"
		  "  -> 10.1.1.1:8080                Masq    1      0          0         \n");
}

} // namespace
} // namespace ipvsadm::test
