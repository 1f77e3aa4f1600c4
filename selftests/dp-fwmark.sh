#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# fwmark services (-f) through a NAT director, IPv4 and IPv6, with the
# marks set by nftables: traffic is spread over the real servers and
# counted on the FWM service; without the mark the VIP is not served. A
# held connection survives a weight change and stays on its server.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dp/lib.bash"
. "$(dirname "$0")/dp/fwmark.bash"
require_cmd ip busybox md5sum nft

plan 21
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
check "nftables marks the VIPs' port 80" fwmark_rules
on_exit "nsx $NS_DIRECTOR nft delete table inet lvsmark 2>/dev/null"

check "IPv4 fwmark service (-f 1)" eval 'adm -A -f 1 -s rr &&
	adm -a -f 1 -r "${RS_IP[1]}:80" -m && adm -a -f 1 -r "${RS_IP[2]}:80" -m'
check "IPv6 fwmark service (-f 2 -6)" eval 'adm -A -f 2 -6 -s rr &&
	adm -a -f 2 -6 -r "[${RS_IP6[1]}]:80" -m && adm -a -f 2 -6 -r "[${RS_IP6[2]}]:80" -m'
check "IPv4: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP")" "2 2"
check "IPv6: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP6")" "2 2"
# fwm_conns MARK: the Conns column of the FWM line (IPv6 ones say so in
# an extra column, so count from the end).
fwm_conns() { adm -Ln --stats --exact | awk -v m="$1" '$1 == "FWM" && $2 == m { print $(NF - 4) }'; }
fwm_conns_are() { [ "$(fwm_conns "$1")" = "$2" ]; }
check "FWM 1 counted 4 connections" wait_for 5 fwm_conns_are 1 4
check "FWM 2 (IPv6) counted 4 connections" wait_for 5 fwm_conns_are 2 4
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
