#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 200
# Path MTU through tunnels: the director's route to the real server has
# MTU 1400; a client datagram that fits the client's 1500 but not the
# tunnel (DF set, as Linux sets it on UDP by default) is refused with
# "fragmentation needed" / "packet too big" carrying 1400 minus the whole
# encapsulation (IPIP 20, GUE 20+8+4, GRE 20+4, GRE with checksum 20+8,
# IPv6 40), which the client's route cache then shows. With pmtu_disc=0
# an IPv4 datagram is fragmented instead and reaches the real server.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox modprobe

plan 16
check "topology builds" topo_l2 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS1=${NS_RS[1]}
check "rs1 decapsulates IPIP, GUE, GRE" eval 'tunnel_ends "$RS1" && fou_ends "$RS1" 6080 && gre_ends "$RS1"'
check "the director's routes to rs1 have MTU 1400" eval '
	ip -n "$NS_DIRECTOR" route add "${RS_IP[1]}/32" dev eth0 mtu 1400 &&
	ip -n "$NS_DIRECTOR" -6 route add "${RS_IP6[1]}/128" dev eth0 mtu 1400'
no_icmp_ratelimit "$NS_DIRECTOR"
no_icmp_ratelimit "$RS1"
PMTU=/proc/sys/net/ipv4/vs/pmtu_disc
on_exit "nsx $NS_DIRECTOR sh -c 'echo 1 >$PMTU'"

# big HOST: one 1450-byte datagram to HOST:9999 from the client, socket
# kept open a moment for the ICMP error; prints the MTU the client's
# route to HOST learnt (none: empty).
big() {
	ip -n "$NS_CLIENT" route flush cache >/dev/null 2>&1
	ip -n "$NS_CLIENT" -6 route flush cache >/dev/null 2>&1
	nsx "$NS_CLIENT" timeout 5 bash -c '
		exec 3<>"/dev/udp/$0/9999" || exit 1
		printf "%1450s" x >&3
		sleep 0.5' "$1"
	ip -n "$NS_CLIENT" route get "$1" | sed -n "s/.* mtu \([0-9]*\).*/\1/p"
}

# pmtu_is HOST MTU: the client learnt exactly MTU.
pmtu_is() {
	local got
	got=$(big "$1")
	[ "$got" = "$2" ] || { echo "learnt MTU '$got', want $2"; return 1; }
}

check "add the UDP services" eval 'adm -A -u "$VIP:9999" &&
	adm -a -u "$VIP:9999" -r "${RS_IP[1]}" -i &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -i'
check "IPIP: fragmentation needed, MTU 1380" pmtu_is "$VIP" 1380
check "IPv6 in IPv6: packet too big, MTU 1360" pmtu_is "$VIP6" 1360
tun() { adm -e -u "$VIP:9999" -r "${RS_IP[1]}" -i "$@"; }
check "GUE: MTU 1368" eval 'tun --tun-type gue --tun-port 6080 && pmtu_is "$VIP" 1368'
check "GRE: MTU 1376" eval 'tun --tun-type gre && pmtu_is "$VIP" 1376'
check "GRE with checksum: MTU 1372" eval 'tun --tun-type gre --tun-csum && pmtu_is "$VIP" 1372'
check "IPv6 in GUE over IPv6: MTU 1348" eval '
	adm -e -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -i --tun-type gue --tun-port 6080 &&
	pmtu_is "$VIP6" 1348'

# noports_delta BEFORE WANT: rs1 refused WANT more datagrams since BEFORE.
noports_delta() {
	local d=$(( $(udp_noports "$RS1") - $1 ))
	[ "$d" = "$2" ] || { echo "rs1 got $d datagrams, want $2"; return 1; }
}
reasm_oks() { nsx "$RS1" awk '$1 == "Ip:" && $2 ~ /^[0-9]/ { print $16 }' /proc/net/snmp; }

check "back to IPIP" tun --tun-type ipip
before=$(udp_noports "$RS1")
dp_udp_send "$NS_CLIENT" "$VIP" 9999 1 >/dev/null
check "small datagrams still pass" noports_delta "$before" 1
check "no big datagram reached rs1 so far" eq "$(reasm_oks)" 0
check "pmtu_disc=0" nsx "$NS_DIRECTOR" sh -c "echo 0 >$PMTU"
before=$(udp_noports "$RS1")
got=$(big "$VIP")
check "IPv4 with pmtu_disc=0: no ICMP error, the client learnt nothing" eq "$got" ""
check "... and the datagram reached rs1 in fragments" \
	eval 'noports_delta "$before" 1 && ge "$(reasm_oks)" 1'
done_testing
