// SPDX-License-Identifier: GPL-2.0
// --timeout, --daemon and -c listings.
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "format.h"
#include "helpers.h"

namespace ipvsadm::test {
namespace {

TEST(FormatMisc, Timeouts)
{
	EXPECT_EQ(format_timeouts(Timeouts{900, 120, 300}), "Timeout (tcp tcpfin udp): 900 120 300\n");
}

TEST(FormatMisc, Daemons)
{
	Daemon m = sync_daemon(IP_VS_STATE_MASTER, "lo", 5);
	Daemon b = sync_daemon(IP_VS_STATE_BACKUP, "eth1", 7, 1400, "224.0.0.82", 8849, 2);
	EXPECT_EQ(format_daemons({m, b}),
		  "master sync daemon (mcast=lo, syncid=5)\n"
		  "backup sync daemon (mcast=eth1, syncid=7, maxlen=1400, group=224.0.0.82, port=8849, ttl=2)\n");
	EXPECT_EQ(format_daemons({}), "");
}

TEST(FormatMisc, Connections)
{
	EXPECT_EQ(format_conn_title(FMT_NONE),
		  "IPVS connection entries\n"
		  "pro expire state       source             virtual            destination\n");
	// /proc/net/ip_vs_conn as the kernel writes it (hex IPv4).
	const std::string v4line =
		"TCP 0A000001 D431 0A0000C8 0050 0A010101 1F90 ESTABLISHED     899\n";
	EXPECT_EQ(format_conn_line(v4line, FMT_NUMERIC, numeric_resolver()),
		  "TCP 14:59  ESTABLISHED 10.0.0.1:54321     10.0.0.200:80      10.1.1.1:8080\n");
	const std::string v6line =
		"UDP 2001:0db8:0000:0000:0000:0000:0000:0001 0035 2001:0db8:0000:0000:0000:0000:0000:0002 0035 "
		"2001:0db8:0000:0000:0000:0000:0000:0003 0035 UDP             65 sip callid\n";
	EXPECT_EQ(format_conn_line(v6line, FMT_NUMERIC | FMT_PERSISTENTCONN, numeric_resolver()),
		  "UDP 01:05  UDP         [2001:db8::1]:53   [2001:db8::2]:53   [2001:db8::3]:53 "
		  "sip                callid\n");
}

} // namespace
} // namespace ipvsadm::test
