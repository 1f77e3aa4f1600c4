// SPDX-License-Identifier: GPL-2.0
// -S rule lines.
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "format.h"
#include "helpers.h"

namespace ipvsadm::test {
namespace {

const Resolver &numeric = numeric_resolver();
constexpr unsigned kSave = FMT_RULE | FMT_NUMERIC;

TEST(FormatSave, ServiceOptions)
{
	Service s = tcp("192.168.7.2", 22, "lc");
	s.flags = IP_VS_SVC_F_PERSISTENT;
	s.timeout = 1800;
	s.netmask = htonl(0xffff0000);
	s.pe_name = "sip";
	EXPECT_EQ(format_service(s, {}, kSave, numeric),
		  "-A -t 192.168.7.2:22 -s lc -p 1800 -M 255.255.0.0 --pe sip\n");

	Service u = tcp("10.0.0.1", 53, "sh");
	u.protocol = IPPROTO_UDP;
	u.flags = IP_VS_SVC_F_ONEPACKET | IP_VS_SVC_F_SCHED2;
	EXPECT_EQ(format_service(u, {}, kSave, numeric), "-A -u 10.0.0.1:53 -s sh -o -b sh-port\n");

	Service c = tcp("10.0.0.1", 3868, "rr");
	c.protocol = IPPROTO_SCTP;
	EXPECT_EQ(format_service(c, {}, kSave, numeric), "-A --sctp-service 10.0.0.1:3868 -s rr\n");

	Service f = fwmark_service(AF_INET6, 3, "rr");
	f.flags = IP_VS_SVC_F_PERSISTENT;
	f.timeout = 60;
	f.netmask = 64;
	EXPECT_EQ(format_service(f, {}, kSave, numeric), "-A -f 3 -6 -s rr -p 60 -M 64\n");

	// A fwmark above INT_MAX: 1.31 would print it negative, which -R
	// then rejects; it is printed as the unsigned number it is.
	Service big = fwmark_service(AF_INET, 4294967295u, "rr");
	EXPECT_EQ(format_service(big, {}, kSave, numeric), "-A -f 4294967295 -s rr\n");
}

TEST(FormatSave, Servers)
{
	Dest gue = tunnel4("10.2.0.2", 443, 1, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080,
			   IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	Dest gre = tunnel4("10.2.0.3", 443, 1, IP_VS_CONN_F_TUNNEL_TYPE_GRE);
	Dest ipip = dest4("10.2.0.4", 443, IP_VS_CONN_F_TUNNEL, 2);
	Dest nat = dest4("10.2.0.5", 8443, IP_VS_CONN_F_MASQ, 0);
	Dest dr = dest4("10.2.0.6", 443, IP_VS_CONN_F_DROUTE, 7);
	Dest local = dest4("127.0.0.1", 443, IP_VS_CONN_F_LOCALNODE, 1);
	EXPECT_EQ(format_service(tcp("10.0.0.1", 443), {gue, gre, ipip, nat, dr, local},
				 kSave | FMT_NOSORT, numeric),
		  "-A -t 10.0.0.1:443 -s wlc\n"
		  "-a -t 10.0.0.1:443 -r 10.2.0.2:443 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n"
		  "-a -t 10.0.0.1:443 -r 10.2.0.3:443 -i -w 1 --tun-type gre --tun-nocsum\n"
		  "-a -t 10.0.0.1:443 -r 10.2.0.4:443 -i -w 2 --tun-type ipip\n"
		  "-a -t 10.0.0.1:443 -r 10.2.0.5:8443 -m -w 0\n"
		  "-a -t 10.0.0.1:443 -r 10.2.0.6:443 -g -w 7\n"
		  "-a -t 10.0.0.1:443 -r 127.0.0.1:443 -g -w 1\n");
}

TEST(FormatSave, NamesAreNotCutInRules)
{
	Resolver long_names{
		[](int, const Addr &) { return std::optional<std::string>("a-very-long-host-name.example.org"); },
		[](uint16_t, uint16_t) { return std::optional<std::string>("https"); },
	};
	EXPECT_EQ(format_service(tcp("10.0.0.1", 443), {dest4("10.1.1.1", 443, 0, 1)}, FMT_RULE, long_names),
		  "-A -t a-very-long-host-name.example.org:https -s wlc\n"
		  "-a -t a-very-long-host-name.example.org:https -r a-very-long-host-name.example.org:https -m -w 1\n");
}

} // namespace
} // namespace ipvsadm::test
