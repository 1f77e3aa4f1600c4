#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# NAT (masquerading) end to end, IPv4 and IPv6, TCP and UDP: payloads
# arrive intact, replies come back through the director, ipvsadm counts
# the traffic and lists the connections in the right state; weight 0 stops
# new connections but keeps old ones; connections expire by --set timeouts;
# clients on the director itself get through too.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum

plan 40
dp_setup topo_nat 2 2
V4="TCP $VIP:80"
V6="TCP [$VIP6]:80"
RS="(${RS_IP[1]}|${RS_IP[2]})"
RS6="(\[${RS_IP6[1]}\]|\[${RS_IP6[2]}\])"

# --- IPv4 TCP
check "IPv4 service, rs1 and rs2 masquerading" dp_rr_service -t "$VIP:80" -m "${RS_IP[1]}:80" "${RS_IP[2]}:80"
dp_fetches 4 "$VIP" rs1 rs2
check "the service counted 4 connections" stat_is "$V4" 2 eq 4
check "the real servers counted 4 connections" \
	dests_conns_are 4 "${RS_IP[1]}:80" "${RS_IP[2]}:80"
check "round robin gave each real server 2" \
	eval 'dests_conns_are 2 "${RS_IP[1]}:80" && dests_conns_are 2 "${RS_IP[2]}:80"'
check "incoming packets counted" stat_is "$V4" 3 ge 16
check "outgoing bytes counted (4 x 64 KiB)" stat_is "$V4" 6 ge 262144
check "-Lnc lists the 4 closed connections (TIME_WAIT)" \
	conns_match "^TCP .* TIME_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +$RS:80" 4

# --- an open connection, then weight 0
check "a held connection opens" dp_hold "$NS_CLIENT" "$VIP" held1
check "-Lnc shows it ESTABLISHED" conns_match "^TCP .* ESTABLISHED .* $VIP:80 +$RS:80" 1
check "ActiveConn counts it" eq "$(sum_dests 4)" 1
check "InActConn counts the closed ones" eq "$(sum_dests 5)" 4
check "quiesce rs1" adm -e -t "$VIP:80" -r "${RS_IP[1]}:80" -m -w 0
check "quiesce rs2" adm -e -t "$VIP:80" -r "${RS_IP[2]}:80" -m -w 0
check "weight 0: a new connection is refused" dp_tcp_refused "$NS_CLIENT" "$VIP"
check "weight 0: the held connection still works" dp_release held1 rs1 rs2

# --- expiry by --set
check "weights back" adm -e -t "$VIP:80" -r "${RS_IP[1]}:80" -m -w 1
# 2 s, longer on a slower kernel (the debug lane's listing alone can
# take that long under load).
T=$((2 * ${LVS_TIME_SCALE:-1}))
check "short timeouts (--set $T $T $T)" adm --set $T $T $T
check "another held connection opens" dp_hold "$NS_CLIENT" "$VIP" held2
check "it is listed ESTABLISHED" conns_match "ESTABLISHED .* $VIP:80 " 1
check "idle for its timeout, it expires" \
	wait_for $((4 * T)) eval '! adm -Lnc | grep -q ESTABLISHED'
check "timeouts back to the defaults" adm --set 900 120 300

# --- IPv6 TCP
check "IPv6 service, rs1 masquerading" dp_rr_service -t "[$VIP6]:80" -m "[${RS_IP6[1]}]:80"
dp_fetches 2 "$VIP6" rs1
check "the IPv6 service counted 2 connections" stat_is "$V6" 2 eq 2

# --- UDP (nobody listens: the real server's ICMP errors must come back)
check "add the UDP services" dp_udp_services -m
read -r arrived refused <<<"$(udp_to_rs1 3 "$VIP" "$VIP6")"
check "6 datagrams reached rs1 with valid checksums" eq "$arrived" 6
check "each client socket got the ICMP error back, translated" eq "$refused" "3 3"
check "-Lnc lists 6 UDP connections in state UDP" \
	conns_match "^UDP .* UDP +[^ ]+ +($VIP:9999 +${RS_IP[1]}:9999|\[$VIP6\]:9999 +\[${RS_IP6[1]}\]:9999)" 6
check "the UDP service counted 3 datagrams in" stat_is "UDP $VIP:9999" 3 eq 3
check "and 3 ICMP errors out" stat_is "UDP $VIP:9999" 4 eq 3

# --- a client on the director itself (the LOCAL_OUT hooks)
local_fetch() { [ "$(dp_fetch "$NS_DIRECTOR" "$1")" = "$(cat "$DP_TMP/rs1.md5")" ]; }
check "a local IPv4 client fetches intact through the VIP" local_fetch "$VIP"
check "a local IPv6 client fetches intact through the VIP" local_fetch "$VIP6"
done_testing
