// SPDX-License-Identifier: GPL-2.0
// The small listings: --timeout, --daemon and -c (connections).
#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

#include <lvs/ipvs.h>

#include "command.h"
#include "format.h"
#include "strf.h"

namespace ipvsadm {

std::string format_timeouts(const Timeouts &t)
{
	return strf("Timeout (tcp tcpfin udp): %d %d %d\n", static_cast<int>(t.tcp),
		    static_cast<int>(t.tcp_fin), static_cast<int>(t.udp));
}

std::string format_daemons(const std::vector<Daemon> &ds)
{
	std::string out;
	for (const Daemon &d : ds) {
		const char *type;
		if (d.state & IP_VS_STATE_MASTER)
			type = "master";
		else if (d.state & IP_VS_STATE_BACKUP)
			type = "backup";
		else
			continue;
		out += strf("%s sync daemon (mcast=%s, syncid=%d", type,
			    d.mcast_ifn.c_str(), static_cast<int>(d.syncid));
		if (d.sync_maxlen)
			out += strf(", maxlen=%u", d.sync_maxlen);
		if (d.mcast_af != AF_UNSPEC) {
			char a[INET6_ADDRSTRLEN];
			if (inet_ntop(d.mcast_af, d.mcast_group.data(), a, sizeof(a)))
				out += strf(", group=%s", a);
		}
		if (d.mcast_port)
			out += strf(", port=%u", d.mcast_port);
		if (d.mcast_ttl)
			out += strf(", ttl=%u", d.mcast_ttl);
		out += ")\n";
	}
	return out;
}

std::string format_conn_title(unsigned format)
{
	std::string out = "IPVS connection entries\n";
	if (format & FMT_PERSISTENTCONN)
		out += strf("pro expire %-11s %-18s %-18s %-18s %-16s %s\n", "state",
			    "source", "virtual", "destination", "pe name", "pe_data");
	else
		out += strf("pro expire %-11s %-18s %-18s %s\n", "state", "source",
			    "virtual", "destination");
	return out;
}

namespace {

// An address column of /proc/net/ip_vs_conn: IPv6 text, IPv4 text, or the
// kernel's 8-digit hex IPv4. Returns the family.
int read_conn_addr(const char *text, Addr &a, bool may_be_v6)
{
	a = Addr{};
	if (may_be_v6 && inet_pton(AF_INET6, text, a.data()) > 0)
		return AF_INET6;
	if (inet_pton(AF_INET, text, a.data()) > 0)
		return AF_INET;
	uint32_t v = htonl(static_cast<uint32_t>(strtoul(text, nullptr, 16)));
	std::memcpy(a.data(), &v, 4);
	return AF_INET;
}

} // namespace

std::string format_conn_line(const std::string &line, unsigned format, const Resolver &r)
{
	char protocol[64] = "", t1[128] = "", t2[128] = "", t3[128] = "";
	char state[64] = "", pe_name[64] = "", pe_data[512] = "";
	unsigned short cport = 0, vport = 0, dport = 0;
	int expires = 0;
	const int n = std::sscanf(line.c_str(), "%63s %127s %hX %127s %hX %127s %hX %63s %d %63s %511s",
				  protocol, t1, &cport, t2, &vport, t3, &dport, state,
				  &expires, pe_name, pe_data);
	if (n == -1)
		return "";

	const std::string p = protocol;
	const uint16_t proto = p == "TCP" ? IPPROTO_TCP : p == "UDP" ? IPPROTO_UDP :
			       p == "SCTP" ? IPPROTO_SCTP : 0;

	// The client and virtual addresses share a family; the real server's
	// may differ (tunnels).
	Addr caddr, vaddr, daddr;
	const int af = read_conn_addr(t1, caddr, true);
	if (af == AF_INET6)
		inet_pton(AF_INET6, t2, vaddr.data());
	else
		read_conn_addr(t2, vaddr, false);
	const int daf = read_conn_addr(t3, daddr, true);

	const bool numeric = format & FMT_NUMERIC;
	const std::string c = addrport_to_anyname(af, caddr, cport, proto, numeric, r);
	const std::string v = addrport_to_anyname(af, vaddr, vport, proto, numeric, r);
	const std::string d = addrport_to_anyname(daf, daddr, dport, proto, numeric, r);

	const unsigned ex = static_cast<unsigned>(expires);
	char expire[32];
	std::snprintf(expire, sizeof(expire), "%02d:%02d", static_cast<int>(ex / 60),
		      static_cast<int>(ex % 60));

	if ((format & FMT_PERSISTENTCONN) && n == 11)
		return strf("%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n", protocol,
			    expire, state, c.c_str(), v.c_str(), d.c_str(), pe_name, pe_data);
	return strf("%-3s %-6s %-11s %-18s %-18s %s\n", protocol, expire, state,
		    c.c_str(), v.c_str(), d.c_str());
}

} // namespace ipvsadm
