// SPDX-License-Identifier: GPL-2.0
// The data model shared by parse, client and format: what a virtual service,
// a real server, the timeouts and a sync daemon are, independent of how they
// travel (netlink) or print (ipvsadm 1.31 text).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipvsadm {

// An address the way IPVS carries it: IPv4 in the first 4 bytes, network order.
using Addr = std::array<uint8_t, 16>;

struct Stats {
	uint64_t conns = 0, inpkts = 0, outpkts = 0, inbytes = 0, outbytes = 0;
	uint64_t cps = 0, inpps = 0, outpps = 0, inbps = 0, outbps = 0;
};

// A virtual service: both what a command asks for and what a dump returns.
// Ports are kept in host order; the codec converts.
struct Service {
	uint16_t af = 0;
	uint16_t protocol = 0;
	Addr addr{};
	uint16_t port = 0;
	uint32_t fwmark = 0;
	std::string sched_name;
	std::string pe_name;
	uint32_t flags = 0;
	uint32_t timeout = 0;
	uint32_t netmask = 0;	// IPv4: a mask in network order; IPv6: prefix length
	Stats stats;
};

struct Dest {
	uint16_t af = 0;
	Addr addr{};
	uint16_t port = 0;
	uint32_t conn_flags = 0;
	int32_t weight = 0;
	uint32_t u_threshold = 0, l_threshold = 0;
	uint32_t activeconns = 0, inactconns = 0, persistconns = 0;
	uint8_t tun_type = 0;
	uint16_t tun_port = 0;
	uint16_t tun_flags = 0;
	Stats stats;
};

struct Timeouts {
	uint32_t tcp = 0, tcp_fin = 0, udp = 0;
};

struct Daemon {
	uint32_t state = 0;
	std::string mcast_ifn;
	uint32_t syncid = 0;
	uint16_t sync_maxlen = 0;
	uint16_t mcast_af = 0;	// AF_UNSPEC when no group was given
	Addr mcast_group{};
	uint16_t mcast_port = 0;
	uint8_t mcast_ttl = 0;
};

struct Info {
	uint32_t version = 0;
	uint32_t conn_tab_size = 0;
};

// What a change event of lvs.ko (family "LVS", group "events") says
// happened. Overloaded and Underloaded are LVS_CMD_EV_DEST_STATE's two
// states; Unknown is a command this ipvsadm does not know, Malformed one
// whose attributes could not be read. Lost is no message: the kernel
// dropped events the socket had no room for.
enum class EventKind : uint8_t {
	NewService, SetService, DelService, NewDest, SetDest, DelDest, Flush,
	Zero, Timeouts, NewDaemon, DelDaemon, Overloaded, Underloaded,
	Unknown, Malformed, Lost,
};

// One event: the parts its kind carries are set, the others not.
struct Event {
	EventKind kind = EventKind::Unknown;
	uint8_t cmd = 0;	// the LVS_CMD_* it came as
	std::optional<Service> service;
	std::optional<Dest> dest;
	std::optional<Timeouts> timeouts;
	std::optional<Daemon> daemon;	// DelDaemon: its state alone
	bool revived = false;	// NewDest: back from the trash
};

} // namespace ipvsadm
