// SPDX-License-Identifier: GPL-2.0
// --monitor: each event lvs.ko sends, built as the kernel builds it, to the
// exact text and JSON line; unknown and malformed messages to their lines,
// whatever the bytes; how a failure to join ends ipvsadm.
#include <gtest/gtest.h>
#include <unistd.h>
#include <lvs/ipvs.h>
#include <lvs/lvs.h>

#include "format_json.h"
#include "helpers.h"
#include "kernel_msg.h"
#include "monitor.h"
#include "usage.h"

namespace ipvsadm::test {
namespace {

constexpr int kLvsFamily = 0x31;
const Resolver &numeric = numeric_resolver();

// An event of lvs.ko.
struct Ev : KernelMsg {
	explicit Ev(uint8_t cmd) : KernelMsg(cmd, kLvsFamily, LVS_GENL_VERSION) {}
};

std::string text(const Ev &e, const Resolver &r = numeric, unsigned format = FMT_NUMERIC)
{
	return event_line(e.bytes(), format, r);
}

std::string json(const Ev &e)
{
	return event_line(e.bytes(), FMT_JSON, numeric);
}

Service web()
{
	return tcp("10.0.0.1", 80, "rr");
}

Dest nat()
{
	return dest4("10.0.0.2", 8080, IP_VS_CONN_F_MASQ, 1);
}

// An event carrying a service, and one carrying a service and a server.
Ev with(uint8_t cmd, const Service &s)
{
	Ev e(cmd);
	e.put_service(LVS_ATTR_SERVICE, s);
	return e;
}

Ev dest_event(uint8_t cmd, const Service &s, const Dest &d)
{
	Ev e = with(cmd, s);
	e.put_dest(LVS_ATTR_DEST, d);
	return e;
}

// What -L --json writes for S and its server D: its service object (less
// "destinations") and the server's object.
struct ListingObjects {
	std::string service, dest;
};

ListingObjects listing_objects(const Service &s, const Dest &d)
{
	const std::string doc = json_services(Info{}, {{s, {d}}});
	const std::string head = "{\"version\":\"0.0.0\",\"conn_tab_size\":0,\"services\":[";
	const std::string dests = ",\"destinations\":[";
	const std::string tail = "]}]}\n";
	const size_t at = doc.find(dests);
	EXPECT_EQ(doc.compare(0, head.size(), head), 0) << doc;
	EXPECT_NE(at, std::string::npos) << doc;
	EXPECT_EQ(doc.compare(doc.size() - tail.size(), tail.size(), tail), 0) << doc;
	return { doc.substr(head.size(), at - head.size()) + "}",
		 doc.substr(at + dests.size(), doc.size() - tail.size() - at - dests.size()) };
}

TEST(Monitor, ServiceEvents)
{
	EXPECT_EQ(text(with(LVS_CMD_EV_NEW_SERVICE, web())), "new service TCP  10.0.0.1:80 rr\n");

	Service fwm = fwmark_service(AF_INET, 5, "wlc");
	fwm.flags = IP_VS_SVC_F_PERSISTENT;
	fwm.timeout = 300;
	fwm.netmask = 0xffffffff;
	EXPECT_EQ(text(with(LVS_CMD_EV_SET_SERVICE, fwm)), "set service FWM  5 wlc persistent 300\n");

	Service v6 = service6(IPPROTO_UDP, "2001:db8::1", 53, "sh");
	v6.flags = IP_VS_SVC_F_SCHED_SH_PORT | IP_VS_SVC_F_ONEPACKET;
	EXPECT_EQ(text(with(LVS_CMD_EV_DEL_SERVICE, v6)),
		  "del service UDP  [2001:db8::1]:53 sh (sh-port) ops\n");
}

TEST(Monitor, DestEvents)
{
	const Dest d = nat();
	EXPECT_EQ(text(dest_event(LVS_CMD_EV_NEW_DEST, web(), d)),
		  "new dest TCP  10.0.0.1:80 rr -> 10.0.0.2:8080 Masq 1\n");

	Ev revived = dest_event(LVS_CMD_EV_NEW_DEST, web(), dest4("10.0.0.3", 80, IP_VS_CONN_F_DROUTE, 3));
	nla_put_flag(revived.m, LVS_ATTR_REVIVED);
	EXPECT_EQ(text(revived), "new dest TCP  10.0.0.1:80 rr -> 10.0.0.3:80 Route 3 revived\n");

	Dest tun = tunnel4("192.168.1.3", 80, 0, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080);
	EXPECT_EQ(text(dest_event(LVS_CMD_EV_SET_DEST, web(), tun)),
		  "set dest TCP  10.0.0.1:80 rr -> 192.168.1.3:80 Tunnel 0\n");
	// Revived says something of a new server only.
	Ev set = dest_event(LVS_CMD_EV_SET_DEST, web(), d);
	nla_put_flag(set.m, LVS_ATTR_REVIVED);
	EXPECT_EQ(text(set), "set dest TCP  10.0.0.1:80 rr -> 10.0.0.2:8080 Masq 1\n");

	EXPECT_EQ(text(dest_event(LVS_CMD_EV_DEL_DEST, web(), d)),
		  "del dest TCP  10.0.0.1:80 rr -> 10.0.0.2:8080\n");

	// An IPv4 server of an IPv6 service (a tunnel), and the reverse.
	Dest v4in6 = tunnel4("10.1.1.1", 53, 2, IP_VS_CONN_F_TUNNEL_TYPE_IPIP);
	EXPECT_EQ(text(dest_event(LVS_CMD_EV_NEW_DEST, service6(IPPROTO_UDP, "2001:db8::1", 53, "rr"), v4in6)),
		  "new dest UDP  [2001:db8::1]:53 rr -> 10.1.1.1:53 Tunnel 2\n");
}

TEST(Monitor, DestStateEvents)
{
	Ev over = dest_event(LVS_CMD_EV_DEST_STATE, web(), nat());
	nla_put_u32(over.m, LVS_ATTR_DEST_STATE, LVS_DEST_STATE_OVERLOADED);
	EXPECT_EQ(text(over), "overloaded TCP  10.0.0.1:80 rr -> 10.0.0.2:8080\n");
	Ev under = dest_event(LVS_CMD_EV_DEST_STATE, web(), nat());
	nla_put_u32(under.m, LVS_ATTR_DEST_STATE, LVS_DEST_STATE_UNDERLOADED);
	EXPECT_EQ(text(under), "underloaded TCP  10.0.0.1:80 rr -> 10.0.0.2:8080\n");
}

TEST(Monitor, TableEvents)
{
	EXPECT_EQ(text(Ev(LVS_CMD_EV_FLUSH)), "flush\n");
	EXPECT_EQ(text(Ev(LVS_CMD_EV_ZERO)), "zero\n");
	EXPECT_EQ(text(with(LVS_CMD_EV_ZERO, web())), "zero TCP  10.0.0.1:80 rr\n");

	Ev t(LVS_CMD_EV_SET_CONFIG);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP, 900);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP_FIN, 120);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_UDP, 300);
	EXPECT_EQ(text(t), "timeouts 900 120 300\n");
}

TEST(Monitor, DaemonEvents)
{
	Ev plain(LVS_CMD_EV_NEW_DAEMON);
	plain.put_daemon(LVS_ATTR_DAEMON, sync_daemon(IP_VS_STATE_MASTER, "eth0", 1));
	EXPECT_EQ(text(plain), "new daemon master mcast=eth0, syncid=1\n");

	// The fields --daemon lists, in its order.
	const Daemon full = sync_daemon(IP_VS_STATE_BACKUP, "eth1", 7, 1472, "224.0.0.81", 8848, 1);
	Ev all(LVS_CMD_EV_NEW_DAEMON);
	all.put_daemon(LVS_ATTR_DAEMON, full);
	EXPECT_EQ(text(all), "new daemon backup mcast=eth1, syncid=7, maxlen=1472, "
			     "group=224.0.0.81, port=8848, ttl=1\n");
	EXPECT_EQ(format_daemons({full}), "backup sync daemon (mcast=eth1, syncid=7, maxlen=1472, "
					  "group=224.0.0.81, port=8848, ttl=1)\n");

	Ev del(LVS_CMD_EV_DEL_DAEMON);
	del.put_daemon(LVS_ATTR_DAEMON, sync_daemon(IP_VS_STATE_BACKUP, "", 0), true);
	EXPECT_EQ(text(del), "del daemon backup\n");
}

// Without -n, names as -L finds them: the same resolver, the same cuts.
TEST(Monitor, NamesAsTheListingResolvesThem)
{
	const Resolver names{
		[](int, const Addr &a) {
			return a == v4("10.0.0.1") ? std::optional<std::string>("vip") : std::nullopt;
		},
		[](uint16_t port, uint16_t) {
			return port == 80 ? std::optional<std::string>("http") : std::nullopt;
		},
	};
	const Ev e = dest_event(LVS_CMD_EV_NEW_DEST, web(), nat());
	EXPECT_EQ(text(e, names, FMT_NONE), "new dest TCP  vip:http rr -> 10.0.0.2:8080 Masq 1\n");
	EXPECT_EQ(text(e, names, FMT_NUMERIC), "new dest TCP  10.0.0.1:80 rr -> 10.0.0.2:8080 Masq 1\n");

	const Resolver long_names{
		[](int, const Addr &) { return std::optional<std::string>("a-very-long-host-name.example.org"); },
		[](uint16_t, uint16_t) { return std::optional<std::string>("http"); },
	};
	EXPECT_EQ(text(e, long_names, FMT_NONE),
		  "new dest TCP  a-very-long-host-name.exampl rr -> a-very-long-host-name.exampl Masq 1\n");
}

TEST(Monitor, JsonDestEvent)
{
	const std::string zero_stats =
		"\"stats\":{\"conns\":0,\"inpkts\":0,\"outpkts\":0,\"inbytes\":0,\"outbytes\":0},"
		"\"rates\":{\"cps\":0,\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0}";
	Ev e = dest_event(LVS_CMD_EV_NEW_DEST, web(), nat());
	nla_put_flag(e.m, LVS_ATTR_REVIVED);
	EXPECT_EQ(json(e),
		  "{\"event\":\"new-dest\",\"service\":{\"af\":\"inet\",\"protocol\":\"tcp\","
		  "\"address\":\"10.0.0.1\",\"port\":80,\"scheduler\":\"rr\",\"sched_flags\":[],"
		  "\"persistent\":false,\"ops\":false," + zero_stats + "},"
		  "\"dest\":{\"af\":\"inet\",\"address\":\"10.0.0.2\",\"port\":8080,\"forward\":\"masq\","
		  "\"weight\":1,\"active_conns\":0,\"inactive_conns\":0,\"persistent_conns\":0,"
		  "\"upper_threshold\":0,\"lower_threshold\":0," + zero_stats + "},"
		  "\"revived\":true}\n");
}

// The service and server objects are -L --json's, field for field, with
// every field set.
TEST(Monitor, JsonObjectsAreTheListingsObjects)
{
	Service s = tcp("10.0.0.1", 80, "sh");
	s.flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED_SH_PORT;
	s.timeout = 300;
	s.netmask = htonl(0xffffff00);
	s.pe_name = "sip";
	s.stats.conns = 5;
	s.stats.inbytes = 1ULL << 40;
	s.stats.outbps = 9;
	Dest d = tunnel4("192.168.1.3", 80, 4, IP_VS_CONN_F_TUNNEL_TYPE_GUE, 6080,
			 IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	d.activeconns = 4;
	d.inactconns = 1;
	d.persistconns = 2;
	d.u_threshold = 100;
	d.l_threshold = 10;
	d.stats.inpkts = 77;
	const ListingObjects l = listing_objects(s, d);

	EXPECT_EQ(json(dest_event(LVS_CMD_EV_NEW_DEST, s, d)),
		  "{\"event\":\"new-dest\",\"service\":" + l.service + ",\"dest\":" + l.dest +
		  ",\"revived\":false}\n");
	EXPECT_EQ(json(dest_event(LVS_CMD_EV_SET_DEST, s, d)),
		  "{\"event\":\"set-dest\",\"service\":" + l.service + ",\"dest\":" + l.dest + "}\n");
	EXPECT_EQ(json(dest_event(LVS_CMD_EV_DEL_DEST, s, d)),
		  "{\"event\":\"del-dest\",\"service\":" + l.service + ",\"dest\":" + l.dest + "}\n");
	Ev over = dest_event(LVS_CMD_EV_DEST_STATE, s, d);
	nla_put_u32(over.m, LVS_ATTR_DEST_STATE, LVS_DEST_STATE_OVERLOADED);
	EXPECT_EQ(json(over),
		  "{\"event\":\"overloaded\",\"service\":" + l.service + ",\"dest\":" + l.dest + "}\n");
	Ev under = dest_event(LVS_CMD_EV_DEST_STATE, s, d);
	nla_put_u32(under.m, LVS_ATTR_DEST_STATE, LVS_DEST_STATE_UNDERLOADED);
	EXPECT_EQ(json(under),
		  "{\"event\":\"underloaded\",\"service\":" + l.service + ",\"dest\":" + l.dest + "}\n");

	EXPECT_EQ(json(with(LVS_CMD_EV_NEW_SERVICE, s)),
		  "{\"event\":\"new-service\",\"service\":" + l.service + "}\n");
	EXPECT_EQ(json(with(LVS_CMD_EV_SET_SERVICE, s)),
		  "{\"event\":\"set-service\",\"service\":" + l.service + "}\n");
	EXPECT_EQ(json(with(LVS_CMD_EV_DEL_SERVICE, s)),
		  "{\"event\":\"del-service\",\"service\":" + l.service + "}\n");
	EXPECT_EQ(json(with(LVS_CMD_EV_ZERO, s)),
		  "{\"event\":\"zero\",\"service\":" + l.service + "}\n");
}

TEST(Monitor, JsonTableAndDaemonEvents)
{
	EXPECT_EQ(json(Ev(LVS_CMD_EV_FLUSH)), "{\"event\":\"flush\"}\n");
	EXPECT_EQ(json(Ev(LVS_CMD_EV_ZERO)), "{\"event\":\"zero\"}\n");

	Ev t(LVS_CMD_EV_SET_CONFIG);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP, 900);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP_FIN, 120);
	nla_put_u32(t.m, LVS_ATTR_TIMEOUT_UDP, 300);
	// The object --timeout --json holds.
	EXPECT_EQ(json(t), "{\"event\":\"timeouts\",\"timeouts\":{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}}\n");
	EXPECT_EQ(json_timeouts({900, 120, 300}), "{\"timeouts\":{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}}\n");

	const Daemon d = sync_daemon(IP_VS_STATE_MASTER, "eth0", 1, 1472, "224.0.0.81", 8848, 1);
	Ev start(LVS_CMD_EV_NEW_DAEMON);
	start.put_daemon(LVS_ATTR_DAEMON, d);
	const std::string object =
		"{\"state\":\"master\",\"mcast_interface\":\"eth0\",\"syncid\":1,\"sync_maxlen\":1472,"
		"\"mcast_group\":\"224.0.0.81\",\"mcast_port\":8848,\"mcast_ttl\":1}";
	EXPECT_EQ(json(start), "{\"event\":\"new-daemon\",\"daemon\":" + object + "}\n");
	EXPECT_EQ(json_daemons({d}), "{\"daemons\":[" + object + "]}\n");	// the same object

	Ev stop(LVS_CMD_EV_DEL_DAEMON);
	stop.put_daemon(LVS_ATTR_DAEMON, sync_daemon(IP_VS_STATE_MASTER, "", 0), true);
	EXPECT_EQ(json(stop), "{\"event\":\"del-daemon\",\"daemon\":{\"state\":\"master\"}}\n");
}

TEST(Monitor, UnknownCommands)
{
	EXPECT_EQ(text(Ev(LVS_CMD_MAX + 1)), "unknown event 14\n");
	EXPECT_EQ(text(Ev(255)), "unknown event 255\n");
	EXPECT_EQ(text(Ev(LVS_CMD_GET_INFO)), "unknown event 1\n");	// a request, not an event
	EXPECT_EQ(text(Ev(LVS_CMD_UNSPEC)), "unknown event 0\n");
	Ev later(200);
	later.put_service(LVS_ATTR_SERVICE, web());
	EXPECT_EQ(json(later), "{\"event\":\"unknown\",\"cmd\":200}\n");
}

TEST(Monitor, MalformedEvents)
{
	const nl::Bytes whole = dest_event(LVS_CMD_EV_NEW_DEST, web(), nat()).bytes();

	// Cut short, its length left as it was.
	nl::Bytes cut(whole.begin(), whole.begin() + whole.size() / 2);
	EXPECT_EQ(event_line(cut, FMT_NUMERIC, numeric), "malformed event 5\n");
	EXPECT_EQ(event_line(cut, FMT_JSON, numeric), "{\"event\":\"malformed\",\"cmd\":5}\n");
	// Cut short with the length saying so: the server's nest is gone.
	const auto len = static_cast<uint32_t>(cut.size());
	std::memcpy(cut.data(), &len, sizeof(len));
	EXPECT_EQ(event_line(cut, FMT_NUMERIC, numeric), "malformed event 5\n");
	// Not even a generic-netlink header.
	EXPECT_EQ(event_line(nl::Span(whole.data(), 18), FMT_NUMERIC, numeric), "malformed event 0\n");
	EXPECT_EQ(event_line(nl::Span(), FMT_JSON, numeric), "{\"event\":\"malformed\",\"cmd\":0}\n");

	// A port one byte long.
	Ev garbled(LVS_CMD_EV_NEW_SERVICE);
	nlattr *n = nla_nest_start(garbled.m, LVS_ATTR_SERVICE);
	nla_put_u16(garbled.m, IPVS_SVC_ATTR_AF, AF_INET);
	nla_put_u8(garbled.m, IPVS_SVC_ATTR_PORT, 80);
	nla_nest_end(garbled.m, n);
	EXPECT_EQ(text(garbled), "malformed event 2\n");

	// A part the event must carry is missing or says nothing known.
	EXPECT_EQ(text(with(LVS_CMD_EV_NEW_DEST, web())), "malformed event 5\n");
	EXPECT_EQ(text(Ev(LVS_CMD_EV_DEL_SERVICE)), "malformed event 4\n");
	Ev no_state = dest_event(LVS_CMD_EV_DEST_STATE, web(), nat());
	EXPECT_EQ(text(no_state), "malformed event 13\n");
	Ev bad_state = dest_event(LVS_CMD_EV_DEST_STATE, web(), nat());
	nla_put_u32(bad_state.m, LVS_ATTR_DEST_STATE, 3);
	EXPECT_EQ(text(bad_state), "malformed event 13\n");
	Ev two(LVS_CMD_EV_SET_CONFIG);
	nla_put_u32(two.m, LVS_ATTR_TIMEOUT_TCP, 900);
	nla_put_u32(two.m, LVS_ATTR_TIMEOUT_UDP, 300);
	EXPECT_EQ(text(two), "malformed event 10\n");
	Ev neither(LVS_CMD_EV_NEW_DAEMON);
	neither.put_daemon(LVS_ATTR_DAEMON, sync_daemon(0, "eth0", 1));
	EXPECT_EQ(text(neither), "malformed event 11\n");
	Ev bare(LVS_CMD_EV_NEW_DAEMON);
	bare.put_daemon(LVS_ATTR_DAEMON, sync_daemon(IP_VS_STATE_MASTER, "", 0), true);
	EXPECT_EQ(text(bare), "malformed event 11\n");
}

bool is_event_line(const std::string &line)
{
	static const char *const starts[] = {
		"new service ", "set service ", "del service ", "new dest ", "set dest ",
		"del dest ", "flush\n", "zero", "timeouts ", "new daemon ", "del daemon ",
		"overloaded ", "underloaded ", "unknown event ", "malformed event ",
	};
	if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1)
		return false;
	for (const char *s : starts)
		if (line.rfind(s, 0) == 0)
			return true;
	return false;
}

// Whatever the bytes, a line: every cut of every kind of event, and every
// byte of one set to values that break lengths and types.
TEST(Monitor, AnyBytesGiveALine)
{
	std::vector<nl::Bytes> events;
	{
		Ev e = dest_event(LVS_CMD_EV_NEW_DEST, web(), nat());
		nla_put_flag(e.m, LVS_ATTR_REVIVED);
		events.push_back(e.bytes());
		Ev s = dest_event(LVS_CMD_EV_DEST_STATE, service6(IPPROTO_TCP, "2001:db8::1", 80, "wlc"),
				  dest6("2001:db8::2", 80, IP_VS_CONN_F_MASQ, 1));
		nla_put_u32(s.m, LVS_ATTR_DEST_STATE, LVS_DEST_STATE_OVERLOADED);
		events.push_back(s.bytes());
		Ev d(LVS_CMD_EV_NEW_DAEMON);
		d.put_daemon(LVS_ATTR_DAEMON, sync_daemon(IP_VS_STATE_MASTER, "eth0", 1, 1472, "224.0.0.81", 8848, 1));
		events.push_back(d.bytes());
		Ev t(LVS_CMD_EV_SET_CONFIG);
		nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP, 900);
		nla_put_u32(t.m, LVS_ATTR_TIMEOUT_TCP_FIN, 120);
		nla_put_u32(t.m, LVS_ATTR_TIMEOUT_UDP, 300);
		events.push_back(t.bytes());
	}
	size_t lines = 0;
	for (const nl::Bytes &whole : events) {
		for (size_t n = 0; n <= whole.size(); n++) {
			nl::Bytes cut(whole.begin(), whole.begin() + n);
			for (unsigned format : {FMT_NUMERIC, FMT_JSON}) {
				const std::string line = event_line(cut, format, numeric);
				EXPECT_TRUE(format == FMT_JSON ? line.rfind("{\"event\":\"", 0) == 0
							       : is_event_line(line)) << line;
				lines++;
			}
		}
		for (size_t i = 0; i < whole.size(); i++) {
			for (uint8_t v : {0x00, 0x01, 0x03, 0x7f, 0xff}) {
				nl::Bytes bad = whole;
				bad[i] = v;
				EXPECT_TRUE(is_event_line(event_line(bad, FMT_NUMERIC, numeric)));
				lines++;
			}
		}
	}
	EXPECT_GT(lines, 1000u);
}

TEST(Monitor, JoinFailures)
{
	const Failure none = monitor_failure(errno_code(ENOENT));
	EXPECT_EQ(none.text, "ipvsadm: --monitor needs lvs.ko: the loaded IPVS (the kernel's ip_vs) "
			     "has no change events\n");
	testing::internal::CaptureStderr();
	EXPECT_EQ(report(none), 1);
	EXPECT_EQ(testing::internal::GetCapturedStderr(), none.text);

	const Failure denied = monitor_failure(errno_code(EPERM));
	EXPECT_EQ(denied.text, "Permission denied (you must be root)\n");
	testing::internal::CaptureStderr();
	EXPECT_EQ(report(denied), 1);
	testing::internal::GetCapturedStderr();
}

// The real socket, where the kernel has no lvs.ko: the family is missing,
// and --monitor says so rather than waiting for events that never come.
TEST(Monitor, WithoutLvsKoSaysSo)
{
	if (access("/sys/module/lvs", F_OK) == 0)
		GTEST_SKIP() << "lvs.ko is loaded";
	const Status s = monitor(FMT_NUMERIC, numeric);
	ASSERT_FALSE(s);
	EXPECT_EQ(s.error().text, monitor_failure(errno_code(ENOENT)).text);
}

TEST(Monitor, Options)
{
	Command c = parse_ok("--monitor");
	EXPECT_EQ(c.cmd, Cmd::Monitor);
	EXPECT_EQ(c.format, unsigned{FMT_NONE});
	c = parse_ok("--monitor --json -n");
	EXPECT_EQ(c.cmd, Cmd::Monitor);
	EXPECT_EQ(c.format, unsigned{FMT_JSON | FMT_NUMERIC});
	EXPECT_EQ(parse_ok("--monitor --numeric").format, unsigned{FMT_NUMERIC});
	EXPECT_FALSE(is_modifying(Cmd::Monitor));
	// An extension: 1.31's -h does not show it, as it does not show --json.
	EXPECT_EQ(usage_text("ipvsadm").find("monitor"), std::string::npos);
	EXPECT_EQ(usage_text("ipvsadm").find("json"), std::string::npos);
}

} // namespace
} // namespace ipvsadm::test
