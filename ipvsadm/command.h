// SPDX-License-Identifier: GPL-2.0
// A parsed ipvsadm command line (argv or one -R line): what to do and with
// which service, server, timeouts or daemon settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <lvs/ipvs.h>

#include "errors.h"
#include "format.h"
#include "model.h"
#include "nl_codec.h"

namespace ipvsadm {

// Numbered as ipvsadm 1.31 numbers them: kCommands is indexed by these.
enum class Cmd {
	None = 0, Add, Edit, Del, Flush, List, AddDest, DelDest, EditDest,
	Timeout, StartDaemon, StopDaemon, Restore, Save, Zero,
	// Ours, not 1.31's: after its commands so their numbers stay.
	Monitor, DeleteConns,
};
inline constexpr int kNumCmds = 16;

// Option indices (bit positions in Command::options).
enum Opt : int {
	OPT_NUMERIC, OPT_CONNECTION, OPT_SERVICE, OPT_SCHEDULER, OPT_PERSISTENT,
	OPT_NETMASK, OPT_SERVER, OPT_FORWARD, OPT_WEIGHT, OPT_UTHRESHOLD,
	OPT_LTHRESHOLD, OPT_MCAST, OPT_TIMEOUT, OPT_DAEMON, OPT_STATS, OPT_RATE,
	OPT_THRESHOLDS, OPT_PERSISTENTCONN, OPT_NOSORT, OPT_SYNCID, OPT_EXACT,
	OPT_ONEPACKET, OPT_PE, OPT_SCHED_FLAGS, OPT_MCAST_GROUP, OPT_MCAST_PORT,
	OPT_MCAST_TTL, OPT_SYNC_MAXLEN, OPT_TUN_INFO, OPT_TUN_TYPE, OPT_TUN_PORT,
	OPT_TUN_NOCSUM, OPT_TUN_CSUM, OPT_TUN_REMCSUM,
	// Ours, not 1.31's: after its options so their numbers stay.
	OPT_JSON, OPT_CLIENT, OPT_CONN_STATE, OPT_TEMPLATES,
};
inline constexpr int kNumOpts = 38;
constexpr uint64_t bit(Opt o) { return uint64_t{1} << o; }

struct Command {
	Cmd cmd = Cmd::None;
	uint64_t options = 0;
	unsigned format = FMT_NONE;
	Service svc;
	Dest dest;
	Timeouts timeout;
	Daemon daemon;
	// --client, --conn-state, --templates; the service and real server
	// are svc and dest (conn_filter() puts them together).
	ConnFilter conns;

	bool has(Opt o) const { return options & bit(o); }
};

// What selects connections in lvs.ko's connection control. With
// --delete-conns, and with -c when one of ours is given, the service and
// the real server do too: 1.31 refuses both with -c, and a line 1.31
// refuses must keep its message.
inline constexpr uint64_t kConnOwnFilterOpts =
	bit(OPT_CLIENT) | bit(OPT_CONN_STATE) | bit(OPT_TEMPLATES);
inline constexpr uint64_t kConnFilterOpts = bit(OPT_SERVICE) | bit(OPT_SERVER) |
	kConnOwnFilterOpts;

// -c with one of our filters: lvs.ko's dump rather than /proc/net/ip_vs_conn.
inline bool lists_filtered_conns(const Command &c)
{
	return c.cmd == Cmd::List && c.has(OPT_CONNECTION) && (c.options & kConnOwnFilterOpts);
}

// The filter a --delete-conns or a filtered -c line selects connections by.
ConnFilter conn_filter(const Command &c);

// Which parts of a Command its netlink request carries.
enum class Payload {
	None,		// a listing: no request
	Bare,		// the command alone
	Service,
	ServiceIfGiven,	// -Z: every counter without one
	ServiceAndDest,
	Timeouts,
	DaemonKey,	// state, interface and syncid
	Daemon,		// and the multicast settings
};

// Everything ipvsadm knows about one command, in one row.
struct CommandInfo {
	const char *name;	// as 1.31's messages name it
	// One column per option (order of enum Opt): '+' compulsory,
	// 'x' illegal, '1' at most one of the '1's, ' ' optional.
	const char *options;
	uint8_t nl_cmd;		// IPVS_CMD_*, when it changes kernel state
	Payload payload;
	// How a kernel error after it is worded; none: as the previous one.
	std::optional<Op> op;
};

inline constexpr CommandInfo kCommands[kNumCmds] = {
	//          options                               111111111122222222223333333333
	//                                      01234567890123456789012345678901234567
	{ "add-service",    "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxxxxxx", IPVS_CMD_NEW_SERVICE,
	  Payload::Service, Op::AddService },
	{ "edit-service",   "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxxxxxx", IPVS_CMD_SET_SERVICE,
	  Payload::Service, Op::UpdateService },
	{ "delete-service", "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", IPVS_CMD_DEL_SERVICE,
	  Payload::Service, Op::DelService },
	// 1.31 words a failed flush after the previous operation.
	{ "flush",          "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", IPVS_CMD_FLUSH,
	  Payload::Bare, std::nullopt },
	{ "list",           " 11xxxxxxxxx11       xxxxxxx xxxxx xxx", 0,
	  Payload::None, std::nullopt },
	{ "add-server",     "xx+xxx+    xxxxxxxxxxxxxxxxxx     xxxx", IPVS_CMD_NEW_DEST,
	  Payload::ServiceAndDest, Op::AddDest },
	{ "delete-server",  "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", IPVS_CMD_DEL_DEST,
	  Payload::ServiceAndDest, Op::DelDest },
	{ "edit-server",    "xx+xxx+    xxxxxxxxxxxxxxxxxx     xxxx", IPVS_CMD_SET_DEST,
	  Payload::ServiceAndDest, Op::UpdateDest },
	{ "set",            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", IPVS_CMD_SET_CONFIG,
	  Payload::Timeouts, Op::SetTimeout },
	{ "start-daemon",   "xxxxxxxxxxx xxxxxxx xxxx    xxxxxxxxxx", IPVS_CMD_NEW_DAEMON,
	  Payload::Daemon, Op::StartDaemon },
	{ "stop-daemon",    "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxxx", IPVS_CMD_DEL_DAEMON,
	  Payload::DaemonKey, Op::StopDaemon },
	{ "restore",        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 0,
	  Payload::None, std::nullopt },
	{ "save",           " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 0,
	  Payload::None, std::nullopt },
	{ "zero",           "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", IPVS_CMD_ZERO,
	  Payload::ServiceIfGiven, Op::ZeroService },
	// lvs.ko's change events, as they come: -n and --json only.
	{ "monitor",        " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx xxx", 0,
	  Payload::None, std::nullopt },
	// lvs.ko's connection control: a service, a real server and the
	// connection filters, none compulsory (none at all: every one).
	{ "delete-conns",   "xx xxx xxxxxxxxxxxxxxxxxxxxxxxxxxxx   ", 0,
	  Payload::None, std::nullopt },
};

constexpr bool rows_complete()
{
	for (const CommandInfo &c : kCommands)
		if (std::string_view(c.options).size() != kNumOpts)
			return false;
	return true;
}
static_assert(rows_complete(), "a command row per option");

constexpr const CommandInfo &command_info(Cmd c)
{
	return kCommands[static_cast<int>(c) - 1];
}

// A command that changes kernel state (and so can be pipelined in -R).
constexpr bool is_modifying(Cmd c)
{
	return c != Cmd::None && command_info(c).payload != Payload::None;
}

// The request that carries out a state-changing command; EINVAL for any
// other.
Expected<nl::Bytes> command_request(int family, const Command &c);

} // namespace ipvsadm
