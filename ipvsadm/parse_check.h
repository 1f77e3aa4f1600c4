// SPDX-License-Identifier: GPL-2.0
// Which options each command takes, which each tunnel type takes, and the
// cross-option rules ipvsadm 1.31 enforces after reading a line.
#pragma once

#include <cstdint>

#include "command.h"
#include "failure.h"

namespace ipvsadm {

// Records an option; a repeat fails.
Status set_option(uint64_t &options, Opt o);

// The command's row of kCommands: compulsory, illegal and exclusive options.
Status check_command_options(Cmd cmd, uint64_t options);
// The tunnel type/option table.
Status check_tunnel_options(int tun_type, uint64_t options);

// Defaults and rules applied once a line is fully read (zero port, one-packet,
// default scheduler and interface, real-server port and family, list
// conflicts).
Status finish_command(Command &c);

} // namespace ipvsadm
