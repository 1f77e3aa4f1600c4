// SPDX-License-Identifier: GPL-2.0
// Small builders shared by the ipvsadm tests.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <lvs/ipvs.h>

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

// The command ARGV parses to. A parse failure fails the running test,
// showing SHOWN and ipvsadm's message, and gives an empty Command.
inline Command command_from(const std::vector<std::string> &argv, const std::string &shown)
{
	ParseResult r = parse_command(argv);
	if (!r)
		ADD_FAILURE() << shown << ": " << r.error().text;
	return r ? *r : Command{};
}

// The same for a command line that must parse.
inline Command parse_ok(const std::string &line)
{
	return command_from(argv_of(line), line);
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

inline Service service_at(uint16_t af, uint16_t protocol, const Addr &addr, uint16_t port,
			  const char *sched, uint32_t netmask)
{
	Service s;
	s.af = af;
	s.protocol = protocol;
	s.addr = addr;
	s.port = port;
	s.sched_name = sched;
	s.netmask = netmask;
	return s;
}

inline Service tcp(const char *addr, uint16_t port, const char *sched = "wlc")
{
	return service_at(AF_INET, IPPROTO_TCP, v4(addr), port, sched, 0xffffffff);
}

inline Dest dest_at(uint16_t af, const Addr &addr, uint16_t port, uint32_t fwd, int weight)
{
	Dest d;
	d.af = af;
	d.addr = addr;
	d.port = port;
	d.conn_flags = fwd;
	d.weight = weight;
	return d;
}

inline Dest dest4(const char *addr, uint16_t port, uint32_t fwd, int weight)
{
	return dest_at(AF_INET, v4(addr), port, fwd, weight);
}

inline Dest dest6(const char *addr, uint16_t port, uint32_t fwd, int weight)
{
	return dest_at(AF_INET6, v6(addr), port, fwd, weight);
}

// A tunnelling server of TYPE (IP_VS_CONN_F_TUNNEL_TYPE_*): FLAGS are
// IP_VS_TUNNEL_ENCAP_FLAG_*, TUN_PORT the GUE port.
inline Dest tunnel4(const char *addr, uint16_t port, int weight, uint8_t type,
		    uint16_t tun_port = 0, uint16_t flags = 0)
{
	Dest d = dest4(addr, port, IP_VS_CONN_F_TUNNEL, weight);
	d.tun_type = type;
	d.tun_port = tun_port;
	d.tun_flags = flags;
	return d;
}

inline Service service6(uint16_t protocol, const char *addr, uint16_t port, const char *sched)
{
	return service_at(AF_INET6, protocol, v6(addr), port, sched, 128);
}

inline Service fwmark_service(uint16_t af, uint32_t mark, const char *sched)
{
	Service s;
	s.af = af;
	s.fwmark = mark;
	s.sched_name = sched;
	return s;
}

// A sync daemon; the multicast group (IPv4) only when GROUP is given.
inline Daemon sync_daemon(uint32_t state, const char *ifn, uint32_t syncid,
			  uint16_t maxlen = 0, const char *group = nullptr,
			  uint16_t port = 0, uint8_t ttl = 0)
{
	Daemon d;
	d.state = state;
	d.mcast_ifn = ifn;
	d.syncid = syncid;
	d.sync_maxlen = maxlen;
	if (group) {
		d.mcast_af = AF_INET;
		d.mcast_group = v4(group);
	}
	d.mcast_port = port;
	d.mcast_ttl = ttl;
	return d;
}

} // namespace ipvsadm::test
