#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# Direct routing end to end, IPv4 and IPv6, TCP and UDP: the director
# passes the client's packets unchanged to a real server on the same link,
# which answers the client itself. Payloads arrive intact, ipvsadm counts
# only the incoming half, the connection table follows the input-only
# state machine, and a UDP connection expires by its --set timeout.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum

plan 23
dp_setup topo_l2 2 2
RS="(${RS_IP[1]}|${RS_IP[2]})"
V4="TCP $VIP:80"

check "IPv4 service, rs1 and rs2 gatewaying" dp_rr_service -t "$VIP:80" -g "${RS_IP[1]}" "${RS_IP[2]}"
dp_fetches 3 "$VIP" rs1 rs2
check "the service counted 3 connections" stat_is "$V4" 2 eq 3
check "incoming packets counted" stat_is "$V4" 3 ge 12
check "no outgoing packets: replies bypass the director" stat_is "$V4" 4 eq 0
check "-Lnc lists them closing (FIN_WAIT)" \
	conns_match "^TCP .* FIN_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +$RS:80" 3
check "a held connection opens" dp_hold "$NS_CLIENT" "$VIP" held1
check "it is ESTABLISHED" conns_match "ESTABLISHED .* $VIP:80 +$RS:80" 1
check "ActiveConn counts it" eq "$(sum_dests 4)" 1
check "the held connection gets its answer" dp_release held1 rs1 rs2

check "add the IPv6 service" eval 'adm -A -t "[$VIP6]:80" && adm -a -t "[$VIP6]:80" -r "[${RS_IP6[2]}]:80" -g'
check "IPv6 fetch arrives intact" dp_fetch_is_from "$VIP6" rs2
check "the IPv6 service counted it" stat_is "TCP [$VIP6]:80" 2 eq 1

check "add the UDP services" dp_udp_services -g
check "short UDP timeout" adm --set 900 120 3
read -r arrived refused <<<"$(udp_to_rs1 2 "$VIP" "$VIP6")"
check "4 datagrams reached rs1 with valid checksums" eq "$arrived" 4
check "rs1's ICMP errors reached the clients directly" eq "$refused" "2 2"
check "the UDP connections expire after 3 s" \
	wait_for 8 eval '! adm -Lnc | grep -q "^UDP"'
done_testing
