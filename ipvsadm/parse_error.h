// SPDX-License-Identifier: GPL-2.0
// How parsing a command line can end without a Command. Each kind maps to one
// of ipvsadm 1.31's exits (decided in main, not here).
#pragma once

#include <string>

namespace ipvsadm {

struct ParseFailure {
	enum Kind {
		Fail,		// validation message; ipvsadm exits 2
		TryHelp,	// "Try `prog -h' ..."; exits 255
		Popt,		// popt's own error; the line fails (-1) but -R goes on
		Help,		// -h: usage on stdout, exit 0
		Version,	// -v: version on stdout, exit 0
	};
	Kind kind;
	std::string text;	// exactly what is printed, newline included
};

// Thrown inside the parser (it mirrors 1.31's fail() which may strike at any
// depth) and caught at its boundary, which returns it as a value.
[[noreturn]] void fail(const std::string &msg);

} // namespace ipvsadm
