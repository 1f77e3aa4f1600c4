// SPDX-License-Identifier: GPL-2.0
// --monitor: lvs.ko's change events, one line each as they come, until
// SIGINT, SIGTERM or the reader of standard output goes away.
#pragma once

#include <string>
#include <system_error>

#include "failure.h"
#include "names.h"
#include "nl_codec.h"

namespace ipvsadm {

// The line (with its newline) for one message of the event group: text,
// or JSON with FMT_JSON. Anything at all reads as some line.
std::string event_line(nl::Span msg, unsigned format, const Resolver &r);

// How failing to join the events ends ipvsadm (exit 1).
Failure monitor_failure(std::error_code ec);

// Prints events until stopped; Done then.
Status monitor(unsigned format, const Resolver &r);

} // namespace ipvsadm
