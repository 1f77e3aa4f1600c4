// SPDX-License-Identifier: GPL-2.0
// Taking IPVS replies and lvs.ko's events apart, with attribute policies so
// a malformed message is an error rather than a misread.
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netlink/attr.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <lvs/ipvs.h>
#include <lvs/lvs.h>

#include "nl_codec.h"

namespace ipvsadm::nl {

namespace {

nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1];
nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1];
nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1];
nla_policy stats_policy[IPVS_STATS_ATTR_MAX + 1];
nla_policy stats64_policy[IPVS_STATS_ATTR_MAX + 1];
nla_policy info_policy[IPVS_INFO_ATTR_MAX + 1];
nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1];
nla_policy event_policy[LVS_ATTR_MAX + 1];

// lvs.ko's events carry the IPVS nests under the same numbers (lvs.h).
constexpr bool same(int a, int b) { return a == b; }
static_assert(same(LVS_ATTR_SERVICE, IPVS_CMD_ATTR_SERVICE) &&
	      same(LVS_ATTR_DEST, IPVS_CMD_ATTR_DEST) &&
	      same(LVS_ATTR_DAEMON, IPVS_CMD_ATTR_DAEMON) &&
	      same(LVS_ATTR_TIMEOUT_TCP, IPVS_CMD_ATTR_TIMEOUT_TCP) &&
	      same(LVS_ATTR_TIMEOUT_TCP_FIN, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN) &&
	      same(LVS_ATTR_TIMEOUT_UDP, IPVS_CMD_ATTR_TIMEOUT_UDP));

nla_policy typed(uint16_t type, uint16_t minlen = 0, uint16_t maxlen = 0)
{
	nla_policy p{};
	p.type = type;
	p.minlen = minlen;
	p.maxlen = maxlen;
	return p;
}

// Filled once; the arrays are what libnl's parse functions take.
const bool policies_ready = [] {
	cmd_policy[IPVS_CMD_ATTR_SERVICE] = typed(NLA_NESTED);
	cmd_policy[IPVS_CMD_ATTR_DEST] = typed(NLA_NESTED);
	cmd_policy[IPVS_CMD_ATTR_DAEMON] = typed(NLA_NESTED);
	cmd_policy[IPVS_CMD_ATTR_TIMEOUT_TCP] = typed(NLA_U32);
	cmd_policy[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = typed(NLA_U32);
	cmd_policy[IPVS_CMD_ATTR_TIMEOUT_UDP] = typed(NLA_U32);

	svc_policy[IPVS_SVC_ATTR_AF] = typed(NLA_U16);
	svc_policy[IPVS_SVC_ATTR_PROTOCOL] = typed(NLA_U16);
	svc_policy[IPVS_SVC_ATTR_ADDR] = typed(NLA_UNSPEC, 4, 16);
	svc_policy[IPVS_SVC_ATTR_PORT] = typed(NLA_U16);
	svc_policy[IPVS_SVC_ATTR_FWMARK] = typed(NLA_U32);
	svc_policy[IPVS_SVC_ATTR_SCHED_NAME] = typed(NLA_STRING, 0, IP_VS_SCHEDNAME_MAXLEN);
	svc_policy[IPVS_SVC_ATTR_FLAGS] = typed(NLA_UNSPEC, sizeof(ip_vs_flags), sizeof(ip_vs_flags));
	svc_policy[IPVS_SVC_ATTR_TIMEOUT] = typed(NLA_U32);
	svc_policy[IPVS_SVC_ATTR_NETMASK] = typed(NLA_U32);
	svc_policy[IPVS_SVC_ATTR_STATS] = typed(NLA_NESTED);
	svc_policy[IPVS_SVC_ATTR_PE_NAME] = typed(NLA_STRING, 0, IP_VS_PENAME_MAXLEN);
	svc_policy[IPVS_SVC_ATTR_STATS64] = typed(NLA_NESTED);

	dest_policy[IPVS_DEST_ATTR_ADDR] = typed(NLA_UNSPEC, 4, 16);
	dest_policy[IPVS_DEST_ATTR_PORT] = typed(NLA_U16);
	dest_policy[IPVS_DEST_ATTR_FWD_METHOD] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_WEIGHT] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_U_THRESH] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_L_THRESH] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_ACTIVE_CONNS] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_INACT_CONNS] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_PERSIST_CONNS] = typed(NLA_U32);
	dest_policy[IPVS_DEST_ATTR_STATS] = typed(NLA_NESTED);
	dest_policy[IPVS_DEST_ATTR_ADDR_FAMILY] = typed(NLA_U16);
	dest_policy[IPVS_DEST_ATTR_STATS64] = typed(NLA_NESTED);
	dest_policy[IPVS_DEST_ATTR_TUN_TYPE] = typed(NLA_U8);
	dest_policy[IPVS_DEST_ATTR_TUN_PORT] = typed(NLA_U16);
	dest_policy[IPVS_DEST_ATTR_TUN_FLAGS] = typed(NLA_U16);

	// 32-bit counters except the byte counts; all 64-bit in STATS64.
	for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
		stats_policy[i] = typed(NLA_U32);
		stats64_policy[i] = typed(NLA_U64);
	}
	stats_policy[IPVS_STATS_ATTR_INBYTES] = typed(NLA_U64);
	stats_policy[IPVS_STATS_ATTR_OUTBYTES] = typed(NLA_U64);

	info_policy[IPVS_INFO_ATTR_VERSION] = typed(NLA_U32);
	info_policy[IPVS_INFO_ATTR_CONN_TAB_SIZE] = typed(NLA_U32);

	daemon_policy[IPVS_DAEMON_ATTR_STATE] = typed(NLA_U32);
	daemon_policy[IPVS_DAEMON_ATTR_MCAST_IFN] = typed(NLA_STRING, 0, IP_VS_IFNAME_MAXLEN);
	daemon_policy[IPVS_DAEMON_ATTR_SYNC_ID] = typed(NLA_U32);
	daemon_policy[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = typed(NLA_U16);
	daemon_policy[IPVS_DAEMON_ATTR_MCAST_GROUP] = typed(NLA_U32);
	daemon_policy[IPVS_DAEMON_ATTR_MCAST_GROUP6] = typed(NLA_UNSPEC, 16, 16);
	daemon_policy[IPVS_DAEMON_ATTR_MCAST_PORT] = typed(NLA_U16);
	daemon_policy[IPVS_DAEMON_ATTR_MCAST_TTL] = typed(NLA_U8);

	for (int i = LVS_ATTR_SERVICE; i <= LVS_ATTR_TIMEOUT_UDP; i++)
		event_policy[i] = cmd_policy[i];
	event_policy[LVS_ATTR_VERSION] = typed(NLA_U32);
	event_policy[LVS_ATTR_REVIVED] = typed(NLA_FLAG);
	event_policy[LVS_ATTR_DEST_STATE] = typed(NLA_U32);
	return true;
}();

const std::error_code kInvalid = errno_code(EINVAL);

// An attribute stream into tb[type], checked against policy as libnl's
// nla_parse checks it (same lengths, strings NUL-terminated), without a
// library call per attribute: a listing reads ~60 attributes a server.
size_t type_minlen(uint16_t type)
{
	switch (type) {
	case NLA_U8: return 1;
	case NLA_U16: return 2;
	case NLA_U32: return 4;
	case NLA_U64: return 8;
	case NLA_STRING: return 1;
	default: return 0;
	}
}

bool parse_attrs(nlattr **tb, int max, const uint8_t *p, size_t len, const nla_policy *policy)
{
	std::fill(tb, tb + max + 1, nullptr);
	while (len >= NLA_HDRLEN) {
		auto *a = reinterpret_cast<nlattr *>(const_cast<uint8_t *>(p));
		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			break;	// the rest is not a whole attribute: ignored
		const int type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max) {
			const nla_policy &pt = policy[type];
			const size_t payload = a->nla_len - NLA_HDRLEN;
			const size_t minlen = pt.minlen ? pt.minlen : type_minlen(pt.type);
			if (payload < minlen || (pt.maxlen && payload > pt.maxlen))
				return false;
			if (pt.type == NLA_STRING && p[a->nla_len - 1] != '\0')
				return false;
			tb[type] = a;
		}
		const size_t step = NLA_ALIGN(a->nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return true;
}

bool parse_nested(nlattr **tb, int max, const nlattr *nest, const nla_policy *policy)
{
	return parse_attrs(tb, max, reinterpret_cast<const uint8_t *>(nest) + NLA_HDRLEN,
			   nest->nla_len - NLA_HDRLEN, policy);
}

template <typename T>
T nl_get(const nlattr *a)
{
	T v;
	std::memcpy(&v, reinterpret_cast<const uint8_t *>(a) + NLA_HDRLEN, sizeof(v));
	return v;
}

// The top-level attributes of one genl message, after checking it is whole.
bool parse_top(Span msg, nlattr **tb, int max, nla_policy *policy)
{
	(void)policies_ready;
	if (msg.size() < NLMSG_HDRLEN + GENL_HDRLEN)
		return false;
	auto *h = reinterpret_cast<const nlmsghdr *>(msg.data());
	if (h->nlmsg_len > msg.size() || h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return false;
	return parse_attrs(tb, max, msg.data() + NLMSG_HDRLEN + GENL_HDRLEN,
			   h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, policy);
}

std::string get_string(const nlattr *a)
{
	// NLA_STRING need not be NUL-terminated; stop at the attribute's end.
	const char *p = static_cast<const char *>(nla_data(a));
	return std::string(p, strnlen(p, nla_len(a)));
}

void get_addr(const nlattr *a, Addr &out)
{
	out = Addr{};
	std::memcpy(out.data(), nla_data(a), std::min<size_t>(nla_len(a), 16));
}

bool parse_stats(nlattr *nest, bool wide, Stats &st)
{
	nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	if (!parse_nested(tb, IPVS_STATS_ATTR_MAX, nest, wide ? stats64_policy : stats_policy))
		return false;
	for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++)
		if (!tb[i])
			return false;
	auto get = [&](int i) -> uint64_t {
		if (wide || i == IPVS_STATS_ATTR_INBYTES || i == IPVS_STATS_ATTR_OUTBYTES)
			return nl_get<uint64_t>(tb[i]);
		return nl_get<uint32_t>(tb[i]);
	};
	st.conns = get(IPVS_STATS_ATTR_CONNS);
	st.inpkts = get(IPVS_STATS_ATTR_INPKTS);
	st.outpkts = get(IPVS_STATS_ATTR_OUTPKTS);
	st.inbytes = get(IPVS_STATS_ATTR_INBYTES);
	st.outbytes = get(IPVS_STATS_ATTR_OUTBYTES);
	st.cps = get(IPVS_STATS_ATTR_CPS);
	st.inpps = get(IPVS_STATS_ATTR_INPPS);
	st.outpps = get(IPVS_STATS_ATTR_OUTPPS);
	st.inbps = get(IPVS_STATS_ATTR_INBPS);
	st.outbps = get(IPVS_STATS_ATTR_OUTBPS);
	return true;
}

// Prefer the 64-bit counters; older kernels only send the 32-bit ones.
bool parse_any_stats(nlattr *s32, nlattr *s64, Stats &st)
{
	if (s64)
		return parse_stats(s64, true, st);
	if (s32)
		return parse_stats(s32, false, st);
	return true;
}

// The IPVS nests, read on their own: lvs.ko's events (lvs.h) carry them too.
bool service_from(const nlattr *nest, Service &s)
{
	nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	if (!parse_nested(a, IPVS_SVC_ATTR_MAX, nest, svc_policy))
		return false;
	const bool keyed = a[IPVS_SVC_ATTR_FWMARK] ||
			   (a[IPVS_SVC_ATTR_PROTOCOL] && a[IPVS_SVC_ATTR_ADDR] && a[IPVS_SVC_ATTR_PORT]);
	if (!a[IPVS_SVC_ATTR_AF] || !keyed || !a[IPVS_SVC_ATTR_SCHED_NAME] ||
	    !a[IPVS_SVC_ATTR_NETMASK] || !a[IPVS_SVC_ATTR_TIMEOUT] || !a[IPVS_SVC_ATTR_FLAGS])
		return false;

	s.af = nl_get<uint16_t>(a[IPVS_SVC_ATTR_AF]);
	if (a[IPVS_SVC_ATTR_FWMARK]) {
		s.fwmark = nl_get<uint32_t>(a[IPVS_SVC_ATTR_FWMARK]);
	} else {
		s.protocol = nl_get<uint16_t>(a[IPVS_SVC_ATTR_PROTOCOL]);
		get_addr(a[IPVS_SVC_ATTR_ADDR], s.addr);
		s.port = ntohs(nl_get<uint16_t>(a[IPVS_SVC_ATTR_PORT]));
	}
	s.sched_name = get_string(a[IPVS_SVC_ATTR_SCHED_NAME]);
	if (a[IPVS_SVC_ATTR_PE_NAME])
		s.pe_name = get_string(a[IPVS_SVC_ATTR_PE_NAME]);
	s.netmask = nl_get<uint32_t>(a[IPVS_SVC_ATTR_NETMASK]);
	s.timeout = nl_get<uint32_t>(a[IPVS_SVC_ATTR_TIMEOUT]);
	ip_vs_flags flags;
	std::memcpy(&flags, nla_data(a[IPVS_SVC_ATTR_FLAGS]), sizeof(flags));
	s.flags = flags.flags & flags.mask;
	return parse_any_stats(a[IPVS_SVC_ATTR_STATS], a[IPVS_SVC_ATTR_STATS64], s.stats);
}

bool dest_from(const nlattr *nest, uint16_t service_af, Dest &d)
{
	nlattr *a[IPVS_DEST_ATTR_MAX + 1];
	if (!parse_nested(a, IPVS_DEST_ATTR_MAX, nest, dest_policy))
		return false;
	for (int i : {IPVS_DEST_ATTR_ADDR, IPVS_DEST_ATTR_PORT, IPVS_DEST_ATTR_FWD_METHOD,
		      IPVS_DEST_ATTR_WEIGHT, IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH,
		      IPVS_DEST_ATTR_ACTIVE_CONNS, IPVS_DEST_ATTR_INACT_CONNS,
		      IPVS_DEST_ATTR_PERSIST_CONNS})
		if (!a[i])
			return false;

	get_addr(a[IPVS_DEST_ATTR_ADDR], d.addr);
	d.port = ntohs(nl_get<uint16_t>(a[IPVS_DEST_ATTR_PORT]));
	d.conn_flags = nl_get<uint32_t>(a[IPVS_DEST_ATTR_FWD_METHOD]);
	d.weight = static_cast<int32_t>(nl_get<uint32_t>(a[IPVS_DEST_ATTR_WEIGHT]));
	if (a[IPVS_DEST_ATTR_TUN_TYPE])
		d.tun_type = nl_get<uint8_t>(a[IPVS_DEST_ATTR_TUN_TYPE]);
	if (a[IPVS_DEST_ATTR_TUN_PORT])
		d.tun_port = ntohs(nl_get<uint16_t>(a[IPVS_DEST_ATTR_TUN_PORT]));
	if (a[IPVS_DEST_ATTR_TUN_FLAGS])
		d.tun_flags = nl_get<uint16_t>(a[IPVS_DEST_ATTR_TUN_FLAGS]);
	d.u_threshold = nl_get<uint32_t>(a[IPVS_DEST_ATTR_U_THRESH]);
	d.l_threshold = nl_get<uint32_t>(a[IPVS_DEST_ATTR_L_THRESH]);
	d.activeconns = nl_get<uint32_t>(a[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	d.inactconns = nl_get<uint32_t>(a[IPVS_DEST_ATTR_INACT_CONNS]);
	d.persistconns = nl_get<uint32_t>(a[IPVS_DEST_ATTR_PERSIST_CONNS]);
	// Servers of a service share its family unless the kernel says.
	d.af = a[IPVS_DEST_ATTR_ADDR_FAMILY] ? nl_get<uint16_t>(a[IPVS_DEST_ATTR_ADDR_FAMILY])
					     : service_af;
	// 1.31 reads the 64-bit server counters as 32-bit ones; read them whole.
	return parse_any_stats(a[IPVS_DEST_ATTR_STATS], a[IPVS_DEST_ATTR_STATS64], d.stats);
}

// STATE_ONLY: what a stopped daemon's event carries.
bool daemon_from(const nlattr *nest, bool state_only, Daemon &d)
{
	nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	if (!parse_nested(a, IPVS_DAEMON_ATTR_MAX, nest, daemon_policy) ||
	    !a[IPVS_DAEMON_ATTR_STATE])
		return false;
	d.state = nl_get<uint32_t>(a[IPVS_DAEMON_ATTR_STATE]);
	if (state_only)
		return true;
	if (!a[IPVS_DAEMON_ATTR_MCAST_IFN] || !a[IPVS_DAEMON_ATTR_SYNC_ID])
		return false;
	d.mcast_ifn = get_string(a[IPVS_DAEMON_ATTR_MCAST_IFN]).substr(0, IP_VS_IFNAME_MAXLEN - 1);
	d.syncid = nl_get<uint32_t>(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (a[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		d.sync_maxlen = nl_get<uint16_t>(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (a[IPVS_DAEMON_ATTR_MCAST_PORT])
		d.mcast_port = nl_get<uint16_t>(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (a[IPVS_DAEMON_ATTR_MCAST_TTL])
		d.mcast_ttl = nl_get<uint8_t>(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (a[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		d.mcast_af = AF_INET;
		const uint32_t g = nl_get<uint32_t>(a[IPVS_DAEMON_ATTR_MCAST_GROUP]);
		std::memcpy(d.mcast_group.data(), &g, 4);
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		d.mcast_af = AF_INET6;
		get_addr(a[IPVS_DAEMON_ATTR_MCAST_GROUP6], d.mcast_group);
	}
	return true;
}

// An IPVS reply's object: the nest ATTR, which it must have, read by
// from(nest, v).
template <typename T, typename From>
Expected<T> reply_nest(Span msg, int attr, From from)
{
	nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	T v;
	if (!parse_top(msg, tb, IPVS_CMD_ATTR_MAX, cmd_policy) || !tb[attr] || !from(tb[attr], v))
		return kInvalid;
	return v;
}

// The timeouts of a message's top level (IPVS_CMD_ATTR_TIMEOUT_*, the
// same numbers in an event); whether all three were there (absent ones are
// left as they were).
bool timeouts_from(nlattr *const *tb, Timeouts &t)
{
	static_assert(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN == IPVS_CMD_ATTR_TIMEOUT_TCP + 1 &&
		      IPVS_CMD_ATTR_TIMEOUT_UDP == IPVS_CMD_ATTR_TIMEOUT_TCP + 2);
	uint32_t Timeouts::*const fields[] = { &Timeouts::tcp, &Timeouts::tcp_fin, &Timeouts::udp };
	bool all = true;
	for (int i = 0; i < 3; i++) {
		if (const nlattr *a = tb[IPVS_CMD_ATTR_TIMEOUT_TCP + i])
			t.*fields[i] = nl_get<uint32_t>(a);
		else
			all = false;
	}
	return all;
}

// What each event carries (lvs.h); a part missing or unreadable makes
// the event Malformed.
enum Part : unsigned {
	kService = 1,
	kServiceIfAny = 2,	// -Z of one service, or none for all
	kDest = 4,		// with kService: a server has its service's family
	kDaemon = 8,
	kDaemonState = 16,
	kTimeouts = 32,
	kDestState = 64,	// which of Overloaded / Underloaded
};

struct EventShape {
	uint8_t cmd;
	EventKind kind;
	unsigned parts;
};

constexpr EventShape kEventShapes[] = {
	{ LVS_CMD_EV_NEW_SERVICE, EventKind::NewService, kService },
	{ LVS_CMD_EV_SET_SERVICE, EventKind::SetService, kService },
	{ LVS_CMD_EV_DEL_SERVICE, EventKind::DelService, kService },
	{ LVS_CMD_EV_NEW_DEST, EventKind::NewDest, kService | kDest },
	{ LVS_CMD_EV_SET_DEST, EventKind::SetDest, kService | kDest },
	{ LVS_CMD_EV_DEL_DEST, EventKind::DelDest, kService | kDest },
	{ LVS_CMD_EV_FLUSH, EventKind::Flush, 0 },
	{ LVS_CMD_EV_ZERO, EventKind::Zero, kServiceIfAny },
	{ LVS_CMD_EV_SET_CONFIG, EventKind::Timeouts, kTimeouts },
	{ LVS_CMD_EV_NEW_DAEMON, EventKind::NewDaemon, kDaemon },
	{ LVS_CMD_EV_DEL_DAEMON, EventKind::DelDaemon, kDaemonState },
	{ LVS_CMD_EV_DEST_STATE, EventKind::Overloaded, kService | kDest | kDestState },
};

// The parts SHAPE names, from the message's attributes into e.
bool event_parts(Span msg, const EventShape &shape, Event &e)
{
	nlattr *tb[LVS_ATTR_MAX + 1];
	if (!parse_top(msg, tb, LVS_ATTR_MAX, event_policy))
		return false;
	const unsigned p = shape.parts;
	if ((p & kService) || ((p & kServiceIfAny) && tb[LVS_ATTR_SERVICE]))
		if (!tb[LVS_ATTR_SERVICE] || !service_from(tb[LVS_ATTR_SERVICE], e.service.emplace()))
			return false;
	if (p & kDest)
		if (!tb[LVS_ATTR_DEST] || !dest_from(tb[LVS_ATTR_DEST], e.service->af, e.dest.emplace()))
			return false;
	if (p & (kDaemon | kDaemonState)) {
		if (!tb[LVS_ATTR_DAEMON] ||
		    !daemon_from(tb[LVS_ATTR_DAEMON], p & kDaemonState, e.daemon.emplace()))
			return false;
		if (!(e.daemon->state & (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)))
			return false;
	}
	if (p & kTimeouts)
		if (!timeouts_from(tb, e.timeouts.emplace()))
			return false;
	if (p & kDestState) {
		if (!tb[LVS_ATTR_DEST_STATE])
			return false;
		switch (nl_get<uint32_t>(tb[LVS_ATTR_DEST_STATE])) {
		case LVS_DEST_STATE_OVERLOADED:
			e.kind = EventKind::Overloaded;
			break;
		case LVS_DEST_STATE_UNDERLOADED:
			e.kind = EventKind::Underloaded;
			break;
		default:
			return false;
		}
	}
	e.revived = tb[LVS_ATTR_REVIVED];
	return true;
}

} // namespace

Expected<Info> parse_info(Span msg)
{
	nlattr *tb[IPVS_INFO_ATTR_MAX + 1];
	if (!parse_top(msg, tb, IPVS_INFO_ATTR_MAX, info_policy) ||
	    !tb[IPVS_INFO_ATTR_VERSION] || !tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return kInvalid;
	return Info{nl_get<uint32_t>(tb[IPVS_INFO_ATTR_VERSION]),
		    nl_get<uint32_t>(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])};
}

Expected<Service> parse_service(Span msg)
{
	return reply_nest<Service>(msg, IPVS_CMD_ATTR_SERVICE, service_from);
}

Expected<Dest> parse_dest(Span msg, uint16_t service_af)
{
	return reply_nest<Dest>(msg, IPVS_CMD_ATTR_DEST, [&](const nlattr *n, Dest &d) {
		return dest_from(n, service_af, d);
	});
}

Expected<Timeouts> parse_timeouts(Span msg)
{
	nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	if (!parse_top(msg, tb, IPVS_CMD_ATTR_MAX, cmd_policy))
		return kInvalid;
	Timeouts t;
	timeouts_from(tb, t);	// an absent one is IPVS's 0, as 1.31 shows it
	return t;
}

Expected<Daemon> parse_daemon(Span msg)
{
	return reply_nest<Daemon>(msg, IPVS_CMD_ATTR_DAEMON, [](const nlattr *n, Daemon &d) {
		return daemon_from(n, false, d);
	});
}

Event parse_event(Span msg)
{
	Event e;
	if (msg.size() < NLMSG_HDRLEN + GENL_HDRLEN) {
		e.kind = EventKind::Malformed;
		return e;
	}
	e.cmd = reinterpret_cast<const genlmsghdr *>(msg.data() + NLMSG_HDRLEN)->cmd;
	const EventShape *shape = nullptr;
	for (const EventShape &s : kEventShapes)
		if (s.cmd == e.cmd)
			shape = &s;
	if (!shape)
		return e;	// Unknown
	e.kind = shape->kind;
	if (!event_parts(msg, *shape, e)) {
		Event bad;
		bad.kind = EventKind::Malformed;
		bad.cmd = e.cmd;
		return bad;
	}
	return e;
}

Expected<int> parse_family_id(Span msg)
{
	nlattr *tb[CTRL_ATTR_MAX + 1];
	nla_policy policy[CTRL_ATTR_MAX + 1] = {};
	policy[CTRL_ATTR_FAMILY_ID] = typed(NLA_U16);
	if (!parse_top(msg, tb, CTRL_ATTR_MAX, policy) || !tb[CTRL_ATTR_FAMILY_ID])
		return kInvalid;
	return static_cast<int>(nl_get<uint16_t>(tb[CTRL_ATTR_FAMILY_ID]));
}

} // namespace ipvsadm::nl
