// SPDX-License-Identifier: GPL-2.0
// Pieces the formatters share: listings, rules (-S), JSON and events.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"

namespace ipvsadm {

// The names of the service's scheduler flags, in 1.31's order ("sh-port",
// "flag-1", ...); --json lists them, -L and -S join them with commas.
std::vector<const char *> sched_flag_names(const Service &s);
std::string sched_flags_text(const Service &s);

// A service's persistence netmask: dotted IPv4, or an IPv6 prefix length.
std::string netmask_text(const Service &s);
// -L and -S show it only when it is narrower than the whole address.
bool netmask_shown(const Service &s);

// The three timeouts as --timeout lists them: "900 120 300".
std::string timeouts_text(const Timeouts &t);

// A sync daemon's role, "master" or "backup"; null for neither.
const char *daemon_role(uint32_t state);
// What --daemon lists of one inside its parentheses: "mcast=eth0, syncid=1".
std::string daemon_fields(const Daemon &d);

// "-A <name> -s <sched> ..." with its newline.
std::string format_rule_service(const Service &s, const std::string &name);
// "-a <name> -r <dest> -m -w 1 ..." with its newline.
std::string format_rule_dest(const Dest &e, const std::string &name, const std::string &dname);

} // namespace ipvsadm
