#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# A service deleted and re-created with the same real servers (what
# keepalived does on some reloads): IPVS keeps the deleted real servers
# that still have connections in its per-namespace trash and revives them
# into the new service, connections and all, so the counting schedulers
# go on seeing that load. Weights 1, servers listed rs3, rs2, rs1; the
# connections before the re-creation leave rs1 (lc, wlc, sed, nq) or rs1
# and rs2 (lblc, lblcr) the least loaded, and the next ones must go there,
# not to the first listed server as they would on empty servers. UDP
# connections are inactive (InActConn), which lc, wlc, lblc and lblcr
# count; sed and nq count active ones only: held TCP connections.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip busybox md5sum

plan 10
check "topology builds" sched_topo 3 4
for i in 1 2 3; do
	check "holding server in rs$i" sched_holder "${NS_RS[i]}"
done
VIP2=10.0.1.101
addr "$NS_DIRECTOR" c0 "$VIP2/24"

# svc_up -t|-u VIP:PORT SCHED: the service with rs1, rs2, rs3 added in that
# order (listed rs3, rs2, rs1), weight 1, on the service's port.
svc_up() {
	local i
	adm -A "$1" "$2" -s "$3" || return 1
	for i in 1 2 3; do
		adm -a "$1" "$2" -r "${RS_IP[i]}:${2##*:}" -m -w 1 || return 1
	done
}

# inact PORT: the InActConn of rs1 .. rs3 in the UDP service VIP:PORT.
inact() {
	adm -Ln | awk -v v="$VIP:$1" -v p="$1" -v rs="${RS_IP[*]}" '
		BEGIN { n = split(rs, r, " "); for (i = 1; i <= n; i++) idx[r[i] ":" p] = i }
		$1 == "UDP" || $1 == "TCP" { s = ($1 == "UDP" && $2 == v) }
		s && $1 == "->" && ($2 in idx) { a[idx[$2]] = $6 }
		END { for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? " " : ""), a[i]; print "" }'
}
_inact_are() { [ "$(inact "$1")" = "$2" ]; }

# recreate_udp PORT SCHED "RS..." "RS...": one new UDP connection from each
# client in turn lands on the real servers of the first list; the service
# is deleted and re-created, lists those connections again, and the next
# clients' connections land on the servers of the second list.
recreate_udp() {
	local port=$1 sched=$2 p1=($3) p2=($4) want= n=(0 0 0) rs k=0 bad=0
	svc_up -u "$VIP:$port" "$sched" || return 1
	for rs in "${p1[@]}"; do
		k=$((k + 1))
		want+="${CLIENTS[k]} ${RS_IP[rs]}"$'\n'
		n[rs - 1]=$((n[rs - 1] + 1))
	done
	udp_from "$VIP" "$port" 1 "${CLIENTS[@]:1:k}" || return 1
	map_is "$VIP:$port" "$want" || { echo "before the re-creation"; return 1; }
	adm -D -u "$VIP:$port" && svc_up -u "$VIP:$port" "$sched" || return 1
	if ! _inact_are "$port" "${n[*]}"; then
		echo "re-created: InActConn rs1.. $(inact "$port"), want ${n[*]}"
		bad=1
	fi
	for rs in "${p2[@]}"; do
		k=$((k + 1))
		want+="${CLIENTS[k]} ${RS_IP[rs]}"$'\n'
	done
	udp_from "$VIP" "$port" 1 "${CLIENTS[@]:${#p1[@]} + 1:${#p2[@]}}" || return 1
	map_is "$VIP:$port" "$want" || bad=1
	[ $bad = 0 ] || adm -Ln
	return $bad
}

# lc, wlc: rs3 then rs2 (all idle, then the least loaded first listed);
# re-created, rs1 is the least loaded, then the tie goes to rs3.
check "lc: re-created service, clients go to the idle rs1 first" \
	recreate_udp 71 lc "3 2" "1 3"
check "wlc: re-created service, clients go to the idle rs1 first" \
	recreate_udp 72 wlc "3 2" "1 3"
# lblc, lblcr: one destination address, so every connection follows the
# first choice (rs3) while it is not overloaded (never, when inactive);
# the re-created service's cache is empty, its first choice the least
# loaded server, rs2, which the next connection follows.
check "lblc: re-created service, a new choice among the idle servers" \
	recreate_udp 73 lblc "3 3" "2 2"
check "lblcr: re-created service, a new choice among the idle servers" \
	recreate_udp 74 lblcr "3 3" "2 2"

# recreate_tcp VIP SCHED: held connections to rs3 and rs2 (no active
# connection, then the first listed with none: the same for sed and nq);
# re-created, the service lists them again and the next one goes to rs1.
recreate_tcp() {
	local vip=$1 sched=$2 bad=0
	svc_up -t "$vip:80" "$sched" || return 1
	held_to "$vip" "$sched" 3 2 || return 1
	adm -D -t "$vip:80" && svc_up -t "$vip:80" "$sched" || return 1
	if ! _actives_are "$vip" "0 1 1"; then
		echo "re-created: ActiveConn rs1.. $(actives "$vip"), want 0 1 1"
		bad=1
	fi
	held_to "$vip" "$sched-after" 1 || bad=1
	return $bad
}
check "sed: re-created service, the held connections count" recreate_tcp "$VIP" sed
check "nq: re-created service, the held connections count" recreate_tcp "$VIP2" nq
done_testing
