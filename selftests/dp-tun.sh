#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# IP tunnelling end to end: the director wraps the client's packets in
# IPIP (IPv4) or IPv6-in-IPv6 to the real server, which unwraps them and
# answers the client itself. Payloads arrive intact, only the incoming half
# is counted, TCP and UDP, and the connection table shows the input-only
# states.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum modprobe

plan 19
dp_setup topo_l2 2 2
RS="(${RS_IP[1]}|${RS_IP[2]})"
V4="TCP $VIP:80"
check "rs1 decapsulates" tunnel_ends "${NS_RS[1]}"
check "rs2 decapsulates" tunnel_ends "${NS_RS[2]}"

check "IPv4 service, rs1 and rs2 by ipip" dp_rr_service -t "$VIP:80" -i "${RS_IP[1]}" "${RS_IP[2]}"
dp_fetches 3 "$VIP" rs1 rs2
check "the service counted 3 connections" stat_is "$V4" 2 eq 3
check "no outgoing packets: replies bypass the director" stat_is "$V4" 4 eq 0
check "-Lnc lists them closing (FIN_WAIT)" \
	conns_match "^TCP .* FIN_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +$RS:80" 3

check "add the IPv6 service" eval 'adm -A -t "[$VIP6]:80" && adm -a -t "[$VIP6]:80" -r "[${RS_IP6[2]}]:80" -i'
dp_fetches 2 "$VIP6" rs2
check "the IPv6 service counted 2 connections" stat_is "TCP [$VIP6]:80" 2 eq 2

check "add the UDP services" dp_udp_services -i
read -r arrived refused <<<"$(udp_to_rs1 2 "$VIP" "$VIP6")"
check "4 tunnelled datagrams reached rs1 with valid checksums" eq "$arrived" 4
check "rs1's ICMP errors reached the clients directly" eq "$refused" "2 2"
done_testing
