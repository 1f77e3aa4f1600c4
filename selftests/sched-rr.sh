#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# rr and wrr: which real server each new connection goes to, one client
# address per connection so the order of the picks can be read back from
# `ipvsadm -Lnc`. The expected order comes from the IPVS rules (list order
# newest first, rr's cursor surviving weight 0 and the removal of its dest,
# wrr's passes with a current weight stepping down by the gcd).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip

plan 15
check "topology builds" sched_topo 3 48

# rr_expect VIP:PORT FIRST COUNT LAST USABLE LIST...: the "client dest"
# lines for COUNT clients starting at CLIENTS[FIRST] under rr, cursor at
# LAST (-1: the head), USABLE a string of 0/1 per dest. Sets RR_LAST.
rr_expect() {
	local first=$1 count=$2 last=$3 usable=$4 list=("${@:5}") n=$(($# - 4)) i k j
	for ((i = 0; i < count; i++)); do
		for ((k = 1; k <= n; k++)); do
			j=$(((last + k) % n))
			[ "${usable:j:1}" = 1 ] && break
		done
		last=$j
		echo "${CLIENTS[first + i]} ${list[j]}"
	done
	RR_LAST=$last
}

# --- rr: 3 servers (weights do not matter, only 0 does)
S=$VIP:53
check "rr service" adm -A -u "$S" -s rr
for i in 1 2 3; do
	check "rr: add rs$i (weight $i)" adm -a -u "$S" -r "${RS_IP[i]}:53" -m -w "$i"
done
LIST=("${RS_IP[3]}" "${RS_IP[2]}" "${RS_IP[1]}")
udp_from "$VIP" 53 1 "${CLIENTS[@]:1:12}"
want=$(rr_expect 1 12 -1 111 "${LIST[@]}")
rr_expect 1 12 -1 111 "${LIST[@]}" >/dev/null
check "rr: 12 clients go round the list, newest server first" map_is "$S" "$want"

# Quiesced rs2 is skipped; the cursor carries on where it was.
adm -e -u "$S" -r "${RS_IP[2]}:53" -m -w 0
last=$RR_LAST
want=$(rr_expect 13 5 "$last" 101 "${LIST[@]}")
rr_expect 13 5 "$last" 101 "${LIST[@]}" >/dev/null
udp_from "$VIP" 53 1 "${CLIENTS[@]:13:5}"
check "rr: weight 0 server skipped, cursor kept" \
	map_is "$S" "$(rr_expect 1 12 -1 111 "${LIST[@]}"; echo "$want")"

# The cursor is on rs3 (list head); deleting it moves the cursor to its
# predecessor (the head), so rs2 (weight back) is next, then rs1.
check "rr: the cursor sits on rs3" eq "${LIST[RR_LAST]}" "${RS_IP[3]}"
adm -e -u "$S" -r "${RS_IP[2]}:53" -m -w 2
check "rr: delete rs3 (the cursor's server)" adm -d -u "$S" -r "${RS_IP[3]}:53"
udp_from "$VIP" 53 1 "${CLIENTS[@]:18:4}"
check "rr: after the delete the walk goes on from the head" \
	eq "$(conn_map "$S" | awk -v a="${CLIENTS[18]} ${CLIENTS[19]} ${CLIENTS[20]} ${CLIENTS[21]}" '
		BEGIN { n = split(a, c, " "); for (i = 1; i <= n; i++) o[c[i]] = i }
		$1 in o { d[o[$1]] = $4 } END { for (i = 1; i <= n; i++) printf "%s ", d[i] }')" \
	"${RS_IP[2]} ${RS_IP[1]} ${RS_IP[2]} ${RS_IP[1]} "

# --- wrr: weights 1, 2, 3 (rs3 newest) and 4, 6, 2 (gcd 2)
wrr_case() {
	local port=$1 count=$2 first=$3 w=("${@:4}") i seq want=
	local s=$VIP:$port
	adm -A -u "$s" -s wrr || return 1
	for i in 1 2 3; do
		adm -a -u "$s" -r "${RS_IP[i]}:$port" -m -w "${w[i - 1]}" || return 1
	done
	# List order is rs3, rs2, rs1: the weights reversed.
	seq=($(wrr_seq "$count" "${w[2]}" "${w[1]}" "${w[0]}"))
	for ((i = 0; i < count; i++)); do
		want+="${CLIENTS[first + i]} ${RS_IP[3 - seq[i]]}"$'\n'
	done
	udp_from "$VIP" "$port" 1 "${CLIENTS[@]:first:count}" || return 1
	map_is "$s" "$want"
}
check "wrr: weights 1 2 3, 20 clients in the IPVS order" wrr_case 54 20 1 1 2 3
check "wrr: weights 4 6 2 (gcd 2), 24 clients in the IPVS order" wrr_case 55 24 21 4 6 2
check "wrr: weights 5 1 3, 18 clients in the IPVS order" wrr_case 56 18 1 5 1 3
check "every datagram made one connection" \
	eq "$(conn_map | wc -l)" $((12 + 5 + 4 + 20 + 24 + 18))
check "flush" adm -C
done_testing
