// SPDX-License-Identifier: GPL-2.0
// Small builders shared by the ipvsadm tests.
#pragma once

#include <arpa/inet.h>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "model.h"
#include "parse_args.h"

namespace ipvsadm::test {

inline std::vector<std::string> argv_of(const std::string &line)
{
	std::vector<std::string> v{"ipvsadm"};
	std::istringstream in(line);
	std::string t;
	while (in >> t)
		v.push_back(t);
	return v;
}

inline ParseResult parse(const std::string &line)
{
	return parse_command(argv_of(line));
}

inline Addr v4(const char *s)
{
	Addr a{};
	inet_pton(AF_INET, s, a.data());
	return a;
}

inline Addr v6(const char *s)
{
	Addr a{};
	inet_pton(AF_INET6, s, a.data());
	return a;
}

inline Service tcp(const char *addr, uint16_t port, const char *sched = "wlc")
{
	Service s;
	s.af = AF_INET;
	s.protocol = IPPROTO_TCP;
	s.addr = v4(addr);
	s.port = port;
	s.sched_name = sched;
	s.netmask = 0xffffffff;
	return s;
}

inline Dest dest4(const char *addr, uint16_t port, uint32_t fwd, int weight)
{
	Dest d;
	d.af = AF_INET;
	d.addr = v4(addr);
	d.port = port;
	d.conn_flags = fwd;
	d.weight = weight;
	return d;
}

} // namespace ipvsadm::test
