// SPDX-License-Identifier: GPL-2.0
#include "names.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace ipvsadm {

namespace {

constexpr Protocol kProtocols[] = {
	{ IPPROTO_TCP, "TCP", "tcp", "-t" },
	{ IPPROTO_UDP, "UDP", "udp", "-u" },
	{ IPPROTO_SCTP, "SCTP", "sctp", "--sctp-service" },
};

std::optional<std::string> lookup_host(int af, const Addr &a)
{
	const socklen_t len = af == AF_INET ? sizeof(in_addr) : sizeof(in6_addr);
	const hostent *h = gethostbyaddr(a.data(), len, af);
	if (!h)
		return std::nullopt;
	return std::string(h->h_name);
}

std::optional<std::string> lookup_service(uint16_t port, uint16_t proto)
{
	const Protocol *p = protocol_by_number(proto);
	if (!p)
		return std::nullopt;
	const servent *s = getservbyport(htons(port), p->service_table);
	if (!s)
		return std::nullopt;
	return std::string(s->s_name);
}

} // namespace

const Protocol *protocol_by_number(uint16_t number)
{
	for (const Protocol &p : kProtocols)
		if (p.number == number)
			return &p;
	return nullptr;
}

const Protocol *protocol_by_name(const std::string &name)
{
	for (const Protocol &p : kProtocols)
		if (name == p.name)
			return &p;
	return nullptr;
}

std::string conn_protocol_name(uint16_t number)
{
	if (const Protocol *p = protocol_by_number(number))
		return p->name;
	switch (number) {
	case IPPROTO_IP: return "IP";
	case IPPROTO_ICMP: return "ICMP";
	case IPPROTO_ICMPV6: return "ICMPv6";
	default: return "IP_" + std::to_string(number);
	}
}

const Resolver &system_resolver()
{
	static const Resolver r{lookup_host, lookup_service};
	return r;
}

const Resolver &numeric_resolver()
{
	static const Resolver r{
		[](int, const Addr &) { return std::optional<std::string>(); },
		[](uint16_t, uint16_t) { return std::optional<std::string>(); },
	};
	return r;
}

std::string addr_to_text(int af, const Addr &a)
{
	char buf[INET6_ADDRSTRLEN];
	if (!inet_ntop(af, a.data(), buf, sizeof(buf)))
		return "(null)";
	return buf;
}

std::string addrport_to_anyname(int af, const Addr &a, uint16_t port,
				uint16_t proto, bool numeric, const Resolver &r)
{
	std::string host, serv;
	if (numeric) {
		host = addr_to_text(af, a);
		serv = std::to_string(port);
	} else {
		auto h = r.host(af, a);
		host = h ? *h : addr_to_text(af, a);
		auto s = r.service(port, proto);
		serv = s ? *s : std::to_string(port);
	}
	std::string out = af == AF_INET ? host + ":" + serv
					: "[" + host + "]:" + serv;
	if (out.size() > 59)
		out.resize(59);
	return out;
}

} // namespace ipvsadm
