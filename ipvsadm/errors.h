// SPDX-License-Identifier: GPL-2.0
// ipvsadm 1.31's wording for kernel errors. The same errno reads differently
// depending on the operation that failed (ESRCH is "No such service" for a
// service but "Service not defined" when adding a server), so the operation
// travels with the error code.
#pragma once

#include <string>
#include <system_error>

namespace ipvsadm {

enum class Op {
	Init, AddService, UpdateService, DelService, ZeroService, AddDest,
	UpdateDest, DelDest, SetTimeout, StartDaemon, StopDaemon, GetServices,
	GetDests, GetService, GetTimeout, GetDaemon,
	Monitor,	// ours: joining lvs.ko's change events
};

// The message 1.31 prints for err after op.
std::string ipvs_strerror(Op op, int err);
inline std::string ipvs_strerror(Op op, std::error_code ec)
{
	return ipvs_strerror(op, ec.value());
}

} // namespace ipvsadm
