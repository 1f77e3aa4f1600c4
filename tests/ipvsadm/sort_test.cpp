// SPDX-License-Identifier: GPL-2.0
// The listing order, with 1.31's wrapping comparator.
#include <gtest/gtest.h>

#include "helpers.h"
#include "sort.h"

namespace ipvsadm::test {
namespace {

TEST(Sort, ServicesByMarkFamilyProtocolAddressPort)
{
	Service f;
	f.af = AF_INET;
	f.fwmark = 1;
	Service a = tcp("10.0.0.1", 80), b = tcp("10.0.0.1", 22), c = tcp("10.0.0.2", 1);
	Service u = tcp("10.0.0.1", 1);
	u.protocol = IPPROTO_UDP;
	std::vector<Service> v{f, u, c, a, b};
	sort_services(v);
	ASSERT_EQ(v.size(), 5u);
	EXPECT_EQ(v[0].port, 22);	// TCP 10.0.0.1:22
	EXPECT_EQ(v[1].port, 80);	// TCP 10.0.0.1:80
	EXPECT_EQ(v[2].addr, v4("10.0.0.2"));
	EXPECT_EQ(v[3].protocol, IPPROTO_UDP);	// UDP after TCP
	EXPECT_EQ(v[4].fwmark, 1u);	// marks after addresses
}

TEST(Sort, AddressDifferencesWrapAsIn131)
{
	// 0x0A.. - 0xC0.. wraps to a positive int: 10/8 sorts after 192.168/16.
	EXPECT_GT(compare_dests(dest4("10.0.0.1", 80, 0, 1), dest4("192.168.0.1", 80, 0, 1)), 0);
	EXPECT_LT(compare_dests(dest4("10.0.0.1", 80, 0, 1), dest4("100.0.0.1", 80, 0, 1)), 0);
	std::vector<Dest> v{dest4("10.0.0.1", 80, 0, 1), dest4("192.168.0.1", 80, 0, 1)};
	sort_dests(v);
	EXPECT_EQ(v[0].addr, v4("192.168.0.1"));
}

TEST(Sort, Ipv6WordByWord)
{
	Dest a, b;
	a.af = b.af = AF_INET6;
	a.addr = v6("2001:db8::2");
	b.addr = v6("2001:db8::10");
	EXPECT_LT(compare_dests(a, b), 0);
	b.addr = a.addr;
	b.port = 1;
	EXPECT_LT(compare_dests(a, b), 0);	// same address: by port
	EXPECT_GT(compare_dests(b, a), 0);
}

} // namespace
} // namespace ipvsadm::test
