// SPDX-License-Identifier: GPL-2.0
// The -L listing of one service and its servers, in each column layout.
#include <arpa/inet.h>
#include <charconv>
#include <string_view>
#include <netinet/in.h>
#include <sys/socket.h>

#include <lvs/ipvs.h>

#include "format.h"
#include "format_detail.h"
#include "sched_flags.h"
#include "strf.h"

namespace ipvsadm {

namespace {

const char *const kTunFlagsShort[] = { "-c", "+c", "r+c" };

// printf's "%-Ns": S, then blanks up to N characters.
void append_left(std::string &out, std::string_view s, size_t width)
{
	out += s;
	if (s.size() < width)
		out.append(width - s.size(), ' ');
}

// printf's "%-Nd" / "%-Nu" of N.
template <typename T>
void append_number(std::string &out, T n, size_t width)
{
	char buf[24];
	const auto r = std::to_chars(buf, buf + sizeof(buf), n);
	append_left(out, std::string_view(buf, r.ptr - buf), width);
}

// --tun-info column: "ipip", "gue:PORT:FLAGS", "gre:FLAGS" or n/a.
std::string tun_info(const Dest &e)
{
	if ((e.conn_flags & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_TUNNEL)
		return "n/a";
	const char *flags = e.tun_flags < 3 ? kTunFlagsShort[e.tun_flags] : "(null)";
	std::string s;
	switch (e.tun_type) {
	case IP_VS_CONN_F_TUNNEL_TYPE_IPIP:
		s = "ipip";
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
		s = strf("gue:%d:%s", e.tun_port, flags);
		break;
	case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
		s = strf("gre:%s", flags);
		break;
	default:
		return "n/a";
	}
	if (s.size() > 15)
		s.resize(15);
	return s;
}

std::string stats_columns(const Stats &st, unsigned format, bool rate)
{
	if (rate)
		return format_largenum(st.cps, format) + format_largenum(st.inpps, format) +
		       format_largenum(st.outpps, format) + format_largenum(st.inbps, format) +
		       format_largenum(st.outbps, format);
	return format_largenum(st.conns, format) + format_largenum(st.inpkts, format) +
	       format_largenum(st.outpkts, format) + format_largenum(st.inbytes, format) +
	       format_largenum(st.outbytes, format);
}

// The default layout's line without its newline: the name, the scheduler
// and what is set of flags, persistence and one-packet scheduling.
std::string service_description(const Service &s, const std::string &name)
{
	std::string out = name + " " + s.sched_name;
	if (s.flags & (IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3))
		out += " (" + sched_flags_text(s) + ")";
	if (s.flags & IP_VS_SVC_F_PERSISTENT) {
		out += strf(" persistent %u", s.timeout);
		if (netmask_shown(s))
			out += " mask " + netmask_text(s);
		if (!s.pe_name.empty())
			out += " pe " + s.pe_name;
	}
	if (s.flags & IP_VS_SVC_F_ONEPACKET)
		out += " ops";
	return out;
}

std::string service_line(const Service &s, const std::string &name, unsigned format)
{
	if (format & FMT_STATS)
		return strf("%-33s", name.c_str()) + stats_columns(s.stats, format, false) + "\n";
	if (format & FMT_RATE)
		return strf("%-33s", name.c_str()) + stats_columns(s.stats, format, true) + "\n";
	return service_description(s, name) + "\n";
}

std::string dest_line(const Dest &e, const std::string &dname, unsigned format)
{
	const char *n = dname.c_str();
	if (format & FMT_STATS)
		return strf("  -> %-28s", n) + stats_columns(e.stats, format, false) + "\n";
	if (format & FMT_RATE)
		return strf("  -> %-28s %8llu %8llu %8llu", n,
			    static_cast<unsigned long long>(e.stats.cps),
			    static_cast<unsigned long long>(e.stats.inpps),
			    static_cast<unsigned long long>(e.stats.outpps)) +
		       format_largenum(e.stats.inbps, format) +
		       format_largenum(e.stats.outbps, format) + "\n";
	if (format & FMT_THRESHOLDS)
		return strf("  -> %-28s %-10u %-10u %-10u %-10u\n", n, e.u_threshold,
			    e.l_threshold, e.activeconns, e.inactconns);
	if (format & FMT_PERSISTENTCONN)
		return strf("  -> %-28s %-9u %-11u %-10u %-10u\n", n,
			    static_cast<unsigned>(e.weight), e.persistconns,
			    e.activeconns, e.inactconns);
	if (format & FMT_TUN_INFO)
		return strf("  -> %-28s %-7s %-13s %-6d %-10u %-10u\n", n,
			    format_forward(e.conn_flags), tun_info(e).c_str(), e.weight,
			    e.activeconns, e.inactconns);
	// The default layout, the one a long listing prints for every
	// server: "  -> %-28s %-7s %-6d %-10u %-10u\n" without printf.
	std::string out = "  -> ";
	out.reserve(80);
	append_left(out, dname, 28);
	out += ' ';
	append_left(out, format_forward(e.conn_flags), 7);
	out += ' ';
	append_number(out, e.weight, 6);
	out += ' ';
	append_number(out, e.activeconns, 10);
	out += ' ';
	append_number(out, e.inactconns, 10);
	out += '\n';
	return out;
}

} // namespace

std::vector<const char *> sched_flag_names(const Service &s)
{
	const bool own = sched_has_flag_names(s.sched_name);
	std::vector<const char *> names;
	for (const SchedFlagName &n : kSchedFlagNames) {
		const bool mine = own ? n.sched && s.sched_name == n.sched : !n.sched;
		if (mine && (s.flags & n.flag))
			names.push_back(n.name);
	}
	return names;
}

std::string sched_flags_text(const Service &s)
{
	std::string f;
	for (const char *n : sched_flag_names(s))
		f += (f.empty() ? "" : ",") + std::string(n);
	return f;
}

std::string netmask_text(const Service &s)
{
	if (s.af == AF_INET6)
		return strf("%i", static_cast<int>(s.netmask));
	in_addr m{s.netmask};
	return inet_ntoa(m);
}

bool netmask_shown(const Service &s)
{
	return (s.af == AF_INET && s.netmask != 0xffffffff) ||
	       (s.af == AF_INET6 && s.netmask != 128);
}

std::string format_title(unsigned format)
{
	const char *prot = "Prot LocalAddress:Port";
	if (format & FMT_STATS)
		return strf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", prot,
			    "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
	if (format & FMT_RATE)
		return strf("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", prot,
			    "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
	if (format & FMT_THRESHOLDS)
		return strf("%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n", prot,
			    "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
	if (format & FMT_PERSISTENTCONN)
		return strf("%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n", prot,
			    "Weight", "PersistConn", "ActiveConn", "InActConn");
	if (format & FMT_TUN_INFO)
		return "Prot LocalAddress:Port Scheduler Flags\n"
		       "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
	if (!(format & FMT_RULE))
		return "Prot LocalAddress:Port Scheduler Flags\n"
		       "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
	return "";
}

std::string format_service_name(const Service &s, unsigned format, const Resolver &r)
{
	const bool rule = format & FMT_RULE;
	if (s.fwmark) {
		// 1.31 prints the mark with %d, negative above INT_MAX; a mark
		// is unsigned, so it is printed as one (and -S then restores).
		if (rule)
			return strf(s.af == AF_INET6 ? "-f %u -6" : "-f %u", s.fwmark);
		return strf(s.af == AF_INET6 ? "FWM  %u IPv6" : "FWM  %u", s.fwmark);
	}
	const std::string v = addrport_to_anyname(s.af, s.addr, s.port, s.protocol,
						  format & FMT_NUMERIC, r);
	const Protocol *p = protocol_by_number(s.protocol);
	if (rule)
		return std::string(p ? p->option : "--xxx-service") + " " + v;
	std::string name = strf("%-4s %s", p ? p->name : "?", v.c_str());
	if (s.af != AF_INET6 && name.size() > 33)
		name.resize(33);
	return name;
}

std::string format_service(const Service &s, const std::vector<Dest> &dests,
			   unsigned format, const Resolver &r)
{
	const std::string name = format_service_name(s, format, r);
	const bool rule = format & FMT_RULE;
	std::string out = rule ? format_rule_service(s, name) : service_line(s, name, format);

	for (const Dest &e : dests) {
		const std::string dname = format_dest_name(e, s, format, r);
		out += rule ? format_rule_dest(e, name, dname) : dest_line(e, dname, format);
	}
	return out;
}

std::string format_service_text(const Service &s, unsigned format, const Resolver &r)
{
	return service_description(s, format_service_name(s, format & FMT_NUMERIC, r));
}

std::string format_dest_name(const Dest &e, const Service &s, unsigned format, const Resolver &r)
{
	std::string name = addrport_to_anyname(e.af, e.addr, e.port, s.protocol,
					       format & FMT_NUMERIC, r);
	if (!(format & FMT_RULE) && e.af != AF_INET6 && name.size() > 28)
		name.resize(28);
	return name;
}

const char *format_forward(uint32_t conn_flags)
{
	switch (conn_flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "Masq";
	case IP_VS_CONN_F_LOCALNODE: return "Local";
	case IP_VS_CONN_F_TUNNEL: return "Tunnel";
	case IP_VS_CONN_F_DROUTE: return "Route";
	default: return "(null)";	// what 1.31's printf of NULL shows
	}
}

} // namespace ipvsadm
