#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# fwmark services (-f) through a NAT director, IPv4 and IPv6, with the
# marks set by nftables: traffic is spread over the real servers and
# counted on the FWM service; without the mark the VIP is not served. A
# held connection survives a weight change and stays on its server.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/fwmark.bash"
require_cmd ip busybox md5sum nft

plan 21
fwmark_setup topo_nat
fwmark_services -m masquerading
fwmark_spread
check "FWM 1 counted the replies" stat_is "FWM 1" 6 ge 262144
check "-Lnc lists the IPv4 connections by VIP" \
	conns_match "^TCP .* TIME_WAIT +10\.0\.1\.2:[0-9]+ +$VIP:80 +10\.0\.2\.1[12]:80" 4

# A held connection, then a weight change: it keeps its server.
check "a held connection opens" dp_hold "$NS_CLIENT" "$VIP" held
held_rs=$(adm -Lnc | awk '$3 == "ESTABLISHED" { print $6 }')
held_src=$(adm -Lnc | awk '$3 == "ESTABLISHED" { print $4 }')
check "it is ESTABLISHED on one real server" eval '[ -n "$held_rs" ]'
other=${RS_IP[1]}
[ "$held_rs" = "${RS_IP[1]}:80" ] && other=${RS_IP[2]}
check "weights change (-e -w): its server 1 -> 0, the other 1 -> 5" eval '
	adm -e -f 1 -r "$held_rs" -m -w 0 && adm -e -f 1 -r "$other:80" -m -w 5'
check "new fetches go to the other server" eq "$(fetch_spread 2 "$VIP")" \
	"$([ "$other" = "${RS_IP[1]}" ] && echo "2 0" || echo "0 2")"
name=rs1
[ "$held_rs" = "${RS_IP[2]}:80" ] && name=rs2
check "the held connection still works, on its server" dp_release held "$name"
check "and is still listed on it" conns_match "^TCP .* $held_src +$VIP:80 +$held_rs\$" 1

# Without the mark nothing matches the service: the director's own
# (closed) port 80 answers.
check "drop the nftables rules" fwmark_rules_off
check "unmarked: IPv4 connection refused" dp_tcp_refused "$NS_CLIENT" "$VIP"
check "unmarked: IPv6 connection refused" dp_tcp_refused "$NS_CLIENT" "$VIP6"
done_testing
