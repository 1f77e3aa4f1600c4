// SPDX-License-Identifier: GPL-2.0
// Addresses and ports to the text ipvsadm 1.31 prints: numeric with -n,
// otherwise host and service names where the resolver knows them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "model.h"

namespace ipvsadm {

// The protocols IPVS balances, by every name ipvsadm gives them.
struct Protocol {
	uint16_t number;	// IPPROTO_*
	const char *name;	// "TCP": -L, /proc/net/ip_vs_conn
	const char *service_table;	// "tcp": /etc/services, --json
	const char *option;	// "-t": -S
};

// The entry for an IPPROTO_* number or a -L name ("TCP"), or null.
const Protocol *protocol_by_number(uint16_t number);
const Protocol *protocol_by_name(const std::string &name);
// A connection's protocol as /proc/net/ip_vs_conn names it ("TCP", "ICMP",
// "IP_47"), for the ones ipvsadm has no entry for too.
std::string conn_protocol_name(uint16_t number);

// Name lookups, replaceable so formatting can be tested without /etc.
struct Resolver {
	std::function<std::optional<std::string>(int af, const Addr &)> host;
	std::function<std::optional<std::string>(uint16_t port, uint16_t proto)> service;
};

// gethostbyaddr and getservbyport, as 1.31 uses them.
const Resolver &system_resolver();
// Never finds a name (what -n amounts to, and handy in tests).
const Resolver &numeric_resolver();

// inet_ntop, or "(null)" for a family it does not know (as printf would).
std::string addr_to_text(int af, const Addr &a);

// "host:port" or "[v6]:port", at most 59 characters (1.31's buffer).
std::string addrport_to_anyname(int af, const Addr &a, uint16_t port,
				uint16_t proto, bool numeric, const Resolver &r);

} // namespace ipvsadm
