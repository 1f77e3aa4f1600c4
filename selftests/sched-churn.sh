#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# Schedulers under concurrency: two senders (one per CPU) open new UDP
# connections as fast as they can while real servers are added, deleted
# and re-weighted, the scheduler is switched (-E -s) through the indexed
# ones (lc, wlc, sed, nq) and others, and the service is deleted and
# re-created. Afterwards, once every connection has expired, no server
# may still count a connection, and wlc must again pick exactly as the
# IPVS rule says for the dests the churn left behind (so the least index
# lost no update).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_tool udpconns

plan 6
setup() { topo_sink && adm --set 0 0 2; }
check "topology, UDP timeout 2 s" setup
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"

# The dests are 10.9.0.D:53, D = 1..40; each is routed to dummy0, so the
# forwarded datagrams are dropped once scheduled.
svc_new() {
	local d
	adm -A -u "$VIP:53" -s wlc || return 1
	for d in $(seq 1 20); do adm -a -u "$VIP:53" -r "10.9.0.$d:53" -m -w $((d % 4)) || return 1; done
}
check "service with 20 servers" svc_new

# sender N: bursts of new connections, each burst from fresh sources.
sender() {
	local n=$1 k=0
	while [ ! -e "$DP_TMP/stop" ]; do
		nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p 53 -n 500 \
			-s "10.0.1.$((10 + 100 * n))" -a 100 -o $((k * 500)) >/dev/null || return 1
		k=$((k + 1))
	done
}

churn() {
	local scheds=(lc wlc sed nq rr wrr lblc lblcr sh mh dh fo ovf) end i d s
	mkdir -p "$DP_TMP" && rm -f "$DP_TMP/stop"
	sender 0 & local p0=$!
	sender 1 & local p1=$!
	end=$((SECONDS + 15)) i=0
	while [ $SECONDS -lt $end ]; do
		i=$((i + 1)) d=$((RANDOM % 40 + 1))
		case $((RANDOM % 8)) in
		0|1) adm -a -u "$VIP:53" -r "10.9.0.$d:53" -m -w $((RANDOM % 5)) 2>/dev/null ;;
		2|3) adm -d -u "$VIP:53" -r "10.9.0.$d:53" 2>/dev/null ;;
		4|5) adm -e -u "$VIP:53" -r "10.9.0.$d:53" -m -w $((RANDOM % 5)) 2>/dev/null ;;
		6) s=${scheds[RANDOM % ${#scheds[@]}]}
		   adm -E -u "$VIP:53" -s "$s" || { echo "-E -s $s failed"; break; } ;;
		7) if [ $((i % 5)) = 0 ]; then
			adm -D -u "$VIP:53" && svc_new || { echo "re-creation failed"; break; }
		   fi ;;
		esac
	done
	touch "$DP_TMP/stop"
	wait $p0 || { echo "sender 0 failed"; return 1; }
	wait $p1 || { echo "sender 1 failed"; return 1; }
	echo "$i" >"$DP_TMP/changes"
	adm -E -u "$VIP:53" -s wlc
}
check "15 s of server and scheduler churn under two senders" churn
diag "$(cat "$DP_TMP/changes" 2>/dev/null) changes"

# No connection left, no counter left.
idle() { [ "$(adm -Lnc | grep -c UDP)" = 0 ]; }
zero() {
	wait_for 10 idle || { echo "connections left"; adm -Lnc | head; return 1; }
	adm -Ln | awk '$1 == "->" && $2 ~ /:53$/ && ($5 != 0 || $6 != 0) { bad = 1; print }
		END { exit bad }'
}
check "after expiry every server counts 0 connections" zero

# wlc sends a new connection to a server with the least count / weight
# (inactive connections: overhead = count). Then after k * W connections
# (W the sum of the weights) every server holds exactly k times its
# weight, whatever the ties: no server can pass k * weight before all
# have reached it. Checked for k = 1, 2, 3.
servers() { adm -Ln | awk '$1 == "->" && $2 ~ /:53$/ { print $2, $4, $6 }'; }
after() {
	local k w got
	w=$(servers | awk '{ s += $2 } END { print s + 0 }')
	[ "$w" -gt 0 ] || { echo "no weighted server left"; return 1; }
	# No expiry while counting.
	adm --set 0 0 60 || return 1
	for k in 1 2 3; do
		nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p 53 -n "$w" -s 10.0.1.250 \
			-o $((900000 + k * w)) >/dev/null || return 1
		got=$(servers | awk -v k=$k '$3 != k * $2 { print $1, "weight", $2, "has", $3, "want", k * $2 }')
		[ -z "$got" ] || { echo "after $((k * w)) connections:"; echo "$got"; return 1; }
	done
	echo "$((3 * w)) connections over $(servers | wc -l) servers"
}
check "3 x W new connections: each server k x its weight" after
check "flush" adm -C
done_testing
