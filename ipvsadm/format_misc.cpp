// SPDX-License-Identifier: GPL-2.0
// The small listings: --timeout, --daemon and -c (connections).
#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>

#include <lvs/ipvs.h>

#include "conn_entry.h"
#include "format.h"
#include "format_detail.h"
#include "strf.h"

namespace ipvsadm {

std::string timeouts_text(const Timeouts &t)
{
	return strf("%d %d %d", static_cast<int>(t.tcp), static_cast<int>(t.tcp_fin),
		    static_cast<int>(t.udp));
}

std::string format_timeouts(const Timeouts &t)
{
	return "Timeout (tcp tcpfin udp): " + timeouts_text(t) + "\n";
}

const char *daemon_role(uint32_t state)
{
	if (state & IP_VS_STATE_MASTER)
		return "master";
	if (state & IP_VS_STATE_BACKUP)
		return "backup";
	return nullptr;
}

std::string daemon_fields(const Daemon &d)
{
	std::string out = strf("mcast=%s, syncid=%d", d.mcast_ifn.c_str(),
			       static_cast<int>(d.syncid));
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
	return out;
}

std::string format_daemons(const std::vector<Daemon> &ds)
{
	std::string out;
	for (const Daemon &d : ds)
		if (const char *role = daemon_role(d.state))
			out += std::string(role) + " sync daemon (" + daemon_fields(d) + ")\n";
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

std::string format_conn_line(const std::string &line, unsigned format, const Resolver &r)
{
	const std::optional<ConnEntry> e = parse_conn_line(line);
	if (!e)
		return "";

	const bool numeric = format & FMT_NUMERIC;
	const std::string c = addrport_to_anyname(e->af, e->caddr, e->cport, e->proto, numeric, r);
	const std::string v = addrport_to_anyname(e->af, e->vaddr, e->vport, e->proto, numeric, r);
	const std::string d = addrport_to_anyname(e->daf, e->daddr, e->dport, e->proto, numeric, r);

	char expire[32];
	std::snprintf(expire, sizeof(expire), "%02d:%02d", static_cast<int>(e->expires / 60),
		      static_cast<int>(e->expires % 60));

	const char *p = e->protocol.c_str(), *st = e->state.c_str();
	if ((format & FMT_PERSISTENTCONN) && e->has_pe)
		return strf("%-3s %-6s %-11s %-18s %-18s %-16s %-18s %s\n", p, expire, st,
			    c.c_str(), v.c_str(), d.c_str(), e->pe_name.c_str(),
			    e->pe_data.c_str());
	return strf("%-3s %-6s %-11s %-18s %-18s %s\n", p, expire, st, c.c_str(),
		    v.c_str(), d.c_str());
}

} // namespace ipvsadm
