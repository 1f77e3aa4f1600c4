// SPDX-License-Identifier: GPL-2.0
#include "client.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <type_traits>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <lvs/ipvs.h>
#include <lvs/lvs.h>

namespace ipvsadm {

namespace {

// Socket buffers asked for (root may exceed rmem_max / wmem_max): room for
// a batch of ACKs, big dump chunks and a batch of requests.
constexpr int kRcvBuf = 4 << 20;
constexpr int kSndBuf = 1 << 20;
// What one ACK may hold of the receive buffer (a small skb's truesize,
// with a wide margin), and the most requests per sendmsg.
constexpr size_t kAckCost = 2048;
constexpr size_t kMaxBatch = 1024;
// Receive slots: an ACK (with NETLINK_CAP_ACK no request is echoed); any
// other datagram takes a page (Client::slot_); dumps read this many at once.
constexpr size_t kAckSlot = 512;
constexpr size_t kDumpSlots = 8;

std::error_code last_errno(int fallback = EIO)
{
	return errno_code(errno ? errno : fallback);
}

nlmsghdr *header(nl::Bytes &b)
{
	return reinterpret_cast<nlmsghdr *>(b.data());
}

const nlmsghdr *header(nl::Span s)
{
	return reinterpret_cast<const nlmsghdr *>(s.data());
}

// The errno an NLMSG_ERROR or NLMSG_DONE carries (0 for an ACK).
int carried_error(const nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
		return 0;
	int err;
	std::memcpy(&err, NLMSG_DATA(h), sizeof(err));
	return err < 0 ? -err : err;
}

// Hands each message of one datagram (LEN bytes at P) to fn. CUT: the
// datagram was longer than its buffer, and only an ACK or an error can be
// read from a cut one: its code comes first. Anything else would be misread.
std::error_code split_datagram(const uint8_t *p, size_t left, bool cut,
			       const std::function<void(nl::Span)> &fn)
{
	while (left >= NLMSG_HDRLEN) {
		const auto *h = reinterpret_cast<const nlmsghdr *>(p);
		if (h->nlmsg_len < NLMSG_HDRLEN)
			break;
		if (h->nlmsg_len > left) {
			if (!cut || h->nlmsg_type != NLMSG_ERROR)
				return errno_code(EMSGSIZE);
			fn(nl::Span(p, left));
			break;
		}
		fn(nl::Span(p, h->nlmsg_len));
		const size_t step = std::min<size_t>(NLMSG_ALIGN(h->nlmsg_len), left);
		p += step;
		left -= step;
	}
	return {};
}

// libnl's NLE_* as the errno it stands for.
int nlerr_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_PERM: return EPERM;
	case NLE_NOACCESS: return EACCES;
	case NLE_NOMEM: return ENOMEM;
	case NLE_OBJ_NOTFOUND: return ENOENT;
	default: return EIO;
	}
}

} // namespace

namespace {

// Runs one request and decodes each reply message with parse, keeping the
// first `max` results: the one shape every typed GET below shares.
template <typename Parse>
auto collect(Client &c, Expected<nl::Bytes> request, Parse parse,
	     size_t max = SIZE_MAX)
	-> Expected<std::vector<std::remove_cvref_t<decltype(*parse(nl::Span()))>>>
{
	if (!request)
		return request.error();
	std::vector<std::remove_cvref_t<decltype(*parse(nl::Span()))>> out;
	std::error_code ec = c.transact(std::move(*request), [&](nl::Span m) {
		auto r = parse(m);
		if (!r)
			return r.error();
		if (out.size() < max)
			out.push_back(std::move(*r));
		return std::error_code();
	});
	if (ec)
		return ec;
	return out;
}

// A GET answered by exactly one message; none at all is EINVAL.
template <typename Parse>
auto collect_one(Client &c, Expected<nl::Bytes> request, Parse parse)
	-> Expected<std::remove_cvref_t<decltype(*parse(nl::Span()))>>
{
	auto all = collect(c, std::move(request), parse, 1);
	if (!all)
		return all.error();
	if (all->empty())
		return errno_code(EINVAL);
	return std::move(all->front());
}

} // namespace

void NlSockFree::operator()(nl_sock *sk) const
{
	nl_socket_free(sk);
}

namespace {

// A generic-netlink socket, connected.
Expected<NlSock> genl_socket()
{
	NlSock sk(nl_socket_alloc());
	if (!sk)
		return errno_code(ENOMEM);
	errno = 0;
	if (genl_connect(sk.get()) < 0)
		return last_errno();
	return sk;
}

} // namespace

Expected<Client> Client::connect()
{
	Expected<NlSock> sk = genl_socket();
	if (!sk)
		return sk.error();

	Client c(std::move(*sk), -1);
	c.fd_ = nl_socket_get_fd(c.sk_.get());
	const int fd = c.fd_;
	// The kernel sizes a dump's datagrams by the largest buffer ever
	// read into on the socket, and clears each (init_on_alloc): a page
	// costs far less than libnl's 16 KiB per dump of a service's two
	// servers. A page is at least what a dump fills (NLMSG_GOODSIZE) and
	// what an IPVS GET answers. So libnl never reads on this socket,
	// and the family is resolved here.
	c.slot_ = static_cast<size_t>(std::clamp<long>(sysconf(_SC_PAGESIZE), 4096, 8192));
	nl_socket_set_buffer_size(c.sk_.get(), kRcvBuf, kSndBuf);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kRcvBuf, sizeof(kRcvBuf));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &kSndBuf, sizeof(kSndBuf));
	// Error ACKs need not echo our request back.
	const int one = 1;
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	// Batches as large as the buffers the kernel gave: the ACKs of one
	// must fit the receive buffer (or they are lost), and a datagram
	// longer than the send buffer is refused.
	int rcv = 0, snd = 0;
	socklen_t len = sizeof(int);
	if (!getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, &len) && rcv > 0)
		c.batch_max_ = std::clamp<size_t>(rcv / kAckCost, 1, kMaxBatch);
	len = sizeof(int);
	if (!getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &snd, &len) && snd > 1024)
		c.send_max_ = snd - 1024;
	c.seq_ = static_cast<uint32_t>(time(nullptr));

	auto family = collect_one(c, nl::get_family_id(IPVS_GENL_NAME), nl::parse_family_id);
	if (!family)
		return errno_code(ENOENT);
	c.family_ = *family;
	return c;
}

std::error_code Client::send(const uint8_t *data, size_t size)
{
	if (nl_sendto(sk_.get(), const_cast<uint8_t *>(data), size) < 0)
		return last_errno();
	return {};
}

std::error_code Client::receive(size_t slots, size_t slot_size,
				const std::function<void(nl::Span)> &fn)
{
	slots = std::max<size_t>(slots, 1);
	if (rx_.size() < slots * slot_size)
		rx_.resize(slots * slot_size);
	if (iov_.size() < slots) {
		iov_.resize(slots);
		msgs_.resize(slots);
	}
	std::vector<iovec> &iov = iov_;
	std::vector<mmsghdr> &msgs = msgs_;
	for (size_t i = 0; i < slots; i++) {
		msgs[i] = {};
		iov[i] = { rx_.data() + i * slot_size, slot_size };
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	int n;
	do {
		errno = 0;
		n = recvmmsg(fd_, msgs.data(), static_cast<unsigned>(slots), MSG_WAITFORONE, nullptr);
	} while (n < 0 && errno == EINTR);
	if (n <= 0)
		return last_errno();
	for (int i = 0; i < n; i++)
		if (std::error_code ec = split_datagram(static_cast<const uint8_t *>(iov[i].iov_base),
							msgs[i].msg_len,
							msgs[i].msg_hdr.msg_flags & MSG_TRUNC, fn))
			return ec;
	return {};
}

std::error_code Client::transact(nl::Bytes request, const ReplyFn &on_reply)
{
	const uint32_t seq = ++seq_;
	header(request)->nlmsg_seq = seq;
	if (std::error_code ec = send(request.data(), request.size()))
		return ec;

	bool done = false;
	std::error_code result;
	while (!done) {
		std::error_code ec = receive(kDumpSlots, slot_, [&](nl::Span m) {
			const nlmsghdr *h = header(m);
			if (h->nlmsg_seq != seq || done)
				return;	// a stale answer to an earlier request
			switch (h->nlmsg_type) {
			case NLMSG_ERROR:
			case NLMSG_DONE:
				if (int e = carried_error(h); e && !result)
					result = errno_code(e);
				done = true;
				break;
			case NLMSG_NOOP:
			case NLMSG_OVERRUN:
				break;
			default:
				// A reply we cannot read fails the request, as in 1.31.
				if (on_reply && !result)
					result = on_reply(m);
				// A GET without NLM_F_ACK semantics still ends
				// with an ACK; dumps end with DONE.
				break;
			}
		});
		if (ec)
			return ec;
	}
	return result;
}

void Client::queue(const nl::Bytes &request)
{
	// Every request is a whole number of 4-byte units, so the next one
	// starts aligned, as messages in one datagram must.
	starts_.push_back(pending_.size());
	pending_.insert(pending_.end(), request.begin(), request.end());
}

std::vector<std::error_code> Client::flush()
{
	const size_t total = starts_.size();
	std::vector<std::error_code> results(total);
	auto end_of = [&](size_t i) { return i + 1 < total ? starts_[i + 1] : pending_.size(); };
	for (size_t first = 0; first < total;) {
		// As many as the buffers take (at least one).
		size_t count = 1;
		while (first + count < total && count < batch_max_ &&
		       end_of(first + count) - starts_[first] <= send_max_)
			count++;
		const uint32_t base = seq_ + 1;
		seq_ += count;
		for (size_t i = 0; i < count; i++)
			reinterpret_cast<nlmsghdr *>(pending_.data() + starts_[first + i])->nlmsg_seq =
				base + i;

		const size_t begin = starts_[first];
		if (std::error_code ec = send(pending_.data() + begin, end_of(first + count - 1) - begin)) {
			for (size_t i = 0; i < count; i++)
				results[first + i] = ec;
			first += count;
			continue;
		}

		size_t answered = 0;
		while (answered < count) {
			std::error_code ec = receive(count - answered, kAckSlot, [&](nl::Span m) {
				const nlmsghdr *h = header(m);
				const uint32_t i = h->nlmsg_seq - base;
				if (h->nlmsg_type != NLMSG_ERROR || i >= count)
					return;
				if (int e = carried_error(h))
					results[first + i] = errno_code(e);
				answered++;
			});
			if (ec) {
				// Lost ACKs: report the unanswered rest as failed.
				for (size_t i = 0; i < count; i++)
					if (!results[first + i])
						results[first + i] = ec;
				break;
			}
		}
		first += count;
	}
	pending_.clear();
	starts_.clear();
	return results;
}

Expected<Info> Client::get_info()
{
	return collect_one(*this, nl::get_info(family_), nl::parse_info);
}

Expected<std::vector<Service>> Client::get_services()
{
	return collect(*this, nl::get_services(family_), nl::parse_service);
}

Expected<Service> Client::get_service(const Service &key)
{
	return collect_one(*this, nl::get_service(family_, key), nl::parse_service);
}

Expected<std::vector<Dest>> Client::get_dests(const Service &svc)
{
	return collect(*this, nl::get_dests(family_, svc),
		       [&](nl::Span m) { return nl::parse_dest(m, svc.af); });
}

Expected<Timeouts> Client::get_timeouts()
{
	// No reply leaves IPVS's zero timeouts, as 1.31 shows them.
	auto t = collect(*this, nl::get_timeouts(family_), nl::parse_timeouts, 1);
	if (!t)
		return t.error();
	return t->empty() ? Timeouts{} : t->front();
}

Expected<std::vector<Daemon>> Client::get_daemons()
{
	// Master and backup at most, as 1.31 keeps.
	return collect(*this, nl::get_daemons(family_), nl::parse_daemon, 2);
}

Expected<EventSocket> EventSocket::open()
{
	Expected<NlSock> socket = genl_socket();
	if (!socket)
		return socket.error();
	NlSock sk = std::move(*socket);
	const int family = genl_ctrl_resolve(sk.get(), LVS_GENL_NAME);
	if (family < 0)
		return errno_code(nlerr_errno(family));
	const int group = genl_ctrl_resolve_grp(sk.get(), LVS_GENL_NAME, LVS_GENL_MCGRP_EVENTS);
	if (group < 0)
		return errno_code(group == -NLE_OBJ_NOTFOUND ? EPROTONOSUPPORT : nlerr_errno(group));

	// Room for the burst of events a large -R makes (root may exceed
	// rmem_max); what still does not fit is reported as lost.
	const int fd = nl_socket_get_fd(sk.get());
	nl_socket_set_buffer_size(sk.get(), kRcvBuf, 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kRcvBuf, sizeof(kRcvBuf));
	// Read here, not by libnl: its sequence checks never see an event.
	if (int err = nl_socket_add_membership(sk.get(), group); err < 0)
		return errno_code(nlerr_errno(err));
	return EventSocket(std::move(sk), fd, family);
}

std::error_code EventSocket::read(const std::function<void(nl::Span)> &fn)
{
	// The datagram's whole length first, so none is ever read cut.
	ssize_t n = recv(fd_, nullptr, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	if (n < 0)
		return last_errno();
	if (buf_.size() < static_cast<size_t>(n))
		buf_.resize(std::max<size_t>(n, 8192));
	n = recv(fd_, buf_.data(), buf_.size(), MSG_DONTWAIT);
	if (n < 0)
		return last_errno();
	return split_datagram(buf_.data(), n, false, [&](nl::Span m) {
		// Only the family's messages: never a control message.
		if (reinterpret_cast<const nlmsghdr *>(m.data())->nlmsg_type == family_)
			fn(m);
	});
}

} // namespace ipvsadm
