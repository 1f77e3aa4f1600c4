#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# Persistence and one-packet scheduling through a NAT director: a
# persistent service sends one client to one real server and lists the
# template (client port 0, ASSURED once a connection got established) next
# to the connections; a
# persistent port-0 service keeps one template for every port of the
# VIP; a one-packet UDP service makes a connection per datagram and keeps
# none.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum

plan 17
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS="(${RS_IP[1]}|${RS_IP[2]})"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2

# same_server N HOST: N fetches from the client, all answered by the same
# one of the two servers.
same_server() {
	local sums i
	sums=$(for i in $(seq "$1"); do dp_fetch "$NS_CLIENT" "$2"; done | sort -u)
	[ "$(echo "$sums" | wc -l)" = 1 ] || { echo "answers from several servers"; return 1; }
	[ "$sums" = "$(cat "$DP_TMP/rs1.md5")" ] || [ "$sums" = "$(cat "$DP_TMP/rs2.md5")" ] ||
		{ echo "answer from no server"; return 1; }
}

check "persistent service (-p 60)" adm -A -t "$VIP:80" -s rr -p 60
check "add rs1" adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m
check "add rs2" adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m
check "4 fetches, one real server" same_server 4 "$VIP"
check "-Lnc lists one template" \
	conns_match "^TCP .* ASSURED +10\.0\.1\.2:0 +$VIP:80 +$RS:80" 1
check "and the 4 connections it controls" \
	conns_match "^TCP .* TIME_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +$RS:80" 4
check "the service counted 4 connections" stat_is "TCP $VIP:80" 2 eq 4

check "persistent IPv6 port-0 service (-p 60, prefix /64)" eval '
	adm -A -t "[$VIP6]:0" -s rr -p 60 -M 64 &&
	adm -a -t "[$VIP6]:0" -r "[${RS_IP6[1]}]:0" -m && adm -a -t "[$VIP6]:0" -r "[${RS_IP6[2]}]:0" -m'
check "IPv6 fetches on port 80, one real server" same_server 3 "$VIP6"
check "-Lnc lists the port-0 template" \
	conns_match "^TCP .* ASSURED +\[fd00:1::\]:0 +\[$VIP6\]:0 +\[fd00:2::1[12]\]:0" 1

check "one-packet UDP service (-o)" eval 'adm -A -u "$VIP:9999" -o && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'
before=$(udp_noports "${NS_RS[1]}")
nsx "$NS_CLIENT" bash -c 'exec 3<>"/dev/udp/$0/9999"; for i in 1 2 3; do printf "d%s" $i >&3; done' "$VIP"
check "3 datagrams from one socket reached rs1" \
	wait_for 5 eval '[ $(($(udp_noports "${NS_RS[1]}") - before)) = 3 ]'
check "each was a connection of its own" stat_is "UDP $VIP:9999" 2 eq 3
check "none is kept" eval '! adm -Lnc | grep -q "^UDP"'
done_testing
