// SPDX-License-Identifier: GPL-2.0
// One command line (argv, or one -R line with argv[0] prepended) into a
// Command, through popt with ipvsadm 1.31's option table, so option syntax,
// bundling (-Ln) and popt's error texts are those of 1.31.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "command.h"
#include "parse_error.h"

namespace ipvsadm {

using ParseResult = std::variant<Command, ParseFailure>;

ParseResult parse_command(const std::vector<std::string> &argv);

} // namespace ipvsadm
