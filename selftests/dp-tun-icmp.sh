#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# ICMP errors about the director's own tunnel packets: a router between
# the director and the real server has a 1400-byte link to the server,
# so the tunnelled client datagram (DF set) is refused there and the
# router's "fragmentation needed" goes to the director, quoting our IPIP,
# GUE or GRE packet. The director finds the client's packet inside,
# lowers its route's MTU and tells the client, which then knows 1400
# minus the whole encapsulation (IPIP 20, GUE 20+8+4, GRE 20+4, GRE with
# checksum 20+8). ip_vs reports its cached route's (stale) MTU minus 20
# the first time and the exact value only on the client's next try, so
# the client sends twice before its MTU is compared. IPVS does this for
# IPv4 only. Last, such an error with a record-route option in its own IP
# header (icmptun), whose options the director once echoed from the
# client's packet and overflowed its stack with: the director must live
# on and keep relaying.
#
#   client 10.0.1.2 --- 10.0.1.1 director 10.0.4.1 --- 10.0.4.2 router
#   10.0.5.1 ==(MTU 1400)== 10.0.5.2 rs1; VIP 10.0.1.100 on lo of both.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip modprobe
require_tool udpconns
require_tool icmptun

topo() {
	ns_new NS_CLIENT client && ns_new NS_DIRECTOR director &&
	ns_new NS_ROUTER router && ns_new NS_RS1 rs1 || return 1
	VIP=10.0.1.100
	veth_link "$NS_CLIENT" eth0 "$NS_DIRECTOR" c0 &&
	veth_link "$NS_DIRECTOR" r0 "$NS_ROUTER" d0 &&
	veth_link "$NS_ROUTER" s0 "$NS_RS1" eth0 || return 1
	ip -n "$NS_ROUTER" link set s0 mtu 1400 &&
	ip -n "$NS_RS1" link set eth0 mtu 1400 || return 1
	addr "$NS_CLIENT" eth0 10.0.1.2/24 &&
	addr "$NS_DIRECTOR" c0 10.0.1.1/24 && addr "$NS_DIRECTOR" lo "$VIP/32" &&
	addr "$NS_DIRECTOR" r0 10.0.4.1/24 &&
	addr "$NS_ROUTER" d0 10.0.4.2/24 && addr "$NS_ROUTER" s0 10.0.5.1/24 &&
	addr "$NS_RS1" eth0 10.0.5.2/24 && addr "$NS_RS1" lo "$VIP/32" || return 1
	ip -n "$NS_CLIENT" route add "$VIP/32" via 10.0.1.1 &&
	ip -n "$NS_DIRECTOR" route add 10.0.5.0/24 via 10.0.4.2 &&
	ip -n "$NS_RS1" route add default via 10.0.5.1 || return 1
	nsx "$NS_ROUTER" sysctl -qw net.ipv4.ip_forward=1 >/dev/null
}

plan 9
check "topology builds" topo
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "rs1 decapsulates IPIP, GUE, GRE" eval 'tunnel_ends "$NS_RS1" &&
	fou_ends "$NS_RS1" 6080 && gre_ends "$NS_RS1"'
no_icmp_ratelimit "$NS_DIRECTOR"
no_icmp_ratelimit "$NS_ROUTER"
check "UDP service $VIP:9999, rs1 by IPIP" eval 'adm -A -u "$VIP:9999" &&
	adm -a -u "$VIP:9999" -r 10.0.5.2 -i'

# send: one 1448-byte datagram (fits the director's 1500 even in GUE,
# not the router's 1400) from the client to VIP:9999, socket kept open a
# moment for the ICMP error.
send() {
	nsx "$NS_CLIENT" timeout 5 bash -c '
		exec 3<>"/dev/udp/$0/9999" || exit 1
		printf "%1420s" x >&3
		sleep 0.5' "$VIP"
}
# learns MTU: from fresh routes, a datagram after which the client must
# have heard of some smaller MTU (this takes the director: the kernel's
# own GRE and FOU error handlers lower the director's route for it, but
# tell no client), and another after which it must know exactly MTU.
client_mtu() {
	ip -n "$NS_CLIENT" route get "$VIP" | sed -n "s/.* mtu \([0-9]*\).*/\1/p"
}
learns() {
	local got
	ip -n "$NS_CLIENT" route flush cache >/dev/null 2>&1
	ip -n "$NS_DIRECTOR" route flush cache >/dev/null 2>&1
	send || return 1
	got=$(client_mtu)
	[ -n "$got" ] && [ "$got" -lt 1500 ] ||
		{ echo "after one datagram the client learnt MTU '$got'"; return 1; }
	send || return 1
	got=$(client_mtu)
	[ "$got" = "$1" ] || { echo "learnt MTU '$got', want $1"; return 1; }
}
tun() { adm -e -u "$VIP:9999" -r 10.0.5.2 -i "$@"; }

check "IPIP: the client learns 1380" learns 1380
check "GUE: 1368" eval 'tun --tun-type gue --tun-port 6080 && learns 1368'
check "GRE: 1376" eval 'tun --tun-type gre && learns 1376'
check "GRE with checksum: 1372" eval 'tun --tun-type gre --tun-csum && learns 1372'
check "back to IPIP: 1380" eval 'tun --tun-type ipip && learns 1380'

# The director relays an error about its IPIP packet by pulling the skb
# to the client's packet inside and sending from there. The IP layer's
# record of the router's record-route option says "at offset 20": in
# the client's packet, its UDP source port. Port 12488 (0x30c8) makes the
# option's length byte 200 there, five times the room for options in the
# error being built: echoing them overflowed that buffer on the stack (a
# stack-protector panic on the production kernel). udpconns' port is
# 1024 + its offset. What is asserted is that the director lives on and
# still relays a real error: whether this one is relayed differs (lvs.ko
# relays it without options; ip_vs 6.1 sends nothing, without a KASAN
# report, for a reason not yet known).
options() {
	nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p 9999 -n 1 -s 10.0.1.2 -o 11464 >/dev/null &&
		nsx "$NS_ROUTER" "$ICMPTUN" 10.0.4.1 10.0.4.1 10.0.5.2 10.0.1.2 12488 "$VIP" 9999 1300 ||
		return 1
	sleep 1
	learns 1380
}
check "an error with IP options of its own: the director lives on, and still relays" options
done_testing
