// SPDX-License-Identifier: GPL-2.0
#include "monitor.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <unistd.h>

#include "client.h"
#include "errors.h"
#include "format.h"

namespace ipvsadm {

namespace {

// Datagrams read per wake-up, so that a flood of events still lets a
// pending SIGINT in (signals arrive only while waiting).
constexpr int kReadsPerWake = 64;

volatile sig_atomic_t stopped = 0;

void stop(int)
{
	stopped = 1;
}

// SIGINT and SIGTERM blocked but while waiting (ppoll), so a signal can
// never slip in between the check and the wait. SIGPIPE ignored, so a
// reader going away shows as a failed write, and left so: stdio writes
// what it still holds again at exit.
class Signals {
public:
	Signals()
	{
		sigset_t stops;
		sigemptyset(&stops);
		sigaddset(&stops, SIGINT);
		sigaddset(&stops, SIGTERM);
		sigprocmask(SIG_BLOCK, &stops, &old_mask_);
		waiting_ = old_mask_;
		sigdelset(&waiting_, SIGINT);
		sigdelset(&waiting_, SIGTERM);
		struct sigaction sa{};
		sa.sa_handler = stop;
		sigaction(SIGINT, &sa, &old_int_);
		sigaction(SIGTERM, &sa, &old_term_);
		signal(SIGPIPE, SIG_IGN);
		stopped = 0;
	}
	Signals(const Signals &) = delete;
	Signals &operator=(const Signals &) = delete;
	~Signals()
	{
		// Unblocked first: a second signal still pending only stops.
		sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
		sigaction(SIGINT, &old_int_, nullptr);
		sigaction(SIGTERM, &old_term_, nullptr);
	}

	const sigset_t *waiting() const { return &waiting_; }

private:
	sigset_t old_mask_, waiting_;
	struct sigaction old_int_, old_term_;
};

// One line out, now: readers of a pipe or a file see each event as it
// happens. The errno once standard output fails, else 0.
int put_line(const std::string &line)
{
	std::fwrite(line.data(), 1, line.size(), stdout);
	return std::fflush(stdout) ? (errno ? errno : EIO) : 0;
}

// The end of a run whose output failed: a reader that went away is the
// ordinary end, anything else is said.
Status output_failed(int err)
{
	if (err == EPIPE)
		return Done{};
	return Failure{Failure::Listing,
		       std::string("ipvsadm: --monitor: standard output: ") + std::strerror(err) + "\n"};
}

} // namespace

std::string event_line(nl::Span msg, unsigned format, const Resolver &r)
{
	return format_event(nl::parse_event(msg), format, r);
}

Failure monitor_failure(std::error_code ec)
{
	std::string text;
	switch (ec.value()) {
	case ENOENT:
		text = "ipvsadm: --monitor needs lvs.ko: the loaded IPVS (the kernel's ip_vs) "
		       "has no change events";
		break;
	case EPROTONOSUPPORT:
		text = "ipvsadm: --monitor needs lvs.ko with change events: the loaded one has none";
		break;
	default:
		text = ipvs_strerror(Op::Monitor, ec);
	}
	return {Failure::Listing, text + "\n"};
}

Status monitor(unsigned format, const Resolver &r)
{
	Expected<EventSocket> sock = EventSocket::open();
	if (!sock)
		return monitor_failure(sock.error());

	const Signals signals;
	Event lost;
	lost.kind = EventKind::Lost;
	// Standard output is polled for nothing but its errors: a pipe whose
	// reader left, a terminal hung up. A file never reports one.
	pollfd fds[] = { { sock->fd(), POLLIN, 0 }, { STDOUT_FILENO, 0, 0 } };
	while (!stopped) {
		if (ppoll(fds, 2, nullptr, signals.waiting()) < 0) {
			if (errno == EINTR)
				continue;
			return monitor_failure(errno_code(errno));
		}
		if (fds[1].revents)
			return Done{};
		int out_err = 0;
		for (int i = 0; i < kReadsPerWake && !out_err; i++) {
			const std::error_code ec = sock->read([&](nl::Span m) {
				if (!out_err)
					out_err = put_line(event_line(m, format, r));
			});
			if (ec.value() == EAGAIN || ec.value() == EINTR)
				break;
			if (ec.value() == ENOBUFS)
				out_err = put_line(format_event(lost, format, r));
			else if (ec)
				return monitor_failure(ec);
		}
		if (out_err)
			return output_failed(out_err);
	}
	return Done{};
}

} // namespace ipvsadm
