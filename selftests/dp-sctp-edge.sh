#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# Edges of the data plane that IPVS decides in its protocol handlers:
#  - a packet of no connection whose transport header is cut short (SCTP
#    without its first chunk header, TCP under 20 bytes, UDP under 8, even
#    under the 4 bytes of the ports) is
#    dropped, whether it is for a virtual service or not (IPVS's
#    conn_schedule); the same packets whole reach the director's stack;
#  - drop_entry drops SCTP associations still in their INIT exchange at
#    once, where an idle-minute rule would keep young ones.
# The director's raw sockets count what its stack received.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip sysctl
require_tool l4short
L4=$L4SHORT

plan 16
check "topology builds" topo_sink
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
# NAT services whose real servers sit behind a dummy: what is forwarded
# vanishes, what is not shows up in the director's stack.
check "SCTP, TCP and UDP services" eval '
	adm -A --sctp-service "$VIP:5000" && adm -a --sctp-service "$VIP:5000" -r 10.9.0.1:5000 -m &&
	adm -A --sctp-service "[$VIP6]:5000" && adm -a --sctp-service "[$VIP6]:5000" -r "[fd00:9::1]:5000" -m &&
	adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r 10.9.0.1:80 -m &&
	adm -A -u "$VIP:53" && adm -a -u "$VIP:53" -r 10.9.0.1:53 -m'

# got N PROTO DST DPORT LEN [CHUNK]: the director's stack received N (0 or
# 1) of one such packet from a fresh source port: the one expected within
# 3 s, none in 1 s.
sport=41000
count_is() { [ "$(cat "$1")" = "$2" ]; }
got() {
	local want=$1 f=/tmp/l4short.$$ pid ok=0
	shift
	rm -f "$f"
	# Not through nsx: $! must be the watcher itself, and it must not
	# hold our output open.
	ip netns exec "$NS_DIRECTOR" "$L4" watch "$1" "$f" >/dev/null 2>&1 &
	pid=$!
	wait_for 5 test -e "$f" || { kill $pid; echo "no watcher"; return 1; }
	sport=$((sport + 1))
	nsx "$NS_CLIENT" "$L4" send "$2" "$1" "$sport" "$3" "$4" ${5:+"$5"}
	if [ "$want" = 1 ]; then
		wait_for 3 count_is "$f" 1 && ok=1
	else
		sleep 1
		count_is "$f" 0 && ok=1
	fi
	echo "received $(cat "$f"), want $want"
	kill $pid
	wait $pid 2>/dev/null
	rm -f "$f" "$f.tmp"
	[ $ok = 1 ]
}
# Neighbours resolved first, so no packet waits for them.
for a in "$VIP" "$VIP6"; do nsx "$NS_CLIENT" "$L4" send "$a" 17 9 9 8; done
sleep 1

# SCTP (132): 12 bytes are the common header alone.
check "SCTP to the VIP, no chunk header: dropped" got 0 132 "$VIP" 5000 12
check "SCTP to the VIP6, no chunk header: dropped" got 0 132 "$VIP6" 5000 12
check "SCTP to no service, no chunk header: dropped too" got 0 132 10.0.1.1 5000 12
check "SCTP to the VIP, a DATA chunk (no INIT): to the stack" got 1 132 "$VIP" 5000 16 0
check "SCTP to the VIP6, a DATA chunk: to the stack" got 1 132 "$VIP6" 5000 16 0
check "TCP to the VIP, 19 bytes: dropped" got 0 6 "$VIP" 80 19
check "TCP to the VIP, 20 bytes without SYN: to the stack" got 1 6 "$VIP" 80 20
check "TCP to the VIP, 2 bytes (half the ports): dropped" got 0 6 "$VIP" 80 2
check "UDP to no service, 7 bytes: dropped" got 0 17 10.0.1.1 53 7
check "UDP to no service, 8 bytes: to the stack" got 1 17 10.0.1.1 53 8
check "UDP to no service, 3 bytes: dropped" got 0 17 10.0.1.1 53 3
check "UDP to the VIP6, no transport header: dropped" got 0 17 "$VIP6" 53 0

# --- drop_entry: 200 associations in state INIT (two INITs each, the
# first makes INIT1), young; IPVS drops them at once, 1/32 of the table
# a second.
sc() { nsx "$NS_DIRECTOR" sysctl -qw "net.ipv4.vs.$1=$2"; }
nsx "$NS_CLIENT" "$L4" send "$VIP" 132 20000 5000 16 1 200 2
ninit() { nsx "$NS_DIRECTOR" cat /proc/net/ip_vs_conn | grep -cE "^SCTP .* INIT +[0-9]+ *$"; }
check "200 associations in state INIT" wait_for 5 eval '[ "$(ninit)" = 200 ]'
sc amemthresh 2000000000
sc drop_entry 3
check "drop_entry 3: a fifth of them dropped within 30 s" \
	wait_for 30 eval '[ "$(ninit)" -le 160 ]'
sc drop_entry 0
sc amemthresh 1024
done_testing
