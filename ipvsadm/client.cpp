// SPDX-License-Identifier: GPL-2.0
#include "client.h"

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

#include <lvs/ipvs.h>

namespace ipvsadm {

namespace {

// Requests per sendmsg. Each success ACK costs the receive queue roughly a
// small skb; this many fit the default buffer with a wide margin.
constexpr size_t kBatch = 128;
constexpr int kRcvBuf = 4 << 20;

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

} // namespace

void Client::SockFree::operator()(nl_sock *sk) const
{
	nl_socket_free(sk);
}

Expected<Client> Client::connect()
{
	Sock sk(nl_socket_alloc());
	if (!sk)
		return errno_code(ENOMEM);
	errno = 0;
	if (genl_connect(sk.get()) < 0)
		return last_errno();
	const int family = genl_ctrl_resolve(sk.get(), IPVS_GENL_NAME);
	if (family < 0)
		return errno_code(ENOENT);
	// Room for a whole batch of ACKs and big dumps; root may exceed rmem_max.
	nl_socket_set_buffer_size(sk.get(), kRcvBuf, 0);
	const int fd = nl_socket_get_fd(sk.get());
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kRcvBuf, sizeof(kRcvBuf));
	// Error ACKs need not echo our request back.
	const int one = 1;
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_enable_msg_peek(sk.get());

	Client c(std::move(sk), family);
	c.seq_ = static_cast<uint32_t>(time(nullptr));
	return c;
}

std::error_code Client::receive(const std::function<void(nl::Span)> &fn)
{
	sockaddr_nl peer{};
	unsigned char *raw = nullptr;
	errno = 0;
	const int n = nl_recv(sk_.get(), &peer, &raw, nullptr);
	const std::unique_ptr<unsigned char, decltype(&free)> buf(raw, free);
	if (n <= 0)
		return last_errno();
	int left = n;
	for (auto *h = reinterpret_cast<nlmsghdr *>(buf.get()); nlmsg_ok(h, left);
	     h = nlmsg_next(h, &left))
		fn(nl::Span(reinterpret_cast<const uint8_t *>(h), h->nlmsg_len));
	return {};
}

std::error_code Client::transact(nl::Bytes request, const ReplyFn &on_reply)
{
	const uint32_t seq = ++seq_;
	header(request)->nlmsg_seq = seq;
	if (nl_sendto(sk_.get(), request.data(), request.size()) < 0)
		return last_errno();

	bool done = false;
	std::error_code result;
	while (!done) {
		std::error_code ec = receive([&](nl::Span m) {
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

std::vector<std::error_code> Client::flush()
{
	std::vector<std::error_code> results(queued_.size());
	for (size_t first = 0; first < queued_.size(); first += kBatch) {
		const size_t count = std::min(kBatch, queued_.size() - first);
		const uint32_t base = seq_ + 1;
		seq_ += count;

		nl::Bytes batch;
		for (size_t i = 0; i < count; i++) {
			nl::Bytes &req = queued_[first + i];
			header(req)->nlmsg_seq = base + i;
			// Messages in one datagram are 4-byte aligned already.
			batch.insert(batch.end(), req.begin(), req.end());
		}
		if (nl_sendto(sk_.get(), batch.data(), batch.size()) < 0) {
			const std::error_code ec = last_errno();
			for (size_t i = 0; i < count; i++)
				results[first + i] = ec;
			continue;
		}

		size_t answered = 0;
		while (answered < count) {
			std::error_code ec = receive([&](nl::Span m) {
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
	}
	queued_.clear();
	return results;
}

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

} // namespace ipvsadm
