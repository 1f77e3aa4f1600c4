// SPDX-License-Identifier: GPL-2.0
// The -S rule lines, which -R reads back.
#include <lvs/ipvs.h>

#include "format_detail.h"
#include "strf.h"

namespace ipvsadm {

namespace {

const char *fwd_switch(uint32_t flags)
{
	switch (flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "-m";
	case IP_VS_CONN_F_TUNNEL: return "-i";
	case IP_VS_CONN_F_LOCALNODE:
	case IP_VS_CONN_F_DROUTE: return "-g";
	default: return "(null)";
	}
}

const char *const kTunNames[] = { "ipip", "gue", "gre" };
const char *const kTunFlagOpts[] = { "--tun-nocsum", "--tun-csum", "--tun-remcsum" };

} // namespace

std::string format_rule_service(const Service &s, const std::string &name)
{
	std::string out = "-A " + name + " -s " + s.sched_name;
	if (s.flags & IP_VS_SVC_F_PERSISTENT) {
		out += strf(" -p %u", s.timeout);
		if (netmask_shown(s))
			out += " -M " + netmask_text(s);
	}
	if (!s.pe_name.empty())
		out += " --pe " + s.pe_name;
	if (s.flags & IP_VS_SVC_F_ONEPACKET)
		out += " -o";
	if (s.flags & (IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3))
		out += " -b " + sched_flags_text(s);
	return out + "\n";
}

std::string format_rule_dest(const Dest &e, const std::string &name, const std::string &dname)
{
	std::string out = strf("-a %s -r %s %s -w %d", name.c_str(), dname.c_str(),
			       fwd_switch(e.conn_flags), e.weight);
	if ((e.conn_flags & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL) {
		const char *flags = e.tun_flags < 3 ? kTunFlagOpts[e.tun_flags] : "(null)";
		switch (e.tun_type) {
		case IP_VS_CONN_F_TUNNEL_TYPE_GRE:
			out += strf(" --tun-type %s %s", kTunNames[e.tun_type], flags);
			break;
		case IP_VS_CONN_F_TUNNEL_TYPE_GUE:
			out += strf(" --tun-type %s --tun-port %d %s", kTunNames[e.tun_type],
				    e.tun_port, flags);
			break;
		case IP_VS_CONN_F_TUNNEL_TYPE_IPIP:
			out += strf(" --tun-type %s", kTunNames[e.tun_type]);
			break;
		default:
			break;
		}
	}
	return out + "\n";
}

} // namespace ipvsadm
