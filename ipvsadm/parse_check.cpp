// SPDX-License-Identifier: GPL-2.0
#include "parse_check.h"

#include <netinet/in.h>
#include <string>
#include <sys/socket.h>

#include <lvs/ipvs.h>


namespace ipvsadm {

namespace {

const char *const kOptionNames[kNumOpts] = {
	"numeric", "connection", "service-address", "scheduler", "persistent",
	"netmask", "real-server", "forwarding-method", "weight", "u-threshold",
	"l-threshold", "mcast-interface", "timeout", "daemon", "stats", "rate",
	"thresholds", "persistent-conn", "nosort", "syncid", "exact", "ops",
	"pe", "sched-flags", "mcast-group", "mcast-port", "mcast-ttl",
	"sync-maxlen", "tun-info", "tun-type", "tun-port", "tun-nocsum",
	"tun-csum", "tun-remcsum", "json", "client", "conn-state", "templates",
};

const char *const kTunnelNames[] = { "ipip", "gue", "gre" };
// Columns: tun-port, tun-nocsum, tun-csum, tun-remcsum.
const Opt kTunnelOpts[4] = { OPT_TUN_PORT, OPT_TUN_NOCSUM, OPT_TUN_CSUM,
			     OPT_TUN_REMCSUM };
const char *const kTunnelOptions[] = {
	"xxxx", // ipip
	"+111", // gue
	"x11x", // gre
};

} // namespace


Status set_option(uint64_t &options, Opt o)
{
	if (options & bit(o))
		return usage_error(std::string("multiple '") + kOptionNames[o] + "' options specified");
	options |= bit(o);
	return Done{};
}

namespace {

// One command's row of options or one row of kTunnelOptions against the options given:
// column j stands for option COLS[j], or for option j when COLS is null.
// "'WHAT' KIND" ends every message ("'list' command", "'gue' tunnel type");
// it is only put together for one.
Status check_row(const char *row, int ncols, const Opt *cols, uint64_t options,
		 const char *what, const char *kind)
{
	const auto where = [&] { return std::string("'") + what + "' " + kind; };
	int first_exclusive = -1;

	for (int j = 0; j < ncols; j++) {
		const int o = cols ? cols[j] : j;
		if (!(options & (uint64_t{1} << o))) {
			if (row[j] == '+')
				return usage_error(std::string("You need to supply the '") +
					   kOptionNames[o] + "' option for the " + where());
			continue;
		}
		if (row[j] == 'x')
			return usage_error(std::string("Illegal '") + kOptionNames[o] +
					   "' option with the " + where());
		if (row[j] == '1') {
			if (first_exclusive < 0) {
				first_exclusive = o;
				continue;
			}
			return usage_error(std::string("The option '") + kOptionNames[o] +
					   "' conflicts with the '" +
					   kOptionNames[first_exclusive] +
					   "' option in the " + where());
		}
	}
	return Done{};
}

} // namespace

Status check_command_options(Cmd cmd, uint64_t options)
{
	return check_row(command_info(cmd).options, kNumOpts, nullptr,
		  options, command_info(cmd).name, "command");
}

Status check_tunnel_options(int tun_type, uint64_t options)
{
	return check_row(kTunnelOptions[tun_type], 4, kTunnelOpts, options,
		  kTunnelNames[tun_type], "tunnel type");
}

Status finish_command(Command &c)
{
	// Ours: -c with one of our filters selects connections by these,
	// which 1.31's row refuses (and, without one, still does).
	uint64_t checked = c.options;
	if (lists_filtered_conns(c))
		checked &= ~kConnFilterOpts;
	if (Status s = check_command_options(c.cmd, checked); !s)
		return s;

	if (c.cmd == Cmd::Add || c.cmd == Cmd::Edit) {
		// Port zero only makes sense when persistence picks the port.
		if (!c.svc.fwmark && !c.svc.port &&
		    !(c.svc.flags & IP_VS_SVC_F_PERSISTENT))
			return usage_error("Zero port specified for non-persistent service");
		if ((c.svc.flags & IP_VS_SVC_F_ONEPACKET) && !c.svc.fwmark &&
		    c.svc.protocol != IPPROTO_UDP)
			return usage_error("One-Packet Scheduling is only for UDP virtual services");
		if (c.svc.sched_name.empty())
			c.svc.sched_name = "wlc";
	}

	if (c.cmd == Cmd::StartDaemon && c.daemon.mcast_ifn.empty())
		c.daemon.mcast_ifn = "eth0";

	const uint32_t fwd = c.dest.conn_flags & IP_VS_CONN_F_FWD_MASK;
	if (c.cmd == Cmd::AddDest || c.cmd == Cmd::EditDest) {
		// DR and tunnels cannot change the port: the packet keeps it.
		if (!c.svc.fwmark &&
		    (fwd == IP_VS_CONN_F_TUNNEL || fwd == IP_VS_CONN_F_DROUTE))
			c.dest.port = c.svc.port;
		if (c.dest.af != c.svc.af && fwd != IP_VS_CONN_F_TUNNEL)
			return usage_error("Different address family is allowed only for tunneling servers");
		const uint64_t tun = bit(OPT_TUN_TYPE) | bit(OPT_TUN_PORT) |
				     bit(OPT_TUN_NOCSUM) | bit(OPT_TUN_CSUM) |
				     bit(OPT_TUN_REMCSUM);
		if ((c.options & tun) && fwd != IP_VS_CONN_F_TUNNEL)
			return usage_error("Tunnel options conflict with forward method");
		if (Status s = check_tunnel_options(c.dest.tun_type, c.options); !s)
			return s;
	}

	if (c.cmd == Cmd::List) {
		const uint64_t o = c.options;
		const uint64_t special = bit(OPT_CONNECTION) | bit(OPT_TIMEOUT) | bit(OPT_DAEMON);
		const uint64_t numbers = bit(OPT_STATS) | bit(OPT_RATE) | bit(OPT_THRESHOLDS);
		const uint64_t config = bit(OPT_TIMEOUT) | bit(OPT_DAEMON);
		if (((o & special) && (o & numbers)) ||
		    ((o & config) && (o & bit(OPT_PERSISTENTCONN))))
			return usage_error("options conflicts in the list command");
	}
	return Done{};
}

} // namespace ipvsadm
