// SPDX-License-Identifier: GPL-2.0
// Which options each command takes, which each tunnel type takes, and the
// cross-option rules ipvsadm 1.31 enforces after reading a line.
#pragma once

#include <cstdint>

#include "command.h"

namespace ipvsadm {

// The name 1.31 gives option index i / command c in its messages.
const char *option_name(int i);
const char *command_name(Cmd c);

// Records an option; fail()s on a repeat.
void set_option(uint64_t &options, Opt o);
// Records the command; fail()s if one was already given.
void set_command(Cmd &cmd, Cmd newcmd);

// The command/option table: compulsory, illegal and mutually exclusive ones.
void check_command_options(Cmd cmd, uint64_t options);
// The tunnel type/option table.
void check_tunnel_options(int tun_type, uint64_t options);

// Defaults and rules applied once a line is fully read (zero port, one-packet,
// default scheduler and interface, real-server port and family, list
// conflicts).
void finish_command(Command &c);

} // namespace ipvsadm
