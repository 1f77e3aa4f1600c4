// SPDX-License-Identifier: GPL-2.0
// --json: the documents for services, connections, timeouts and daemons.
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "conn_entry.h"
#include "format_json.h"
#include "helpers.h"
#include "json_writer.h"

namespace ipvsadm::test {
namespace {

TEST(FormatJson, WriterSeparatesAndEscapes)
{
	JsonWriter j;
	j.begin_object().member("a", "x\"y\\z\n\x01").key("b").begin_array()
		.value(uint64_t{1}).value(true).begin_object().end_object().end_array()
		.member("c", 18446744073709551615ULL).end_object();
	EXPECT_EQ(j.finish(), "{\"a\":\"x\\\"y\\\\z\\n\\u0001\",\"b\":[1,true,{}],"
			      "\"c\":18446744073709551615}\n");
}

TEST(FormatJson, ServiceWithServers)
{
	Service s = tcp("10.0.0.1", 80, "sh");
	s.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT;
	s.timeout = 300;
	s.netmask = htonl(0xffffff00);
	s.stats.conns = 5;
	s.stats.inbytes = 1ULL << 40;
	s.stats.cps = 2;
	Dest m = dest4("192.168.1.2", 8080, IP_VS_CONN_F_MASQ, 3);
	m.activeconns = 4;
	m.inactconns = 1;
	m.persistconns = 2;
	m.u_threshold = 100;
	m.l_threshold = 10;
	Dest g = dest4("192.168.1.3", 80, IP_VS_CONN_F_TUNNEL, 0);
	g.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	g.tun_port = 6080;
	g.tun_flags = IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;

	Info info{0x010201, 4096};
	const std::string zero_stats =
		"\"stats\":{\"conns\":0,\"inpkts\":0,\"outpkts\":0,\"inbytes\":0,\"outbytes\":0},"
		"\"rates\":{\"cps\":0,\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0}";
	EXPECT_EQ(json_services(info, {{s, {m, g}}}),
		  "{\"version\":\"1.2.1\",\"conn_tab_size\":4096,\"services\":[{"
		  "\"af\":\"inet\",\"protocol\":\"tcp\",\"address\":\"10.0.0.1\",\"port\":80,"
		  "\"scheduler\":\"sh\",\"sched_flags\":[\"sh-fallback\",\"sh-port\"],"
		  "\"persistent\":true,\"timeout\":300,\"netmask\":\"255.255.255.0\",\"ops\":false,"
		  "\"stats\":{\"conns\":5,\"inpkts\":0,\"outpkts\":0,\"inbytes\":1099511627776,\"outbytes\":0},"
		  "\"rates\":{\"cps\":2,\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0},"
		  "\"destinations\":[{\"af\":\"inet\",\"address\":\"192.168.1.2\",\"port\":8080,"
		  "\"forward\":\"masq\",\"weight\":3,\"active_conns\":4,\"inactive_conns\":1,"
		  "\"persistent_conns\":2,\"upper_threshold\":100,\"lower_threshold\":10," +
		  zero_stats + "},"
		  "{\"af\":\"inet\",\"address\":\"192.168.1.3\",\"port\":80,\"forward\":\"tunnel\","
		  "\"weight\":0,\"active_conns\":0,\"inactive_conns\":0,\"persistent_conns\":0,"
		  "\"upper_threshold\":0,\"lower_threshold\":0,"
		  "\"tunnel\":{\"type\":\"gue\",\"port\":6080,\"checksum\":\"remcsum\"}," +
		  zero_stats + "}]}]}\n");
}

TEST(FormatJson, FwmarkIpv6AndOnePacket)
{
	Service f;
	f.af = AF_INET6;
	f.protocol = IPPROTO_TCP;
	f.fwmark = 7;
	f.sched_name = "rr";
	f.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET;
	f.timeout = 60;
	f.netmask = 64;
	f.pe_name = "sip";
	const std::string doc = json_services(Info{0x010201, 4096}, {{f, {}}});
	EXPECT_NE(doc.find("{\"af\":\"inet6\",\"fwmark\":7,\"scheduler\":\"rr\",\"sched_flags\":[],"
			   "\"persistent\":true,\"timeout\":60,\"netmask\":64,\"pe\":\"sip\","
			   "\"ops\":true,"), std::string::npos) << doc;
	EXPECT_NE(doc.find("\"destinations\":[]}]}"), std::string::npos) << doc;
	EXPECT_EQ(json_services(Info{0x010201, 4096}, {}),
		  "{\"version\":\"1.2.1\",\"conn_tab_size\":4096,\"services\":[]}\n");
}

TEST(FormatJson, Connections)
{
	auto a = parse_conn_line("TCP 0A000001 D431 0A0000C8 0050 0A010101 1F90 ESTABLISHED     899\n");
	auto b = parse_conn_line("UDP 2001:0db8:0000:0000:0000:0000:0000:0001 0035 "
				 "2001:0db8:0000:0000:0000:0000:0000:0002 0035 0A010101 0035 "
				 "UDP             65 sip callid\n");
	ASSERT_TRUE(a && b);
	EXPECT_FALSE(parse_conn_line(""));
	EXPECT_EQ(json_conns({*a, *b}),
		  "{\"connections\":[{\"protocol\":\"tcp\",\"af\":\"inet\","
		  "\"client\":{\"address\":\"10.0.0.1\",\"port\":54321},"
		  "\"virtual\":{\"address\":\"10.0.0.200\",\"port\":80},"
		  "\"real\":{\"af\":\"inet\",\"address\":\"10.1.1.1\",\"port\":8080},"
		  "\"state\":\"ESTABLISHED\",\"expires\":899},"
		  "{\"protocol\":\"udp\",\"af\":\"inet6\","
		  "\"client\":{\"address\":\"2001:db8::1\",\"port\":53},"
		  "\"virtual\":{\"address\":\"2001:db8::2\",\"port\":53},"
		  "\"real\":{\"af\":\"inet\",\"address\":\"10.1.1.1\",\"port\":53},"
		  "\"state\":\"UDP\",\"expires\":65,\"pe_name\":\"sip\",\"pe_data\":\"callid\"}]}\n");
}

TEST(FormatJson, TimeoutsAndDaemons)
{
	EXPECT_EQ(json_timeouts(Timeouts{900, 120, 300}),
		  "{\"timeouts\":{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}}\n");
	Daemon m = sync_daemon(IP_VS_STATE_MASTER, "eth0", 5, 1472, "224.0.0.81", 8848, 1);
	Daemon none;
	EXPECT_EQ(json_daemons({m, none}),
		  "{\"daemons\":[{\"state\":\"master\",\"mcast_interface\":\"eth0\",\"syncid\":5,"
		  "\"sync_maxlen\":1472,\"mcast_group\":\"224.0.0.81\",\"mcast_port\":8848,"
		  "\"mcast_ttl\":1}]}\n");
}

} // namespace
} // namespace ipvsadm::test
