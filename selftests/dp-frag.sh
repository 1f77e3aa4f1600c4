#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# Fragments through a NAT service: UDP datagrams of 3000 bytes over links
# of MTU 1500 (the real server's IPv4 route back even has MTU 400), so the
# client's requests and the real server's replies travel in fragments.
# Each must reach the real server whole and come back whole to the client
# from the virtual address: IPv4 replies are gathered at FORWARD before
# their source is rewritten, IPv6 requests and replies are reassembled by
# nf_defrag_ipv6, which IPVS turns on with an IPv6 service. The same for
# ICMP errors the real server sends in fragments. With the conntrack
# sysctl off and on.
#
# Not here: a client on the director itself. Its datagrams larger than
# the MTU never reach the real server with IPVS 6.1 (counted in, then
# lost), while lvs.ko delivers them.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip
require_tool udpecho
require_tool icmpbig

plan 14
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
nsx "${NS_RS[1]}" "$UDPECHO" -l 9999 >"$DP_TMP/rs.log" 2>"$DP_TMP/echo.err" &
on_exit "kill $!"
check "UDP echo in rs1" wait_for 5 grep -q ready "$DP_TMP/echo.err"
check "UDP services on 9999, rs1 masquerading" dp_udp_services -m
check "rs1 sends to the client in fragments of 400" \
	ip -n "${NS_RS[1]}" route add 10.0.1.0/24 via 10.0.2.1 mtu 400

# frag_echo ADDR: three 3000-byte datagrams from the client to ADDR:9999
# (one socket, one connection). rs1 must log each with the sum the
# client computed, and the client must get each back intact from ADDR.
frag_echo() {
	local before out want got
	before=$(wc -l <"$DP_TMP/rs.log")
	out=$(nsx "$NS_CLIENT" "$UDPECHO" -c "$1" 9999 3000 3)
	echo "$out"
	want=$(awk '{ print "3000", $1 }' <<<"$out")
	got=$(tail -n "+$((before + 1))" "$DP_TMP/rs.log")
	[ "$got" = "$want" ] || { echo "rs1 received (length sum):"; echo "$got"; return 1; }
	[ "$(grep -c " intact $1\$" <<<"$out")" = 3 ] || { echo "not all back intact from $1"; return 1; }
}

# The client's side of big_error: a socket connected to ADDR:9999 sends
# a datagram and reads its echo, writes its own port to FILE.port, then
# waits for an error and writes the status of the read to FILE.rc (1 and
# "Connection refused" in FILE.err: the error came; 124: nothing came).
# One read of a whole datagram (bash reads byte by byte).
cat >"$DP_TMP/errclient" <<'EOF'
exec 3<>"/dev/udp/$1/9999" || exit 1
printf "ping\n" >&3
[ "$(timeout 3 dd bs=64k count=1 <&3 2>/dev/null)" = ping ] || exit 1
ino=$(readlink /proc/self/fd/3)
ino=${ino//[^0-9]/}
port=$(awk -v i="$ino" '$10 == i { split($2, a, ":"); print a[2] }' /proc/net/udp /proc/net/udp6)
echo $((16#$port)) >"$2.port"
timeout 5 dd bs=64k count=1 <&3 >/dev/null 2>"$2.err"
echo $? >"$2.rc"
EOF

# big_error ADDR CLIENT RS: a client socket on ADDR:9999 gets back the
# port unreachable of 3000 bytes (so in fragments) that rs1 sends from RS
# to CLIENT about the socket's datagram.
big_error() {
	local f=$DP_TMP/err$RANDOM port
	nsx "$NS_CLIENT" timeout 10 bash "$DP_TMP/errclient" "$1" "$f" &
	wait_for 5 test -s "$f.port" || { echo "no echo"; return 1; }
	port=$(cat "$f.port")
	nsx "${NS_RS[1]}" "$ICMPBIG" "$2" "$port" "$3" 9999 3000 || return 1
	wait_for 8 test -s "$f.rc" || { echo "client gone"; return 1; }
	[ "$(cat "$f.rc")" = 1 ] && grep -q refused "$f.err" ||
		{ echo "no error on the socket: $(cat "$f.rc" "$f.err")"; return 1; }
}

for ct in 0 1; do
	check "conntrack=$ct" nsx "$NS_DIRECTOR" sysctl -qw "net.ipv4.vs.conntrack=$ct"
	check "IPv4, conntrack=$ct: whole both ways, replies from the VIP" frag_echo "$VIP"
	check "IPv6, conntrack=$ct: whole both ways, replies from the VIP" frag_echo "$VIP6"
	check "IPv4, conntrack=$ct: an ICMP error in fragments comes back" \
		big_error "$VIP" 10.0.1.2 "${RS_IP[1]}"
	check "IPv6, conntrack=$ct: an ICMPv6 error in fragments comes back" \
		big_error "$VIP6" fd00:1::2 "${RS_IP6[1]}"
done
done_testing
