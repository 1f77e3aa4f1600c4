#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# GUE tunnelling: the director wraps the client's packets in UDP + GUE to
# the dest's --tun-port; the real server's fou socket unwraps them. For
# each checksum option (--tun-nocsum, --tun-csum, --tun-remcsum) the
# payload arrives intact and the real server's capture shows the headers
# the option asks for: a zero or a real UDP checksum, the remote checksum
# offload option. IPv4 and IPv6, TCP and UDP, stock ipvsadm and ours.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum modprobe
require_ours

PORT=6080
plan 29
dp_setup topo_l2 2 1
check "rs1 decapsulates GUE" eval 'tunnel_ends "${NS_RS[1]}" && fou_ends "${NS_RS[1]}" $PORT'

# Fields of a captured IPv4 packet ($(N + 2) is byte N): protocol 9, UDP
# dport 22-23 and checksum 26-27, GUE hlen 28, proto 29, flags 30-31,
# private flags 32-35.
GUE4='$1 == "0800" && $11 == "11" && $24 $25 == "17c0"'
GUE6='$1 == "86dd" && $8 == "11" && $44 $45 == "17c0"'

check "add the IPv4 service" adm -A -t "$VIP:80" -s rr
check "add rs1 with --tun-type gue (no checksum)" \
	adm -a -t "$VIP:80" -r "${RS_IP[1]}" -i --tun-type gue --tun-port $PORT --tun-nocsum
check "nocsum: the fetch arrives intact" fetch_captured nocsum "$VIP"
check "nocsum: GUE over UDP port $PORT, IPv4 inside, zero checksum" \
	eval '[ "$(pkt_count nocsum "$GUE4 && \$31 == \"04\" && \$28 \$29 == \"0000\"")" -ge 4 ]'
check "nocsum: nothing came as plain IPIP or with a checksum" \
	eq "$(pkt_count nocsum "\$1 == \"0800\" && (\$11 == \"04\" || ($GUE4 && \$28 \$29 != \"0000\"))")" 0

check "switch rs1 to --tun-csum" \
	adm -e -t "$VIP:80" -r "${RS_IP[1]}" -i --tun-type gue --tun-port $PORT --tun-csum
check "csum: the fetch arrives intact" fetch_captured csum "$VIP"
check "csum: every GUE packet has a UDP checksum" \
	eval '[ "$(pkt_count csum "$GUE4 && \$28 \$29 != \"0000\"")" -ge 4 ] &&
	      [ "$(pkt_count csum "$GUE4 && \$28 \$29 == \"0000\"")" = 0 ]'

check "switch rs1 to --tun-remcsum" \
	adm -e -t "$VIP:80" -r "${RS_IP[1]}" -i --tun-type gue --tun-port $PORT --tun-remcsum
check "remcsum: the fetch arrives intact" fetch_captured remcsum "$VIP"
# Only a packet whose inner checksum is pending carries the option.
check "remcsum: GUE packets carry the private flag and the REMCSUM option" \
	eval '[ "$(pkt_count remcsum "$GUE4 && \$30 == \"02\" && \$32 \$33 == \"0001\" && \$34 == \"80\"")" -ge 1 ]'
check "remcsum: every GUE packet has a UDP checksum" \
	eq "$(pkt_count remcsum "$GUE4 && \$28 \$29 == \"0000\"")" 0
check "the service counted 3 connections" stat_is "TCP $VIP:80" 2 eq 3
check "-Ln --tun-info: ours prints what stock prints" \
	eval 'diff <(adm -Ln --tun-info) <(adm_ours -Ln --tun-info)'
check "-Ln --tun-info shows gue:$PORT:r+c" \
	eval 'adm -Ln --tun-info | grep -q "gue:$PORT:r+c"'

# IPv6, configured with our ipvsadm.
check "add the IPv6 service (ours)" eval 'adm_ours -A -t "[$VIP6]:80" &&
	adm_ours -a -t "[$VIP6]:80" -r "[${RS_IP6[1]}]:80" -i --tun-type gue --tun-port $PORT'
check "IPv6 nocsum: the fetch arrives intact" fetch_captured nocsum6 "$VIP6"
check "IPv6 nocsum: GUE over UDP port $PORT, IPv6 inside" \
	eval '[ "$(pkt_count nocsum6 "$GUE6 && \$51 == \"29\"")" -ge 4 ]'
check "switch to --tun-csum (ours)" \
	adm_ours -e -t "[$VIP6]:80" -r "[${RS_IP6[1]}]:80" -i --tun-type gue --tun-port $PORT --tun-csum
check "IPv6 csum: the fetch arrives intact" fetch_captured csum6 "$VIP6"
check "IPv6 csum: every GUE packet has a UDP checksum" \
	eval '[ "$(pkt_count csum6 "$GUE6 && \$48 \$49 != \"0000\"")" -ge 4 ] &&
	      [ "$(pkt_count csum6 "$GUE6 && \$48 \$49 == \"0000\"")" = 0 ]'
check "the IPv6 service counted 2 connections" stat_is "TCP [$VIP6]:80" 2 eq 2

check "add the UDP services" eval 'adm -A -u "$VIP:9999" &&
	adm -a -u "$VIP:9999" -r "${RS_IP[1]}" -i --tun-type gue --tun-port $PORT --tun-csum &&
	adm_ours -A -u "[$VIP6]:9999" &&
	adm_ours -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -i --tun-type gue --tun-port $PORT'
read -r arrived refused <<<"$(udp_to_rs1 2 "$VIP" "$VIP6")"
check "4 datagrams reached rs1 through GUE with valid checksums" eq "$arrived" 4
check "rs1's ICMP errors reached the clients directly" eq "$refused" "2 2"
check "the UDP services counted 2 datagrams each" \
	eval 'stat_is "UDP $VIP:9999" 3 eq 2 && stat_is "UDP [$VIP6]:9999" 3 eq 2'
done_testing
