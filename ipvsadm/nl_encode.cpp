// SPDX-License-Identifier: GPL-2.0
// Building IPVS requests with libnl's attribute helpers into plain bytes.
#include <arpa/inet.h>
#include <cstring>
#include <memory>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <stdexcept>

#include <lvs/ipvs.h>

#include "nl_codec.h"

namespace ipvsadm::nl {

namespace {

struct MsgFree {
	void operator()(nl_msg *m) const { nlmsg_free(m); }
};
using Msg = std::unique_ptr<nl_msg, MsgFree>;

// nla_put fails only when the message buffer is full, which a page-sized
// message with these few attributes never is.
void check(int rc)
{
	if (rc < 0)
		throw std::length_error("netlink message overflow");
}

Msg start(int family, uint8_t cmd, int flags)
{
	Msg m(nlmsg_alloc());
	if (!m)
		throw std::bad_alloc();
	if (!genlmsg_put(m.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
			 cmd, IPVS_GENL_VERSION))
		throw std::length_error("netlink message overflow");
	return m;
}

Bytes finish(Msg m)
{
	nlmsghdr *h = nlmsg_hdr(m.get());
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	const auto *p = reinterpret_cast<const uint8_t *>(h);
	return Bytes(p, p + h->nlmsg_len);
}

// The service key alone: what GET_DEST needs.
void put_service_key(nl_msg *m, const Service &s)
{
	check(nla_put_u16(m, IPVS_SVC_ATTR_AF, s.af));
	if (s.fwmark) {
		check(nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s.fwmark));
	} else {
		check(nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s.protocol));
		check(nla_put(m, IPVS_SVC_ATTR_ADDR, 16, s.addr.data()));
		check(nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s.port)));
	}
}

// The whole service, as 1.31 sends it for every service command.
void put_service(nl_msg *m, const Service &s)
{
	nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
	if (!nest)
		throw std::length_error("netlink message overflow");
	put_service_key(m, s);
	check(nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s.sched_name.c_str()));
	if (!s.pe_name.empty())
		check(nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, s.pe_name.c_str()));
	// mask ~0: every flag is set to what the command says.
	const ip_vs_flags flags{s.flags, ~0u};
	check(nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags));
	check(nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s.timeout));
	check(nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, s.netmask));
	nla_nest_end(m, nest);
}

void put_dest(nl_msg *m, const Dest &d)
{
	nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	if (!nest)
		throw std::length_error("netlink message overflow");
	check(nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, d.af));
	check(nla_put(m, IPVS_DEST_ATTR_ADDR, 16, d.addr.data()));
	check(nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d.port)));
	check(nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD, d.conn_flags & IP_VS_CONN_F_FWD_MASK));
	check(nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, static_cast<uint32_t>(d.weight)));
	check(nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, d.tun_type));
	check(nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT, htons(d.tun_port)));
	check(nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS, d.tun_flags));
	check(nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d.u_threshold));
	check(nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d.l_threshold));
	nla_nest_end(m, nest);
}

void put_daemon(nl_msg *m, const Daemon &d, bool full)
{
	nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_DAEMON);
	if (!nest)
		throw std::length_error("netlink message overflow");
	check(nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d.state));
	check(nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, d.mcast_ifn.c_str()));
	check(nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d.syncid));
	if (full) {
		// Only what was given: the kernel keeps its defaults otherwise.
		// Port and length go in host order, as 1.31 sends them.
		if (d.sync_maxlen)
			check(nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.sync_maxlen));
		if (d.mcast_port)
			check(nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, d.mcast_port));
		if (d.mcast_ttl)
			check(nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d.mcast_ttl));
		if (d.mcast_af == AF_INET6) {
			check(nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, d.mcast_group.data()));
		} else if (d.mcast_af == AF_INET) {
			uint32_t g;
			std::memcpy(&g, d.mcast_group.data(), 4);
			check(nla_put_u32(m, IPVS_DAEMON_ATTR_MCAST_GROUP, g));
		}
	}
	nla_nest_end(m, nest);
}

bool service_given(const Service &s)
{
	static const Addr zero{};
	return s.fwmark || s.addr != zero || s.port;
}

} // namespace

Bytes get_info(int family)
{
	return finish(start(family, IPVS_CMD_GET_INFO, 0));
}

Bytes get_services(int family)
{
	return finish(start(family, IPVS_CMD_GET_SERVICE, NLM_F_DUMP));
}

Bytes get_service(int family, const Service &key)
{
	Msg m = start(family, IPVS_CMD_GET_SERVICE, 0);
	put_service(m.get(), key);
	return finish(std::move(m));
}

Bytes get_dests(int family, const Service &key)
{
	Msg m = start(family, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	nlattr *nest = nla_nest_start(m.get(), IPVS_CMD_ATTR_SERVICE);
	if (!nest)
		throw std::length_error("netlink message overflow");
	put_service_key(m.get(), key);
	nla_nest_end(m.get(), nest);
	return finish(std::move(m));
}

Bytes get_timeouts(int family)
{
	return finish(start(family, IPVS_CMD_GET_CONFIG, 0));
}

Bytes get_daemons(int family)
{
	return finish(start(family, IPVS_CMD_GET_DAEMON, NLM_F_DUMP));
}

Bytes command_request(int family, const Command &c)
{
	Msg m;
	switch (c.cmd) {
	case Cmd::Flush:
		return finish(start(family, IPVS_CMD_FLUSH, 0));
	case Cmd::Add:
	case Cmd::Edit:
	case Cmd::Del:
		m = start(family, c.cmd == Cmd::Add ? IPVS_CMD_NEW_SERVICE :
				  c.cmd == Cmd::Edit ? IPVS_CMD_SET_SERVICE :
						       IPVS_CMD_DEL_SERVICE, 0);
		put_service(m.get(), c.svc);
		break;
	case Cmd::Zero:
		// No service means every counter.
		m = start(family, IPVS_CMD_ZERO, 0);
		if (service_given(c.svc))
			put_service(m.get(), c.svc);
		break;
	case Cmd::AddDest:
	case Cmd::EditDest:
	case Cmd::DelDest:
		m = start(family, c.cmd == Cmd::AddDest ? IPVS_CMD_NEW_DEST :
				  c.cmd == Cmd::EditDest ? IPVS_CMD_SET_DEST :
							   IPVS_CMD_DEL_DEST, 0);
		put_service(m.get(), c.svc);
		put_dest(m.get(), c.dest);
		break;
	case Cmd::Timeout:
		m = start(family, IPVS_CMD_SET_CONFIG, 0);
		check(nla_put_u32(m.get(), IPVS_CMD_ATTR_TIMEOUT_TCP, c.timeout.tcp));
		check(nla_put_u32(m.get(), IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, c.timeout.tcp_fin));
		check(nla_put_u32(m.get(), IPVS_CMD_ATTR_TIMEOUT_UDP, c.timeout.udp));
		break;
	case Cmd::StartDaemon:
	case Cmd::StopDaemon: {
		const bool start_ = c.cmd == Cmd::StartDaemon;
		m = start(family, start_ ? IPVS_CMD_NEW_DAEMON : IPVS_CMD_DEL_DAEMON, 0);
		put_daemon(m.get(), c.daemon, start_);
		break;
	}
	default:
		throw std::invalid_argument("not a state-changing command");
	}
	return finish(std::move(m));
}

} // namespace ipvsadm::nl
