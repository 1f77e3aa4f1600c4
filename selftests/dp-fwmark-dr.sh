#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fwmark services (-f) by direct routing, IPv4 and IPv6, with the marks
# set by nftables in the director: fetches are spread over the real
# servers, which answer the client themselves, and counted on the FWM
# service; without the mark the director keeps the packets.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dp/lib.bash"
. "$(dirname "$0")/dp/fwmark.bash"
require_cmd ip busybox md5sum nft

plan 11
check "topology builds" topo_l2 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
check "nftables marks the VIPs' port 80" fwmark_rules
on_exit "nsx $NS_DIRECTOR nft delete table inet lvsmark 2>/dev/null"

check "IPv4 fwmark service (-f 1), gatewaying" eval 'adm -A -f 1 -s rr &&
	adm -a -f 1 -r "${RS_IP[1]}" -g && adm -a -f 1 -r "${RS_IP[2]}" -g'
check "IPv6 fwmark service (-f 2 -6), gatewaying" eval 'adm -A -f 2 -6 -s rr &&
	adm -a -f 2 -6 -r "[${RS_IP6[1]}]:80" -g && adm -a -f 2 -6 -r "[${RS_IP6[2]}]:80" -g'
check "IPv4: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP")" "2 2"
check "IPv6: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP6")" "2 2"
fwm_conns() { adm -Ln --stats --exact | awk -v m="$1" '$1 == "FWM" && $2 == m { print $(NF - 4) }'; }
fwm_conns_are() { [ "$(fwm_conns "$1")" = "$2" ]; }
check "FWM 1 counted 4 connections" wait_for 5 fwm_conns_are 1 4
check "FWM 2 (IPv6) counted 4 connections" wait_for 5 fwm_conns_are 2 4

# Unmarked, the VIP on the director's lo is the director's own: nobody
# listens on its port 80.
fwmark_rules_off
check "unmarked: the director refuses the connection itself" dp_tcp_refused "$NS_CLIENT" "$VIP"
done_testing
