#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# Changing the scheduler of a live service (ipvsadm -E -s): an open
# connection keeps its real server through every change, and each
# scheduler in turn takes the new connections at once. Then real servers
# come and go under a hashing scheduler.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip busybox md5sum

SCHEDS="rr wrr lc wlc lblc lblcr dh sh sed nq mh fo ovf twos"
plan 10
check "topology builds" sched_topo 3 12
for i in 1 2 3; do
	check "web server in rs$i" dp_web "${NS_RS[i]}" "rs$i"
done
check "service (rr) with 2 servers" eval '
	adm -A -t "$VIP:80" -s rr &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m &&
	adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m'
check "a held connection opens" dp_hold "$NS_CLIENT" "$VIP" held

# Debian's 6.1 ip_vs has no twos; on that side it is left out.
switch_all() {
	local s n=0
	for s in $SCHEDS; do
		if [ "$s" = twos ] && [ "$LVS_SIDE" = ipvs ] &&
			! modprobe -q ip_vs_twos 2>/dev/null; then
			continue
		fi
		adm -E -t "$VIP:80" -s "$s" || { echo "-E -s $s failed"; return 1; }
		adm -Ln | grep -q "^TCP  $VIP:80 $s" || { echo "not listed as $s"; adm -Ln; return 1; }
		# A second try only for a loaded host, where a 64 KiB fetch can
		# outlast dp_fetch's 5 s and come back cut short.
		dp_fetch_is_from "$VIP" rs1 rs2 || dp_fetch_is_from "$VIP" rs1 rs2 ||
			{ echo "fetch under $s failed twice"; return 1; }
		n=$((n + 1))
	done
	echo "$n schedulers"
}
check "every scheduler in turn serves new connections" switch_all
check "the held connection survived every change" dp_release held rs1 rs2

# sh while servers are added and removed: after each change the table is
# rebuilt from the new list, and a new client's connections go where that
# table says (UDP, one fresh client address per step).
sh_churn() {
	local step k=0 want got c i
	local list=("${RS_IP[2]}" "${RS_IP[1]}") w=(1 1)
	adm -A -u "$VIP:53" -s sh || return 1
	adm -a -u "$VIP:53" -r "${RS_IP[1]}:53" -m || return 1
	adm -a -u "$VIP:53" -r "${RS_IP[2]}:53" -m || return 1
	# del_rs ADDR: drop a server from the model list (IPVS unlinks it).
	del_rs() {
		for i in "${!list[@]}"; do
			[ "${list[i]}" = "$1" ] && unset 'list[i]' 'w[i]'
		done
		list=("${list[@]}") w=("${w[@]}")
	}
	for step in add3 del1 add1 del3; do
		# A new server enters at the head of the list, as IPVS links it.
		case $step in
		add3) adm -a -u "$VIP:53" -r "${RS_IP[3]}:53" -m -w 2 &&
			list=("${RS_IP[3]}" "${list[@]}") w=(2 "${w[@]}") ;;
		del1) adm -d -u "$VIP:53" -r "${RS_IP[1]}:53" && del_rs "${RS_IP[1]}" ;;
		add1) adm -a -u "$VIP:53" -r "${RS_IP[1]}:53" -m -w 3 &&
			list=("${RS_IP[1]}" "${list[@]}") w=(3 "${w[@]}") ;;
		del3) adm -d -u "$VIP:53" -r "${RS_IP[3]}:53" && del_rs "${RS_IP[3]}" ;;
		esac || return 1
		sh_table "${w[@]}"
		for c in "${CLIENTS[@]:k + 1:3}"; do
			want=${list[$(sh_pick "$c" 0)]}
			udp_from "$VIP" 53 2 "$c" || return 1
			got=$(conn_map "$VIP:53" | awk -v c="$c" '$1 == c { print $4 }' | sort -u)
			echo "after $step: list ${list[*]} weights ${w[*]}: $c to $got, want $want"
			[ "$got" = "$want" ] || return 1
		done
		k=$((k + 3))
	done
}
check "sh: servers added and removed, new clients follow the new table" sh_churn
check "flush" adm -C
done_testing
