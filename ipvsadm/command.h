// SPDX-License-Identifier: GPL-2.0
// A parsed ipvsadm command line (argv or one -R line): what to do and with
// which service, server, timeouts or daemon settings.
#pragma once

#include <cstdint>

#include "format.h"
#include "model.h"

namespace ipvsadm {

// Numbered as ipvsadm 1.31 numbers them: the option/command table is indexed
// by these, and its error messages name them in this order.
enum class Cmd {
	None = 0, Add, Edit, Del, Flush, List, AddDest, DelDest, EditDest,
	Timeout, StartDaemon, StopDaemon, Restore, Save, Zero,
};
inline constexpr int kNumCmds = 14;

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
	OPT_JSON,
};
inline constexpr int kNumOpts = 35;
constexpr uint64_t bit(Opt o) { return uint64_t{1} << o; }

struct Command {
	Cmd cmd = Cmd::None;
	uint64_t options = 0;
	unsigned format = FMT_NONE;
	Service svc;
	Dest dest;
	Timeouts timeout;
	Daemon daemon;

	bool has(Opt o) const { return options & bit(o); }
};

// A command that changes kernel state (and so can be pipelined in -R).
inline bool is_modifying(Cmd c)
{
	switch (c) {
	case Cmd::Add: case Cmd::Edit: case Cmd::Del: case Cmd::Flush:
	case Cmd::AddDest: case Cmd::DelDest: case Cmd::EditDest:
	case Cmd::Timeout: case Cmd::StartDaemon: case Cmd::StopDaemon:
	case Cmd::Zero:
		return true;
	default:
		return false;
	}
}

} // namespace ipvsadm
