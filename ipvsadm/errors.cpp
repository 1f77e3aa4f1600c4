// SPDX-License-Identifier: GPL-2.0
#include "errors.h"

#include <cerrno>
#include <cstring>
#include <optional>

namespace ipvsadm {

namespace {

struct Entry {
	std::optional<Op> op;	// nullopt: any operation
	int err;
	const char *text;
};

const Entry kTable[] = {
	{ Op::AddService, EEXIST, "Service already exists" },
	{ Op::AddService, ENOENT, "Scheduler or persistence engine not found" },
	{ Op::UpdateService, ESRCH, "No such service" },
	{ Op::UpdateService, ENOENT, "Scheduler or persistence engine not found" },
	{ Op::DelService, ESRCH, "No such service" },
	{ Op::ZeroService, ESRCH, "No such service" },
	{ Op::AddDest, ESRCH, "Service not defined" },
	{ Op::AddDest, EEXIST, "Destination already exists" },
	{ Op::UpdateDest, ESRCH, "Service not defined" },
	{ Op::UpdateDest, ENOENT, "No such destination" },
	{ Op::DelDest, ESRCH, "Service not defined" },
	{ Op::DelDest, ENOENT, "No such destination" },
	{ Op::StartDaemon, EEXIST, "Daemon has already run" },
	{ Op::StopDaemon, ESRCH, "No daemon is running" },
	{ Op::GetServices, ESRCH, "No such service" },
	{ Op::GetDests, ESRCH, "No such service" },
	{ Op::GetService, ESRCH, "No such service" },
	{ std::nullopt, EPERM, "Permission denied (you must be root)" },
	{ std::nullopt, EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
	{ std::nullopt, ENOPROTOOPT, "Protocol not available" },
	{ std::nullopt, ENOMEM, "Memory allocation problem" },
	{ std::nullopt, EOPNOTSUPP, "Operation not supported with IPv6" },
	{ std::nullopt, EAFNOSUPPORT, "Operation not supported with specified address family" },
	{ std::nullopt, EMSGSIZE, "Module is wrong version" },
};

} // namespace

std::string ipvs_strerror(Op op, int err)
{
	for (const Entry &e : kTable)
		if ((!e.op || *e.op == op) && e.err == err)
			return e.text;
	return std::strerror(err);
}

} // namespace ipvsadm
