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
	Result<Command> run();

private:
	Status first_option(int c);
	Status next_option(int c);
	Status service_option(int c);
	Status server_option();
	Status mcast_group_option();

	const std::vector<std::string> &argv_;
	Context ctx_;
	char *arg_ = nullptr;	// every string option lands here, as in 1.31
	Command ce_;
	std::string sched_flags_;
};

Status Parser::first_option(int c)
{
	Cmd &cmd = ce_.cmd;
	switch (c) {
	case 'A': return set_command(cmd, Cmd::Add);
	case 'E': return set_command(cmd, Cmd::Edit);
	case 'D': return set_command(cmd, Cmd::Del);
	case 'a': return set_command(cmd, Cmd::AddDest);
	case 'e': return set_command(cmd, Cmd::EditDest);
	case 'd': return set_command(cmd, Cmd::DelDest);
	case 'C': return set_command(cmd, Cmd::Flush);
	case 'L': case 'l': return set_command(cmd, Cmd::List);
	case 'Z': return set_command(cmd, Cmd::Zero);
	case TAG_SET: return set_command(cmd, Cmd::Timeout);
	case 'R': return set_command(cmd, Cmd::Restore);
	case 'S': return set_command(cmd, Cmd::Save);
	case TAG_START_DAEMON:
	case TAG_STOP_DAEMON: {
		const bool start = c == TAG_START_DAEMON;
		if (Status s = set_command(cmd, start ? Cmd::StartDaemon : Cmd::StopDaemon); !s)
			return s;
		const std::string state = arg_ ? arg_ : "";
		if (state == "master")
			ce_.daemon.state = IP_VS_STATE_MASTER;
		else if (state == "backup")
			ce_.daemon.state = IP_VS_STATE_BACKUP;
		else
			return usage_error(start ? "illegal start-daemon parameter specified"
						 : "illegal start_daemon specified");
		return Done{};
	}
	case 'h':
		return Failure{Failure::Help, usage_text(argv_[0])};
	case 'v':
		return Failure{Failure::Version, version_text()};
	default:
		return Failure{Failure::TryHelp, tryhelp_text(argv_[0])};
	}
}

Status Parser::service_option(int c)
{
	if (Status s = set_option(ce_.options, OPT_SERVICE); !s)
		return s;
	ce_.svc.protocol = c == 't' ? IPPROTO_TCP :
			   c == 'u' ? IPPROTO_UDP : IPPROTO_SCTP;
	const int parse = parse_service(arg_, ce_.svc);
	if (!(parse & SERVICE_ADDR))
		return usage_error("illegal virtual server address[:port] specified");
	return Done{};
}

Status Parser::server_option()
{
	if (Status s = set_option(ce_.options, OPT_SERVER); !s)
		return s;
	// Parsed into a copy of the service so a named port uses its protocol.
	Service t = ce_.svc;
	const int parse = parse_service(arg_, t);
	ce_.dest.af = t.af;
	ce_.dest.addr = t.addr;
	ce_.dest.port = t.port;
	if (!(parse & SERVICE_ADDR))
		return usage_error("illegal real server address[:port] specified");
	if (parse == SERVICE_ADDR)
		ce_.dest.port = ce_.svc.port;
	return Done{};
}

Status Parser::mcast_group_option()
{
	if (Status s = set_option(ce_.options, OPT_MCAST_GROUP); !s)
		return s;
	const std::string a = arg_;
	Daemon &d = ce_.daemon;
	if (a.find(':') != std::string::npos) {
		in6_addr g;
		if (inet_pton(AF_INET6, a.c_str(), &g) <= 0 || !IN6_IS_ADDR_MULTICAST(&g))
			return usage_error("invalid IPv6 mcast-group `" + a + "'");
		std::memcpy(d.mcast_group.data(), &g, 16);
		d.mcast_af = AF_INET6;
	} else {
		in_addr g;
		if (inet_pton(AF_INET, a.c_str(), &g) <= 0 || !IN_MULTICAST(ntohl(g.s_addr)))
			return usage_error("invalid IPv4 mcast-group `" + a + "'");
		d.mcast_group = Addr{};
		std::memcpy(d.mcast_group.data(), &g, 4);
		d.mcast_af = AF_INET;
	}
	return Done{};
}

Status Parser::next_option(int c)
{
	Service &svc = ce_.svc;
	Dest &dest = ce_.dest;
	uint64_t &opts = ce_.options;
	int n;

	switch (c) {
	case 't': case 'u': case TAG_SCTP_SERVICE:
		return service_option(c);
	case 'f':
		if (Status s = set_option(opts, OPT_SERVICE); !s)
			return s;
		// A fwmark service still needs a protocol for the kernel.
		svc.af = AF_INET;
		svc.protocol = IPPROTO_TCP;
		if (Result<uint32_t> mark = parse_fwmark(arg_); !mark)
			return mark.error();
		else
			svc.fwmark = *mark;
		break;
	case 's':
		if (Status s = set_option(opts, OPT_SCHEDULER); !s)
			return s;
		svc.sched_name = std::string(arg_).substr(0, IP_VS_SCHEDNAME_MAXLEN - 1);
		break;
	case 'p':
		if (Status s = set_option(opts, OPT_PERSISTENT); !s)
			return s;
		svc.flags |= IP_VS_SVC_F_PERSISTENT;
		if (Result<int> t = parse_timeout(arg_, 1, kMaxTimeout); !t)
			return t.error();
		else
			svc.timeout = *t;
		break;
	case 'M':
		if (Status s = set_option(opts, OPT_NETMASK); !s)
			return s;
		if (svc.af != AF_INET6) {
			auto m = parse_netmask(arg_);
			if (!m)
				return usage_error("illegal virtual server persistent mask specified");
			svc.netmask = *m;
		} else {
			n = atoi(arg_);
			if (n < 1 || n > 128)
				return usage_error("illegal ipv6 netmask specified");
			svc.netmask = n;
		}
		break;
	case 'r':
		return server_option();
	case 'i':
		if (Status s = set_option(opts, OPT_FORWARD); !s)
			return s;
		dest.conn_flags = IP_VS_CONN_F_TUNNEL;
		break;
	case 'g':
		if (Status s = set_option(opts, OPT_FORWARD); !s)
			return s;
		dest.conn_flags = IP_VS_CONN_F_DROUTE;
		break;
	case 'm':
		if (Status s = set_option(opts, OPT_FORWARD); !s)
			return s;
		dest.conn_flags = IP_VS_CONN_F_MASQ;
		break;
	case 'w':
		if (Status s = set_option(opts, OPT_WEIGHT); !s)
			return s;
		// Debian's 1.31 (the reference) takes weights up to INT_MAX,
		// as the kernel does; upstream 1.31 stops at 65535.
		if ((dest.weight = string_to_number(arg_, 0, INT_MAX)) == -1)
			return usage_error("illegal weight specified");
		break;
	case 'x':
		if (Status s = set_option(opts, OPT_UTHRESHOLD); !s)
			return s;
		if ((n = string_to_number(arg_, 0, INT_MAX)) == -1)
			return usage_error("illegal u_threshold specified");
		dest.u_threshold = n;
		break;
	case 'y':
		if (Status s = set_option(opts, OPT_LTHRESHOLD); !s)
			return s;
		if ((n = string_to_number(arg_, 0, INT_MAX)) == -1)
			return usage_error("illegal l_threshold specified");
		dest.l_threshold = n;
		break;
	case 'c':
		if (Status s = set_option(opts, OPT_CONNECTION); !s)
			return s;
		break;
	case 'n':
		if (Status s = set_option(opts, OPT_NUMERIC); !s)
			return s;
		ce_.format |= FMT_NUMERIC;
		break;
	case TAG_MCAST_INTERFACE:
		if (Status s = set_option(opts, OPT_MCAST); !s)
			return s;
		ce_.daemon.mcast_ifn = std::string(arg_).substr(0, IP_VS_IFNAME_MAXLEN - 1);
		break;
	case 'I':
		if (Status s = set_option(opts, OPT_SYNCID); !s)
			return s;
		if ((n = string_to_number(arg_, 0, 255)) == -1)
			return usage_error("illegal syncid specified");
		ce_.daemon.syncid = n;
		break;
	case TAG_TIMEOUT:
		if (Status s = set_option(opts, OPT_TIMEOUT); !s)
			return s;
		break;
	case TAG_DAEMON:
		if (Status s = set_option(opts, OPT_DAEMON); !s)
			return s;
		break;
	case TAG_STATS:
		if (Status s = set_option(opts, OPT_STATS); !s)
			return s;
		ce_.format |= FMT_STATS;
		break;
	case TAG_RATE:
		if (Status s = set_option(opts, OPT_RATE); !s)
			return s;
		ce_.format |= FMT_RATE;
		break;
	case TAG_THRESHOLDS:
		if (Status s = set_option(opts, OPT_THRESHOLDS); !s)
			return s;
		ce_.format |= FMT_THRESHOLDS;
		break;
	case TAG_PERSISTENTCONN:
		if (Status s = set_option(opts, OPT_PERSISTENTCONN); !s)
			return s;
		ce_.format |= FMT_PERSISTENTCONN;
		break;
	case TAG_NO_SORT:
		if (Status s = set_option(opts, OPT_NOSORT); !s)
			return s;
		ce_.format |= FMT_NOSORT;
		break;
	case TAG_SORT:
		break;	// sorting is the default; kept for old scripts
	case 'X':
		if (Status s = set_option(opts, OPT_EXACT); !s)
			return s;
		ce_.format |= FMT_EXACT;
		break;
	case '6':
		if (!svc.fwmark)
			return usage_error("-6 used before -f\n");
		svc.af = AF_INET6;
		svc.netmask = 128;
		break;
	case 'o':
		if (Status s = set_option(opts, OPT_ONEPACKET); !s)
			return s;
		svc.flags |= IP_VS_SVC_F_ONEPACKET;
		break;
	case TAG_PERSISTENCE_ENGINE:
		if (Status s = set_option(opts, OPT_PE); !s)
			return s;
		svc.pe_name = std::string(arg_).substr(0, IP_VS_PENAME_MAXLEN);
		break;
	case 'b':
		if (Status s = set_option(opts, OPT_SCHED_FLAGS); !s)
			return s;
		sched_flags_ = std::string(arg_).substr(0, 127);
		break;
	case TAG_MCAST_GROUP:
		return mcast_group_option();
	case TAG_MCAST_PORT:
		if (Status s = set_option(opts, OPT_MCAST_PORT); !s)
			return s;
		if ((n = string_to_number(arg_, 1, 65535)) == -1)
			return usage_error("illegal mcast-port specified");
		ce_.daemon.mcast_port = n;
		break;
	case TAG_MCAST_TTL:
		if (Status s = set_option(opts, OPT_MCAST_TTL); !s)
			return s;
		if ((n = string_to_number(arg_, 1, 255)) == -1)
			return usage_error("illegal mcast-ttl specified");
		ce_.daemon.mcast_ttl = n;
		break;
	case TAG_SYNC_MAXLEN:
		if (Status s = set_option(opts, OPT_SYNC_MAXLEN); !s)
			return s;
		// An IPv4 + UDP header must still fit in 64 KiB.
		if ((n = string_to_number(arg_, 1, 65535 - 20 - 8)) == -1)
			return usage_error("illegal sync-maxlen specified");
		ce_.daemon.sync_maxlen = n;
		break;
	case TAG_TUN_INFO:
		if (Status s = set_option(opts, OPT_TUN_INFO); !s)
			return s;
		ce_.format |= FMT_TUN_INFO;
		break;
	case TAG_TUN_TYPE:
		if (Status s = set_option(opts, OPT_TUN_TYPE); !s)
			return s;
		if ((n = parse_tun_type(arg_)) == -1)
			return usage_error("illegal tunnel type specified");
		dest.tun_type = n;
		break;
	case TAG_TUN_PORT:
		if (Status s = set_option(opts, OPT_TUN_PORT); !s)
			return s;
		if ((n = string_to_number(arg_, 1, 65535)) == -1)
			return usage_error("illegal tunnel port specified");
		dest.tun_port = n;
		break;
	case TAG_TUN_NOCSUM:
		if (Status s = set_option(opts, OPT_TUN_NOCSUM); !s)
			return s;
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
		break;
	case TAG_TUN_CSUM:
		if (Status s = set_option(opts, OPT_TUN_CSUM); !s)
			return s;
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
		break;
	case TAG_TUN_REMCSUM:
		if (Status s = set_option(opts, OPT_TUN_REMCSUM); !s)
			return s;
		dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
		break;
	case TAG_JSON:
		if (Status s = set_option(opts, OPT_JSON); !s)
			return s;
		ce_.format |= FMT_JSON;
		break;
	default:
		return usage_error(std::string("invalid option `") +
				   poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS) + "'");
	}
	return Done{};
}

Result<Command> Parser::run()
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
		return Failure{Failure::TryHelp, tryhelp_text(argv_[0])};
	if (Status s = first_option(c); !s)
		return s.error();

	while ((c = poptGetNextOpt(ctx_.get())) >= 0)
		if (Status s = next_option(c); !s)
			return s.error();

	if (c < -1)
		return Failure{Failure::Popt,
			std::string(poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS)) +
			": " + poptStrerror(c) + "\n"};

	if (ce_.cmd == Cmd::Timeout) {
		const char *a0 = poptGetArg(ctx_.get());
		const char *a1 = a0 ? poptGetArg(ctx_.get()) : nullptr;
		const char *a2 = a1 ? poptGetArg(ctx_.get()) : nullptr;
		if (!a2)
			return usage_error("--set option requires 3 timeout values");
		uint32_t *const fields[] = { &ce_.timeout.tcp, &ce_.timeout.tcp_fin,
					     &ce_.timeout.udp };
		const char *const values[] = { a0, a1, a2 };
		for (int i = 0; i < 3; i++) {
			Result<int> t = parse_timeout(values[i], 0, kMaxTimeout);
			if (!t)
				return t.error();
			*fields[i] = *t;
		}
	}

	if (const char *extra = poptGetArg(ctx_.get()))
		return usage_error(std::string("unexpected argument ") + extra);

	if (!sched_flags_.empty()) {
		ce_.svc.flags &= ~(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 |
				   IP_VS_SVC_F_SCHED3);
		Result<uint32_t> f = parse_sched_flags(ce_.svc.sched_name, sched_flags_);
		if (!f)
			return f.error();
		ce_.svc.flags |= *f;
	}

	if (Status s = finish_command(ce_); !s)
		return s.error();
	return ce_;
}

} // namespace

ParseResult parse_command(const std::vector<std::string> &argv)
{
	Parser p(argv);
	return p.run();
}

} // namespace ipvsadm
