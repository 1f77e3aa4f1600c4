// SPDX-License-Identifier: GPL-2.0
// What each accepted option puts into the Command.
#include <gtest/gtest.h>
#include <lvs/ipvs.h>

#include "helpers.h"

namespace ipvsadm::test {
namespace {

TEST(ParseOptions, AddServiceDefaults)
{
	Command c = parse_ok("-A -t 10.0.0.1:80");
	EXPECT_EQ(c.cmd, Cmd::Add);
	EXPECT_EQ(c.svc.af, AF_INET);
	EXPECT_EQ(c.svc.protocol, IPPROTO_TCP);
	EXPECT_EQ(c.svc.addr, v4("10.0.0.1"));
	EXPECT_EQ(c.svc.port, 80);
	EXPECT_EQ(c.svc.sched_name, "wlc");	// the default scheduler
	EXPECT_EQ(c.svc.netmask, 0xffffffffu);
	EXPECT_EQ(c.svc.flags, 0u);
}

TEST(ParseOptions, LongFormsEqualShortForms)
{
	Command s = parse_ok("-A -u 10.0.0.1:53 -s rr -p 30 -M 255.255.255.0 -o");
	Command l = parse_ok("--add-service --udp-service 10.0.0.1:53 --scheduler rr "
		             "--persistent 30 --netmask 255.255.255.0 --ops");
	EXPECT_EQ(s.svc.protocol, l.svc.protocol);
	EXPECT_EQ(s.svc.sched_name, l.svc.sched_name);
	EXPECT_EQ(s.svc.timeout, 30u);
	EXPECT_EQ(l.svc.timeout, 30u);
	EXPECT_EQ(s.svc.flags, IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET);
	EXPECT_EQ(s.svc.flags, l.svc.flags);
	EXPECT_EQ(s.svc.netmask, l.svc.netmask);
	EXPECT_EQ(s.svc.netmask, htonl(0xffffff00));
}

TEST(ParseOptions, PersistentWithoutTimeoutIs360)
{
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:0 -p").svc.timeout, 360u);
	// An optional argument is not taken from the next option.
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:0 -p -s rr").svc.sched_name, "rr");
}

TEST(ParseOptions, BundledShortOptions)
{
	Command c = parse_ok("-Ln");
	EXPECT_EQ(c.cmd, Cmd::List);
	EXPECT_TRUE(c.format & FMT_NUMERIC);
	EXPECT_EQ(parse_ok("-lnc").options, bit(OPT_NUMERIC) | bit(OPT_CONNECTION));
}

TEST(ParseOptions, Ipv6ServiceAndNetmask)
{
	Command c = parse_ok("-A -u [2001:db8::53]:53 -p 30 -M 64");
	EXPECT_EQ(c.svc.af, AF_INET6);
	EXPECT_EQ(c.svc.addr, v6("2001:db8::53"));
	EXPECT_EQ(c.svc.port, 53);
	EXPECT_EQ(c.svc.netmask, 64u);
	// Without brackets a v6 address takes no port.
	Command d = parse_ok("-A -t 2001:db8::1 -p");
	EXPECT_EQ(d.svc.addr, v6("2001:db8::1"));
	EXPECT_EQ(d.svc.port, 0);
}

TEST(ParseOptions, FwmarkServices)
{
	Command c = parse_ok("-A -f 7 -6 -s rr");
	EXPECT_EQ(c.svc.fwmark, 7u);
	EXPECT_EQ(c.svc.af, AF_INET6);
	EXPECT_EQ(c.svc.protocol, IPPROTO_TCP);	// 1.31 sends TCP for marks
	EXPECT_EQ(c.svc.netmask, 128u);
	EXPECT_EQ(parse_ok("-A -f 4294967295").svc.fwmark, 4294967295u);
}

TEST(ParseOptions, SchedulerFlags)
{
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:80 -s sh -b sh-fallback,sh-port").svc.flags,
		  IP_VS_SVC_F_SCHED_SH_FALLBACK | IP_VS_SVC_F_SCHED_SH_PORT);
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:80 -s mh -b mh-port").svc.flags, IP_VS_SVC_F_SCHED_MH_PORT);
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:80 -b flag-1,flag-3").svc.flags,
		  IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED3);
}

TEST(ParseOptions, SchedulerNameTruncatedTo15)
{
	EXPECT_EQ(parse_ok("-A -t 10.0.0.1:80 -s abcdefghijklmnopqrst").svc.sched_name,
		        "abcdefghijklmno");
}

TEST(ParseOptions, RealServerDefaultsToRouteAndServicePort)
{
	Command c = parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1");
	EXPECT_EQ(c.cmd, Cmd::AddDest);
	EXPECT_EQ(c.dest.addr, v4("10.1.0.1"));
	EXPECT_EQ(c.dest.port, 80);
	EXPECT_EQ(c.dest.conn_flags, unsigned{IP_VS_CONN_F_DROUTE});
	EXPECT_EQ(c.dest.weight, 1);
}

TEST(ParseOptions, DirectRoutingForcesTheServicePort)
{
	EXPECT_EQ(parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1:8080").dest.port, 80);
	EXPECT_EQ(parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1:8080 -i").dest.port, 80);
	EXPECT_EQ(parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1:8080 -m").dest.port, 8080);
	// fwmark services have no port to force.
	EXPECT_EQ(parse_ok("-a -f 1 -r 10.1.0.1:8080").dest.port, 8080);
}

TEST(ParseOptions, ServerOptions)
{
	Command c = parse_ok("-e -t 10.0.0.1:80 -r 10.1.0.1:81 -m -w 0 -x 100 -y 50");
	EXPECT_EQ(c.cmd, Cmd::EditDest);
	EXPECT_EQ(c.dest.conn_flags, unsigned{IP_VS_CONN_F_MASQ});
	EXPECT_EQ(c.dest.weight, 0);
	EXPECT_EQ(c.dest.u_threshold, 100u);
	EXPECT_EQ(c.dest.l_threshold, 50u);
	EXPECT_EQ(parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1 -w 2147483647").dest.weight, 2147483647);
}

TEST(ParseOptions, TunnelOptions)
{
	Command c = parse_ok("-a -t 10.0.0.1:80 -r 10.1.0.1 -i --tun-type gue --tun-port 6080 --tun-remcsum");
	EXPECT_EQ(c.dest.conn_flags, unsigned{IP_VS_CONN_F_TUNNEL});
	EXPECT_EQ(c.dest.tun_type, IP_VS_CONN_F_TUNNEL_TYPE_GUE);
	EXPECT_EQ(c.dest.tun_port, 6080);
	EXPECT_EQ(c.dest.tun_flags, IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	// A tunnel may cross address families.
	Command x = parse_ok("-a -t 10.0.0.1:80 -r [2001:db8::1]:80 -i");
	EXPECT_EQ(x.dest.af, AF_INET6);
}

TEST(ParseOptions, SetTimeouts)
{
	Command c = parse_ok("--set 900 120 300");
	EXPECT_EQ(c.cmd, Cmd::Timeout);
	EXPECT_EQ(c.timeout.tcp, 900u);
	EXPECT_EQ(c.timeout.tcp_fin, 120u);
	EXPECT_EQ(c.timeout.udp, 300u);
}

TEST(ParseOptions, Daemons)
{
	Command s = parse_ok("--start-daemon backup --syncid 7 --sync-maxlen 1400 "
		             "--mcast-group 224.0.0.82 --mcast-port 8849 --mcast-ttl 2");
	EXPECT_EQ(s.cmd, Cmd::StartDaemon);
	EXPECT_EQ(s.daemon.state, unsigned{IP_VS_STATE_BACKUP});
	EXPECT_EQ(s.daemon.mcast_ifn, "eth0");	// the default interface
	EXPECT_EQ(s.daemon.syncid, 7u);
	EXPECT_EQ(s.daemon.sync_maxlen, 1400);
	EXPECT_EQ(s.daemon.mcast_af, AF_INET);
	EXPECT_EQ(s.daemon.mcast_group, v4("224.0.0.82"));
	EXPECT_EQ(s.daemon.mcast_port, 8849);
	EXPECT_EQ(s.daemon.mcast_ttl, 2);
	Command g6 = parse_ok("--start-daemon master --mcast-group ff02::1 --mcast-interface lo");
	EXPECT_EQ(g6.daemon.mcast_af, AF_INET6);
	EXPECT_EQ(g6.daemon.mcast_ifn, "lo");
	Command t = parse_ok("--stop-daemon master");
	EXPECT_EQ(t.cmd, Cmd::StopDaemon);
	EXPECT_EQ(t.daemon.mcast_ifn, "");	// stop sends no interface
}

TEST(ParseOptions, ListFormats)
{
	EXPECT_EQ(parse_ok("-L --stats --exact --nosort").format, FMT_STATS | FMT_EXACT | FMT_NOSORT);
	EXPECT_EQ(parse_ok("-L --rate").format, unsigned{FMT_RATE});
	EXPECT_EQ(parse_ok("-L --thresholds").format, unsigned{FMT_THRESHOLDS});
	EXPECT_EQ(parse_ok("-L --persistent-conn").format, unsigned{FMT_PERSISTENTCONN});
	EXPECT_EQ(parse_ok("-L --tun-info").format, unsigned{FMT_TUN_INFO});
	EXPECT_EQ(parse_ok("-L --sort").format, unsigned{FMT_NONE});
	Command c = parse_ok("-L -t 10.0.0.1:80");
	EXPECT_TRUE(c.has(OPT_SERVICE));
	EXPECT_TRUE(parse_ok("-L --daemon").has(OPT_DAEMON));
	EXPECT_TRUE(parse_ok("-L --timeout").has(OPT_TIMEOUT));
	EXPECT_EQ(parse_ok("-L -n --json").format, FMT_NUMERIC | FMT_JSON);
	EXPECT_EQ(parse_ok("-L -c --json").format, unsigned{FMT_JSON});
	EXPECT_EQ(parse_ok("-L --timeout --json").format, unsigned{FMT_JSON});
}

TEST(ParseOptions, OtherCommands)
{
	EXPECT_EQ(parse_ok("-C").cmd, Cmd::Flush);
	EXPECT_EQ(parse_ok("--clear").cmd, Cmd::Flush);
	EXPECT_EQ(parse_ok("-Z").cmd, Cmd::Zero);
	EXPECT_EQ(parse_ok("-Z -f 3").svc.fwmark, 3u);
	EXPECT_EQ(parse_ok("-S -n").cmd, Cmd::Save);
	EXPECT_EQ(parse_ok("-R").cmd, Cmd::Restore);
	EXPECT_EQ(parse_ok("-D --sctp-service 10.0.0.1:3868").svc.protocol, IPPROTO_SCTP);
	EXPECT_EQ(parse_ok("-E -t 10.0.0.1:80 -s rr --pe sip -p").svc.pe_name, "sip");
}

} // namespace
} // namespace ipvsadm::test
