#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# nat_icmp_send: a packet from a NAT real server's service port that no
# connection explains (the director cannot translate it) is answered
# with ICMP port unreachable to the server and dropped, when set; not for
# a TCP RST, not from a port no service uses. Unset, such packets pass
# untouched. The server's side is seen with selftests/tools/pktdump, the
# client's by its count of datagrams to closed ports.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dp/lib.bash"
require_cmd ip sysctl
FLOOD=$(dirname "$0")/tools/flood
[ -x "$FLOOD" ] || skip_all "needs selftests/tools/flood (make -C selftests/tools)"

plan 13
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS1=${NS_RS[1]}
no_icmp_ratelimit "$NS_DIRECTOR"
SYSCTL=/proc/sys/net/ipv4/vs/nat_icmp_send
on_exit "nsx $NS_DIRECTOR sh -c 'echo 0 >$SYSCTL'"
nis() { nsx "$NS_DIRECTOR" sh -c "echo $1 >$SYSCTL"; }

check "NAT services: UDP 9999, TCP 80, UDP [v6]:9999" eval '
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m &&
	adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -m'

# refused TAG FLOOD-ARGS...: rs1 sends one packet to the client (flood
# arguments); prints how many ICMP port unreachable (IPv4 or IPv6) came
# back to rs1 from the director (10.0.2.1 / fd00:2::1), and how many
# datagrams the client refused, once one of them shows (at most 3 s).
ICMP_FROM_DIRECTOR='($1 == "0800" && $11 == "01" && $14 $15 $16 $17 == "0a000201" &&
	$22 == "03" && $23 == "03") ||
	($1 == "86dd" && $8 == "3a" && $42 == "01" && $43 == "04" &&
	 $10 $11 $12 $13 == "fd000002" && $24 $25 == "0001")'
_seen() {
	[ "$(pkt_count "$1" "$ICMP_FROM_DIRECTOR")" != 0 ] ||
		[ "$(udp_noports "$NS_CLIENT")" != "$2" ]
}
refused() {
	local tag=$1 before
	shift
	before=$(udp_noports "$NS_CLIENT")
	pkt_capture "$RS1" eth0 "$tag" 10 || { echo "no capture"; return 1; }
	nsx "$RS1" timeout 10 "$FLOOD" -n 1 "$@" >/dev/null || { echo "send failed"; return 1; }
	wait_for 3 _seen "$tag" "$before"
	sleep 0.2
	pkt_stop "$tag"
	echo "$(pkt_count "$tag" "$ICMP_FROM_DIRECTOR") $(( $(udp_noports "$NS_CLIENT") - before ))"
}
udp4() { refused "$1" -s "${RS_IP[1]}" -P "$2" -d 10.0.1.2 -p 5555; }

check "unset: the datagram from rs1:9999 reaches the client" eq "$(udp4 u0 9999)" "0 1"
check "set" nis 1
check "set: rs1:9999 hears port unreachable, the client nothing" eq "$(udp4 u1 9999)" "1 0"
check "set: from rs1:7777 (no service there) it passes" eq "$(udp4 u2 7777)" "0 1"
check "set: a TCP ACK from rs1:80 is refused too" \
	eq "$(refused t1 -a -s "${RS_IP[1]}" -P 80 -d 10.0.1.2 -p 5555)" "1 0"
check "set: IPv6, rs1 hears ICMPv6 port unreachable" \
	eq "$(refused v6 -6 -s "${RS_IP6[1]}" -P 9999 -d fd00:1::2 -p 5555)" "1 0"
check "edit rs1 to direct routing" adm -e -u "$VIP:9999" -r "${RS_IP[1]}:9999" -g
check "set: rs1:9999 of a DR service is not a NAT server: passes" eq "$(udp4 u3 9999)" "0 1"
check "delete the TCP service" adm -D -t "$VIP:80"
check "set: rs1:80 after its service went: passes" \
	eq "$(refused t2 -a -s "${RS_IP[1]}" -P 80 -d 10.0.1.2 -p 5555 | cut -d' ' -f1)" "0"
check "unset" nis 0
done_testing
