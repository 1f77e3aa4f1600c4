#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Change events, lvs.ko's own netlink family "LVS" (include/uapi/lvs/
# lvs.h): `ipvsadm --monitor` prints every configuration change stock
# ipvsadm makes, in order, and nothing else (a refused command, or a
# change in another namespace, makes none); and the overload changes
# traffic makes to a dest. The kernel's ip_vs has no events: there our
# ipvsadm must refuse --monitor with a reason, never fall back.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip unshare

MON=/tmp/ctl-events.mon

if [ "$LVS_SIDE" != lvs ]; then
	plan 2
	check "topology builds" sched_topo 1 1
	refused() {
		! adm_ours --monitor -n >"$MON" 2>&1 &&
			grep -q 'needs lvs.ko' "$MON" || { cat "$MON"; false; }
	}
	check "on ip_vs our ipvsadm refuses --monitor, saying why" refused
	done_testing
fi

plan 8
check "topology builds" sched_topo 1 1
S="TCP  $VIP:80"
RS=${RS_IP[1]}

# nsenter execs the monitor: $! is its pid, for the SIGTERM check.
nsenter --net="/run/netns/$NS_DIRECTOR" "$IPVSADM_OURS" --monitor -n >"$MON" 2>&1 &
MON_PID=$!
on_exit "kill $MON_PID"

# mark: a change that alters nothing (zero timeouts keep theirs) but is
# told all the same; once its event is in, everything before it is too.
# Prints how many lines the monitor had printed by then.
marks() { grep -c '^timeouts ' "$MON"; }
mark() {
	local want=$(($(marks) + 1))
	adm --set 0 0 0 || return 1
	within $((10 * ${LVS_TIME_SCALE:-1})) eval '[ "$(marks)" -ge '$want' ]' || {
		echo "mark $want never came"; cat "$MON"; return 1; }
	wc -l <"$MON"
}

# The monitor prints nothing until an event comes: it listens once a mark
# sent after it started shows.
listening() {
	local i
	for ((i = 0; i < 20 * ${LVS_TIME_SCALE:-1}; i++)); do
		adm --set 0 0 0 || return 1
		sleep 0.5
		[ "$(marks)" -gt 0 ] && return 0
	done
	cat "$MON"
	return 1
}
check "the monitor listens" listening

# stream_is FROM 'EXPECTED': the monitor's lines after line FROM, up to
# and including the next mark, are exactly EXPECTED.
stream_is() {
	local got
	got=$(tail -n +$(($1 + 1)) "$MON")
	[ "$got" = "$2" ] && return 0
	diff <(echo "$2") <(echo "$got") | sed 's/^</want/; s/^>/got /'
	return 1
}

# The service lines as -Ln prints them; dests follow "->".
changes() {
	local from
	from=$(mark) || { echo "$from"; return 1; }
	adm -A -t "$VIP:80" -s rr &&
		! adm -A -t "$VIP:80" -s rr 2>/dev/null &&
		adm -E -t "$VIP:80" -s wlc -p 300 &&
		adm -a -t "$VIP:80" -r "$RS:80" -m -w 2 &&
		adm -e -t "$VIP:80" -r "$RS:80" -m -w 0 &&
		! adm -d -t "$VIP:80" -r 10.0.2.99:80 2>/dev/null &&
		ADM_NS=$NS_CLIENT adm -A -t 10.9.9.9:80 -s rr &&
		ADM_NS=$NS_CLIENT adm -C &&
		adm -A -f 5 -s sh &&
		adm -a -f 5 -r "$RS" -g -w 1 &&
		adm -Z -t "$VIP:80" &&
		adm -Z &&
		adm -d -t "$VIP:80" -r "$RS:80" &&
		adm -a -t "$VIP:80" -r "$RS:80" -m -w 3 &&
		adm --set 100 20 30 &&
		adm --start-daemon master --mcast-interface c0 --syncid 7 &&
		adm --stop-daemon master &&
		adm -D -t "$VIP:80" &&
		adm -C || return 1
	mark >/dev/null || return 1
	stream_is "$from" "new service $S rr
set service $S wlc persistent 300
new dest $S wlc persistent 300 -> $RS:80 Masq 2
set dest $S wlc persistent 300 -> $RS:80 Masq 0
new service FWM  5 sh
new dest FWM  5 sh -> $RS:0 Route 1
zero $S wlc persistent 300
zero
del dest $S wlc persistent 300 -> $RS:80
new dest $S wlc persistent 300 -> $RS:80 Masq 3 revived
timeouts 100 20 30
new daemon master mcast=c0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1
del daemon master
del service $S wlc persistent 300
flush
timeouts 100 20 30"
}
check "a script of changes, as events in order; refused ones and another namespace's make none" changes

# A real server of u_threshold 1 is overloaded by its first connection
# and back when that one expires (UDP, timeout 2 s).
overload() {
	local from u="UDP  $VIP:53 rr -> $RS:53"
	adm -A -u "$VIP:53" -s rr && adm -a -u "$VIP:53" -r "$RS:53" -m -x 1 &&
		adm --set 100 20 2 || return 1
	from=$(mark) || { echo "$from"; return 1; }
	udp_from "$VIP" 53 1 "${CLIENTS[1]}" || return 1
	within $((20 * ${LVS_TIME_SCALE:-1})) grep -q '^underloaded ' "$MON" || {
		echo "never underloaded"; cat "$MON"; return 1; }
	mark >/dev/null || return 1
	stream_is "$from" "overloaded $u
underloaded $u
timeouts 100 20 2"
}
check "traffic: a real server's overload set by u_threshold and cleared at expiry" overload

# Joining the group needs CAP_NET_ADMIN in the user namespace that owns
# the network namespace, as reading the tables does: root of a new user
# namespace has it only there. A monitor that joined would run on: 124
# from timeout is a failure too.
unprivileged() {
	local rc=0
	nsx "$NS_DIRECTOR" timeout 10 unshare -r "$IPVSADM_OURS" --monitor -n \
		>/tmp/ctl-events.nobody 2>&1 || rc=$?
	cat /tmp/ctl-events.nobody
	[ $rc != 0 ] && [ $rc != 124 ] &&
		grep -q 'Permission denied' /tmp/ctl-events.nobody
}
if unshare -r true 2>/dev/null; then
	check "root of a user namespace cannot listen to the host's" unprivileged
else
	skip "root of a user namespace cannot listen to the host's" "no user namespaces in this kernel"
fi
check "the monitor still runs" kill -0 $MON_PID
check "it stops on SIGTERM with status 0" eval "kill $MON_PID && wait $MON_PID"
check "flush" adm -C
done_testing
