// SPDX-License-Identifier: GPL-2.0
// --delete-conns and -c's filters: what each command line selects, which
// lines read lvs.ko's dump (every -c line 1.31 takes still reads /proc),
// the request a line makes, and how a failure reads.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <lvs/ipvs.h>
#include <lvs/lvs.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "helpers.h"
#include "nl_codec.h"
#include "run.h"
#include "usage.h"

namespace ipvsadm::test {
namespace {

ConnFilter filter_of(const std::string &line)
{
	return conn_filter(parse_ok(line));
}

TEST(DeleteConns, WithoutFiltersSelectsEveryConnection)
{
	const Command c = parse_ok("--delete-conns");
	EXPECT_EQ(c.cmd, Cmd::DeleteConns);
	EXPECT_EQ(c.options, 0u);
	EXPECT_FALSE(is_modifying(Cmd::DeleteConns));	// not pipelined in -R
	const ConnFilter f = conn_filter(c);
	EXPECT_FALSE(f.service);
	EXPECT_FALSE(f.dest);
	EXPECT_EQ(f.client_af, AF_UNSPEC);
	EXPECT_EQ(f.state, "");
	EXPECT_FALSE(f.templates);
}

TEST(DeleteConns, EveryFilter)
{
	const ConnFilter f = filter_of(
		"--delete-conns -t 10.0.0.1:80 -r 10.0.0.2 --client 10.9.8.7/16 --conn-state fin_wait --templates");
	ASSERT_TRUE(f.service);
	EXPECT_EQ(f.service->af, AF_INET);
	EXPECT_EQ(f.service->protocol, IPPROTO_TCP);
	EXPECT_EQ(f.service->addr, v4("10.0.0.1"));
	EXPECT_EQ(f.service->port, 80);
	ASSERT_TRUE(f.dest);
	EXPECT_EQ(f.dest->af, AF_INET);
	EXPECT_EQ(f.dest->addr, v4("10.0.0.2"));
	EXPECT_EQ(f.dest->port, 80);	// the service's, as -a takes it
	EXPECT_EQ(f.client_af, AF_INET);
	EXPECT_EQ(f.client, v4("10.9.0.0"));	// masked
	EXPECT_EQ(f.client_prefix, 16);
	EXPECT_EQ(f.state, "FIN_WAIT");	// as -c lists it
	EXPECT_TRUE(f.templates);
}

TEST(DeleteConns, ServicesAndServersAsTheOtherCommandsTakeThem)
{
	ConnFilter f = filter_of("--delete-conns -u [2001:db8::1]:53 -r [2001:db8::2]:5353");
	EXPECT_EQ(f.service->af, AF_INET6);
	EXPECT_EQ(f.service->protocol, IPPROTO_UDP);
	EXPECT_EQ(f.service->addr, v6("2001:db8::1"));
	EXPECT_EQ(f.dest->af, AF_INET6);
	EXPECT_EQ(f.dest->port, 5353);

	f = filter_of("--delete-conns --sctp-service 10.0.0.1:9");
	EXPECT_EQ(f.service->protocol, IPPROTO_SCTP);

	// A fwmark service's server takes no port from it, as with -a.
	f = filter_of("--delete-conns -f 5 -6 -r [2001:db8::2]:8080");
	EXPECT_EQ(f.service->af, AF_INET6);
	EXPECT_EQ(f.service->fwmark, 5u);
	EXPECT_EQ(f.dest->port, 8080);
	EXPECT_EQ(filter_of("--delete-conns -f 5 -r 10.0.0.2").dest->port, 0);

	// A server alone, or before the service, as -a reads it.
	f = filter_of("--delete-conns -r 10.0.0.2:8080");
	EXPECT_FALSE(f.service);
	EXPECT_EQ(f.dest->port, 8080);
	EXPECT_EQ(filter_of("--delete-conns -r 10.0.0.2 -t 10.0.0.1:80").dest->port, 0);
}

TEST(DeleteConns, ClientPrefixes)
{
	ConnFilter f = filter_of("--delete-conns --client 10.0.0.1");
	EXPECT_EQ(f.client_af, AF_INET);
	EXPECT_EQ(f.client, v4("10.0.0.1"));
	EXPECT_EQ(f.client_prefix, 32);	// the whole address

	f = filter_of("--delete-conns --client 10.255.255.255/9");
	EXPECT_EQ(f.client, v4("10.128.0.0"));
	EXPECT_EQ(f.client_prefix, 9);

	f = filter_of("--delete-conns --client 2001:db8::1");
	EXPECT_EQ(f.client_af, AF_INET6);
	EXPECT_EQ(f.client, v6("2001:db8::1"));
	EXPECT_EQ(f.client_prefix, 128);

	f = filter_of("--delete-conns --client 2001:db8:ffff::1/35");
	EXPECT_EQ(f.client, v6("2001:db8:e000::"));
	EXPECT_EQ(f.client_prefix, 35);

	f = filter_of("--delete-conns --client 0.0.0.0/0");
	EXPECT_EQ(f.client_af, AF_INET);
	EXPECT_EQ(f.client_prefix, 0);
}

// The request a command line makes, as lvs.ko receives it.
struct Sent {
	nlattr *top[LVS_ATTR_MAX + 1]{};
	nl::Bytes bytes;
	uint8_t cmd = 0;
	uint16_t flags = 0;

	explicit Sent(const std::string &line)
	{
		const Command c = parse_ok(line);
		Expected<nl::Bytes> b = c.cmd == Cmd::DeleteConns ? nl::del_conns(0x31, conn_filter(c))
								   : nl::get_conns(0x31, conn_filter(c));
		EXPECT_TRUE(b);
		if (!b)
			return;
		bytes = std::move(*b);
		auto *h = reinterpret_cast<nlmsghdr *>(bytes.data());
		cmd = static_cast<genlmsghdr *>(nlmsg_data(h))->cmd;
		flags = h->nlmsg_flags;
		EXPECT_EQ(genlmsg_parse(h, 0, top, LVS_ATTR_MAX, nullptr), 0);
	}
};

TEST(DeleteConns, Request)
{
	Sent s("--delete-conns --client 192.168.7.99/24");
	EXPECT_EQ(s.cmd, LVS_CMD_DEL_CONN);
	EXPECT_FALSE(s.flags & NLM_F_DUMP);
	ASSERT_NE(s.top[LVS_ATTR_CLIENT_AF], nullptr);
	EXPECT_EQ(nla_get_u16(s.top[LVS_ATTR_CLIENT_AF]), AF_INET);
	ASSERT_EQ(nla_len(s.top[LVS_ATTR_CLIENT_ADDR]), 4);
	EXPECT_EQ(std::memcmp(nla_data(s.top[LVS_ATTR_CLIENT_ADDR]), v4("192.168.7.0").data(), 4), 0);
	EXPECT_EQ(nla_get_u8(s.top[LVS_ATTR_CLIENT_PREFIX]), 24);
	for (int a : {LVS_ATTR_SERVICE, LVS_ATTR_DEST, LVS_ATTR_PROTOCOL, LVS_ATTR_CONN_STATE,
		      LVS_ATTR_TEMPLATES})
		EXPECT_EQ(s.top[a], nullptr) << a;
}

TEST(FilteredConnListing, Every131LineStillReadsProc)
{
	for (const char *line : {"-Lc", "-L -c", "-lc", "-Lnc", "-L -c -n --persistent-conn",
				 "-L --connection --numeric", "-Lc --json", "-Lc --nosort -X",
				 "-Lc --sort", "-L -t 10.0.0.1:80", "-L -f 1", "-L"}) {
		const Command c = parse_ok(line);
		EXPECT_EQ(c.cmd, Cmd::List) << line;
		EXPECT_FALSE(lists_filtered_conns(c)) << line;
	}
}

TEST(FilteredConnListing, FiltersReadTheDump)
{
	// 1.31 refuses -c with a service or a real server; with one of our
	// filters they filter too.
	for (const char *line : {"-L -c --client 10.0.0.0/8", "-Lc --conn-state ESTABLISHED",
				 "-Lnc --templates", "-L -c -t 10.0.0.1:80 --templates",
				 "-L -c -r 10.0.0.2:80 --conn-state NONE",
				 "-Lc -f 1 -6 --client ::/0", "-L -c --json --persistent-conn --client ::1"}) {
		const Command c = parse_ok(line);
		EXPECT_EQ(c.cmd, Cmd::List) << line;
		EXPECT_TRUE(lists_filtered_conns(c)) << line;
	}
	const Command c = parse_ok("-Lnc -t 10.0.0.1:80 --templates");
	EXPECT_EQ(c.format, unsigned{FMT_NUMERIC});
	const ConnFilter f = conn_filter(c);
	ASSERT_TRUE(f.service);
	EXPECT_EQ(f.service->port, 80);
	EXPECT_TRUE(f.templates);

	Sent s("-L -c -u 10.0.0.1:53 --conn-state udp");
	EXPECT_EQ(s.cmd, LVS_CMD_GET_CONN);
	EXPECT_EQ(s.flags & NLM_F_DUMP, NLM_F_DUMP);
	EXPECT_NE(s.top[LVS_ATTR_SERVICE], nullptr);
	EXPECT_STREQ(nla_get_string(s.top[LVS_ATTR_CONN_STATE]), "UDP");
	EXPECT_EQ(s.top[LVS_ATTR_TEMPLATES], nullptr);
}

TEST(ConnControl, FailuresSayWhatIsMissing)
{
	struct Case {
		Failure f;
		const char *text;
	};
	const Case cases[] = {
		{delete_conns_failure(errno_code(ENOENT)),
		 "ipvsadm: --delete-conns needs lvs.ko: the loaded IPVS (the kernel's ip_vs) "
		 "has no connection control\n"},
		{filtered_conns_failure(errno_code(ENOENT)),
		 "ipvsadm: -L -c with a filter needs lvs.ko: the loaded IPVS (the kernel's ip_vs) "
		 "has no connection control\n"},
		{delete_conns_failure(errno_code(EPROTONOSUPPORT)),
		 "ipvsadm: --delete-conns needs lvs.ko with connection control: the loaded one has none\n"},
		{delete_conns_failure(errno_code(EPERM)), "Permission denied (you must be root)\n"},
		{filtered_conns_failure(errno_code(EPERM)), "Permission denied (you must be root)\n"},
		{delete_conns_failure(errno_code(EINVAL)),
		 "Invalid operation.  Possibly wrong module version, address not unicast, ...\n"},
		{delete_conns_failure(errno_code(EAFNOSUPPORT)),
		 "Operation not supported with specified address family\n"},
	};
	for (const Case &c : cases) {
		EXPECT_EQ(c.f.text, c.text);
		testing::internal::CaptureStderr();
		EXPECT_EQ(report(c.f), 1) << c.text;
		EXPECT_EQ(testing::internal::GetCapturedStderr(), c.text);
	}
}

TEST(ConnControl, NotInTheHelp)
{
	// Extensions: 1.31's -h shows none, as it shows no --json.
	const std::string help = usage_text("ipvsadm");
	for (const char *word : {"delete-conns", "--client", "conn-state", "templates"})
		EXPECT_EQ(help.find(word), std::string::npos) << word;
}

} // namespace
} // namespace ipvsadm::test
