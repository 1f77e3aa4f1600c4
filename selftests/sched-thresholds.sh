#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# A real server's connection thresholds (-x upper, -y lower) and the
# hysteresis of its overload flag, as Debian's 6.1 ip_vs keeps it: the
# flag is set when a new connection brings the server's count to exactly
# -x, cleared when a closing one takes it from the lower threshold (-y,
# or -x minus a quarter) to one below, and re-evaluated when the
# thresholds are edited (set at or above -x, kept between the two,
# cleared below). Seen through scheduling: under fo, new connections go
# to the heavier server rs1 unless it is overloaded, then to rs2.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox

plan 14
dp_setup topo_nat 2 2
check "fo service: rs1 weight 2 with -x 4, rs2 weight 1" eval '
	adm -A -t "$VIP:80" -s fo &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m -w 2 -x 4 &&
	adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m -w 1'

# open TAG: a TCP connection to the VIP, idle until close TAG. Closing
# sends a request and leaves without reading: the reset puts the entry in
# CLOSE, which expires after 10 s.
open() {
	nsx "$NS_CLIENT" bash -c '
		exec 3<>"/dev/tcp/$0/80" || exit 1
		touch "$1.open"
		while [ ! -e "$1.close" ]; do sleep 0.1; done
		printf "GET /data HTTP/1.0\r\n\r\n" >&3
		sleep 0.5' "$VIP" "$DP_TMP/$1" &
	on_exit "kill $! 2>/dev/null"
	wait_for 5 test -e "$DP_TMP/$1.open"
}
close() {
	local t
	for t in "$@"; do touch "$DP_TMP/$t.close"; done
}

# conns_are N1 N2: rs1 and rs2 hold N1 and N2 entries (active + inactive).
conns_are() {
	local got
	got=$(adm -Ln | awk -v a="${RS_IP[1]}:80" -v b="${RS_IP[2]}:80" '
		$2 == a { n1 = $5 + $6 } $2 == b { n2 = $5 + $6 }
		END { print n1 + 0, n2 + 0 }')
	[ "$got" = "$1 $2" ] || { echo "rs1 rs2: want $1 $2, have $got"; adm -Ln; return 1; }
}
# conns_become N1 N2 SECS: conns_are within SECS (timed by the clock: a
# listing takes a while in an emulated guest).
conns_become() {
	local end=$((SECONDS + $3))
	while [ $SECONDS -lt $end ]; do
		conns_are "$1" "$2" >/dev/null && return 0
		sleep 0.2
	done
	conns_are "$1" "$2"
}
# after_open TAG N1 N2: open TAG, then the counts must become N1 N2.
after_open() {
	open "$1" && conns_become "$2" "$3" 3
}
edit() {
	adm -e -t "$VIP:80" -r "${RS_IP[1]}:80" -m -w 2 "$@"
}

check "rs1 takes four connections, reaching -x 4" eval '
	open a1 && open a2 && open a3 && after_open a4 4 0'
check "at -x it is overloaded: the next goes to rs2" after_open p1 4 1
check "-x 5 -y 4 with 4 open keeps it overloaded" eval '
	edit -x 5 -y 4 && after_open p2 4 2'
check "-x 10 (lower 8) with 4 open clears it" eval '
	edit -x 10 -y 0 && after_open p3 5 2'
check "-x 3 with 5 open overloads it at once" eval '
	edit -x 3 -y 0 && after_open p4 5 3'
check "two closed: 3 left, at the lower threshold" eval '
	close a1 a2 && conns_become 3 3 20'
check "still overloaded at the lower threshold" after_open p5 3 4
check "one more closed: 2 left, below it" eval '
	close a3 && conns_become 2 4 20'
check "below the lower threshold it takes connections again" after_open p6 3 4
check "back at -x exactly it is overloaded again" after_open p7 3 5
done_testing
