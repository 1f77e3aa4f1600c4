// SPDX-License-Identifier: GPL-2.0
// One command line (argv, or one -R line with argv[0] prepended) into a
// Command, with ipvsadm 1.31's option table and popt's rules, so option
// syntax, bundling (-Ln) and popt's error texts are those of 1.31.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "failure.h"

namespace ipvsadm {

using ParseResult = Result<Command>;

ParseResult parse_command(const std::vector<std::string> &argv);

// The two ways parse_command takes. A line of separate one-letter options,
// each argument in the word after its option (what -S writes and what -R
// reads most), needs none of popt's machinery and is read directly: the
// same option table and actions, in the same order, but without a popt
// context per line. Anything else, and any line with an error, goes
// through popt, so error texts and corner cases are popt's.
std::optional<Command> parse_plain_command(const std::vector<std::string> &argv);
ParseResult parse_command_popt(const std::vector<std::string> &argv);

} // namespace ipvsadm
