// SPDX-License-Identifier: GPL-2.0
// --monitor's line for each event of lvs.ko: text in -L's terms (the
// service as its -L line describes it, the server as its line names it), or
// one JSON object made of --json's service and server objects.
#include <iterator>

#include "format.h"
#include "format_detail.h"
#include "format_json.h"
#include "strf.h"

namespace ipvsadm {

namespace {

// What an event's line shows besides its parts (service, server, timeouts,
// daemon), which it shows whenever it has them.
enum Shows : unsigned {
	kForwardWeight = 1,	// the server's forwarding method and weight
	kRevived = 2,		// whether the server came back from the trash
	kDaemonFields = 4,	// the daemon's settings, not its role alone
	kCmd = 8,		// the command number
};

struct EventNames {
	const char *text;	// what the text line starts with
	const char *json;	// its "event"
	unsigned shows;
};

// Indexed by EventKind.
constexpr EventNames kEventNames[] = {
	{ "new service", "new-service", 0 },
	{ "set service", "set-service", 0 },
	{ "del service", "del-service", 0 },
	{ "new dest", "new-dest", kForwardWeight | kRevived },
	{ "set dest", "set-dest", kForwardWeight },
	{ "del dest", "del-dest", 0 },
	{ "flush", "flush", 0 },
	{ "zero", "zero", 0 },
	{ "timeouts", "timeouts", 0 },
	{ "new daemon", "new-daemon", kDaemonFields },
	{ "del daemon", "del-daemon", 0 },
	{ "overloaded", "overloaded", 0 },
	{ "underloaded", "underloaded", 0 },
	{ "unknown event", "unknown", kCmd },
	{ "malformed event", "malformed", kCmd },
	{ "lost events", "lost", 0 },
};
static_assert(std::size(kEventNames) == static_cast<size_t>(EventKind::Lost) + 1,
	      "a row per event kind");

std::string event_text(const Event &e, const EventNames &n, unsigned format, const Resolver &r)
{
	std::string out = n.text;
	if (n.shows & kCmd)
		out += strf(" %u", e.cmd);
	if (e.service) {
		out += " " + format_service_text(*e.service, format, r);
		if (e.dest) {
			out += " -> " + format_dest_name(*e.dest, *e.service, format, r);
			if (n.shows & kForwardWeight)
				out += strf(" %s %d", format_forward(e.dest->conn_flags),
					    e.dest->weight);
		}
	}
	if ((n.shows & kRevived) && e.revived)
		out += " revived";
	if (e.timeouts)
		out += " " + timeouts_text(*e.timeouts);
	if (e.daemon) {
		out += " ";
		out += daemon_role(e.daemon->state);
		if (n.shows & kDaemonFields)
			out += " " + daemon_fields(*e.daemon);
	}
	return out + "\n";
}

std::string event_json(const Event &e, const EventNames &n)
{
	JsonWriter j;
	j.begin_object().member("event", n.json);
	if (n.shows & kCmd)
		j.member("cmd", e.cmd);
	if (e.service) {
		j.key("service");
		json_service_object(j, *e.service);
	}
	if (e.dest) {
		j.key("dest");
		json_dest_object(j, *e.dest);
	}
	if (n.shows & kRevived)
		j.member("revived", e.revived);
	if (e.timeouts) {
		j.key("timeouts");
		json_timeouts_object(j, *e.timeouts);
	}
	if (e.daemon) {
		j.key("daemon");
		if (n.shows & kDaemonFields)
			json_daemon_object(j, *e.daemon);
		else
			j.begin_object().member("state", daemon_role(e.daemon->state)).end_object();
	}
	j.end_object();
	return j.finish();
}

} // namespace

std::string format_event(const Event &e, unsigned format, const Resolver &r)
{
	const EventNames &n = kEventNames[static_cast<size_t>(e.kind)];
	return (format & FMT_JSON) ? event_json(e, n) : event_text(e, n, format, r);
}

} // namespace ipvsadm
