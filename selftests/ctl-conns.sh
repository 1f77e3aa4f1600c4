#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Connection control, lvs.ko's own netlink family "LVS" (include/uapi/lvs/
# lvs.h): `ipvsadm -Lc` with filters lists what they match, and
# `ipvsadm --delete-conns` expires it now and says how many; the next
# packet of a deleted flow is scheduled anew, as after an expiry (the
# graceful termination of a real server: quiesce it, then delete what it
# still holds). Templates go only when asked. The kernel's ip_vs has none
# of it: there our ipvsadm must refuse with a reason.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip

OUT=/tmp/ctl-conns.out

if [ "$LVS_SIDE" != lvs ]; then
	plan 3
	check "topology builds" sched_topo 1 1
	refused() {
		! adm_ours "$@" >"$OUT" 2>&1 && grep -q 'needs lvs.ko' "$OUT" ||
			{ cat "$OUT"; false; }
	}
	check "on ip_vs our ipvsadm refuses --delete-conns, saying why" refused --delete-conns
	check "and a filtered -Lc" refused -Lnc --client 10.0.1.10
	done_testing
fi

plan 10
check "topology builds" sched_topo 2 6
RS1=${RS_IP[1]} RS2=${RS_IP[2]}

# conns_to [VIP:PORT] RS: how many connections stock ipvsadm lists (from
# /proc) to real server RS.
conns_to() {
	conn_map "$1" | awk -v d="$2" '$4 == d' | wc -l
}

# Four UDP clients of a rr service with two real servers: two each.
setup() {
	adm --set 0 0 600 &&
		adm -A -u "$VIP:53" -s rr &&
		adm -a -u "$VIP:53" -r "$RS1:53" -m &&
		adm -a -u "$VIP:53" -r "$RS2:53" -m &&
		udp_from "$VIP" 53 1 "${CLIENTS[@]:1:4}" || return 1
	eq "$(conns_to "$VIP:53" "$RS1") $(conns_to "$VIP:53" "$RS2")" "2 2"
}
check "four connections, two on each real server" setup

# filtered COUNT ARGS...: our -Lnc with filters lists COUNT connections.
filtered() {
	local want=$1 got
	shift
	adm_ours -Lnc "$@" >"$OUT" || { cat "$OUT"; return 1; }
	got=$(grep -c '^UDP' "$OUT")
	[ "$got" = "$want" ] || { cat "$OUT"; return 1; }
}
check "-Lnc --client: one client's connection" filtered 1 --client "${CLIENTS[1]}"
check "-Lnc --client prefix and a real server" \
	filtered 2 --client 10.0.1.0/24 -u "$VIP:53" -r "$RS1:53"

# Graceful termination of rs1: weight 0 keeps its connections, deleting
# them sends their clients' next datagrams to rs2.
drain() {
	adm -e -u "$VIP:53" -r "$RS1:53" -m -w 0 || return 1
	adm_ours --delete-conns -u "$VIP:53" -r "$RS1:53" >"$OUT" 2>&1 || { cat "$OUT"; return 1; }
	grep -qx '2 connections deleted' "$OUT" || { cat "$OUT"; return 1; }
	eq "$(conns_to "$VIP:53" "$RS1") $(conns_to "$VIP:53" "$RS2")" "0 2"
}
check "--delete-conns -r: rs1's two go, and are counted" drain
anew() {
	local c
	# The same clients and source ports as in setup: udp_from's offset 0.
	nsx "$NS_CLIENT" taskset -c 0 "$UDPCONNS" -d "$VIP" -p 53 -n 4 -s "${CLIENTS[1]}" -a 4 -o 0 >/dev/null || return 1
	c=$(conn_map "$VIP:53" | wc -l)
	eq "$c $(conns_to "$VIP:53" "$RS2")" "4 4"
}
check "their next datagrams are scheduled anew, to rs2" anew

# A persistent service: its templates stay unless asked for.
templates() {
	adm -A -u "$VIP:54" -s rr -p 60 && adm -a -u "$VIP:54" -r "$RS1:54" -m &&
		udp_from "$VIP" 54 1 "${CLIENTS[@]:5:2}" || return 1
	adm_ours --delete-conns -u "$VIP:54" >"$OUT" 2>&1 &&
		grep -qx '2 connections deleted' "$OUT" || { cat "$OUT"; return 1; }
	# The two templates (client port 0) are still listed.
	eq "$(conn_map "$VIP:54" | awk '$2 == 0' | wc -l)" 2 || { adm -Lnc; return 1; }
	adm_ours --delete-conns -u "$VIP:54" --templates >"$OUT" 2>&1 &&
		grep -qx '2 connections deleted' "$OUT" || { cat "$OUT"; return 1; }
	eq "$(conn_map "$VIP:54" | wc -l)" 0 || { adm -Lnc; return 1; }
}
check "--templates: a persistent service's templates go only when asked" templates

check "--delete-conns without a filter deletes every connection" eval \
	'adm_ours --delete-conns | grep -qx "4 connections deleted" && [ -z "$(conn_map)" ]'
check "a bad filter is refused" eval '! adm_ours --delete-conns --client 10.0.1.0/33 2>/dev/null'
check "flush" adm -C
done_testing
