// SPDX-License-Identifier: GPL-2.0
#include "parse_args.h"

#include <climits>
#include <functional>
#include <iterator>
#include <cstdlib>
#include <memory>
#include <netinet/in.h>
#include <popt.h>

#include <lvs/ipvs.h>

#include "parse_check.h"
#include "parse_values.h"
#include "usage.h"

namespace ipvsadm {

namespace {

constexpr int kMaxTimeout = 86400 * 31;

// A line being read: the Command, and what is only resolved at its end.
struct Line {
	Command c;
	std::string sched_flags;	// -b, read once the scheduler is known
};

// What an option does once popt has matched it.
struct Action {
	enum Kind {
		Verb,		// the first option: which command (and its argument)
		Help,		// -h / -v, only as the first option
		Version,
		Flag,		// sets format bits and/or applies a fixed change
		Number,		// an integer in [min, max], else the message `bad`
		Value,		// an argument with its own parser
	};
	Kind kind;
	Cmd cmd = Cmd::None;
	unsigned format = FMT_NONE;
	void (*apply)(Command &) = nullptr;
	int min = 0, max = 0;
	const char *bad = nullptr;
	void (*store)(Command &, int) = nullptr;
	Status (*value)(Line &, const char *arg) = nullptr;
};

constexpr Action command(Cmd c, Status (*arg)(Line &, const char *) = nullptr)
{
	return { Action::Verb, c, FMT_NONE, nullptr, 0, 0, nullptr, nullptr, arg };
}

constexpr Action flag(unsigned format, void (*apply)(Command &) = nullptr)
{
	return { Action::Flag, Cmd::None, format, apply };
}

constexpr Action flag(void (*apply)(Command &))
{
	return flag(FMT_NONE, apply);
}

constexpr Action number(int min, int max, const char *bad, void (*store)(Command &, int))
{
	return { Action::Number, Cmd::None, FMT_NONE, nullptr, min, max, bad, store };
}

constexpr Action value(Status (*parse)(Line &, const char *))
{
	return { Action::Value, Cmd::None, FMT_NONE, nullptr, 0, 0, nullptr, nullptr, parse };
}

constexpr Opt kNoOpt = static_cast<Opt>(-1);
constexpr int kArg = POPT_ARG_STRING;
constexpr int kOptionalArg = POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL;

struct OptionDef {
	const char *name;	// long form
	char letter;		// short form, or 0
	int arg;		// POPT_ARG_NONE, kArg or kOptionalArg
	Opt opt;		// recorded (a repeat fails), or kNoOpt
	Action action;
};

Status daemon_state(Line &l, const char *arg)
{
	const std::string state = arg ? arg : "";
	if (state == "master")
		l.c.daemon.state = IP_VS_STATE_MASTER;
	else if (state == "backup")
		l.c.daemon.state = IP_VS_STATE_BACKUP;
	else
		return usage_error(l.c.cmd == Cmd::StartDaemon
					   ? "illegal start-daemon parameter specified"
					   : "illegal start_daemon specified");
	return Done{};
}

template <uint16_t Protocol>
Status service_address(Line &l, const char *arg)
{
	l.c.svc.protocol = Protocol;
	if (!(parse_service(arg, l.c.svc) & SERVICE_ADDR))
		return usage_error("illegal virtual server address[:port] specified");
	return Done{};
}

Status fwmark(Line &l, const char *arg)
{
	// A fwmark service still needs a protocol for the kernel.
	l.c.svc.af = AF_INET;
	l.c.svc.protocol = IPPROTO_TCP;
	Result<uint32_t> mark = parse_fwmark(arg);
	if (!mark)
		return mark.error();
	l.c.svc.fwmark = *mark;
	return Done{};
}

Status persistent(Line &l, const char *arg)
{
	l.c.svc.flags |= IP_VS_SVC_F_PERSISTENT;
	Result<int> t = parse_timeout(arg, 1, kMaxTimeout);
	if (!t)
		return t.error();
	l.c.svc.timeout = *t;
	return Done{};
}

Status netmask(Line &l, const char *arg)
{
	Service &svc = l.c.svc;
	if (svc.af == AF_INET6) {
		const int n = atoi(arg);
		if (n < 1 || n > 128)
			return usage_error("illegal ipv6 netmask specified");
		svc.netmask = n;
		return Done{};
	}
	std::optional<uint32_t> m = parse_netmask(arg);
	if (!m)
		return usage_error("illegal virtual server persistent mask specified");
	svc.netmask = *m;
	return Done{};
}

Status real_server(Line &l, const char *arg)
{
	// Parsed into a copy of the service so a named port uses its protocol.
	Service t = l.c.svc;
	const int parse = parse_service(arg, t);
	Dest &d = l.c.dest;
	d.af = t.af;
	d.addr = t.addr;
	d.port = parse == SERVICE_ADDR ? l.c.svc.port : t.port;
	if (!(parse & SERVICE_ADDR))
		return usage_error("illegal real server address[:port] specified");
	return Done{};
}

Status ipv6_fwmark(Line &l, const char *)
{
	if (!l.c.svc.fwmark)
		return usage_error("-6 used before -f\n");
	l.c.svc.af = AF_INET6;
	l.c.svc.netmask = 128;
	return Done{};
}

Status mcast_group(Line &l, const char *arg)
{
	Result<uint16_t> af = parse_mcast_group(arg, l.c.daemon.mcast_group);
	if (!af)
		return af.error();
	l.c.daemon.mcast_af = *af;
	return Done{};
}

Status tunnel_type(Line &l, const char *arg)
{
	const std::optional<uint8_t> type = parse_tun_type(arg);
	if (!type)
		return usage_error("illegal tunnel type specified");
	l.c.dest.tun_type = *type;
	return Done{};
}

// String arguments, cut to what 1.31's buffers hold.
Status scheduler(Line &l, const char *arg)
{
	l.c.svc.sched_name = std::string(arg).substr(0, IP_VS_SCHEDNAME_MAXLEN - 1);
	return Done{};
}

Status pe(Line &l, const char *arg)
{
	l.c.svc.pe_name = std::string(arg).substr(0, IP_VS_PENAME_MAXLEN);
	return Done{};
}

Status mcast_interface(Line &l, const char *arg)
{
	l.c.daemon.mcast_ifn = std::string(arg).substr(0, IP_VS_IFNAME_MAXLEN - 1);
	return Done{};
}

Status sched_flags(Line &l, const char *arg)
{
	l.sched_flags = std::string(arg).substr(0, 127);
	return Done{};
}

// 1.31's option table, row for row: popt's matching (bundled short options,
// the optional -p argument, which of two "list" entries wins) depends on
// the order.
const OptionDef kOptions[] = {
	{ "add-service", 'A', POPT_ARG_NONE, kNoOpt, command(Cmd::Add) },
	{ "edit-service", 'E', POPT_ARG_NONE, kNoOpt, command(Cmd::Edit) },
	{ "delete-service", 'D', POPT_ARG_NONE, kNoOpt, command(Cmd::Del) },
	{ "clear", 'C', POPT_ARG_NONE, kNoOpt, command(Cmd::Flush) },
	{ "list", 'L', POPT_ARG_NONE, kNoOpt, command(Cmd::List) },
	{ "list", 'l', POPT_ARG_NONE, kNoOpt, command(Cmd::List) },
	{ "zero", 'Z', POPT_ARG_NONE, kNoOpt, command(Cmd::Zero) },
	{ "add-server", 'a', POPT_ARG_NONE, kNoOpt, command(Cmd::AddDest) },
	{ "edit-server", 'e', POPT_ARG_NONE, kNoOpt, command(Cmd::EditDest) },
	{ "delete-server", 'd', POPT_ARG_NONE, kNoOpt, command(Cmd::DelDest) },
	{ "set", 0, POPT_ARG_NONE, kNoOpt, command(Cmd::Timeout) },
	{ "help", 'h', POPT_ARG_NONE, kNoOpt, { Action::Help } },
	{ "version", 'v', POPT_ARG_NONE, kNoOpt, { Action::Version } },
	{ "restore", 'R', POPT_ARG_NONE, kNoOpt, command(Cmd::Restore) },
	{ "save", 'S', POPT_ARG_NONE, kNoOpt, command(Cmd::Save) },
	{ "start-daemon", 0, kArg, kNoOpt, command(Cmd::StartDaemon, daemon_state) },
	{ "stop-daemon", 0, kArg, kNoOpt, command(Cmd::StopDaemon, daemon_state) },
	{ "tcp-service", 't', kArg, OPT_SERVICE, value(service_address<IPPROTO_TCP>) },
	{ "udp-service", 'u', kArg, OPT_SERVICE, value(service_address<IPPROTO_UDP>) },
	{ "sctp-service", 0, kArg, OPT_SERVICE, value(service_address<IPPROTO_SCTP>) },
	{ "fwmark-service", 'f', kArg, OPT_SERVICE, value(fwmark) },
	{ "scheduler", 's', kArg, OPT_SCHEDULER, value(scheduler) },
	{ "persistent", 'p', kOptionalArg, OPT_PERSISTENT, value(persistent) },
	{ "netmask", 'M', kArg, OPT_NETMASK, value(netmask) },
	{ "real-server", 'r', kArg, OPT_SERVER, value(real_server) },
	{ "masquerading", 'm', POPT_ARG_NONE, OPT_FORWARD,
	  flag([](Command &c) { c.dest.conn_flags = IP_VS_CONN_F_MASQ; }) },
	{ "ipip", 'i', POPT_ARG_NONE, OPT_FORWARD,
	  flag([](Command &c) { c.dest.conn_flags = IP_VS_CONN_F_TUNNEL; }) },
	{ "gatewaying", 'g', POPT_ARG_NONE, OPT_FORWARD,
	  flag([](Command &c) { c.dest.conn_flags = IP_VS_CONN_F_DROUTE; }) },
	// Debian's 1.31 (the reference) takes weights up to INT_MAX, as the
	// kernel does; upstream 1.31 stops at 65535.
	{ "weight", 'w', kArg, OPT_WEIGHT, number(0, INT_MAX, "illegal weight specified",
	  [](Command &c, int n) { c.dest.weight = n; }) },
	{ "u-threshold", 'x', kArg, OPT_UTHRESHOLD, number(0, INT_MAX, "illegal u_threshold specified",
	  [](Command &c, int n) { c.dest.u_threshold = n; }) },
	{ "l-threshold", 'y', kArg, OPT_LTHRESHOLD, number(0, INT_MAX, "illegal l_threshold specified",
	  [](Command &c, int n) { c.dest.l_threshold = n; }) },
	{ "numeric", 'n', POPT_ARG_NONE, OPT_NUMERIC, flag(FMT_NUMERIC) },
	{ "connection", 'c', POPT_ARG_NONE, OPT_CONNECTION, flag(FMT_NONE) },
	{ "mcast-interface", 0, kArg, OPT_MCAST, value(mcast_interface) },
	{ "syncid", 0, kArg, OPT_SYNCID, number(0, 255, "illegal syncid specified",
	  [](Command &c, int n) { c.daemon.syncid = n; }) },
	{ "timeout", 0, POPT_ARG_NONE, OPT_TIMEOUT, flag(FMT_NONE) },
	{ "daemon", 0, POPT_ARG_NONE, OPT_DAEMON, flag(FMT_NONE) },
	{ "stats", 0, POPT_ARG_NONE, OPT_STATS, flag(FMT_STATS) },
	{ "rate", 0, POPT_ARG_NONE, OPT_RATE, flag(FMT_RATE) },
	{ "thresholds", 0, POPT_ARG_NONE, OPT_THRESHOLDS, flag(FMT_THRESHOLDS) },
	{ "persistent-conn", 0, POPT_ARG_NONE, OPT_PERSISTENTCONN, flag(FMT_PERSISTENTCONN) },
	{ "nosort", 0, POPT_ARG_NONE, OPT_NOSORT, flag(FMT_NOSORT) },
	// Sorting is the default; kept for old scripts.
	{ "sort", 0, POPT_ARG_NONE, kNoOpt, flag(FMT_NONE) },
	{ "exact", 'X', POPT_ARG_NONE, OPT_EXACT, flag(FMT_EXACT) },
	{ "ipv6", '6', POPT_ARG_NONE, kNoOpt, value(ipv6_fwmark) },
	{ "ops", 'o', POPT_ARG_NONE, OPT_ONEPACKET,
	  flag([](Command &c) { c.svc.flags |= IP_VS_SVC_F_ONEPACKET; }) },
	{ "pe", 0, kArg, OPT_PE, value(pe) },
	{ "sched-flags", 'b', kArg, OPT_SCHED_FLAGS, value(sched_flags) },
	{ "mcast-group", 0, kArg, OPT_MCAST_GROUP, value(mcast_group) },
	{ "mcast-port", 0, kArg, OPT_MCAST_PORT, number(1, 65535, "illegal mcast-port specified",
	  [](Command &c, int n) { c.daemon.mcast_port = n; }) },
	{ "mcast-ttl", 0, kArg, OPT_MCAST_TTL, number(1, 255, "illegal mcast-ttl specified",
	  [](Command &c, int n) { c.daemon.mcast_ttl = n; }) },
	// An IPv4 + UDP header must still fit in 64 KiB.
	{ "sync-maxlen", 0, kArg, OPT_SYNC_MAXLEN, number(1, 65535 - 20 - 8,
	  "illegal sync-maxlen specified", [](Command &c, int n) { c.daemon.sync_maxlen = n; }) },
	{ "tun-info", 0, POPT_ARG_NONE, OPT_TUN_INFO, flag(FMT_TUN_INFO) },
	{ "tun-type", 0, kArg, OPT_TUN_TYPE, value(tunnel_type) },
	{ "tun-port", 0, kArg, OPT_TUN_PORT, number(1, 65535, "illegal tunnel port specified",
	  [](Command &c, int n) { c.dest.tun_port = n; }) },
	{ "tun-nocsum", 0, POPT_ARG_NONE, OPT_TUN_NOCSUM,
	  flag([](Command &c) { c.dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM; }) },
	{ "tun-csum", 0, POPT_ARG_NONE, OPT_TUN_CSUM,
	  flag([](Command &c) { c.dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_CSUM; }) },
	{ "tun-remcsum", 0, POPT_ARG_NONE, OPT_TUN_REMCSUM,
	  flag([](Command &c) { c.dest.tun_flags |= IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM; }) },
	// Not in 1.31: machine-readable listings.
	{ "json", 0, POPT_ARG_NONE, OPT_JSON, flag(FMT_JSON) },
	// Not in 1.31: lvs.ko's change events, one line each.
	{ "monitor", 0, POPT_ARG_NONE, kNoOpt, command(Cmd::Monitor) },
};

struct ContextDeleter {
	void operator()(poptContext c) const { poptFreeContext(c); }
};
using Context = std::unique_ptr<std::remove_pointer_t<poptContext>, ContextDeleter>;

class Parser {
public:
	explicit Parser(const std::vector<std::string> &argv) : argv_(argv) {}
	// Through popt: every form 1.31 takes, and its error texts.
	Result<Command> run();
	// Without popt, for a line of separate one-letter options each with
	// its argument in the next word (what -S writes): nullopt for any
	// other line and for any error, which run() then handles as 1.31.
	std::optional<Command> run_plain();

private:
	Status first_option(const OptionDef &o);
	Status next_option(const OptionDef &o);
	// pos: the words after the options, in order (none: null).
	Status finish(const std::function<const char *()> &pos);
	void set_defaults();

	const std::vector<std::string> &argv_;
	Context ctx_;
	const char *arg_ = nullptr;	// every string option lands here, as in 1.31
	Line line_;
};

// The command must come first; anything else there is a usage error.
Status Parser::first_option(const OptionDef &o)
{
	const Action &a = o.action;
	switch (a.kind) {
	case Action::Verb:
		line_.c.cmd = a.cmd;
		return a.value ? a.value(line_, arg_) : Done{};
	case Action::Help:
		return Failure{Failure::Help, usage_text(argv_[0])};
	case Action::Version:
		return Failure{Failure::Version, version_text()};
	default:
		return Failure{Failure::TryHelp, tryhelp_text(argv_[0])};
	}
}

Status Parser::next_option(const OptionDef &o)
{
	const Action &a = o.action;
	if (a.kind == Action::Verb || a.kind == Action::Help || a.kind == Action::Version) {
		if (!ctx_)
			return Failure{Failure::TryHelp, ""};	// run() words it
		return usage_error(std::string("invalid option `") +
				   poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS) + "'");
	}
	if (o.opt != kNoOpt)
		if (Status s = set_option(line_.c.options, o.opt); !s)
			return s;

	Command &c = line_.c;
	switch (a.kind) {
	case Action::Flag:
		c.format |= a.format;
		if (a.apply)
			a.apply(c);
		return Done{};
	case Action::Number: {
		const std::optional<int> n = string_to_number(arg_, a.min, a.max);
		if (!n)
			return usage_error(a.bad);
		a.store(c, *n);
		return Done{};
	}
	default:
		return a.value(line_, arg_);
	}
}

// What 1.31 reads after the options: --set's three timeouts, then -b's
// flags against the final scheduler, then the cross-option checks.
Status Parser::finish(const std::function<const char *()> &pos)
{
	Command &c = line_.c;
	if (c.cmd == Cmd::Timeout) {
		const char *args[3] = {};
		for (const char *&a : args)
			if (!(a = pos()))
				return usage_error("--set option requires 3 timeout values");
		uint32_t Timeouts::*const fields[] = { &Timeouts::tcp, &Timeouts::tcp_fin,
						       &Timeouts::udp };
		for (int i = 0; i < 3; i++) {
			Result<int> t = parse_timeout(args[i], 0, kMaxTimeout);
			if (!t)
				return t.error();
			c.timeout.*fields[i] = *t;
		}
	}

	if (const char *extra = pos())
		return usage_error(std::string("unexpected argument ") + extra);

	if (!line_.sched_flags.empty()) {
		Result<uint32_t> f = parse_sched_flags(c.svc.sched_name, line_.sched_flags);
		if (!f)
			return f.error();
		c.svc.flags &= ~(IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3);
		c.svc.flags |= *f;
	}
	return finish_command(c);
}

void Parser::set_defaults()
{
	// The defaults 1.31 starts every line with.
	line_ = Line{};
	line_.c.dest.weight = 1;
	line_.c.dest.conn_flags = IP_VS_CONN_F_DROUTE;
	line_.c.svc.netmask = 0xffffffff;
}

Result<Command> Parser::run()
{
	std::vector<poptOption> table;
	for (const OptionDef &o : kOptions)
		table.push_back({ o.name, o.letter, static_cast<unsigned>(o.arg), o.arg ? &arg_ : nullptr,
				  static_cast<int>(&o - kOptions) + 1, nullptr, nullptr });
	table.push_back(POPT_TABLEEND);

	std::vector<const char *> av;
	for (const auto &a : argv_)
		av.push_back(a.c_str());
	av.push_back(nullptr);
	ctx_.reset(poptGetContext("ipvsadm", static_cast<int>(argv_.size()),
				  av.data(), table.data(), 0));
	set_defaults();
	arg_ = nullptr;

	int v = poptGetNextOpt(ctx_.get());
	if (v < 0)
		return Failure{Failure::TryHelp, tryhelp_text(argv_[0])};
	if (Status s = first_option(kOptions[v - 1]); !s)
		return s.error();

	while ((v = poptGetNextOpt(ctx_.get())) >= 0)
		if (Status s = next_option(kOptions[v - 1]); !s)
			return s.error();
	if (v < -1)
		return Failure{Failure::Popt,
			std::string(poptBadOption(ctx_.get(), POPT_BADOPTION_NOALIAS)) +
			": " + poptStrerror(v) + "\n"};

	if (Status s = finish([this] { return poptGetArg(ctx_.get()); }); !s)
		return s.error();
	return line_.c;
}

// kOptions' row of each option letter, the first one as popt finds it.
struct LetterIndex {
	int8_t row[256];

	LetterIndex()
	{
		for (auto &r : row)
			r = -1;
		for (size_t i = std::size(kOptions); i-- > 0;)
			if (kOptions[i].letter)
				row[static_cast<unsigned char>(kOptions[i].letter)] = static_cast<int8_t>(i);
	}
};

std::optional<Command> Parser::run_plain()
{
	static const LetterIndex letters;
	set_defaults();
	const size_t n = argv_.size();
	bool first = true;
	for (size_t i = 1; i < n; i++) {
		const std::string &w = argv_[i];
		if (w.size() != 2 || w[0] != '-')
			return std::nullopt;
		const int row = letters.row[static_cast<unsigned char>(w[1])];
		if (row < 0)
			return std::nullopt;
		const OptionDef &o = kOptions[row];
		// An argument is the next word unless that is an option; a
		// missing compulsory one is popt's error, left to run().
		arg_ = nullptr;
		if (o.arg != POPT_ARG_NONE) {
			if (i + 1 < n && argv_[i + 1][0] != '-')
				arg_ = argv_[++i].c_str();
			else if (o.arg == kArg)
				return std::nullopt;
		}
		const Status s = first ? first_option(o) : next_option(o);
		if (!s)
			return std::nullopt;
		first = false;
	}
	if (first || !finish([] { return nullptr; }))
		return std::nullopt;
	return line_.c;
}

} // namespace

std::optional<Command> parse_plain_command(const std::vector<std::string> &argv)
{
	return Parser(argv).run_plain();
}

ParseResult parse_command_popt(const std::vector<std::string> &argv)
{
	return Parser(argv).run();
}

ParseResult parse_command(const std::vector<std::string> &argv)
{
	if (std::optional<Command> c = parse_plain_command(argv))
		return std::move(*c);
	return parse_command_popt(argv);
}

} // namespace ipvsadm
