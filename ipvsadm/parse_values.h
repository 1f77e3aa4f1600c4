// SPDX-License-Identifier: GPL-2.0
// Parsers for the single values on an ipvsadm command line, with 1.31's
// acceptance rules (strtol-based numbers, inet_aton/inet_pton addresses, name
// lookups through the resolver).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "failure.h"
#include "model.h"

namespace ipvsadm {

// A base-10 number within [min, max] (strtol's syntax, as 1.31 reads it).
std::optional<int> string_to_number(const std::string &s, int min, int max);

// What parse_service found.
enum : int { SERVICE_NONE = 0, SERVICE_ADDR = 1, SERVICE_PORT = 2 };

// host[:port] or [v6addr]:port into svc (af, addr, netmask for IPv6, port).
// svc.protocol picks the service name table for a named port.
int parse_service(const std::string &arg, Service &svc);

// fwmark in [1, UINT_MAX].
Result<uint32_t> parse_fwmark(const std::string &arg);

// dotted mask or a host name resolving to one; network order.
std::optional<uint32_t> parse_netmask(const std::string &arg);

// A timeout in [min, max]; a missing value (-p alone) is the default 360.
Result<int> parse_timeout(const char *arg, int min, int max);

// -b flags for the given scheduler (empty means the default, wlc).
Result<uint32_t> parse_sched_flags(const std::string &sched, const std::string &arg);

// A multicast group (IPv6 when it has a colon) into group; its family.
Result<uint16_t> parse_mcast_group(const std::string &arg, Addr &group);

// --client: an IPv4 or IPv6 address with an optional /prefix (the whole
// address without one) into f's client, masked to the prefix; false if
// it is neither.
bool parse_client(const std::string &arg, ConnFilter &f);

// --conn-state: a state name as -c lists it, in any case; nullopt for an
// empty one or one longer than any (15 characters).
std::optional<std::string> parse_conn_state(const std::string &arg);

// ipip/gue/gre as IP_VS_CONN_F_TUNNEL_TYPE_*.
std::optional<uint8_t> parse_tun_type(const std::string &name);

} // namespace ipvsadm
