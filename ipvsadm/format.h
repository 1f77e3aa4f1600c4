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

// Listing format flags (set by the options of the same names).
enum Fmt : unsigned {
	FMT_NONE = 0,
	FMT_NUMERIC = 0x0001,
	FMT_RULE = 0x0002,
	FMT_STATS = 0x0004,
	FMT_RATE = 0x0008,
	FMT_THRESHOLDS = 0x0010,
	FMT_PERSISTENTCONN = 0x0020,
	FMT_NOSORT = 0x0040,
	FMT_EXACT = 0x0080,
	FMT_TUN_INFO = 0x0100,
	FMT_JSON = 0x0200,
};

// A counter in a 9-wide column, scaled to K/M/G/T unless FMT_EXACT.
std::string format_largenum(uint64_t n, unsigned format);

// "IP Virtual Server version 1.2.1 (size=4096)\n"
std::string format_version_header(const Info &info);

// The two column-title lines for the chosen format ("" for -S).
std::string format_title(unsigned format);

// How a service is named on its line: "TCP  host:port" / "FWM  1" in
// listings, "-t host:port" / "-f 1" in rules.
std::string format_service_name(const Service &s, unsigned format, const Resolver &r);

// One service and its real servers (in listing order: see sort.h), listing
// or rules as format says.
std::string format_service(const Service &s, const std::vector<Dest> &dests,
			   unsigned format, const Resolver &r);

// A service as the default -L layout describes it, without the newline:
// "TCP  10.0.0.1:80 rr", "FWM  5 wlc persistent 300".
std::string format_service_text(const Service &s, unsigned format, const Resolver &r);
// A real server of S as its line names it: "10.0.0.2:80" (cut to -L's
// column unless FMT_RULE).
std::string format_dest_name(const Dest &e, const Service &s, unsigned format, const Resolver &r);
// -L's Forward column: "Masq", "Local", "Tunnel", "Route".
const char *format_forward(uint32_t conn_flags);

// --timeout and --daemon listings.
std::string format_timeouts(const Timeouts &t);
std::string format_daemons(const std::vector<Daemon> &d);

// --monitor: the line for one event of lvs.ko, with its newline; JSON with
// FMT_JSON, else text with -L's names (FMT_NUMERIC: numbers).
std::string format_event(const Event &e, unsigned format, const Resolver &r);

// -c: the title, and one line of /proc/net/ip_vs_conn.
std::string format_conn_title(unsigned format);
std::string format_conn_line(const std::string &line, unsigned format, const Resolver &r);

} // namespace ipvsadm
