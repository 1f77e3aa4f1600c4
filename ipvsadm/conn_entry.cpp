// SPDX-License-Identifier: GPL-2.0
#include "conn_entry.h"

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

#include "names.h"

namespace ipvsadm {

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

std::optional<ConnEntry> parse_conn_line(const std::string &line)
{
	char protocol[64] = "", t1[128] = "", t2[128] = "", t3[128] = "";
	char state[64] = "", pe_name[64] = "", pe_data[512] = "";
	unsigned short cport = 0, vport = 0, dport = 0;
	int expires = 0;
	const int n = std::sscanf(line.c_str(), "%63s %127s %hX %127s %hX %127s %hX %63s %d %63s %511s",
				  protocol, t1, &cport, t2, &vport, t3, &dport, state,
				  &expires, pe_name, pe_data);
	if (n == -1)
		return std::nullopt;

	ConnEntry e;
	e.protocol = protocol;
	const Protocol *proto = protocol_by_name(e.protocol);
	e.proto = proto ? proto->number : 0;
	// The client and virtual addresses share a family.
	e.af = read_conn_addr(t1, e.caddr, true);
	if (e.af == AF_INET6)
		inet_pton(AF_INET6, t2, e.vaddr.data());
	else
		read_conn_addr(t2, e.vaddr, false);
	e.daf = read_conn_addr(t3, e.daddr, true);
	e.cport = cport;
	e.vport = vport;
	e.dport = dport;
	e.state = state;
	e.expires = static_cast<unsigned>(expires);
	e.has_pe = n == 11;
	if (e.has_pe) {
		e.pe_name = pe_name;
		e.pe_data = pe_data;
	}
	return e;
}

} // namespace ipvsadm
