// SPDX-License-Identifier: GPL-2.0
// --json: the listings as one JSON document each, for scripts. Unlike the
// text listings these carry every field at once (stats, rates, thresholds,
// tunnel settings) and addresses are always numeric.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "conn_entry.h"
#include "model.h"

namespace ipvsadm {

// A service with its real servers, in the order they are to be printed.
using ServiceListing = std::pair<Service, std::vector<Dest>>;

// {"version":"1.2.1","conn_tab_size":N,"services":[...]}
std::string json_services(const Info &info, const std::vector<ServiceListing> &services);
// {"connections":[...]}
std::string json_conns(const std::vector<ConnEntry> &conns);
// {"timeouts":{"tcp":N,"tcp_fin":N,"udp":N}}
std::string json_timeouts(const Timeouts &t);
// {"daemons":[...]}
std::string json_daemons(const std::vector<Daemon> &d);

} // namespace ipvsadm
