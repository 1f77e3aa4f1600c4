#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# GRE tunnelling: the director wraps the client's packets in GRE to the
# real server. Without --tun-csum the fallback devices gre0/ip6gre0 take
# them; with it only a device configured with "icsum" does (a GRE device
# drops packets whose checksum flag differs from its own), and the
# capture shows the checksum flag. IPv4 and IPv6, TCP and UDP, stock
# ipvsadm and ours.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum modprobe
require_ours

plan 23
dp_setup topo_l2 2 1
check "rs1 decapsulates GRE" gre_ends "${NS_RS[1]}"

# Captured fields ($(N + 2) is byte N): IPv4 protocol 9, GRE flags 20-21
# and protocol 22-23; IPv6 next header 6, GRE at 40.
GRE4='$1 == "0800" && $11 == "2f"'
GRE6='$1 == "86dd" && $8 == "2f"'

check "add the IPv4 service, rs1 --tun-type gre" eval 'adm -A -t "$VIP:80" &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}" -i --tun-type gre'
check "no checksum: the fetch arrives intact" fetch_captured plain "$VIP"
check "no checksum: GRE without flags carrying IPv4" \
	eval '[ "$(pkt_count plain "$GRE4 && \$22 \$23 \$24 \$25 == \"00000800\"")" -ge 4 ]'
check "no checksum: nothing else from the director" \
	eq "$(pkt_count plain "\$1 == \"0800\" && \$14 \$15 \$16 \$17 == \"0a000101\" && !($GRE4)")" 0

check "a GRE device with icsum for the director's packets" eval '
	ip -n "${NS_RS[1]}" link add grec type gre local "${RS_IP[1]}" remote 10.0.1.1 icsum &&
	ip -n "${NS_RS[1]}" link set grec up &&
	nsx "${NS_RS[1]}" sysctl -qw net.ipv4.conf.grec.rp_filter=0'
check "it drops packets without a checksum" dp_tcp_refused "$NS_CLIENT" "$VIP"
check "switch rs1 to --tun-csum (ours)" adm_ours -e -t "$VIP:80" -r "${RS_IP[1]}" -i --tun-type gre --tun-csum
check "checksum: the fetch arrives intact" fetch_captured csum "$VIP"
check "checksum: GRE with the C flag carrying IPv4" \
	eval '[ "$(pkt_count csum "$GRE4 && \$22 \$23 \$24 \$25 == \"80000800\"")" -ge 4 ] &&
	      [ "$(pkt_count csum "$GRE4 && \$22 \$23 != \"8000\"")" = 0 ]'
check "the service counted 3 connections" stat_is "TCP $VIP:80" 2 eq 3
check "-Ln --tun-info: ours prints what stock prints" \
	eval 'diff <(adm -Ln --tun-info) <(adm_ours -Ln --tun-info)'

check "add the IPv6 service, rs1 --tun-type gre (ours)" eval 'adm_ours -A -t "[$VIP6]:80" &&
	adm_ours -a -t "[$VIP6]:80" -r "[${RS_IP6[1]}]:80" -i --tun-type gre'
check "IPv6: the fetch arrives intact" fetch_captured plain6 "$VIP6"
check "IPv6: GRE without flags carrying IPv6" \
	eval '[ "$(pkt_count plain6 "$GRE6 && \$42 \$43 \$44 \$45 == \"000086dd\"")" -ge 4 ]'
check "an ip6gre device with icsum, rs1 switched to --tun-csum" eval '
	ip -n "${NS_RS[1]}" link add grec6 type ip6gre local "${RS_IP6[1]}" remote fd00:1::1 icsum &&
	ip -n "${NS_RS[1]}" link set grec6 up &&
	adm -e -t "[$VIP6]:80" -r "[${RS_IP6[1]}]:80" -i --tun-type gre --tun-csum'
check "IPv6 checksum: the fetch arrives intact" fetch_captured csum6 "$VIP6"
check "IPv6 checksum: GRE with the C flag" \
	eval '[ "$(pkt_count csum6 "$GRE6 && \$42 \$43 == \"8000\"")" -ge 4 ]'

check "add the UDP services" dp_udp_services -i --tun-type gre --tun-csum
read -r arrived refused <<<"$(udp_to_rs1 2 "$VIP" "$VIP6")"
check "4 datagrams reached rs1 through GRE with valid checksums" eq "$arrived" 4
check "rs1's ICMP errors reached the clients directly" eq "$refused" "2 2"
done_testing
