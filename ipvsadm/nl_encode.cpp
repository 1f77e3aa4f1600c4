// SPDX-License-Identifier: GPL-2.0
// Building IPVS requests with libnl's attribute helpers into plain bytes.
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

#include <lvs/ipvs.h>

#include "nl_codec.h"

namespace ipvsadm::nl {

namespace {

struct MsgFree {
	void operator()(nl_msg *m) const { nlmsg_free(m); }
};

// One request being built. A put that does not fit (only an absurd string
// could make one overflow the page-sized message) spoils the request; the
// caller learns it once, from bytes().
class Request {
public:
	Request(int family, uint8_t cmd, int flags) : m_(nlmsg_alloc())
	{
		if (!m_) {
			error_ = ENOMEM;
			return;
		}
		if (!genlmsg_put(m_.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
				 cmd, IPVS_GENL_VERSION))
			error_ = ENOBUFS;
	}

	nl_msg *get() const { return m_.get(); }
	bool ok() const { return !error_; }

	// Records the result of one nla_put*.
	void check(int rc)
	{
		if (rc < 0 && !error_)
			error_ = ENOBUFS;
	}

	// A nest around what fn puts.
	template <typename Fn>
	void nest(int type, Fn fn)
	{
		if (error_)
			return;
		nlattr *n = nla_nest_start(m_.get(), type);
		if (!n) {
			error_ = ENOBUFS;
			return;
		}
		fn();
		if (!error_)
			nla_nest_end(m_.get(), n);
	}

	Expected<Bytes> bytes() const
	{
		if (error_)
			return errno_code(error_);
		nlmsghdr *h = nlmsg_hdr(m_.get());
		h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
		const auto *p = reinterpret_cast<const uint8_t *>(h);
		return Bytes(p, p + h->nlmsg_len);
	}

private:
	std::unique_ptr<nl_msg, MsgFree> m_;
	int error_ = 0;
};

// The service key alone: what GET_DEST needs.
void put_service_key(Request &r, const Service &s)
{
	nl_msg *m = r.get();
	r.check(nla_put_u16(m, IPVS_SVC_ATTR_AF, s.af));
	if (s.fwmark) {
		r.check(nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s.fwmark));
	} else {
		r.check(nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s.protocol));
		r.check(nla_put(m, IPVS_SVC_ATTR_ADDR, 16, s.addr.data()));
		r.check(nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s.port)));
	}
}

// The whole service, as 1.31 sends it for every service command.
void put_service(Request &r, const Service &s)
{
	nl_msg *m = r.get();
	r.nest(IPVS_CMD_ATTR_SERVICE, [&] {
		put_service_key(r, s);
		r.check(nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s.sched_name.c_str()));
		if (!s.pe_name.empty())
			r.check(nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, s.pe_name.c_str()));
		// mask ~0: every flag is set to what the command says.
		const ip_vs_flags flags{s.flags, ~0u};
		r.check(nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags));
		r.check(nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s.timeout));
		r.check(nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, s.netmask));
	});
}

void put_dest(Request &r, const Dest &d)
{
	nl_msg *m = r.get();
	r.nest(IPVS_CMD_ATTR_DEST, [&] {
		r.check(nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, d.af));
		r.check(nla_put(m, IPVS_DEST_ATTR_ADDR, 16, d.addr.data()));
		r.check(nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d.port)));
		r.check(nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD,
				    d.conn_flags & IP_VS_CONN_F_FWD_MASK));
		r.check(nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, static_cast<uint32_t>(d.weight)));
		r.check(nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, d.tun_type));
		r.check(nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT, htons(d.tun_port)));
		r.check(nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS, d.tun_flags));
		r.check(nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d.u_threshold));
		r.check(nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d.l_threshold));
	});
}

void put_daemon(Request &r, const Daemon &d, bool full)
{
	nl_msg *m = r.get();
	r.nest(IPVS_CMD_ATTR_DAEMON, [&] {
		r.check(nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d.state));
		r.check(nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, d.mcast_ifn.c_str()));
		r.check(nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d.syncid));
		if (!full)
			return;
		// Only what was given: the kernel keeps its defaults otherwise.
		// Port and length go in host order, as 1.31 sends them.
		if (d.sync_maxlen)
			r.check(nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.sync_maxlen));
		if (d.mcast_port)
			r.check(nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, d.mcast_port));
		if (d.mcast_ttl)
			r.check(nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d.mcast_ttl));
		if (d.mcast_af == AF_INET6) {
			r.check(nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, d.mcast_group.data()));
		} else if (d.mcast_af == AF_INET) {
			uint32_t g;
			std::memcpy(&g, d.mcast_group.data(), 4);
			r.check(nla_put_u32(m, IPVS_DAEMON_ATTR_MCAST_GROUP, g));
		}
	});
}

} // namespace

Expected<Bytes> get_info(int family)
{
	return Request(family, IPVS_CMD_GET_INFO, 0).bytes();
}

Expected<Bytes> get_services(int family)
{
	return Request(family, IPVS_CMD_GET_SERVICE, NLM_F_DUMP).bytes();
}

Expected<Bytes> get_service(int family, const Service &key)
{
	Request r(family, IPVS_CMD_GET_SERVICE, 0);
	put_service(r, key);
	return r.bytes();
}

Expected<Bytes> get_dests(int family, const Service &key)
{
	Request r(family, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	r.nest(IPVS_CMD_ATTR_SERVICE, [&] { put_service_key(r, key); });
	return r.bytes();
}

Expected<Bytes> get_timeouts(int family)
{
	return Request(family, IPVS_CMD_GET_CONFIG, 0).bytes();
}

Expected<Bytes> get_daemons(int family)
{
	return Request(family, IPVS_CMD_GET_DAEMON, NLM_F_DUMP).bytes();
}

Expected<Bytes> change_request(int family, uint8_t cmd, const Change &c)
{
	Request r(family, cmd, 0);
	if (c.service)
		put_service(r, *c.service);
	if (c.dest)
		put_dest(r, *c.dest);
	if (c.timeouts) {
		r.check(nla_put_u32(r.get(), IPVS_CMD_ATTR_TIMEOUT_TCP, c.timeouts->tcp));
		r.check(nla_put_u32(r.get(), IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, c.timeouts->tcp_fin));
		r.check(nla_put_u32(r.get(), IPVS_CMD_ATTR_TIMEOUT_UDP, c.timeouts->udp));
	}
	if (c.daemon)
		put_daemon(r, *c.daemon, !c.daemon_key_only);
	return r.bytes();
}

} // namespace ipvsadm::nl
