#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# The load-based schedulers: lc, wlc, sed, nq, fo, ovf, twos. UDP
# connections stay inactive (ActiveConn 0, InActConn counts them), so the
# IPVS load of a server is its number of connections (Debian's overhead is
# (active << 8) + active + inactive), and each rule gives an exact order
# that is modelled here. ovf and wlc are also driven with held TCP
# connections, which are active.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip busybox md5sum

plan 15
check "topology builds" sched_topo 3 20

# least_seq KIND COUNT W...: dest indexes lc or wlc picks for COUNT new
# inactive connections, dests of weights W in list order, starting idle.
least_seq() {
	local kind=$1 count=$2 w=("${@:3}") n=$(($# - 2)) c=() i k best out=()
	for ((i = 0; i < n; i++)); do c[i]=0; done
	for ((k = 0; k < count; k++)); do
		best=-1
		for ((i = 0; i < n; i++)); do
			[ "${w[i]}" -gt 0 ] || continue
			if [ $best = -1 ]; then
				best=$i
			elif [ "$kind" = lc ] && [ "${c[best]}" -gt "${c[i]}" ]; then
				best=$i
			elif [ "$kind" = wlc ] &&
				[ $((c[best] * w[i])) -gt $((c[i] * w[best])) ]; then
				best=$i
			fi
		done
		c[best]=$((c[best] + 1))
		out+=("$best")
	done
	echo "${out[@]}"
}

# svc_with PORT SCHED W1 W2 W3: a UDP service with rs1..rs3 added in that
# order (so listed rs3, rs2, rs1) with those weights.
svc_with() {
	local port=$1 sched=$2 i
	adm -A -u "$VIP:$port" -s "$sched" || return 1
	for i in 1 2 3; do
		adm -a -u "$VIP:$port" -r "${RS_IP[i]}:$port" -m -w "${@:2 + i:1}" || return 1
	done
}

# seq_case PORT SCHED COUNT W1 W2 W3: COUNT clients, one connection each,
# land where least_seq says.
seq_case() {
	local port=$1 sched=$2 count=$3 w=("${@:4}") seq i want=
	svc_with "$port" "$sched" "${w[@]}" || return 1
	seq=($(least_seq "$sched" "$count" "${w[2]}" "${w[1]}" "${w[0]}"))
	for ((i = 0; i < count; i++)); do
		want+="${CLIENTS[i + 1]} ${RS_IP[3 - seq[i]]}"$'\n'
	done
	udp_from "$VIP" "$port" 1 "${CLIENTS[@]:1:count}" || return 1
	map_is "$VIP:$port" "$want"
}

# all_to PORT SCHED COUNT RS W1 W2 W3: every one of COUNT connections
# goes to real server number RS.
all_to() {
	local port=$1 sched=$2 count=$3 rs=$4 i want=
	svc_with "$port" "$sched" "${@:5}" || return 1
	for ((i = 1; i <= count; i++)); do
		want+="${CLIENTS[i]} ${RS_IP[rs]}"$'\n'
	done
	udp_from "$VIP" "$port" 1 "${CLIENTS[@]:1:count}" || return 1
	map_is "$VIP:$port" "$want"
}

check "lc: 9 clients, least connections, ties to the newest" seq_case 60 lc 9 1 1 1
check "lc: a weight 0 server gets none" seq_case 61 lc 8 1 0 3
check "wlc: 18 clients by connections per weight" seq_case 62 wlc 18 1 2 3
check "wlc: weights 3 1 2" seq_case 63 wlc 14 3 1 2
# sed: (active + 1) / weight, all active 0: the heaviest server, first one
# in list order on a tie.
check "sed: idle servers, all to the heaviest" all_to 64 sed 6 2 2 3 1
check "sed: tie between rs1 and rs3 goes to the newest (rs3)" all_to 65 sed 6 3 3 1 3
# nq: the first server in list order with no active connection.
check "nq: no active connections, all to the newest" all_to 66 nq 6 3 1 2 1
check "nq: skips a weight 0 newest server" all_to 67 nq 6 2 1 1 0
# fo: the highest weight, first in list order on a tie.
check "fo: all to the heaviest" all_to 68 fo 6 2 1 5 2
check "ovf: under its weight, all to the heaviest" all_to 69 ovf 6 1 4 2 1

# twos: random, but never a weight 0 server, and every datagram connects.
# Debian's 6.1 kernel predates ip_vs_twos: there only lvs.ko can have it.
twos_case() {
	local n
	svc_with 70 twos 1 0 1 || return 1
	udp_from "$VIP" 70 1 "${CLIENTS[@]:1:20}" || return 1
	# The connection table, not the Conns counters: ip_vs refreshes those
	# only from its estimator, every 2 s.
	n=$(conn_map "$VIP:70" | awk '{ n[$4]++ } END { printf "%d %d %d", n["'"${RS_IP[1]}"'"], n["'"${RS_IP[2]}"'"], n["'"${RS_IP[3]}"'"] }')
	set -- $n
	echo "rs1 $1 rs2 $2 rs3 $3"
	[ "$2" = 0 ] && [ $(($1 + $3)) = 20 ] && [ "$1" -gt 0 ] && [ "$3" -gt 0 ]
}
if [ "$LVS_SIDE" = ipvs ] && ! modprobe -q ip_vs_twos 2>/dev/null; then
	skip "twos: 20 clients over the weighted servers only" "kernel has no ip_vs_twos"
else
	check "twos: 20 clients over the weighted servers only" twos_case
fi

# ovf with active (held TCP) connections: rs1 (weight 2) takes
# connections while its active count is <= 2, i.e. three, then rs2
# (weight 1) two, then nobody.
ovf_tcp() {
	local i
	dp_web "${NS_RS[1]}" rs1 && dp_web "${NS_RS[2]}" rs2 || return 1
	adm -A -t "$VIP:80" -s ovf || return 1
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m -w 2 || return 1
	adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m -w 1 || return 1
	for i in 1 2 3 4 5; do
		dp_hold "$NS_CLIENT" "$VIP" "ovf$i" || { echo "hold $i failed"; return 1; }
		wait_for 5 eval '[ "$(sum_dests 4)" = '$i' ]' || { echo "hold $i not active"; adm -Ln; return 1; }
	done
	adm -Ln
	# Conns comes from the stats, which ip_vs publishes only every 2 s.
	wait_for 5 eval '[ "$(dest_field "${RS_IP[1]}:80" 2)" = 3 ] &&
		[ "$(dest_field "${RS_IP[2]}:80" 2)" = 2 ]'
}
check "ovf: 3 active connections to rs1 (weight 2), 2 to rs2 (weight 1)" ovf_tcp
check "ovf: with both over their weight, a new connection is refused" \
	dp_tcp_refused "$NS_CLIENT" "$VIP"
check "flush" adm -C
done_testing
