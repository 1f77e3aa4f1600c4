// SPDX-License-Identifier: GPL-2.0
#include "command.h"

#include <cerrno>

namespace ipvsadm {

namespace {

bool service_given(const Service &s)
{
	static const Addr zero{};
	return s.fwmark || s.addr != zero || s.port;
}

} // namespace

ConnFilter conn_filter(const Command &c)
{
	ConnFilter f = c.conns;
	if (c.has(OPT_SERVICE))
		f.service = c.svc;
	if (c.has(OPT_SERVER))
		f.dest = c.dest;
	return f;
}

Expected<nl::Bytes> command_request(int family, const Command &c)
{
	if (!is_modifying(c.cmd))
		return errno_code(EINVAL);
	const CommandInfo &info = command_info(c.cmd);
	nl::Change change;
	switch (info.payload) {
	case Payload::Service:
		change.service = &c.svc;
		break;
	case Payload::ServiceIfGiven:
		if (service_given(c.svc))
			change.service = &c.svc;
		break;
	case Payload::ServiceAndDest:
		change.service = &c.svc;
		change.dest = &c.dest;
		break;
	case Payload::Timeouts:
		change.timeouts = &c.timeout;
		break;
	case Payload::DaemonKey:
		change.daemon_key_only = true;
		[[fallthrough]];
	case Payload::Daemon:
		change.daemon = &c.daemon;
		break;
	case Payload::None:
	case Payload::Bare:
		break;
	}
	return nl::change_request(family, info.nl_cmd, change);
}

} // namespace ipvsadm
