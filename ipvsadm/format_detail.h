// SPDX-License-Identifier: GPL-2.0
// Pieces shared between the listing and the rule (-S) formatters.
#pragma once

#include <string>

#include "model.h"

namespace ipvsadm {

// "sh-fallback,sh-port" / "flag-1,flag-3" ...: the scheduler flags by name.
std::string sched_flags_text(const Service &s);

// A persistent service's netmask as -L and -S print it (dotted IPv4, an
// IPv6 prefix length); empty when it is the whole address, not printed.
std::string netmask_text(const Service &s);

// "-A <name> -s <sched> ..." with its newline.
std::string format_rule_service(const Service &s, const std::string &name);
// "-a <name> -r <dest> -m -w 1 ..." with its newline.
std::string format_rule_dest(const Dest &e, const std::string &name, const std::string &dname);

} // namespace ipvsadm
