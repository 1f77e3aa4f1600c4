// SPDX-License-Identifier: GPL-2.0
// One line of /proc/net/ip_vs_conn, read into fields: the -c listing and
// its --json form both start from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model.h"

namespace ipvsadm {

struct ConnEntry {
	std::string protocol;	// as the kernel names it: "TCP", "UDP", "SCTP", ...
	uint16_t proto = 0;	// its number, 0 when unknown
	int af = 0;		// client and virtual address family
	Addr caddr{}, vaddr{};
	uint16_t cport = 0, vport = 0;
	int daf = 0;		// the real server's may differ (tunnels)
	Addr daddr{};
	uint16_t dport = 0;
	std::string state;
	unsigned expires = 0;	// seconds
	bool has_pe = false;	// the line carries the pe name and data columns
	std::string pe_name, pe_data;
};

// nullopt for a blank line.
std::optional<ConnEntry> parse_conn_line(const std::string &line);

} // namespace ipvsadm
