#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# nat_icmp_send: a packet from a NAT real server's service port that no
# connection explains (the director cannot translate it) is answered
# with ICMP port unreachable to the server and dropped, when set; not for
# a TCP RST or an SCTP ABORT, not from a port no NAT service uses. Unset, such packets pass
# untouched. The server's side is seen with selftests/tools/pktdump, the
# client's by its count of datagrams to closed ports.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip sysctl
require_tool flood
require_tool l4short

plan 17
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS1=${NS_RS[1]}
no_icmp_ratelimit "$NS_DIRECTOR"
SYSCTL=/proc/sys/net/ipv4/vs/nat_icmp_send
on_exit "nsx $NS_DIRECTOR sh -c 'echo 0 >$SYSCTL'"
nis() { nsx "$NS_DIRECTOR" sh -c "echo $1 >$SYSCTL"; }

check "NAT services: UDP 9999, TCP 80, SCTP 5000, UDP [v6]:9999" eval '
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m &&
	adm -A --sctp-service "$VIP:5000" && adm -a --sctp-service "$VIP:5000" -r "${RS_IP[1]}:5000" -m &&
	adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -m'

# rs1's eth0 is captured for the whole test; each case sends to its own
# client port, which the director's error quotes (bytes 50-51).
check "capture on rs1" pkt_capture "$RS1" eth0 rs1 110
# icmp4 CPORT: ICMP port unreachable from the director (10.0.2.1) to rs1
# about its packet to client port CPORT. icmp6: ICMPv6 from fd00:2::1.
icmp4() {
	pkt_count rs1 "\$1 == \"0800\" && \$11 == \"01\" && \$14 \$15 \$16 \$17 == \"0a000201\" &&
		\$22 == \"03\" && \$23 == \"03\" && \$52 \$53 == \"$(printf %04x "$1")\""
}
icmp6() {
	pkt_count rs1 '$1 == "86dd" && $8 == "3a" && $42 == "01" && $43 == "04" &&
		$10 $11 $12 $13 == "fd000002"'
}
# refused COUNTER CPORT FLOOD-ARGS...: rs1 sends one packet (flood
# arguments; with CHUNK set, an SCTP packet from rs1:5000 whose first
# chunk is of type CHUNK) to client port CPORT; prints how many errors COUNTER counts
# and how many datagrams the client refused, once either shows (3 s).
# With BARRIER set, a datagram from rs1:7777 (never refused) follows: the
# director handles it after the packet, so once the client has it any
# error about the packet has been sent.
refused() {
	local count=$1 port=$2 before n c i
	shift 2
	before=$(udp_noports "$NS_CLIENT")
	if [ -n "${CHUNK:-}" ]; then
		nsx "$RS1" "$L4SHORT" send 10.0.1.2 132 5000 "$port" 16 "$CHUNK"
	else
		nsx "$RS1" timeout 10 "$FLOOD" -n 1 -p "$port" "$@" >/dev/null
	fi || { echo "send failed"; return 1; }
	[ -z "${BARRIER:-}" ] || nsx "$RS1" timeout 10 "$FLOOD" -n 1 -p 5599 \
		-s "${RS_IP[1]}" -P 7777 -d 10.0.1.2 >/dev/null || { echo "send failed"; return 1; }
	for i in $(seq 10); do
		n=$($count "$port") c=$(( $(udp_noports "$NS_CLIENT") - before ))
		[ "$n" != 0 ] || [ "$c" != 0 ] && break
		sleep 0.3
	done
	# An error sent before the client's datagram may still be on its way.
	sleep 0.3
	echo "$($count "$port") $c"
}
udp4() { refused icmp4 "$1" -s "${RS_IP[1]}" -P "$2" -d 10.0.1.2; }
# tcp4 CPORT FLAG: a TCP ACK (-a) or RST (-r) from rs1:80; prints the
# director's errors about it.
tcp4() {
	BARRIER=1 refused icmp4 "$1" "$2" -s "${RS_IP[1]}" -P 80 -d 10.0.1.2 | cut -d' ' -f1
}

check "unset: the datagram from rs1:9999 reaches the client" eq "$(udp4 5551 9999)" "0 1"
check "set" nis 1
check "set: rs1:9999 hears port unreachable, the client nothing" eq "$(udp4 5552 9999)" "1 0"
check "set: from rs1:7777 (no service there) it passes" eq "$(udp4 5553 7777)" "0 1"
check "set: a TCP ACK from rs1:80 is refused too" eq "$(tcp4 5554 -a)" 1
check "set: a TCP RST from rs1:80 is not answered" eq "$(tcp4 5558 -r)" 0
# sctp4 CPORT CHUNK: an SCTP packet from rs1:5000; the director's errors.
sctp4() { CHUNK=$2 BARRIER=1 refused icmp4 "$1" | cut -d' ' -f1; }
check "set: SCTP DATA from rs1:5000 is refused" eq "$(sctp4 5559 0)" 1
check "set: SCTP ABORT from rs1:5000 is not answered" eq "$(sctp4 5560 6)" 0
check "set: IPv6, rs1 hears ICMPv6 port unreachable" \
	eq "$(refused icmp6 5555 -6 -s "${RS_IP6[1]}" -P 9999 -d fd00:1::2)" "1 0"
check "edit rs1 to direct routing" adm -e -u "$VIP:9999" -r "${RS_IP[1]}:9999" -g
check "set: rs1:9999 of a DR service is not a NAT server: passes" eq "$(udp4 5556 9999)" "0 1"
check "delete the TCP service" adm -D -t "$VIP:80"
check "set: rs1:80 after its service went: passes" eq "$(tcp4 5557 -a)" 0
check "unset" nis 0
done_testing
