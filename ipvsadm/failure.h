// SPDX-License-Identifier: GPL-2.0
// How a run of ipvsadm ends early: the text ipvsadm 1.31 prints and the exit
// code it takes. Parser and runner return these as values; main alone prints
// them and exits (report()).
#pragma once

#include <string>
#include <system_error>

#include "errors.h"
#include "expected.h"

namespace ipvsadm {

struct Failure {
	enum Kind {
		Usage,		// a validation message; exit 2
		TryHelp,	// "Try `prog -h' ..."; exit 255
		Popt,		// popt's own error; exit 255, but -R goes on
		Kernel,		// the kernel refused a change; exit 255, -R goes on
		Listing,	// a listing could not be read; exit 1
		Init,		// IPVS could not be reached; exit 2
		Help,		// -h: usage on stdout, exit 0
		Version,	// -v: version on stdout, exit 0
	};
	Kind kind;
	std::string text;	// exactly what is printed (often already was: "")

	// Does -R note this failure for the line and read on?
	bool ends_line_only() const { return kind == Popt || kind == Kernel; }
};

template <class T>
using Result = Expected<T, Failure>;
using Status = Expected<Done, Failure>;

// A validation failure: MSG and a newline, exit 2.
inline Failure usage_error(const std::string &msg)
{
	return {Failure::Usage, msg + "\n"};
}

// How a request of lvs.ko's own family (lvs.h) fails, exit 1: WHAT (the
// option, "--monitor") needs FEATURE ("change events"). ENOENT: there is
// no such family (the kernel's ip_vs); EPROTONOSUPPORT: this lvs.ko lacks
// the feature; anything else is worded as 1.31 words it after OP.
Failure lvs_failure(const std::string &what, const std::string &feature, Op op,
		    std::error_code ec);

// Prints f's text on the stream 1.31 uses for it; returns the exit code.
int report(const Failure &f);

} // namespace ipvsadm
