// SPDX-License-Identifier: GPL-2.0
#include "run.h"

#include <cstdio>
#include <memory>
#include <variant>

#include "conn_entry.h"
#include "format.h"
#include "format_json.h"
#include "names.h"
#include "parse_args.h"
#include "restore_reader.h"
#include "sort.h"

namespace ipvsadm {

namespace {

constexpr const char *kConnFile = "/proc/net/ip_vs_conn";

const Resolver &resolver_for(unsigned format)
{
	return (format & FMT_NUMERIC) ? numeric_resolver() : system_resolver();
}

// The text listing sorts inside format_service; JSON sorts here.
std::vector<Dest> sorted_unless(unsigned format, std::vector<Dest> dests)
{
	if (!(format & FMT_NOSORT))
		sort_dests(dests);
	return dests;
}

Op op_of(Cmd c, Op previous)
{
	switch (c) {
	case Cmd::Add: return Op::AddService;
	case Cmd::Edit: return Op::UpdateService;
	case Cmd::Del: return Op::DelService;
	case Cmd::Zero: return Op::ZeroService;
	case Cmd::AddDest: return Op::AddDest;
	case Cmd::EditDest: return Op::UpdateDest;
	case Cmd::DelDest: return Op::DelDest;
	case Cmd::Timeout: return Op::SetTimeout;
	case Cmd::StartDaemon: return Op::StartDaemon;
	case Cmd::StopDaemon: return Op::StopDaemon;
	default: return previous;
	}
}

} // namespace

void out(const std::string &s)
{
	std::fwrite(s.data(), 1, s.size(), stdout);
}

void err(const std::string &s)
{
	std::fwrite(s.data(), 1, s.size(), stderr);
}

std::vector<Dest> Runner::dests_of(const Service &s)
{
	last_op_ = Op::GetDests;
	auto dests = client_.get_dests(s);
	if (!dests) {
		err(ipvs_strerror(last_op_, dests.error()) + "\n");
		throw Exit{1};
	}
	return std::move(*dests);
}

void Runner::list_all(unsigned format)
{
	const Resolver &r = resolver_for(format);
	const bool json = format & FMT_JSON;
	if (!(format & FMT_RULE) && !json)
		out(format_version_header(info_));

	last_op_ = Op::GetServices;
	auto services = client_.get_services();
	if (!services) {
		err(ipvs_strerror(last_op_, services.error()) + "\n");
		throw Exit{1};
	}
	if (!(format & FMT_NOSORT))
		sort_services(*services);

	if (json) {
		std::vector<ServiceListing> all;
		for (const Service &s : *services)
			all.emplace_back(s, sorted_unless(format, dests_of(s)));
		out(json_services(info_, all));
		return;
	}
	out(format_title(format));
	for (const Service &s : *services)
		out(format_service(s, dests_of(s), format, r));
}

void Runner::list_service(const Service &key, unsigned format)
{
	last_op_ = Op::GetService;
	auto svc = client_.get_service(key);
	if (!svc) {
		err(ipvs_strerror(last_op_, svc.error()) + "\n");
		throw Exit{1};
	}
	if (format & FMT_JSON) {
		std::vector<ServiceListing> one;
		one.emplace_back(*svc, sorted_unless(format, dests_of(*svc)));
		out(json_services(info_, one));
		return;
	}
	out(format_title(format));
	out(format_service(*svc, dests_of(*svc), format, resolver_for(format)));
}

void Runner::list_conns(unsigned format)
{
	std::unique_ptr<FILE, int (*)(FILE *)> f(std::fopen(kConnFile, "r"), std::fclose);
	if (!f) {
		err(std::string("cannot open file ") + kConnFile + "\n");
		throw Exit{1};
	}
	char *line = nullptr;
	size_t cap = 0;
	if (getline(&line, &cap, f.get()) < 0) {
		free(line);
		err(std::string("unexpected input from ") + kConnFile + "\n");
		throw Exit{1};
	}
	if (format & FMT_JSON) {
		std::vector<ConnEntry> conns;
		while (getline(&line, &cap, f.get()) >= 0)
			if (auto e = parse_conn_line(line))
				conns.push_back(std::move(*e));
		free(line);
		out(json_conns(conns));
		return;
	}
	out(format_conn_title(format));
	const Resolver &r = resolver_for(format);
	while (getline(&line, &cap, f.get()) >= 0)
		out(format_conn_line(line, format, r));
	free(line);
}

void Runner::list_timeouts(unsigned format)
{
	last_op_ = Op::GetTimeout;
	auto t = client_.get_timeouts();
	if (!t)
		throw Exit{1};	// 1.31 says nothing here
	out((format & FMT_JSON) ? json_timeouts(*t) : format_timeouts(*t));
}

void Runner::list_daemons(unsigned format)
{
	last_op_ = Op::GetDaemon;
	auto d = client_.get_daemons();
	if (!d)
		throw Exit{1};	// 1.31 says nothing here
	out((format & FMT_JSON) ? json_daemons(*d) : format_daemons(*d));
}

int Runner::flush_pending()
{
	if (pending_ops_.empty())
		return last_pending_result_;
	const std::vector<std::error_code> results = client_.flush();
	for (size_t i = 0; i < results.size(); i++) {
		last_pending_result_ = 0;
		if (results[i]) {
			err(ipvs_strerror(pending_ops_[i], results[i]) + "\n");
			last_pending_result_ = -1;
		}
	}
	pending_ops_.clear();
	return last_pending_result_;
}

int Runner::execute(const Command &c, bool restoring)
{
	switch (c.cmd) {
	case Cmd::List:
		if (c.has(OPT_CONNECTION))
			list_conns(c.format);
		else if (c.has(OPT_SERVICE))
			list_service(c.svc, c.format);
		else if (c.has(OPT_TIMEOUT))
			list_timeouts(c.format);
		else if (c.has(OPT_DAEMON))
			list_daemons(c.format);
		else
			list_all(c.format);
		return 0;
	case Cmd::Save:
		list_all(c.format | FMT_RULE);
		return 0;
	case Cmd::Restore:
		if (restoring) {
			// -R inside -R would read the same stdin forever.
			err(std::string("Try `") + program_ + " -h' or '" + program_ +
			    " --help' for more information.\n");
			throw Exit{255};
		}
		return restore();
	default:
		break;
	}

	last_op_ = op_of(c.cmd, last_op_);
	nl::Bytes req = nl::command_request(client_.family(), c);
	if (restoring) {
		client_.queue(std::move(req));
		pending_ops_.push_back(last_op_);
		return 0;
	}
	if (std::error_code ec = client_.transact(std::move(req))) {
		err(ipvs_strerror(last_op_, ec) + "\n");
		return -1;
	}
	return 0;
}

int Runner::restore()
{
	RestoreReader reader(stdin);
	// A pipelined line's outcome is only known after the flush.
	enum class Last { Sync, Pending } last = Last::Sync;
	int result = 0;

	while (auto tokens = reader.next_line()) {
		if (tokens->empty())
			continue;
		std::vector<std::string> argv{program_};
		argv.insert(argv.end(), tokens->begin(), tokens->end());

		ParseResult p = parse_command(argv);
		if (auto *c = std::get_if<Command>(&p); c && is_modifying(c->cmd)) {
			execute(*c, true);
			last = Last::Pending;
			if (client_.queued() >= 1024)
				result = flush_pending();
			continue;
		}

		// Anything else prints, so earlier changes are reported first.
		int flushed = flush_pending();
		if (last == Last::Pending)
			result = flushed;

		if (auto *c = std::get_if<Command>(&p)) {
			result = execute(*c, true);
			last = Last::Sync;
			continue;
		}
		const ParseFailure &f = std::get<ParseFailure>(p);
		switch (f.kind) {
		case ParseFailure::Fail: err(f.text); throw Exit{2};
		case ParseFailure::TryHelp: err(f.text); throw Exit{255};
		case ParseFailure::Help:
		case ParseFailure::Version: out(f.text); throw Exit{0};
		case ParseFailure::Popt:
			err(f.text);
			result = -1;
			last = Last::Sync;
			break;
		}
	}
	int flushed = flush_pending();
	if (last == Last::Pending)
		result = flushed;
	return result;
}

int Runner::run_argv(const std::vector<std::string> &argv)
{
	ParseResult p = parse_command(argv);
	if (auto *c = std::get_if<Command>(&p))
		return execute(*c, false) == 0 ? 0 : 255;
	const ParseFailure &f = std::get<ParseFailure>(p);
	switch (f.kind) {
	case ParseFailure::Fail: err(f.text); return 2;
	case ParseFailure::TryHelp: err(f.text); return 255;
	case ParseFailure::Popt: err(f.text); return 255;
	case ParseFailure::Help:
	case ParseFailure::Version: out(f.text); return 0;
	}
	return 255;
}

} // namespace ipvsadm
