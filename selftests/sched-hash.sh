#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 400
# The hashing schedulers, connection by connection: for every connection
# `ipvsadm -Lnc` lists, the real server must be the one the IPVS table
# gives for that client (sh, mh: address, plus port with sh-port/mh-port)
# or virtual address (dh). The tables are rebuilt here from the IPVS
# rules (lib/sched.bash), including weight 0 servers with and without
# sh-fallback/mh-fallback.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip

plan 17
check "topology builds" sched_topo 3 16

# svc3 PORT SCHED FLAGS W1 W2 W3: UDP service, rs1..rs3 added in order.
svc3() {
	local port=$1 sched=$2 flags=$3 i
	adm -A -u "$VIP:$port" -s "$sched" ${flags:+-b "$flags"} || return 1
	for i in 1 2 3; do
		adm -a -u "$VIP:$port" -r "${RS_IP[i]}:$port" -m -w "${@:3 + i:1}" || return 1
	done
}

# conns_follow PORT PICKFN PORTS? USABLE...: every connection to VIP:PORT
# went to LIST[PICKFN client port-or-0 USABLE...]; a client whose pick
# is -1 has none. PORTS is 1 when the client port is part of the hash.
conns_follow() {
	local port=$1 fn=$2 useport=$3 c p v d want bad=0 n=0
	shift 3
	while read -r c p v d; do
		want=$($fn "$c" $((useport ? p : 0)) "$@")
		n=$((n + 1))
		if [ "$want" = -1 ] || [ "${LIST[want]}" != "$d" ]; then
			[ "$want" = -1 ] && want=nobody || want=${LIST[want]}
			echo "$c:$p went to $d, the table says $want"
			bad=1
		fi
	done < <(conn_map "$VIP:$port")
	echo "$n connections checked"
	[ $bad = 0 ] && [ $n -gt 0 ]
}

# clients_served PORT PICKFN USABLE...: without fallback, a client whose
# bucket holds an unusable server (USABLE: 0/1 per dest) gets no
# connection, every other client gets one.
clients_served() {
	local port=$1 fn=$2 usable=("${@:3}") i want got bad=0 refused=0
	for ((i = 1; i <= ${#CLIENTS[@]}; i++)); do
		want=$($fn "${CLIENTS[i]}" 0)
		[ "${usable[want]}" = 0 ] && refused=$((refused + 1))
		got=$(conn_map "$VIP:$port" | awk -v c="${CLIENTS[i]}" '$1 == c' | wc -l)
		if { [ "${usable[want]}" = 0 ] && [ "$got" != 0 ]; } ||
			{ [ "${usable[want]}" = 1 ] && [ "$got" = 0 ]; }; then
			echo "${CLIENTS[i]}: bucket of dest $want but $got connections"
			bad=1
		fi
	done
	echo "$refused of ${#CLIENTS[@]} clients hash to an unusable server"
	# Both kinds of client must occur, or this proves nothing.
	[ $bad = 0 ] && [ $refused -gt 0 ] && [ $refused -lt ${#CLIENTS[@]} ]
}

LIST=("${RS_IP[3]}" "${RS_IP[2]}" "${RS_IP[1]}")

# --- sh: weights 1 2 3 (listed 3 2 1), buckets in runs of the weight
check "sh: service, weights 1 2 3" svc3 90 sh "" 1 2 3
sh_table 3 2 1
udp_from "$VIP" 90 2 "${CLIENTS[@]:1:16}"
check "sh: 32 connections of 16 clients, each where its bucket says" \
	conns_follow 90 sh_pick 0
check "sh-port: service" svc3 91 sh sh-port 1 2 3
udp_from "$VIP" 91 3 "${CLIENTS[@]:1:8}"
check "sh-port: 24 connections, bucket of address + port" \
	conns_follow 91 sh_pick 1

# Weight 0 still owns one bucket run; without fallback its clients are
# refused, with sh-fallback they probe on from bucket 2 * hash.
check "sh, rs2 at weight 0: service" svc3 92 sh "" 1 0 2
sh_table 2 0 1
udp_from "$VIP" 92 1 "${CLIENTS[@]:1:16}"
check "sh: weight 0 bucket refuses its clients, the others are served" \
	clients_served 92 sh_pick 1 0 1
check "sh: and they went where the table says" conns_follow 92 sh_pick 0
check "sh-fallback, rs2 at weight 0: service" svc3 93 sh sh-fallback 1 0 2
udp_from "$VIP" 93 1 "${CLIENTS[@]:1:16}"
check "sh-fallback: every client served, by the probe order" \
	conns_follow 93 sh_pick 0 1 0 1

# --- dh: one service per virtual address, all with the same 3 servers;
# each address hashes to one bucket, buckets go to the servers in turn.
dh_case() {
	local i v want=
	for i in $(seq 8); do
		v=10.0.1.$((199 + i))
		addr "$NS_DIRECTOR" c0 "$v/24" || return 1
		adm -A -u "$v:95" -s dh || return 1
		for j in 1 2 3; do
			adm -a -u "$v:95" -r "${RS_IP[j]}:95" -m || return 1
		done
		want+="$v ${LIST[$(dh_pick "$v" 3)]}"$'\n'
	done
	nsx "$NS_CLIENT" bash -c 'for i in $(seq 8); do
		exec 3<>"/dev/udp/10.0.1.$((199 + i))/95" && printf x >&3; done' || return 1
	got=$(adm -Lnc | awk '$1 == "UDP" { split($5, v, ":"); split($6, d, ":");
		if (v[2] == 95) print v[1], d[1] }' | sort)
	[ "$got" = "$(echo -n "$want" | sort)" ] && return 0
	diff <(echo -n "$want" | sort) <(echo "$got")
	return 1
}
check "dh: 8 virtual addresses, each to its bucket's server" dh_case

# --- mh: Maglev table of 4093 slots from the servers' address + port
check "mh: service, weights 1 2 3" svc3 100 mh "" 1 2 3
mh_table 100 "${RS_IP[3]}=3" "${RS_IP[2]}=2" "${RS_IP[1]}=1"
check "mh: the model table is full" eq "${#MH_TABLE[@]}" "$MH_SIZE"
udp_from "$VIP" 100 2 "${CLIENTS[@]:1:12}"
check "mh: 24 connections of 12 clients, each where its slot says" \
	conns_follow 100 mh_pick 0
check "mh-port, mh-fallback, weights 1 2 3" svc3 101 mh mh-port,mh-fallback 1 2 3
# A quiesced server keeps its slots (the table uses the last non-zero
# weight); mh-fallback rehashes its clients elsewhere.
adm -e -u "$VIP:101" -r "${RS_IP[2]}:101" -m -w 0
mh_table 101 "${RS_IP[3]}=3" "${RS_IP[2]}=2" "${RS_IP[1]}=1"
udp_from "$VIP" 101 2 "${CLIENTS[@]:1:8}"
check "mh-port + mh-fallback with rs2 quiesced: 16 connections by the model" \
	conns_follow 101 mh_pick 1 1 0 1
check "flush" adm -C
done_testing
