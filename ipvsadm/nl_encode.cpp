// SPDX-License-Identifier: GPL-2.0
// Building IPVS requests: attributes written straight into the bytes that
// are sent (libnl's nl_msg would allocate and clear a page per request,
// which -R pays on every line).
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <string>

#include <lvs/ipvs.h>
#include <lvs/lvs.h>

#include "nl_codec.h"

namespace ipvsadm::nl {

namespace {

// As large as libnl's default message (a page), which 1.31's requests
// never come near: anything longer is an absurd string and fails.
constexpr size_t kMaxRequest = 4096;

// One request being built. A put that does not fit spoils the request;
// the caller learns it once, from bytes().
class Request {
public:
	Request(int family, uint8_t cmd, uint16_t flags, uint8_t version = IPVS_GENL_VERSION)
	{
		nlmsghdr h{};
		h.nlmsg_type = static_cast<uint16_t>(family);
		h.nlmsg_flags = flags | NLM_F_REQUEST | NLM_F_ACK;
		genlmsghdr g{};
		g.cmd = cmd;
		g.version = version;
		append(&h, sizeof(h));
		append(&g, sizeof(g));
	}

	void put(int type, const void *data, size_t len)
	{
		const size_t total = NLA_HDRLEN + len;
		if (error_ || len_ + NLA_ALIGN(total) > kMaxRequest) {
			error_ = ENOBUFS;
			return;
		}
		const nlattr a{ static_cast<uint16_t>(total), static_cast<uint16_t>(type) };
		append(&a, sizeof(a));
		append(data, len);
		const size_t pad = NLA_ALIGN(total) - total;
		std::memset(buf_ + len_, 0, pad);
		len_ += pad;
	}
	void put_u8(int type, uint8_t v) { put(type, &v, sizeof(v)); }
	void put_u16(int type, uint16_t v) { put(type, &v, sizeof(v)); }
	void put_u32(int type, uint32_t v) { put(type, &v, sizeof(v)); }
	void put_string(int type, const std::string &s) { put(type, s.c_str(), s.size() + 1); }

	// A nest around what fn puts.
	template <typename Fn>
	void nest(int type, Fn fn)
	{
		const size_t start = len_;
		put(type | NLA_F_NESTED, nullptr, 0);	// as libnl marks a nest
		fn();
		if (error_)
			return;
		const auto len = static_cast<uint16_t>(len_ - start);
		std::memcpy(buf_ + start, &len, sizeof(len));
	}

	Expected<Bytes> bytes()
	{
		if (error_)
			return errno_code(error_);
		const auto len = static_cast<uint32_t>(len_);
		std::memcpy(buf_, &len, sizeof(len));	// nlmsg_len
		return Bytes(buf_, buf_ + len_);
	}

private:
	// Only ever within kMaxRequest: put() checks before it appends.
	void append(const void *p, size_t n)
	{
		if (n)
			std::memcpy(buf_ + len_, p, n);
		len_ += n;
	}

	uint8_t buf_[kMaxRequest];
	size_t len_ = 0;
	int error_ = 0;
};

// The service key alone: what GET_DEST needs.
void put_service_key(Request &r, const Service &s)
{
	r.put_u16(IPVS_SVC_ATTR_AF, s.af);
	if (s.fwmark) {
		r.put_u32(IPVS_SVC_ATTR_FWMARK, s.fwmark);
	} else {
		r.put_u16(IPVS_SVC_ATTR_PROTOCOL, s.protocol);
		r.put(IPVS_SVC_ATTR_ADDR, s.addr.data(), 16);
		r.put_u16(IPVS_SVC_ATTR_PORT, htons(s.port));
	}
}

// The whole service, as 1.31 sends it for every service command.
void put_service(Request &r, const Service &s)
{
	r.nest(IPVS_CMD_ATTR_SERVICE, [&] {
		put_service_key(r, s);
		r.put_string(IPVS_SVC_ATTR_SCHED_NAME, s.sched_name);
		if (!s.pe_name.empty())
			r.put_string(IPVS_SVC_ATTR_PE_NAME, s.pe_name);
		// mask ~0: every flag is set to what the command says.
		const ip_vs_flags flags{s.flags, ~0u};
		r.put(IPVS_SVC_ATTR_FLAGS, &flags, sizeof(flags));
		r.put_u32(IPVS_SVC_ATTR_TIMEOUT, s.timeout);
		r.put_u32(IPVS_SVC_ATTR_NETMASK, s.netmask);
	});
}

// The real server's key alone: what a connection filter names it by.
void put_dest_key(Request &r, const Dest &d)
{
	r.put_u16(IPVS_DEST_ATTR_ADDR_FAMILY, d.af);
	r.put(IPVS_DEST_ATTR_ADDR, d.addr.data(), 16);
	r.put_u16(IPVS_DEST_ATTR_PORT, htons(d.port));
}

void put_dest(Request &r, const Dest &d)
{
	r.nest(IPVS_CMD_ATTR_DEST, [&] {
		put_dest_key(r, d);
		r.put_u32(IPVS_DEST_ATTR_FWD_METHOD, d.conn_flags & IP_VS_CONN_F_FWD_MASK);
		r.put_u32(IPVS_DEST_ATTR_WEIGHT, static_cast<uint32_t>(d.weight));
		r.put_u8(IPVS_DEST_ATTR_TUN_TYPE, d.tun_type);
		r.put_u16(IPVS_DEST_ATTR_TUN_PORT, htons(d.tun_port));
		r.put_u16(IPVS_DEST_ATTR_TUN_FLAGS, d.tun_flags);
		r.put_u32(IPVS_DEST_ATTR_U_THRESH, d.u_threshold);
		r.put_u32(IPVS_DEST_ATTR_L_THRESH, d.l_threshold);
	});
}

void put_daemon(Request &r, const Daemon &d, bool full)
{
	r.nest(IPVS_CMD_ATTR_DAEMON, [&] {
		r.put_u32(IPVS_DAEMON_ATTR_STATE, d.state);
		r.put_string(IPVS_DAEMON_ATTR_MCAST_IFN, d.mcast_ifn);
		r.put_u32(IPVS_DAEMON_ATTR_SYNC_ID, d.syncid);
		if (!full)
			return;
		// Only what was given: the kernel keeps its defaults otherwise.
		// Port and length go in host order, as 1.31 sends them.
		if (d.sync_maxlen)
			r.put_u16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.sync_maxlen);
		if (d.mcast_port)
			r.put_u16(IPVS_DAEMON_ATTR_MCAST_PORT, d.mcast_port);
		if (d.mcast_ttl)
			r.put_u8(IPVS_DAEMON_ATTR_MCAST_TTL, d.mcast_ttl);
		if (d.mcast_af == AF_INET6) {
			r.put(IPVS_DAEMON_ATTR_MCAST_GROUP6, d.mcast_group.data(), 16);
		} else if (d.mcast_af == AF_INET) {
			uint32_t g;
			std::memcpy(&g, d.mcast_group.data(), 4);
			r.put_u32(IPVS_DAEMON_ATTR_MCAST_GROUP, g);
		}
	});
}

// The filters of a connection request, each only when given (lvs.h).
Expected<Bytes> conn_request(int family, uint8_t cmd, uint16_t flags, const ConnFilter &f)
{
	Request r(family, cmd, flags, LVS_GENL_VERSION);
	if (f.service)
		r.nest(LVS_ATTR_SERVICE, [&] { put_service_key(r, *f.service); });
	if (f.dest)
		r.nest(LVS_ATTR_DEST, [&] { put_dest_key(r, *f.dest); });
	if (f.client_af) {
		r.put_u16(LVS_ATTR_CLIENT_AF, f.client_af);
		r.put(LVS_ATTR_CLIENT_ADDR, f.client.data(), f.client_af == AF_INET6 ? 16 : 4);
		r.put_u8(LVS_ATTR_CLIENT_PREFIX, f.client_prefix);
	}
	if (!f.state.empty())
		r.put_string(LVS_ATTR_CONN_STATE, f.state);
	if (f.templates)
		r.put(LVS_ATTR_TEMPLATES, nullptr, 0);
	return r.bytes();
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

Expected<Bytes> get_family_id(const char *name)
{
	Request r(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, 1);
	r.put_string(CTRL_ATTR_FAMILY_NAME, name);
	return r.bytes();
}

Expected<Bytes> get_conns(int family, const ConnFilter &f)
{
	return conn_request(family, LVS_CMD_GET_CONN, NLM_F_DUMP, f);
}

Expected<Bytes> del_conns(int family, const ConnFilter &f)
{
	return conn_request(family, LVS_CMD_DEL_CONN, 0, f);
}

Expected<Bytes> change_request(int family, uint8_t cmd, const Change &c)
{
	Request r(family, cmd, 0);
	if (c.service)
		put_service(r, *c.service);
	if (c.dest)
		put_dest(r, *c.dest);
	if (c.timeouts) {
		r.put_u32(IPVS_CMD_ATTR_TIMEOUT_TCP, c.timeouts->tcp);
		r.put_u32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, c.timeouts->tcp_fin);
		r.put_u32(IPVS_CMD_ATTR_TIMEOUT_UDP, c.timeouts->udp);
	}
	if (c.daemon)
		put_daemon(r, *c.daemon, !c.daemon_key_only);
	return r.bytes();
}

} // namespace ipvsadm::nl
