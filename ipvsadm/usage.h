// SPDX-License-Identifier: GPL-2.0
// ipvsadm 1.31's -h and -v texts, byte for byte.
#pragma once

#include <string>

namespace ipvsadm {

std::string version_text();
std::string usage_text(const std::string &program);
std::string tryhelp_text(const std::string &program);

} // namespace ipvsadm
