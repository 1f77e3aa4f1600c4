// SPDX-License-Identifier: GPL-2.0
#include "parse_args.h"

#include <arpa/inet.h>
#include <climits>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <popt.h>
#include <sys/socket.h>

#include <lvs/ipvs.h>

#include "parse_check.h"
#include "parse_values.h"
#include "usage.h"

namespace ipvsadm {

void fail(const std::string &msg)
{
	throw ParseFailure{ParseFailure::Fail, msg + "\n"};
}

namespace {

constexpr int kMaxTimeout = 86400 * 31;

// popt values for options without a short letter: outside ASCII, so the
// short letters can be their own values.
enum Tag {
	TAG_SET = 128, TAG_START_DAEMON, TAG_STOP_DAEMON, TAG_MCAST_INTERFACE,
	TAG_TIMEOUT, TAG_DAEMON, TAG_STATS, TAG_RATE, TAG_THRESHOLDS,
	TAG_PERSISTENTCONN, TAG_SORT, TAG_NO_SORT, TAG_PERSISTENCE_ENGINE,
	TAG_SCTP_SERVICE, TAG_MCAST_GROUP, TAG_MCAST_PORT, TAG_MCAST_TTL,
	TAG_SYNC_MAXLEN, TAG_TUN_INFO, TAG_TUN_TYPE, TAG_TUN_PORT,
	TAG_TUN_NOCSUM, TAG_TUN_CSUM, TAG_TUN_REMCSUM, TAG_JSON,
};

struct ContextDeleter {
	void operator()(poptContext c) const { poptFreeContext(c); }
};
using Context = std::unique_ptr<std::remove_pointer_t<poptContext>, ContextDeleter>;

class Parser {
public:
	explicit Parser(const std::vector<std::string> &argv) : argv_(argv) {}
	Command run();

private:
	void first_option(int c);
	void next_option(int c);
	void service_option(int c);
	void server_option();
	void mcast_group_option();

	const std::vector<std::string> &argv_;
	Context ctx_;
	char *arg_ = nullptr;	// every string option lands here, as in 1.31
	Command ce_;
	std::string sched_flags_;
};

void Parser::first_option(int c)
{
	Cmd &cmd = ce_.cmd;
	switch (c) {
	case 'A': set_command(cmd, Cmd::Add); break;
	case 'E': set_command(cmd, Cmd::Edit); break;
	case 'D': set_command(cmd, Cmd::Del); break;
	case 'a': set_command(cmd, Cmd::AddDest); break;
	case 'e': set_command(cmd, Cmd::EditDest); break;
	case 'd': set_command(cmd, Cmd::DelDest); break;
	case 'C': set_command(cmd, Cmd::Flush); break;
	case 'L': case 'l': set_command(cmd, Cmd::List); break;
	case 'Z': set_command(cmd, Cmd::Zero); break;
	case TAG_SET: set_command(cmd, Cmd::Timeout); break;
	case 'R': set_command(cmd, Cmd::Restore); break;
	case 'S': set_command(cmd, Cmd::Save); break;
	case TAG_START_DAEMON:
	case TAG_STOP_DAEMON: {
		const bool start = c == TAG_START_DAEMON;
		set_command(cmd, start ? Cmd::StartDaemon : Cmd::StopDaemon);
		const std::string state = arg_ ? arg_ : "";
		if (state == "master")
			ce_.daemon.state = IP_VS_STATE_MASTER;
		else if (state == "backup")
			ce_.daemon.state = IP_VS_STATE_BACKUP;
		else
			fail(start ? "illegal start-daemon parameter specified"
				   : "illegal start_daemon specified");
		break;
	}
	case 'h':
		throw ParseFailure{ParseFailure::Help, usage_text(argv_[0])};
	case 'v':
		throw ParseFailure{ParseFailure::Version, version_text()};
	default:
		throw ParseFailure{ParseFailure::TryHelp, tryhelp_text(argv_[0])};
	}
}

void Parser::service_option(int c)
{
	set_option(ce_.options, OPT_SERVICE);
	ce_.svc.protocol = c == 't' ? IPPROTO_TCP :
			   c == 'u' ? IPPROTO_UDP : IPPROTO_SCTP;
	const int parse = parse_service(arg_, ce_.svc);
	if (!(parse & SERVICE_ADDR))
		fail("illegal virtual server address[:port] specified");
}

void Parser::server_option()
{
	set_option(ce_.options, OPT_SERVER);
	// Parsed into a copy of the service so a named port uses its protocol.
	Service t = ce_.svc;
	const int parse = parse_service(arg_, t);
	ce_.dest.af = t.af;
	ce_.dest.addr = t.addr;
	ce_.dest.port = t.port;
	if (!(parse & SERVICE_ADDR))
		fail("illegal real server address[:port] specified");
	if (parse == SERVICE_ADDR)
		ce_.dest.port = ce_.svc.port;
}

void Parser::mcast_group_option()
{
	set_option(ce_.options, OPT_MCAST_GROUP);
	const std::string a = arg_;
	Daemon &d = ce_.daemon;
	if (a.find(':') != std::string::npos) {
		in6_addr g;
		if (inet_pton(AF_INET6, a.c_str(), &g) <= 0 || !IN6_IS_ADDR_MULTICAST(&g))
			fail("invalid IPv6 mcast-group `" + a + "'");
		std::memcpy(d.mcast_group.data(), &g, 16);
		d.mcast_af = AF_INET6;
	} else {
		in_addr g;
		if (inet_pton(AF_INET, a.c_str(), &g) <= 0 || !IN_MULTICAST(ntohl(g.s_addr)))
			fail("invalid IPv4 mcast-group `" + a + "'");
		d.mcast_group = Addr{};
		std::memcpy(d.mcast_group.data(), &g, 4);
		d.mcast_af = AF_INET;
	}
}

void Parser::next_option(int c)
{
	Service &svc = ce_.svc;
	Dest &dest = ce_.dest;
	uint64_t &opts = ce_.options;
	int n;

	switch (c) {
	case 't': case 'u': case TAG_SCTP_SERVICE:
		service_option(c);
		break;
	case 'f':
		set_option(opts, OPT_SERVICE);
		// A fwmark service still needs a protocol for the kernel.
		svc.af = AF_INET;
		svc.protocol = IPPROTO_TCP;
		svc.fwmark = parse_fwmark(arg_);
		break;
	case 's':
		set_option(opts, OPT_SCHEDULER);
		svc.sched_name = std::string(arg_).substr(0, IP_VS_SCHEDNAME_MAXLEN - 1);
		break;
	case 'p':
		set_option(opts, OPT_PERSISTENT);
		svc.flags |= IP_VS_SVC_F_PERSISTENT;
		svc.timeout = parse_timeout(arg_, 1, kMaxTimeout);
		break;
	case 'M':
		set_option(opts, OPT_NETMASK);
		if (svc.af != AF_INET6) {
			auto m = parse_netmask(arg_);
			if (!m)
				fail("illegal virtual server persistent mask specified");
			svc.netmask = *m;
		} else {
			n = atoi(arg_);
			if (n < 1 || n > 128)
				fail("illegal ipv6 netmask specified");
			svc.netmask = n;
		}
		break;
	case 'r':
		server_option();
		break;
	case 'i':
		set_option(opts, OPT_FORWARD);
		dest.conn_flags = IP_VS_CONN_F_TUNNEL;
		break;
	case 'g':
		set_option(opts, OPT_FORWARD);
		dest.conn_flags = IP_VS_CONN_F_DROUTE;
		break;
	case 'm':
		set_option(opts, OPT_FORWARD);
		dest.conn_flags = IP_VS_CONN_F_MASQ;
		break;
	case 'w':
		set_option(opts, OPT_WEIGHT);
		// Debian's 1.31 (the reference) takes weights up to INT_MAX,
		// as the kernel does; upstream 1.31 stops at 65535.
		if ((dest.weight = string_to_number(arg_, 0, INT_MAX)) == -1)
			fail("illegal weight specified");
		break;
	case 'x':
		set_option(opts, OPT_UTHRESHOLD);
		if ((n = string_to_number(arg_, 0, INT_MAX)) == -1)
			fail("illegal u_threshold specified");
		dest.u_threshold = n;
		break;
	case 'y':
		set_option(opts, OPT_LTHRESHOLD);
		if ((n = string_to_number(arg_, 0, INT_MAX)) == -1)
			fail("illegal l_threshold specified");
		dest.l_threshold = n;
		break;
	case 'c':
		set_option(opts, OPT_CONNECTION);
		break;
	case 'n':
		set_option(opts, OPT_NUMERIC);
		ce_.format |= FMT_NUMERIC;
		break;
	case TAG_MCAST_INTERFACE:
		set_option(opts, OPT_MCAST);
		ce_.daemon.mcast_ifn = std::string(arg_).substr(0, IP_VS_IFNAME_MAXLEN - 1);
		break;
	case 'I':
		set_option(opts, OPT_SYNCID);
		if ((n = string_to_number(arg_, 0, 255)) == -1)
			fail("illegal syncid specified");
		ce_.daemon.syncid = n;
		break;
	case TAG_TIMEOUT:
		set_option(opts, OPT_TIMEOUT);
		break;
	case TAG_DAEMON:
		set_option(opts, OPT_DAEMON);
		break;
	case TAG_STATS:
		set_option(opts, OPT_STATS);
		ce_.format |= FMT_STATS;
		break;
	case TAG_RATE:
		set_option(opts, OPT_RATE);
		ce_.format |= FMT_RATE;
		break;
	case TAG_THRESHOLDS:
		set_option(opts, OPT_THRESHOLDS);
		ce_.format |= FMT_THRESHOLDS;
		break;
	case TAG_PERSISTENTCONN:
		set_option(opts, OPT_PERSISTENTCONN);
		ce_.format |= FMT_PERSISTENTCONN;
		break;
	case TAG_NO_SORT:
		set_option(opts, OPT_NOSORT);
		ce_.format |= FMT_NOSORT;
		break;
	case TAG_SORT:
		break;	// sorting is the default; kept for old scripts
	case 'X':
		set_option(opts, OPT_EXACT);
		ce_.format |= FMT_EXACT;
		break;
	case '6':
		if (!svc.fwmark)
			fail("-6 used before -f\n");
		svc.af = AF_INET6;
		svc.netmask = 128;
		break;
	case 'o':
		set_option(opts, OPT_ONEPACKET);
		svc.flags |= IP_VS_SVC_F_ONEPACKET;
		break;
	case TAG_PERSISTENCE_ENGINE:
		set_option(opts, OPT_PE);
		svc.pe_name = std::string(arg_).substr(0, IP_VS_PENAME_MAXLEN);
		break;
	case 'b':
		set_option(opts, OPT_SCHED_FLAGS);
		sched_flags_ = std::string(arg_).substr(0, 127);
		break;
	case TAG_MCAST_GROUP:
		mcast_group_option();
		break;
	case TAG_MCAST_PORT:
		set_option(opts, OPT_MCAST_PORT);
		if ((n = string_to_number(arg_, 1, 65535)) == -1)
			fail("illegal mcast-port specified");
		ce_.daemon.mcast_port = n;
		break;
	case TAG_MCAST_TTL:
		set_option(opts, OPT_MCAST_TTL);
		if ((n = string_to_number(arg_, 1, 255)) == -1)
			fail("illegal mcast-ttl specified");
		ce_.daemon.mcast_ttl = n;
		break;
	case TAG_SYNC_MAXLEN:
		set_option(opts, OPT_SYNC_MAXLEN);
		// An IPv4 + UDP header must still fit in 64 KiB.
		if ((n = string_to_number(arg_, 1, 65535 - 20 - 8)) == -1)
			fail("illegal sync-maxlen specified");
		ce_.daemon.sync_maxlen = n;
		break;
	case TAG_TUN_INFO:
		set_option(opts, OPT_TUN_INFO);
		ce_.format |= FMT_TUN_INFO;
		break;
	case TAG_TUN_TYPE:
		set_option(opts, OPT_TUN_TYPE);
		if ((n = parse_tun_type(arg_)) == -1)
			fail("illegal tunnel type specified");
		dest.tun_type = n;
		break;
	case TAG_TUN_PORT:
		set_option(opts, OPT_TUN_PORT);
		if ((n = string_to_number(arg_, 1, 65535)) == -1)
			fail("illegal tunnel port specified");
		dest.tun_port = n;
		break;
	case TAG_TUN_NOCSUM:
		set_option(opts, OPT_TUN_NOCSUM);
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
		break;
	case TAG_TUN_CSUM:
		set_option(opts, OPT_TUN_CSUM);
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
		break;
	case TAG_TUN_REMCSUM:
		set_option(opts, OPT_TUN_REMCSUM);
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
		break;
	case TAG_JSON:
		set_option(opts, OPT_JSON);
		ce_.format |= FMT_JSON;
		break;
	default:
		fail(std::string("invalid option `") +
		     poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS) + "'");
	}
}

Command Parser::run()
{
	// The table of 1.31, entry for entry: popt's matching (abbreviations,
	// bundled short options, optional -p argument) depends on it.
	const poptOption table[] = {
		{ "add-service", 'A', POPT_ARG_NONE, nullptr, 'A', nullptr, nullptr },
		{ "edit-service", 'E', POPT_ARG_NONE, nullptr, 'E', nullptr, nullptr },
		{ "delete-service", 'D', POPT_ARG_NONE, nullptr, 'D', nullptr, nullptr },
		{ "clear", 'C', POPT_ARG_NONE, nullptr, 'C', nullptr, nullptr },
		{ "list", 'L', POPT_ARG_NONE, nullptr, 'L', nullptr, nullptr },
		{ "list", 'l', POPT_ARG_NONE, nullptr, 'l', nullptr, nullptr },
		{ "zero", 'Z', POPT_ARG_NONE, nullptr, 'Z', nullptr, nullptr },
		{ "add-server", 'a', POPT_ARG_NONE, nullptr, 'a', nullptr, nullptr },
		{ "edit-server", 'e', POPT_ARG_NONE, nullptr, 'e', nullptr, nullptr },
		{ "delete-server", 'd', POPT_ARG_NONE, nullptr, 'd', nullptr, nullptr },
		{ "set", '\0', POPT_ARG_NONE, nullptr, TAG_SET, nullptr, nullptr },
		{ "help", 'h', POPT_ARG_NONE, nullptr, 'h', nullptr, nullptr },
		{ "version", 'v', POPT_ARG_NONE, nullptr, 'v', nullptr, nullptr },
		{ "restore", 'R', POPT_ARG_NONE, nullptr, 'R', nullptr, nullptr },
		{ "save", 'S', POPT_ARG_NONE, nullptr, 'S', nullptr, nullptr },
		{ "start-daemon", '\0', POPT_ARG_STRING, &arg_, TAG_START_DAEMON, nullptr, nullptr },
		{ "stop-daemon", '\0', POPT_ARG_STRING, &arg_, TAG_STOP_DAEMON, nullptr, nullptr },
		{ "tcp-service", 't', POPT_ARG_STRING, &arg_, 't', nullptr, nullptr },
		{ "udp-service", 'u', POPT_ARG_STRING, &arg_, 'u', nullptr, nullptr },
		{ "sctp-service", '\0', POPT_ARG_STRING, &arg_, TAG_SCTP_SERVICE, nullptr, nullptr },
		{ "fwmark-service", 'f', POPT_ARG_STRING, &arg_, 'f', nullptr, nullptr },
		{ "scheduler", 's', POPT_ARG_STRING, &arg_, 's', nullptr, nullptr },
		{ "persistent", 'p', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, &arg_, 'p', nullptr, nullptr },
		{ "netmask", 'M', POPT_ARG_STRING, &arg_, 'M', nullptr, nullptr },
		{ "real-server", 'r', POPT_ARG_STRING, &arg_, 'r', nullptr, nullptr },
		{ "masquerading", 'm', POPT_ARG_NONE, nullptr, 'm', nullptr, nullptr },
		{ "ipip", 'i', POPT_ARG_NONE, nullptr, 'i', nullptr, nullptr },
		{ "gatewaying", 'g', POPT_ARG_NONE, nullptr, 'g', nullptr, nullptr },
		{ "weight", 'w', POPT_ARG_STRING, &arg_, 'w', nullptr, nullptr },
		{ "u-threshold", 'x', POPT_ARG_STRING, &arg_, 'x', nullptr, nullptr },
		{ "l-threshold", 'y', POPT_ARG_STRING, &arg_, 'y', nullptr, nullptr },
		{ "numeric", 'n', POPT_ARG_NONE, nullptr, 'n', nullptr, nullptr },
		{ "connection", 'c', POPT_ARG_NONE, nullptr, 'c', nullptr, nullptr },
		{ "mcast-interface", '\0', POPT_ARG_STRING, &arg_, TAG_MCAST_INTERFACE, nullptr, nullptr },
		{ "syncid", '\0', POPT_ARG_STRING, &arg_, 'I', nullptr, nullptr },
		{ "timeout", '\0', POPT_ARG_NONE, nullptr, TAG_TIMEOUT, nullptr, nullptr },
		{ "daemon", '\0', POPT_ARG_NONE, nullptr, TAG_DAEMON, nullptr, nullptr },
		{ "stats", '\0', POPT_ARG_NONE, nullptr, TAG_STATS, nullptr, nullptr },
		{ "rate", '\0', POPT_ARG_NONE, nullptr, TAG_RATE, nullptr, nullptr },
		{ "thresholds", '\0', POPT_ARG_NONE, nullptr, TAG_THRESHOLDS, nullptr, nullptr },
		{ "persistent-conn", '\0', POPT_ARG_NONE, nullptr, TAG_PERSISTENTCONN, nullptr, nullptr },
		{ "nosort", '\0', POPT_ARG_NONE, nullptr, TAG_NO_SORT, nullptr, nullptr },
		{ "sort", '\0', POPT_ARG_NONE, nullptr, TAG_SORT, nullptr, nullptr },
		{ "exact", 'X', POPT_ARG_NONE, nullptr, 'X', nullptr, nullptr },
		{ "ipv6", '6', POPT_ARG_NONE, nullptr, '6', nullptr, nullptr },
		{ "ops", 'o', POPT_ARG_NONE, nullptr, 'o', nullptr, nullptr },
		{ "pe", '\0', POPT_ARG_STRING, &arg_, TAG_PERSISTENCE_ENGINE, nullptr, nullptr },
		{ "sched-flags", 'b', POPT_ARG_STRING, &arg_, 'b', nullptr, nullptr },
		{ "mcast-group", '\0', POPT_ARG_STRING, &arg_, TAG_MCAST_GROUP, nullptr, nullptr },
		{ "mcast-port", '\0', POPT_ARG_STRING, &arg_, TAG_MCAST_PORT, nullptr, nullptr },
		{ "mcast-ttl", '\0', POPT_ARG_STRING, &arg_, TAG_MCAST_TTL, nullptr, nullptr },
		{ "sync-maxlen", '\0', POPT_ARG_STRING, &arg_, TAG_SYNC_MAXLEN, nullptr, nullptr },
		{ "tun-info", '\0', POPT_ARG_NONE, nullptr, TAG_TUN_INFO, nullptr, nullptr },
		{ "tun-type", '\0', POPT_ARG_STRING, &arg_, TAG_TUN_TYPE, nullptr, nullptr },
		{ "tun-port", '\0', POPT_ARG_STRING, &arg_, TAG_TUN_PORT, nullptr, nullptr },
		{ "tun-nocsum", '\0', POPT_ARG_NONE, nullptr, TAG_TUN_NOCSUM, nullptr, nullptr },
		{ "tun-csum", '\0', POPT_ARG_NONE, nullptr, TAG_TUN_CSUM, nullptr, nullptr },
		{ "tun-remcsum", '\0', POPT_ARG_NONE, nullptr, TAG_TUN_REMCSUM, nullptr, nullptr },
		// Not in 1.31: machine-readable listings.
		{ "json", '\0', POPT_ARG_NONE, nullptr, TAG_JSON, nullptr, nullptr },
		POPT_TABLEEND
	};

	std::vector<const char *> av;
	for (const auto &a : argv_)
		av.push_back(a.c_str());
	av.push_back(nullptr);

	ctx_.reset(poptGetContext("ipvsadm", static_cast<int>(argv_.size()),
				  av.data(), table, 0));

	// The defaults 1.31 starts every line with.
	ce_.dest.weight = 1;
	ce_.dest.conn_flags = IP_VS_CONN_F_DROUTE;
	ce_.svc.netmask = 0xffffffff;

	// The command must be the first option.
	int c = poptGetNextOpt(ctx_.get());
	if (c < 0)
		throw ParseFailure{ParseFailure::TryHelp, tryhelp_text(argv_[0])};
	first_option(c);

	while ((c = poptGetNextOpt(ctx_.get())) >= 0)
		next_option(c);

	if (c < -1)
		throw ParseFailure{ParseFailure::Popt,
			std::string(poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS)) +
			": " + poptStrerror(c) + "\n"};

	if (ce_.cmd == Cmd::Timeout) {
		const char *a0 = poptGetArg(ctx_.get());
		const char *a1 = a0 ? poptGetArg(ctx_.get()) : nullptr;
		const char *a2 = a1 ? poptGetArg(ctx_.get()) : nullptr;
		if (!a2)
			fail("--set option requires 3 timeout values");
		ce_.timeout.tcp = parse_timeout(a0, 0, kMaxTimeout);
		ce_.timeout.tcp_fin = parse_timeout(a1, 0, kMaxTimeout);
		ce_.timeout.udp = parse_timeout(a2, 0, kMaxTimeout);
	}

	if (const char *extra = poptGetArg(ctx_.get()))
		fail(std::string("unexpected argument ") + extra);

	if (!sched_flags_.empty()) {
		ce_.svc.flags &= ~(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
				   IP_VS_SVC_F_SCHED3);
		ce_.svc.flags |= parse_sched_flags(ce_.svc.sched_name, sched_flags_);
	}

	finish_command(ce_);
	return ce_;
}

} // namespace

ParseResult parse_command(const std::vector<std::string> &argv)
{
	try {
		Parser p(argv);
		return p.run();
	} catch (const ParseFailure &f) {
		return f;
	}
}

} // namespace ipvsadm
