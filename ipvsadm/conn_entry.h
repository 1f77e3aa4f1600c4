// SPDX-License-Identifier: GPL-2.0
// One line of /proc/net/ip_vs_conn, read into a ConnEntry: what -c and
// its --json form print when no filter asks for lvs.ko's dump.
#pragma once

#include <optional>
#include <string>

#include "model.h"

namespace ipvsadm {

// nullopt for a blank line.
std::optional<ConnEntry> parse_conn_line(const std::string &line);

} // namespace ipvsadm
