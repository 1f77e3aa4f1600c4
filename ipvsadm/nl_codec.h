// SPDX-License-Identifier: GPL-2.0
// The IPVS generic-netlink messages as bytes, and lvs.ko's events: requests
// are built and replies taken apart here, without a socket, so both
// directions can be tested on their own. Requests carry exactly the
// attributes ipvsadm 1.31 sends, so a module sees the same thing from
// either tool.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "expected.h"
#include "model.h"

namespace ipvsadm::nl {

using Bytes = std::vector<uint8_t>;
using Span = std::span<const uint8_t>;

// A complete request (nlmsghdr + genlmsghdr + attributes) with sequence
// number 0; the client stamps its own. NLM_F_REQUEST|NLM_F_ACK are set.
// A request that does not fit a message is ENOBUFS (ENOMEM when none could
// be allocated).
Expected<Bytes> get_info(int family);
Expected<Bytes> get_services(int family);		// dump
Expected<Bytes> get_service(int family, const Service &key);
Expected<Bytes> get_dests(int family, const Service &key);	// dump
Expected<Bytes> get_timeouts(int family);
Expected<Bytes> get_daemons(int family);		// dump
// The generic-netlink controller's GETFAMILY for NAME.
Expected<Bytes> get_family_id(const char *name);

// What a state-changing request carries besides its command (IPVS_CMD_*);
// null parts are left out.
struct Change {
	const Service *service = nullptr;
	const Dest *dest = nullptr;
	const Timeouts *timeouts = nullptr;
	const Daemon *daemon = nullptr;
	bool daemon_key_only = false;	// state, interface and syncid alone
};
Expected<Bytes> change_request(int family, uint8_t cmd, const Change &c);

// One reply message each (as received: nlmsghdr first). A missing mandatory
// attribute or a malformed one is EINVAL, as 1.31 reports it.
Expected<Info> parse_info(Span msg);
Expected<Service> parse_service(Span msg);
Expected<Dest> parse_dest(Span msg, uint16_t service_af);
Expected<Timeouts> parse_timeouts(Span msg);
Expected<Daemon> parse_daemon(Span msg);
// The family id in the controller's answer to get_family_id.
Expected<int> parse_family_id(Span msg);

// One message of lvs.ko's event group (family "LVS", lvs.h). Never fails:
// a command it does not know is EventKind::Unknown, an event whose parts
// are missing or do not read is EventKind::Malformed (cmd 0 when even the
// generic-netlink header is cut off).
Event parse_event(Span msg);

} // namespace ipvsadm::nl
