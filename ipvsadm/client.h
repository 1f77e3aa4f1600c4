// SPDX-License-Identifier: GPL-2.0
// The one generic-netlink socket of a run: the IPVS family resolved once,
// single requests answered in one pass, and state changes pipelined (many
// requests per sendmsg, acknowledgements collected in order). Replies are
// read with recvmmsg, many datagrams per system call: a batch's ACKs, or a
// dump's data and its DONE.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <system_error>
#include <vector>
#include <sys/socket.h>
#include <sys/uio.h>

#include "expected.h"
#include "model.h"
#include "nl_codec.h"

struct nl_sock;

namespace ipvsadm {

struct NlSockFree {
	void operator()(nl_sock *sk) const;
};
using NlSock = std::unique_ptr<nl_sock, NlSockFree>;

class Client {
public:
	// Opens the socket and resolves the "IPVS" family.
	static Expected<Client> connect();

	int family() const { return family_; }

	// One request; every reply message is handed to on_reply (a dump's
	// many, a GET's one) until the kernel's ACK, error or end of dump.
	using ReplyFn = std::function<std::error_code(nl::Span)>;
	std::error_code transact(nl::Bytes request, const ReplyFn &on_reply = {});

	// Pipelining: queue() requests, then flush() sends them in batches and
	// returns one result per queued request, in order.
	void queue(const nl::Bytes &request);
	size_t queued() const { return starts_.size(); }
	std::vector<std::error_code> flush();

	// The typed requests built on transact().
	Expected<Info> get_info();
	Expected<std::vector<Service>> get_services();
	Expected<Service> get_service(const Service &key);
	Expected<std::vector<Dest>> get_dests(const Service &svc);
	Expected<Timeouts> get_timeouts();
	Expected<std::vector<Daemon>> get_daemons();

private:
	Client(NlSock sk, int family) : sk_(std::move(sk)), family_(family) {}

	// Sends bytes (one request or a batch) as one datagram.
	std::error_code send(const uint8_t *data, size_t size);
	// Reads what the kernel has queued for us, at least one datagram
	// (waiting for it) and at most `slots` of up to `slot_size` bytes,
	// in one recvmmsg, and hands each message in them to fn.
	std::error_code receive(size_t slots, size_t slot_size,
				const std::function<void(nl::Span)> &fn);

	NlSock sk_;
	int fd_ = -1;
	int family_ = -1;
	uint32_t seq_ = 0;
	// Requests per sendmsg, and bytes: what the socket's buffers take.
	size_t batch_max_ = 128;
	size_t send_max_ = 32 << 10;
	// The queued requests back to back, and where each starts.
	nl::Bytes pending_;
	std::vector<size_t> starts_;
	// Receive buffers, kept between calls, and the size of one.
	std::vector<uint8_t> rx_;
	size_t slot_ = 4096;
	std::vector<iovec> iov_;
	std::vector<mmsghdr> msgs_;
};

// --monitor's socket, joined to lvs.ko's change events (family "LVS",
// group "events": lvs.h). A socket of its own, so that no event lands among
// a request's replies.
class EventSocket {
public:
	// ENOENT: there is no family "LVS" (the kernel's ip_vs is loaded, or
	// no IPVS at all); EPROTONOSUPPORT: it has no group "events"; EPERM:
	// this process may not join it.
	static Expected<EventSocket> open();

	// What to poll for the next event.
	int fd() const { return fd_; }

	// Hands each event of the next datagram queued on the socket to fn,
	// without waiting: EAGAIN when none is queued, ENOBUFS when the kernel
	// dropped events for want of room (reading on is fine).
	std::error_code read(const std::function<void(nl::Span)> &fn);

private:
	EventSocket(NlSock sk, int fd, int family)
		: sk_(std::move(sk)), fd_(fd), family_(family) {}

	NlSock sk_;
	int fd_ = -1;
	int family_ = -1;
	std::vector<uint8_t> buf_;
};

} // namespace ipvsadm
