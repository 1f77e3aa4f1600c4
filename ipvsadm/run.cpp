// SPDX-License-Identifier: GPL-2.0
#include "run.h"

#include <cstdio>
#include <iterator>
#include <memory>

#include "conn_entry.h"
#include "format.h"
#include "format_json.h"
#include "monitor.h"
#include "names.h"
#include "parse_args.h"
#include "restore_reader.h"
#include "sort.h"
#include "usage.h"

namespace ipvsadm {

namespace {

constexpr const char *kConnFile = "/proc/net/ip_vs_conn";

const Resolver &resolver_for(unsigned format)
{
	return (format & FMT_NUMERIC) ? numeric_resolver() : system_resolver();
}

// getline() over a FILE, owning its buffer.
class LineReader {
public:
	explicit LineReader(FILE *f) : f_(f) {}
	LineReader(const LineReader &) = delete;
	LineReader &operator=(const LineReader &) = delete;
	~LineReader() { free(line_); }

	// The next line (newline kept), or null at the end.
	const char *next() { return getline(&line_, &cap_, f_) < 0 ? nullptr : line_; }

private:
	FILE *f_;
	char *line_ = nullptr;
	size_t cap_ = 0;
};

} // namespace

void out(const std::string &s)
{
	std::fwrite(s.data(), 1, s.size(), stdout);
}

void err(const std::string &s)
{
	std::fwrite(s.data(), 1, s.size(), stderr);
}

Failure Runner::kernel_failure(std::error_code ec, Failure::Kind kind) const
{
	return {kind, ipvs_strerror(last_op_, ec) + "\n"};
}

Result<std::vector<Dest>> Runner::dests_of(const Service &s, unsigned format)
{
	last_op_ = Op::GetDests;
	auto dests = client_.get_dests(s);
	if (!dests)
		return kernel_failure(dests.error(), Failure::Listing);
	put_in_listing_order(*dests, format);
	return std::move(*dests);
}

Status Runner::list_all(unsigned format)
{
	if (!(format & (FMT_RULE | FMT_JSON)))
		out(format_version_header(info_));

	last_op_ = Op::GetServices;
	auto services = client_.get_services();
	if (!services)
		return kernel_failure(services.error(), Failure::Listing);
	put_in_listing_order(*services, format);
	return print_services(*services, format);
}

Status Runner::print_services(const std::vector<Service> &services, unsigned format)
{
	if (format & FMT_JSON) {
		std::vector<ServiceListing> all;
		for (const Service &s : services) {
			auto dests = dests_of(s, format);
			if (!dests)
				return dests.error();
			all.emplace_back(s, std::move(*dests));
		}
		out(json_services(info_, all));
		return Done{};
	}
	// Each service prints before the next one's servers are asked for.
	out(format_title(format));
	for (const Service &s : services) {
		auto dests = dests_of(s, format);
		if (!dests)
			return dests.error();
		out(format_service(s, *dests, format, resolver_for(format)));
	}
	return Done{};
}

Status Runner::list_service(const Service &key, unsigned format)
{
	last_op_ = Op::GetService;
	auto svc = client_.get_service(key);
	if (!svc)
		return kernel_failure(svc.error(), Failure::Listing);
	return print_services({*svc}, format);
}

Status Runner::list_conns(unsigned format)
{
	std::unique_ptr<FILE, int (*)(FILE *)> f(std::fopen(kConnFile, "r"), std::fclose);
	if (!f)
		return Failure{Failure::Listing, std::string("cannot open file ") + kConnFile + "\n"};
	LineReader lines(f.get());
	if (!lines.next())
		return Failure{Failure::Listing,
			       std::string("unexpected input from ") + kConnFile + "\n"};
	if (format & FMT_JSON) {
		std::vector<ConnEntry> conns;
		while (const char *line = lines.next())
			if (auto e = parse_conn_line(line))
				conns.push_back(std::move(*e));
		out(json_conns(conns));
		return Done{};
	}
	out(format_conn_title(format));
	const Resolver &r = resolver_for(format);
	while (const char *line = lines.next())
		out(format_conn_line(line, format, r));
	return Done{};
}

Status Runner::list_timeouts(unsigned format)
{
	last_op_ = Op::GetTimeout;
	auto t = client_.get_timeouts();
	if (!t)
		return Failure{Failure::Listing, ""};	// 1.31 says nothing here
	out((format & FMT_JSON) ? json_timeouts(*t) : format_timeouts(*t));
	return Done{};
}

Status Runner::list_daemons(unsigned format)
{
	last_op_ = Op::GetDaemon;
	auto d = client_.get_daemons();
	if (!d)
		return Failure{Failure::Listing, ""};	// 1.31 says nothing here
	out((format & FMT_JSON) ? json_daemons(*d) : format_daemons(*d));
	return Done{};
}

Status Runner::flush_pending()
{
	if (!pending_ops_.empty()) {
		const std::vector<std::error_code> results = client_.flush();
		for (size_t i = 0; i < results.size(); i++) {
			last_pending_failed_ = static_cast<bool>(results[i]);
			if (results[i])
				report({Failure::Kernel,
					ipvs_strerror(pending_ops_[i], results[i]) + "\n"});
		}
		pending_ops_.clear();
	}
	if (last_pending_failed_)
		return Failure{Failure::Kernel, ""};	// printed above
	return Done{};
}

Status Runner::execute(const Command &c, bool restoring)
{
	switch (c.cmd) {
	case Cmd::List:
		if (c.has(OPT_CONNECTION))
			return list_conns(c.format);
		if (c.has(OPT_SERVICE))
			return list_service(c.svc, c.format);
		if (c.has(OPT_TIMEOUT))
			return list_timeouts(c.format);
		if (c.has(OPT_DAEMON))
			return list_daemons(c.format);
		return list_all(c.format);
	case Cmd::Save:
		return list_all(c.format | FMT_RULE);
	case Cmd::Restore:
	case Cmd::Monitor:
		// -R inside -R would read the same stdin forever, --monitor
		// would never let it read on.
		if (restoring)
			return Failure{Failure::TryHelp, tryhelp_text(program_)};
		return c.cmd == Cmd::Restore ? restore() : monitor(c.format, resolver_for(c.format));
	default:
		break;
	}

	if (const std::optional<Op> op = command_info(c.cmd).op)
		last_op_ = *op;
	Expected<nl::Bytes> req = command_request(client_.family(), c);
	if (!req)
		return kernel_failure(req.error(), Failure::Kernel);
	if (restoring) {
		client_.queue(*req);
		pending_ops_.push_back(last_op_);
		return Done{};
	}
	if (std::error_code ec = client_.transact(std::move(*req)))
		return kernel_failure(ec, Failure::Kernel);
	return Done{};
}

Status Runner::restore()
{
	RestoreReader reader(stdin);
	// A pipelined line's outcome is only known after the flush.
	enum class Last { Sync, Pending } last = Last::Sync;
	Status result = Done{};

	while (auto tokens = reader.next_line()) {
		if (tokens->empty())
			continue;
		std::vector<std::string> argv;
		argv.reserve(tokens->size() + 1);
		argv.push_back(program_);
		argv.insert(argv.end(), std::make_move_iterator(tokens->begin()),
			    std::make_move_iterator(tokens->end()));

		ParseResult p = parse_command(argv);
		if (p && is_modifying(p->cmd)) {
			if (Status s = execute(*p, true); !s) {
				// No request could be built: the line fails now.
				report(s.error());
				result = Failure{s.error().kind, ""};
				continue;
			}
			last = Last::Pending;
			if (client_.queued() >= 1024)
				result = flush_pending();
			continue;
		}

		// Anything else prints, so earlier changes are reported first.
		Status flushed = flush_pending();
		if (last == Last::Pending)
			result = flushed;
		last = Last::Sync;

		result = p ? execute(*p, true) : Status(p.error());
		if (!result) {
			// A failed line is reported and -R reads on; any other
			// failure ends it.
			if (!result.error().ends_line_only())
				return result;
			report(result.error());
			result = Failure{result.error().kind, ""};
		}
	}
	Status flushed = flush_pending();
	if (last == Last::Pending)
		result = flushed;
	return result;
}

Status Runner::run_argv(const std::vector<std::string> &argv)
{
	ParseResult p = parse_command(argv);
	if (!p)
		return p.error();
	return execute(*p, false);
}

} // namespace ipvsadm
