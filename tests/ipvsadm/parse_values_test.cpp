// SPDX-License-Identifier: GPL-2.0
// The single-value parsers and their 1.31 quirks.
#include <gtest/gtest.h>

#include "helpers.h"
#include "parse_values.h"

namespace ipvsadm::test {
namespace {

TEST(StringToNumber, BoundsAndJunk)
{
	EXPECT_EQ(string_to_number("0", 0, 10), 0);
	EXPECT_EQ(string_to_number("10", 0, 10), 10);
	EXPECT_EQ(string_to_number("11", 0, 10), std::nullopt);
	EXPECT_EQ(string_to_number("", 0, 10), std::nullopt);
	EXPECT_EQ(string_to_number("5x", 0, 10), std::nullopt);
	EXPECT_EQ(string_to_number(" 5", 0, 10), 5);	// strtol skips blanks
	EXPECT_EQ(string_to_number("99999999999999999999", 0, 10), std::nullopt);
}

TEST(ParseService, Forms)
{
	Service s;
	s.protocol = IPPROTO_TCP;
	EXPECT_EQ(parse_service("10.0.0.1:80", s), SERVICE_ADDR | SERVICE_PORT);
	EXPECT_EQ(s.addr, v4("10.0.0.1"));
	EXPECT_EQ(s.port, 80);

	Service t;
	EXPECT_EQ(parse_service("10.0.0.2", t), SERVICE_ADDR);
	EXPECT_EQ(t.port, 0);

	Service u;
	EXPECT_EQ(parse_service("[2001:db8::1]:443", u), SERVICE_ADDR | SERVICE_PORT);
	EXPECT_EQ(u.af, AF_INET6);
	EXPECT_EQ(u.port, 443);
	EXPECT_EQ(u.netmask, 128u);

	Service w;	// inet_aton's short forms
	EXPECT_EQ(parse_service("10.1:8", w), SERVICE_ADDR | SERVICE_PORT);
	EXPECT_EQ(w.addr, v4("10.0.0.1"));
}

TEST(ParseService, Rejects)
{
	Service s;
	EXPECT_EQ(parse_service("80", s), SERVICE_NONE);	// digits only
	EXPECT_EQ(parse_service("", s), SERVICE_NONE);
	EXPECT_EQ(parse_service("[::1]", s), SERVICE_NONE);	// brackets need a port
	EXPECT_EQ(parse_service("[::1]x80", s), SERVICE_NONE);
	EXPECT_EQ(parse_service("10.0.0.1:65536", s), SERVICE_NONE);
	EXPECT_EQ(parse_service("10.0.0.1:", s), SERVICE_NONE);
}

TEST(ParseService, BracketedIpv4DropsThePortAs131Does)
{
	Service s;
	EXPECT_EQ(parse_service("[10.0.0.1]:80", s), SERVICE_ADDR);
	EXPECT_EQ(s.addr, v4("10.0.0.1"));
	EXPECT_EQ(s.port, 0);
}

TEST(ParseService, NamedPortsUseTheProtocolTable)
{
	Service s;
	s.protocol = 0;	// e.g. -r before -t: no table, no name
	EXPECT_EQ(parse_service("10.0.0.1:somethingunknown", s), SERVICE_NONE);
}

TEST(ParseValues, TunnelTypes)
{
	EXPECT_EQ(parse_tun_type("ipip"), 0);
	EXPECT_EQ(parse_tun_type("gue"), 1);
	EXPECT_EQ(parse_tun_type("gre"), 2);
	EXPECT_EQ(parse_tun_type("GRE"), std::nullopt);
}

TEST(ParseValues, Netmask)
{
	EXPECT_EQ(parse_netmask("255.255.0.0"), htonl(0xffff0000));
}

} // namespace
} // namespace ipvsadm::test
