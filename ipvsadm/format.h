// SPDX-License-Identifier: GPL-2.0
// ipvsadm 1.31's text for listings (-L in every variant), rules (-S), the
// timeout and daemon listings and the connection table. Pure functions from
// the data model to strings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"
#include "names.h"

namespace ipvsadm {

// A counter in a 9-wide column, scaled to K/M/G/T unless FMT_EXACT.
std::string format_largenum(uint64_t n, unsigned format);

// "IP Virtual Server version 1.2.1 (size=4096)\n"
std::string format_version_header(const Info &info);

// The two column-title lines for the chosen format ("" for -S).
std::string format_title(unsigned format);

// How a service is named on its line: "TCP  host:port" / "FWM  1" in
// listings, "-t host:port" / "-f 1" in rules.
std::string format_service_name(const Service &s, unsigned format, const Resolver &r);

// One service and its real servers, listing or rules as format says.
// Sorts the servers unless FMT_NOSORT.
std::string format_service(const Service &s, std::vector<Dest> dests,
			   unsigned format, const Resolver &r);

// --timeout and --daemon listings.
std::string format_timeouts(const Timeouts &t);
std::string format_daemons(const std::vector<Daemon> &d);

// -c: the title, and one line of /proc/net/ip_vs_conn.
std::string format_conn_title(unsigned format);
std::string format_conn_line(const std::string &line, unsigned format, const Resolver &r);

} // namespace ipvsadm
