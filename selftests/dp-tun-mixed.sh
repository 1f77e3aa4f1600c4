#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# Mixed address families: an IPv6 virtual service tunnelled to an IPv4
# real server (IPv6 in IPv4: plain, GUE, GRE) and an IPv4 service
# tunnelled to an IPv6 real server (IPv4 in IPv6). IPVS accepts a dest of
# the other family only for tunnelling. The payload arrives intact, the
# real server's capture shows the outer family and what it carries, the
# connection lists the real server in its own family.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum modprobe
require_ours

PORT=6080
plan 23
dp_setup topo_l2 2 1
RS1=${NS_RS[1]}
check "rs1 decapsulates IPv6 in IPv4 (sit0), GUE and GRE" eval '
	tunnel_ends "$RS1" && fou_ends "$RS1" $PORT && gre_ends "$RS1" &&
	modprobe sit && ip -n "$RS1" link set sit0 up'
check "rs1 decapsulates IPv4 in IPv6 (ip6tnl mode any)" eval '
	ip -n "$RS1" link add t46 type ip6tnl local "${RS_IP6[1]}" mode any &&
	ip -n "$RS1" link set t46 up &&
	nsx "$RS1" sysctl -qw net.ipv4.conf.t46.rp_filter=0 net.ipv4.conf.ip6gre0.rp_filter=0'

# From the director, IPv4 outer ($(N + 2) is byte N): protocol 9.
FROM4='$1 == "0800" && $14 $15 $16 $17 == "0a000101"'
# IPv6 outer: next header 6.
FROM6='$1 == "86dd" && $10 $11 == "fd00" && $24 $25 == "0001"'

check "a dest of the other family is refused for NAT" \
	eval 'adm -A -t "[$VIP6]:80" && ! adm -a -t "[$VIP6]:80" -r "${RS_IP[1]}:80" -m 2>/dev/null'
check "IPv6 service -> IPv4 real server, tunnel (stock)" adm -a -t "[$VIP6]:80" -r "${RS_IP[1]}:80" -i
check "6in4: the fetch arrives intact" fetch_captured sit "$VIP6"
check "6in4: IPv4 packets of protocol 41" \
	eval '[ "$(pkt_count sit "$FROM4 && \$11 == \"29\"")" -ge 4 ]'
check "6in4: /proc/net/ip_vs_conn names the IPv4 real server" \
	eval 'nsx "$NS_DIRECTOR" grep -q "^TCP fd00:0001:0000:0000:0000:0000:0000:0002 [0-9A-F]* fd00:0001:0000:0000:0000:0000:0000:0100 0050 0A00010B 0050 " /proc/net/ip_vs_conn ||
	      { nsx "$NS_DIRECTOR" cat /proc/net/ip_vs_conn; false; }'

check "switch it to GUE (ours)" adm_ours -e -t "[$VIP6]:80" -r "${RS_IP[1]}:80" -i --tun-type gue --tun-port $PORT --tun-csum
check "6in4 GUE: the fetch arrives intact" fetch_captured gue "$VIP6"
check "6in4 GUE: UDP to port $PORT, GUE proto 41" \
	eval '[ "$(pkt_count gue "$FROM4 && \$11 == \"11\" && \$24 \$25 == \"17c0\" && \$31 == \"29\"")" -ge 4 ]'
check "switch it to GRE" adm -e -t "[$VIP6]:80" -r "${RS_IP[1]}:80" -i --tun-type gre
check "6in4 GRE: the fetch arrives intact" fetch_captured gre "$VIP6"
check "6in4 GRE: GRE carrying ethertype 86dd" \
	eval '[ "$(pkt_count gre "$FROM4 && \$11 == \"2f\" && \$24 \$25 == \"86dd\"")" -ge 4 ]'
check "the IPv6 service counted 3 connections" stat_is "TCP [$VIP6]:80" 2 eq 3

check "IPv4 service -> IPv6 real server, tunnel (ours)" eval 'adm_ours -A -t "$VIP:80" &&
	adm_ours -a -t "$VIP:80" -r "[${RS_IP6[1]}]:80" -i'
check "4in6: the fetch arrives intact" fetch_captured ip6 "$VIP"
check "4in6: IPv6 packets of next header 4" \
	eval '[ "$(pkt_count ip6 "$FROM6 && \$8 == \"04\"")" -ge 4 ]'
check "4in6: /proc/net/ip_vs_conn names the IPv6 real server" \
	eval 'nsx "$NS_DIRECTOR" grep -q "^TCP 0A000102 [0-9A-F]* 0A000164 0050 fd00:0001:0000:0000:0000:0000:0000:0011 0050 " /proc/net/ip_vs_conn ||
	      { nsx "$NS_DIRECTOR" cat /proc/net/ip_vs_conn; false; }'

check "add a UDP service, IPv4 -> IPv6 GUE" eval 'adm -A -u "$VIP:9999" &&
	adm -a -u "$VIP:9999" -r "[${RS_IP6[1]}]:9999" -i --tun-type gue --tun-port $PORT'
read -r arrived refused <<<"$(udp_to_rs1 2 "$VIP")"
check "2 datagrams reached rs1 with valid checksums" eq "$arrived" 2
check "rs1's ICMP errors reached the client directly" eq "$refused" 2
done_testing
