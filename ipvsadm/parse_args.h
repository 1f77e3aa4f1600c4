// SPDX-License-Identifier: GPL-2.0
// One command line (argv, or one -R line with argv[0] prepended) into a
// Command, through popt with ipvsadm 1.31's option table, so option syntax,
// bundling (-Ln) and popt's error texts are those of 1.31.
#pragma once

#include <string>
#include <vector>

#include "command.h"
#include "failure.h"

namespace ipvsadm {

using ParseResult = Result<Command>;

ParseResult parse_command(const std::vector<std::string> &argv);

} // namespace ipvsadm
