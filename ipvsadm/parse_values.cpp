// SPDX-License-Identifier: GPL-2.0
#include "parse_values.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>

#include <lvs/ipvs.h>

#include "names.h"
#include "sched_flags.h"

namespace ipvsadm {

namespace {

constexpr int kDefaultPersistentTimeout = 6 * 60;

bool all_digits(const std::string &s)
{
	for (char c : s)
		if (!isdigit(static_cast<unsigned char>(c)))
			return false;
	return true;	// the empty string counts, as in 1.31
}

// gethostbyname, first IPv4 address only (1.31 ignores the rest).
bool host_to_addr(const std::string &name, in_addr &out)
{
	const hostent *h = gethostbyname(name.c_str());
	if (!h || h->h_addrtype != AF_INET || h->h_length != sizeof(in_addr))
		return false;
	std::memcpy(&out, h->h_addr_list[0], sizeof(out));
	return true;
}

std::optional<int> service_to_port(const std::string &name, uint16_t proto)
{
	const Protocol *p = protocol_by_number(proto);
	const servent *s = p ? getservbyname(name.c_str(), p->service_table) : nullptr;
	if (!s)
		return std::nullopt;
	return ntohs(static_cast<uint16_t>(s->s_port));
}

} // namespace

std::optional<int> string_to_number(const std::string &s, int min, int max)
{
	const char *p = s.c_str();
	char *end;
	errno = 0;
	long n = strtol(p, &end, 10);
	if (*end == '\0' && end != p && errno != ERANGE && min <= n && n <= max)
		return static_cast<int>(n);
	return std::nullopt;
}

int parse_service(const std::string &arg, Service &svc)
{
	if (all_digits(arg))
		return SERVICE_NONE;

	std::string host = arg;
	std::optional<std::string> port;

	if (!host.empty() && host[0] == '[') {
		size_t close = host.find(']', 1);
		if (close == std::string::npos)
			return SERVICE_NONE;
		if (close + 1 >= host.size() || host[close + 1] != ':')
			return SERVICE_NONE;
		port = host.substr(close + 2);
		host = host.substr(1, close - 1);
	}

	in6_addr a6;
	if (inet_pton(AF_INET6, host.c_str(), &a6) > 0) {
		std::memcpy(svc.addr.data(), &a6, 16);
		svc.af = AF_INET6;
		svc.netmask = 128;
	} else {
		// Without brackets the last colon separates the port. 1.31
		// also drops a bracketed port here when the bracketed host is
		// not IPv6 ("[1.2.3.4]:80" means 1.2.3.4 with no port).
		size_t colon = host.rfind(':');
		port.reset();
		if (colon != std::string::npos) {
			port = host.substr(colon + 1);
			host.resize(colon);
		}
		in_addr a4;
		if (inet_aton(host.c_str(), &a4) == 0 && !host_to_addr(host, a4))
			return SERVICE_NONE;
		svc.addr = Addr{};
		std::memcpy(svc.addr.data(), &a4, 4);
		svc.af = AF_INET;
	}

	int result = SERVICE_ADDR;
	if (port) {
		result |= SERVICE_PORT;
		std::optional<int> n = string_to_number(*port, 0, 65535);
		if (!n)
			n = service_to_port(*port, svc.protocol);
		if (!n)
			return SERVICE_NONE;
		svc.port = static_cast<uint16_t>(*n);
	}
	return result;
}

Result<uint32_t> parse_fwmark(const std::string &arg)
{
	const char *p = arg.c_str();
	char *end;
	errno = 0;
	unsigned long l = static_cast<unsigned long>(strtol(p, &end, 10));
	if (*end != '\0' || end == p || errno == ERANGE || l == 0 || l > UINT_MAX)
		return usage_error("invalid fwmark value `" + arg + "' specified");
	return static_cast<uint32_t>(l);
}

std::optional<uint32_t> parse_netmask(const std::string &arg)
{
	in_addr a;
	if (inet_aton(arg.c_str(), &a) != 0 || host_to_addr(arg, a))
		return a.s_addr;
	return std::nullopt;
}

Result<int> parse_timeout(const char *arg, int min, int max)
{
	if (!arg)
		return kDefaultPersistentTimeout;
	std::optional<int> i = string_to_number(arg, min, max);
	if (!i)
		return usage_error(std::string("invalid timeout value `") + arg + "' specified");
	return *i;
}

Result<uint32_t> parse_sched_flags(const std::string &sched_arg, const std::string &arg)
{
	const std::string sched = sched_arg.empty() ? "wlc" : sched_arg;
	uint32_t flags = 0;

	// strtok semantics: empty fields between commas are skipped.
	size_t pos = 0;
	while (pos <= arg.size()) {
		size_t comma = arg.find(',', pos);
		if (comma == std::string::npos)
			comma = arg.size();
		std::string flag = arg.substr(pos, comma - pos);
		pos = comma + 1;
		if (flag.empty())
			continue;
		const SchedFlagName *n = nullptr;
		for (const SchedFlagName &c : kSchedFlagNames)
			if (flag == c.name)
				n = &c;
		if (!n)
			return usage_error("invalid scheduler flag `" + flag + "'");
		if (n->sched && sched != n->sched)
			return usage_error("incompatible scheduler flag `" + flag + "'");
		flags |= n->flag;
	}
	return flags;
}

Result<uint16_t> parse_mcast_group(const std::string &a, Addr &group)
{
	if (a.find(':') != std::string::npos) {
		in6_addr g;
		if (inet_pton(AF_INET6, a.c_str(), &g) <= 0 || !IN6_IS_ADDR_MULTICAST(&g))
			return usage_error("invalid IPv6 mcast-group `" + a + "'");
		std::memcpy(group.data(), &g, 16);
		return AF_INET6;
	}
	in_addr g;
	if (inet_pton(AF_INET, a.c_str(), &g) <= 0 || !IN_MULTICAST(ntohl(g.s_addr)))
		return usage_error("invalid IPv4 mcast-group `" + a + "'");
	group = Addr{};
	std::memcpy(group.data(), &g, 4);
	return AF_INET;
}

bool parse_client(const std::string &arg, ConnFilter &f)
{
	const size_t slash = arg.find('/');
	const std::string host = arg.substr(0, slash);
	Addr a{};
	int af = AF_INET;
	if (inet_pton(AF_INET, host.c_str(), a.data()) <= 0) {
		af = AF_INET6;
		if (inet_pton(AF_INET6, host.c_str(), a.data()) <= 0)
			return false;
	}
	const int bits = af == AF_INET ? 32 : 128;
	int prefix = bits;
	if (slash != std::string::npos) {
		const std::string digits = arg.substr(slash + 1);
		const std::optional<int> n = string_to_number(digits, 0, bits);
		if (!n || !all_digits(digits))
			return false;
		prefix = *n;
	}
	for (int i = 0; i < 16; i++) {
		const int keep = std::clamp(prefix - 8 * i, 0, 8);
		a[i] &= static_cast<uint8_t>(0xff00 >> keep);
	}
	f.client_af = static_cast<uint16_t>(af);
	f.client = a;
	f.client_prefix = static_cast<uint8_t>(prefix);
	return true;
}

std::optional<std::string> parse_conn_state(const std::string &arg)
{
	if (arg.empty() || arg.size() > 15)
		return std::nullopt;
	std::string name = arg;
	for (char &c : name)
		c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
	return name;
}

std::optional<uint8_t> parse_tun_type(const std::string &name)
{
	if (name == "ipip")
		return IP_VS_CONN_F_TUNNEL_TYPE_IPIP;
	if (name == "gue")
		return IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	if (name == "gre")
		return IP_VS_CONN_F_TUNNEL_TYPE_GRE;
	return std::nullopt;
}

} // namespace ipvsadm
