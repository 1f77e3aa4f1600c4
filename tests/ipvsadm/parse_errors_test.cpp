// SPDX-License-Identifier: GPL-2.0
// Every validation message of ipvsadm 1.31, with the kind of exit it takes.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ipvsadm::test {
namespace {

struct Case {
	const char *line;
	Failure::Kind kind;
	const char *text;
};

class ParseErrors : public ::testing::TestWithParam<Case> {};

TEST_P(ParseErrors, PrintsTheMessageOf131)
{
	const Case &c = GetParam();
	ParseResult r = parse(c.line);
	ASSERT_FALSE(r) << c.line;
	const Failure &f = r.error();
	EXPECT_EQ(f.kind, c.kind) << c.line;
	EXPECT_EQ(f.text, c.text) << c.line;
}

constexpr auto F = Failure::Usage;
constexpr auto T = Failure::TryHelp;
constexpr auto P = Failure::Popt;
const char *const kTry = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";

INSTANTIATE_TEST_SUITE_P(All, ParseErrors, ::testing::Values(
	Case{"", T, kTry},
	Case{"10.0.0.1", T, kTry},
	Case{"-t 10.0.0.1:80 -A", T, kTry},
	Case{"--bogus", T, kTry},
	Case{"-A --bogus", P, "--bogus: unknown option\n"},
	Case{"-A -t", P, "-t: missing argument\n"},
	Case{"-A -t 10.0.0.1:80 -A", F, "invalid option `-A'\n"},
	Case{"-L -h", F, "invalid option `-h'\n"},
	Case{"-A", F, "You need to supply the 'service-address' option for the 'add-service' command\n"},
	Case{"-a -t 10.0.0.1:80", F, "You need to supply the 'real-server' option for the 'add-server' command\n"},
	Case{"-A -t 80", F, "illegal virtual server address[:port] specified\n"},
	Case{"-A -t 10.0.0.1:65536", F, "illegal virtual server address[:port] specified\n"},
	Case{"-A -t [::1]80", F, "illegal virtual server address[:port] specified\n"},
	Case{"-A -t [::1", F, "illegal virtual server address[:port] specified\n"},
	Case{"-A -t 10.0.0.1:80 -t 10.0.0.2:80", F, "multiple 'service-address' options specified\n"},
	Case{"-A -t 10.0.0.1:80 -u 10.0.0.2:80", F, "multiple 'service-address' options specified\n"},
	Case{"-A -t 10.0.0.1:80 -s rr -s wrr", F, "multiple 'scheduler' options specified\n"},
	Case{"-A -t 10.0.0.1:0", F, "Zero port specified for non-persistent service\n"},
	Case{"-A -t 10.0.0.1", F, "Zero port specified for non-persistent service\n"},
	Case{"-A -t 10.0.0.1:80 -p 0", F, "invalid timeout value `0' specified\n"},
	Case{"-A -t 10.0.0.1:80 -p 2678401", F, "invalid timeout value `2678401' specified\n"},
	Case{"-A -t 10.0.0.1:80 -p -M 300.1.1.1", F, "illegal virtual server persistent mask specified\n"},
	Case{"-A -t [2001:db8::1]:80 -p -M 129", F, "illegal ipv6 netmask specified\n"},
	Case{"-A -t 10.0.0.1:80 -o", F, "One-Packet Scheduling is only for UDP virtual services\n"},
	Case{"-A -t 10.0.0.1:80 -b flag-9", F, "invalid scheduler flag `flag-9'\n"},
	Case{"-A -t 10.0.0.1:80 -b sh-port", F, "incompatible scheduler flag `sh-port'\n"},
	Case{"-A -t 10.0.0.1:80 -s mh -b sh-fallback", F, "incompatible scheduler flag `sh-fallback'\n"},
	Case{"-A -t 10.0.0.1:80 -r 10.0.0.2", F, "Illegal 'real-server' option with the 'add-service' command\n"},
	Case{"-A -t 10.0.0.1:80 -n", F, "Illegal 'numeric' option with the 'add-service' command\n"},
	Case{"-A -t 10.0.0.1:80 extra", F, "unexpected argument extra\n"},
	Case{"-A -f 0", F, "invalid fwmark value `0' specified\n"},
	Case{"-A -f -1", F, "invalid fwmark value `-1' specified\n"},
	Case{"-A -f 4294967296", F, "invalid fwmark value `4294967296' specified\n"},
	Case{"-A -6 -f 1", F, "-6 used before -f\n\n"},
	Case{"-D -t 10.0.0.1:80 -s rr", F, "Illegal 'scheduler' option with the 'delete-service' command\n"},
	Case{"-C -t 10.0.0.1:80", F, "Illegal 'service-address' option with the 'flush' command\n"},
	// --json is ours: a listing option only.
	Case{"-S --json", F, "Illegal 'json' option with the 'save' command\n"},
	Case{"-A -t 10.0.0.1:80 --json", F, "Illegal 'json' option with the 'add-service' command\n"},
	Case{"-L --json --json", F, "multiple 'json' options specified\n"},
	// --monitor is ours: a command of its own, with -n and --json only.
	Case{"--monitor -t 10.0.0.1:80", F, "Illegal 'service-address' option with the 'monitor' command\n"},
	Case{"--monitor --stats", F, "Illegal 'stats' option with the 'monitor' command\n"},
	Case{"--monitor -c", F, "Illegal 'connection' option with the 'monitor' command\n"},
	Case{"--monitor --nosort", F, "Illegal 'nosort' option with the 'monitor' command\n"},
	Case{"--monitor -n -n", F, "multiple 'numeric' options specified\n"},
	Case{"--monitor now", F, "unexpected argument now\n"},
	Case{"-L --monitor", F, "invalid option `--monitor'\n"},
	Case{"--monitor -L", F, "invalid option `-L'\n"},
	Case{"--monitor --bogus", P, "--bogus: unknown option\n"},
	Case{"--monitor --client 10.0.0.1", F, "Illegal 'client' option with the 'monitor' command\n"},
	// --delete-conns is ours: a service, -r and the connection filters only.
	Case{"--delete-conns -n", F, "Illegal 'numeric' option with the 'delete-conns' command\n"},
	Case{"--delete-conns -c", F, "Illegal 'connection' option with the 'delete-conns' command\n"},
	Case{"--delete-conns --json", F, "Illegal 'json' option with the 'delete-conns' command\n"},
	Case{"--delete-conns -t 10.0.0.1:80 -s rr", F, "Illegal 'scheduler' option with the 'delete-conns' command\n"},
	Case{"--delete-conns -t 10.0.0.1:80 -r 10.0.0.2 -m", F, "Illegal 'forwarding-method' option with the 'delete-conns' command\n"},
	Case{"--delete-conns -t 10.0.0.1:80 -p", F, "Illegal 'persistent' option with the 'delete-conns' command\n"},
	Case{"--delete-conns -t 10.0.0.1:80 -u 10.0.0.1:53", F, "multiple 'service-address' options specified\n"},
	Case{"--delete-conns -t 80", F, "illegal virtual server address[:port] specified\n"},
	Case{"--delete-conns -f 0", F, "invalid fwmark value `0' specified\n"},
	Case{"--delete-conns -6", F, "-6 used before -f\n\n"},
	Case{"--delete-conns -r 10.0.0.2:99999", F, "illegal real server address[:port] specified\n"},
	Case{"--delete-conns --templates --templates", F, "multiple 'templates' options specified\n"},
	Case{"--delete-conns --client 10.0.0.0/8 --client 10.1.0.0/16", F, "multiple 'client' options specified\n"},
	Case{"--delete-conns --client 10.0.0.0/33", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --client 2001:db8::/129", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --client 10.0.0.0/+8", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --client 10.0.0.0/", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --client 10.0.0", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --client [2001:db8::1]", F, "illegal client address[/prefix] specified\n"},
	Case{"--delete-conns --conn-state=", F, "illegal connection state specified\n"},
	Case{"--delete-conns --conn-state SHUTDOWN_ACK_SENT", F, "illegal connection state specified\n"},
	Case{"--delete-conns --conn-state", P, "--conn-state: missing argument\n"},
	Case{"--delete-conns now", F, "unexpected argument now\n"},
	Case{"-L --delete-conns", F, "invalid option `--delete-conns'\n"},
	Case{"--delete-conns -L", F, "invalid option `-L'\n"},
	// The connection filters are -c's: without it, as any option 'list' refuses.
	Case{"-L -r 10.0.0.2", F, "Illegal 'real-server' option with the 'list' command\n"},
	Case{"-L -t 10.0.0.1:80 -r 10.0.0.2", F, "Illegal 'real-server' option with the 'list' command\n"},
	Case{"-L --client 10.0.0.1", F, "Illegal 'client' option with the 'list' command\n"},
	Case{"-L -n --conn-state ESTABLISHED", F, "Illegal 'conn-state' option with the 'list' command\n"},
	Case{"-L -t 10.0.0.1:80 --templates", F, "Illegal 'templates' option with the 'list' command\n"},
	Case{"-L --timeout --templates", F, "Illegal 'templates' option with the 'list' command\n"},
	// With -c, 1.31's other rules stand.
	Case{"-L -c --client 10.0.0.1 --timeout", F, "The option 'timeout' conflicts with the 'connection' option in the 'list' command\n"},
	Case{"-L -c -t 10.0.0.1:80", F, "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n"},
	Case{"-L -c -t 10.0.0.1:80 --templates --daemon", F, "The option 'daemon' conflicts with the 'connection' option in the 'list' command\n"},
	Case{"-L -c --templates --stats", F, "options conflicts in the list command\n"},
	Case{"-L -c -t 10.0.0.1:80 --templates -s rr", F, "Illegal 'scheduler' option with the 'list' command\n"},
	Case{"-L -c --templates -w 1", F, "Illegal 'weight' option with the 'list' command\n"},
	Case{"-S --templates", F, "Illegal 'templates' option with the 'save' command\n"},
	Case{"-Z --conn-state ESTABLISHED", F, "Illegal 'conn-state' option with the 'zero' command\n"},
	Case{"-d -t 10.0.0.1:80 -r 10.0.0.2 --client 10.0.0.1", F, "Illegal 'client' option with the 'delete-server' command\n"},
	Case{"-a -r 10.0.0.2", F, "You need to supply the 'service-address' option for the 'add-server' command\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483648", F, "illegal weight specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1", F, "illegal weight specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483648", F, "illegal u_threshold specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -y z", F, "illegal l_threshold specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -m -g", F, "multiple 'forwarding-method' options specified\n"},
	Case{"-a -t 10.0.0.1:80 -r [2001:db8::2]:80 -m", F, "Different address family is allowed only for tunneling servers\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 --tun-type gue", F, "Tunnel options conflict with forward method\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan", F, "illegal tunnel type specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue", F, "You need to supply the 'tun-port' option for the 'gue' tunnel type\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0", F, "illegal tunnel port specified\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum --tun-remcsum", F, "The option 'tun-remcsum' conflicts with the 'tun-csum' option in the 'gue' tunnel type\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-port 6080", F, "Illegal 'tun-port' option with the 'gre' tunnel type\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum", F, "Illegal 'tun-remcsum' option with the 'gre' tunnel type\n"},
	Case{"-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-csum", F, "Illegal 'tun-csum' option with the 'ipip' tunnel type\n"},
	Case{"-L --timeout --daemon", F, "The option 'daemon' conflicts with the 'timeout' option in the 'list' command\n"},
	Case{"-L --stats --timeout", F, "options conflicts in the list command\n"},
	Case{"-L --timeout --persistent-conn", F, "options conflicts in the list command\n"},
	Case{"-L -n -n", F, "multiple 'numeric' options specified\n"},
	Case{"-L -s rr", F, "Illegal 'scheduler' option with the 'list' command\n"},
	Case{"-S -c", F, "Illegal 'connection' option with the 'save' command\n"},
	Case{"-Z -n", F, "Illegal 'numeric' option with the 'zero' command\n"},
	Case{"-R -n", F, "Illegal 'numeric' option with the 'restore' command\n"},
	Case{"-A -E", F, "invalid option `-E'\n"},
	Case{"--set 1 2", F, "--set option requires 3 timeout values\n"},
	Case{"--set 1 2 3 4", F, "unexpected argument 4\n"},
	Case{"--set 1 2 -1", P, "-1: unknown option\n"},
	Case{"--set a 2 3", F, "invalid timeout value `a' specified\n"},
	Case{"--start-daemon sideways", F, "illegal start-daemon parameter specified\n"},
	Case{"--stop-daemon sideways", F, "illegal start_daemon specified\n"},
	Case{"--start-daemon master --syncid 256", F, "illegal syncid specified\n"},
	Case{"--start-daemon master --mcast-port 0", F, "illegal mcast-port specified\n"},
	Case{"--start-daemon master --mcast-ttl 256", F, "illegal mcast-ttl specified\n"},
	Case{"--start-daemon master --sync-maxlen 65508", F, "illegal sync-maxlen specified\n"},
	Case{"--start-daemon master --mcast-group 10.0.0.1", F, "invalid IPv4 mcast-group `10.0.0.1'\n"},
	Case{"--start-daemon master --mcast-group 2001:db8::1", F, "invalid IPv6 mcast-group `2001:db8::1'\n"},
	Case{"--stop-daemon master --mcast-interface lo", F, "Illegal 'mcast-interface' option with the 'stop-daemon' command\n"}
));

TEST(ParseExits, HelpAndVersionGoToStdoutWithTheProgramName)
{
	ParseResult h = parse_command({"/sbin/ipvsadm", "-h"});
	ASSERT_FALSE(h);
	EXPECT_EQ(h.error().kind, Failure::Help);
	const std::string &text = h.error().text;
	EXPECT_EQ(text.rfind("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n"
			     "  /sbin/ipvsadm -A|E virtual-service", 0), 0u);
	EXPECT_NE(text.find("  --mcast-ttl ttl                     Multicast TTL (default=1)\n"),
		  std::string::npos);

	ParseResult v = parse("--version");
	ASSERT_FALSE(v);
	EXPECT_EQ(v.error().kind, Failure::Version);
	EXPECT_EQ(v.error().text,
		  "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n");
}

} // namespace
} // namespace ipvsadm::test
