#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# schedule_icmp: with direct routing the real server answers the client
# itself, so the director may get an ICMP error from the client about a
# packet it never saw (here: the real server sends from VIP:9999 to a
# closed port of the client, which answers port unreachable to the VIP).
# Unset, the director keeps the error; set, it schedules a connection for
# it as for the quoted packet's reverse and forwards the error to the
# real server. IPv4 and IPv6.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip ping
require_tool flood

plan 10
check "topology builds" topo_l2 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS1=${NS_RS[1]}
no_icmp_ratelimit "$NS_CLIENT"
SYSCTL=/proc/sys/net/ipv4/vs/schedule_icmp
on_exit "nsx $NS_DIRECTOR sh -c 'echo 0 >$SYSCTL'"
# The client's bridge learns the director's address, so it does not
# flood the errors meant for the director to rs1 as well.
check "the client reaches the director" eval 'nsx "$NS_CLIENT" ping -c1 -W2 10.0.1.1 &&
	nsx "$NS_CLIENT" ping -6 -c1 -W2 fd00:1::1'
check "DR services UDP $VIP:9999 and [$VIP6]:9999 on rs1" eval '
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}" -g &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -g'

# from_rs1 TAG FLOOD-ARGS...: rs1 sends one datagram to the client;
# prints how many port unreachable errors from the client (10.0.1.2 /
# fd00:1::2) reached rs1 within 2 s.
ERR_FROM_CLIENT='($1 == "0800" && $11 == "01" && $14 $15 $16 $17 == "0a000102" &&
	$22 == "03" && $23 == "03") ||
	($1 == "86dd" && $8 == "3a" && $42 == "01" && $43 == "04" &&
	 $10 $11 $12 $13 == "fd000001" && $24 $25 == "0002")'
_got() { [ "$(pkt_count "$1" "$ERR_FROM_CLIENT")" != 0 ]; }
from_rs1() {
	local tag=$1
	shift
	pkt_capture "$RS1" eth0 "$tag" 10 || { echo "no capture"; return 1; }
	nsx "$RS1" timeout 10 "$FLOOD" -n 1 "$@" >/dev/null || { echo "send failed"; return 1; }
	wait_for 2 _got "$tag"
	pkt_stop "$tag"
	pkt_count "$tag" "$ERR_FROM_CLIENT"
}
v4() { from_rs1 "$1" -s "$VIP" -P 9999 -d 10.0.1.2 -p "$2"; }
v6() { from_rs1 "$1" -6 -s "$VIP6" -P 9999 -d fd00:1::2 -p "$2"; }

check "unset: the error stays with the director" eq "$(v4 a 5555)" 0
check "unset: no connection was made" stat_is "UDP $VIP:9999" 2 eq 0
check "set" nsx "$NS_DIRECTOR" sh -c "echo 1 >$SYSCTL"
check "set: the error is forwarded to rs1" eq "$(v4 b 5556)" 1
check "set: by a new connection" stat_is "UDP $VIP:9999" 2 eq 1
check "set: IPv6, the error is forwarded to rs1" eq "$(v6 c 5557)" 1
check "set: IPv6, by a new connection" stat_is "UDP [$VIP6]:9999" 2 eq 1
done_testing
