// SPDX-License-Identifier: GPL-2.0
// --json: the listings as one JSON document each, for scripts. Unlike the
// text listings these carry every field at once (stats, rates, thresholds,
// tunnel settings) and addresses are always numeric.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "conn_entry.h"
#include "json_writer.h"
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

// The objects those documents are made of, for others (--monitor's
// events): a service (without its "destinations"), a real server, a sync
// daemon (master or backup), the timeouts.
void json_service_object(JsonWriter &j, const Service &s);
void json_dest_object(JsonWriter &j, const Dest &e);
void json_daemon_object(JsonWriter &j, const Daemon &d);
void json_timeouts_object(JsonWriter &j, const Timeouts &t);

} // namespace ipvsadm
