#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# IP tunnelling end to end: the director wraps the client's packets in
# IPIP (IPv4) or IPv6-in-IPv6 to the real server, which unwraps them and
# answers the client itself. Payloads arrive intact, only the incoming half
# is counted, TCP and UDP, and the connection table shows the input-only
# states.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dp/lib.bash"
require_cmd ip busybox md5sum modprobe

plan 21
check "topology builds" topo_l2 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS="(${RS_IP[1]}|${RS_IP[2]})"
V4="TCP $VIP:80"
check "rs1 decapsulates" tunnel_ends "${NS_RS[1]}"
check "rs2 decapsulates" tunnel_ends "${NS_RS[2]}"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
no_icmp_ratelimit "${NS_RS[1]}"

check "add the IPv4 service" adm -A -t "$VIP:80" -s rr
check "add rs1 (ipip)" adm -a -t "$VIP:80" -r "${RS_IP[1]}" -i
check "add rs2 (ipip)" adm -a -t "$VIP:80" -r "${RS_IP[2]}" -i
for i in 1 2 3; do
	check "IPv4 fetch $i arrives intact" dp_fetch_is_from "$VIP" rs1 rs2
done
check "the service counted 3 connections" stat_is "$V4" 2 eq 3
check "no outgoing packets: replies bypass the director" stat_is "$V4" 4 eq 0
check "-Lnc lists them closing (FIN_WAIT)" \
	conns_match "^TCP .* FIN_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +$RS:80" 3

check "add the IPv6 service" eval 'adm -A -t "[$VIP6]:80" && adm -a -t "[$VIP6]:80" -r "[${RS_IP6[2]}]:80" -i'
check "IPv6 fetch 1 arrives intact" dp_fetch_is_from "$VIP6" rs2
check "IPv6 fetch 2 arrives intact" dp_fetch_is_from "$VIP6" rs2
check "the IPv6 service counted 2 connections" stat_is "TCP [$VIP6]:80" 2 eq 2

check "add the UDP services" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}" -i &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -i'
before=$(udp_noports "${NS_RS[1]}")
refused=$(dp_udp_send "$NS_CLIENT" "$VIP" 9999 2) && refused+=" $(dp_udp_send "$NS_CLIENT" "$VIP6" 9999 2)"
after=$(udp_noports "${NS_RS[1]}")
check "4 tunnelled datagrams reached rs1 with valid checksums" eq $((after - before)) 4
check "rs1's ICMP errors reached the clients directly" eq "$refused" "2 2"
done_testing
