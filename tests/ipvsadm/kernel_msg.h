// SPDX-License-Identifier: GPL-2.0
// Messages as the kernel sends them (IPVS replies, lvs.ko's events), built
// with libnl so the decoder under test is not also the encoder.
#pragma once

#include <arpa/inet.h>
#include <cstring>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <lvs/ipvs.h>

#include "model.h"
#include "nl_codec.h"

namespace ipvsadm::test {

class KernelMsg {
public:
	explicit KernelMsg(uint8_t cmd, int family = 0x2a, uint8_t version = IPVS_GENL_VERSION)
	{
		genlmsg_put(m, 0, 0, family, 0, 0, cmd, version);
	}
	KernelMsg(KernelMsg &&o) noexcept : m(o.m) { o.m = nullptr; }
	KernelMsg &operator=(KernelMsg &&) = delete;
	~KernelMsg()
	{
		if (m)
			nlmsg_free(m);
	}

	nl::Bytes bytes() const
	{
		const nlmsghdr *h = nlmsg_hdr(m);
		const auto *p = reinterpret_cast<const uint8_t *>(h);
		return nl::Bytes(p, p + h->nlmsg_len);
	}

	// The counters nest TYPE, 64-bit: BASE + the attribute number each.
	void put_stats64(int type, uint64_t base)
	{
		nlattr *n = nla_nest_start(m, type);
		for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++)
			nla_put_u64(m, i, base + i);
		nla_nest_end(m, n);
	}

	// The counters nest TYPE, 64-bit, holding ST.
	void put_stats64(int type, const Stats &st)
	{
		const uint64_t v[] = { st.conns, st.inpkts, st.outpkts, st.inbytes, st.outbytes,
				       st.cps, st.inpps, st.outpps, st.inbps, st.outbps };
		nlattr *n = nla_nest_start(m, type);
		for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++)
			nla_put_u64(m, i, v[i - IPVS_STATS_ATTR_CONNS]);
		nla_nest_end(m, n);
	}

	// The nests as ip_vs's fill functions write them.
	void put_service(int type, const Service &s)
	{
		nlattr *n = nla_nest_start(m, type);
		nla_put_u16(m, IPVS_SVC_ATTR_AF, s.af);
		if (s.fwmark) {
			nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s.fwmark);
		} else {
			nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, s.protocol);
			nla_put(m, IPVS_SVC_ATTR_ADDR, 16, s.addr.data());
			nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s.port));
		}
		nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s.sched_name.c_str());
		if (!s.pe_name.empty())
			nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, s.pe_name.c_str());
		const ip_vs_flags f{s.flags, ~0u};
		nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f);
		nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s.timeout);
		nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, s.netmask);
		put_stats64(IPVS_SVC_ATTR_STATS64, s.stats);
		nla_nest_end(m, n);
	}

	void put_dest(int type, const Dest &d)
	{
		nlattr *n = nla_nest_start(m, type);
		nla_put(m, IPVS_DEST_ATTR_ADDR, 16, d.addr.data());
		nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d.port));
		nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD, d.conn_flags & IP_VS_CONN_F_FWD_MASK);
		nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, static_cast<uint32_t>(d.weight));
		nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, d.tun_type);
		nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT, htons(d.tun_port));
		nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS, d.tun_flags);
		nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d.u_threshold);
		nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d.l_threshold);
		nla_put_u32(m, IPVS_DEST_ATTR_ACTIVE_CONNS, d.activeconns);
		nla_put_u32(m, IPVS_DEST_ATTR_INACT_CONNS, d.inactconns);
		nla_put_u32(m, IPVS_DEST_ATTR_PERSIST_CONNS, d.persistconns);
		nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, d.af);
		put_stats64(IPVS_DEST_ATTR_STATS64, d.stats);
		nla_nest_end(m, n);
	}

	// STATE_ONLY: what a daemon's stop carries.
	void put_daemon(int type, const Daemon &d, bool state_only = false)
	{
		nlattr *n = nla_nest_start(m, type);
		nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d.state);
		if (!state_only) {
			nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, d.mcast_ifn.c_str());
			nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d.syncid);
			nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.sync_maxlen);
			nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, d.mcast_port);
			nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d.mcast_ttl);
			if (d.mcast_af == AF_INET6) {
				nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, d.mcast_group.data());
			} else if (d.mcast_af == AF_INET) {
				uint32_t g;
				std::memcpy(&g, d.mcast_group.data(), 4);
				nla_put_u32(m, IPVS_DAEMON_ATTR_MCAST_GROUP, g);
			}
		}
		nla_nest_end(m, n);
	}

	nl_msg *m = nlmsg_alloc();
};

} // namespace ipvsadm::test
