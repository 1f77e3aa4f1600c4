#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 90
# snat_reroute: a NAT reply is routed again after its source became the
# virtual address, as if the director sent it, so policy routing by
# source applies. The director has a second link to the client and a
# rule "from VIP lookup 100" whose table sends the client that way:
# with snat_reroute=1 (the default) the replies leave by the second link,
# with 0 by the route the real server's packet got (the first link).
# IPv4 and IPv6, UDP; the client answers on both links.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip nft sysctl
require_tool udpecho

plan 12
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
nsx "${NS_RS[1]}" "$UDPECHO" 9999 2>"$DP_TMP/echo.err" &
on_exit "kill $!"
check "UDP echo in rs1" wait_for 5 grep -q ready "$DP_TMP/echo.err"

# The second link: client eth1 (no address of its own: it takes what
# comes for 10.0.1.2 / fd00:1::2) -- director c1, neighbours fixed.
second_link() {
	local mac
	veth_link "$NS_CLIENT" eth1 "$NS_DIRECTOR" c1 || return 1
	nsx "$NS_CLIENT" sysctl -qw net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.eth1.rp_filter=0 >/dev/null || return 1
	mac=$(ip -n "$NS_CLIENT" -br link show eth1 | awk '{ print $3 }')
	[ -n "$mac" ] || return 1
	ip -n "$NS_DIRECTOR" neigh add 10.0.1.2 lladdr "$mac" dev c1 nud permanent &&
	ip -n "$NS_DIRECTOR" -6 neigh add fd00:1::2 lladdr "$mac" dev c1 nud permanent &&
	ip -n "$NS_DIRECTOR" route add 10.0.1.2/32 dev c1 table 100 &&
	ip -n "$NS_DIRECTOR" -6 route add fd00:1::2/128 dev c1 table 100 &&
	ip -n "$NS_DIRECTOR" rule add from "$VIP" lookup 100 &&
	ip -n "$NS_DIRECTOR" -6 rule add from "$VIP6" lookup 100
}
check "second link, rules from the VIPs" second_link
check "NAT services" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -m'
check "reply counters by interface" nsx "$NS_DIRECTOR" nft -f - <<'EOF'
table inet reroute {
	counter via_c0 { }
	counter via_c1 { }
	chain post {
		type filter hook postrouting priority 0;
		udp sport 9999 oifname "c0" counter name via_c0
		udp sport 9999 oifname "c1" counter name via_c1
	}
}
EOF
on_exit "nsx $NS_DIRECTOR nft delete table inet reroute"

# via C0 C1: the replies counted on c0 and c1 since the last call.
via() {
	local c0 c1
	c0=$(nsx "$NS_DIRECTOR" nft reset counter inet reroute via_c0 | awk '$1 == "packets" { print $2 }')
	c1=$(nsx "$NS_DIRECTOR" nft reset counter inet reroute via_c1 | awk '$1 == "packets" { print $2 }')
	eq "$c0 $c1" "$1 $2"
}
sr() { nsx "$NS_DIRECTOR" sysctl -n net.ipv4.vs.snat_reroute; }

check "snat_reroute is 1 by default" eq "$(sr)" 1
check "IPv4 and IPv6 answered" eval 'udp_exchange "$VIP" && udp_exchange "$VIP6"'
check "snat_reroute=1: the 4 replies took the VIP's route (c1)" via 0 4
check "snat_reroute=0" nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.snat_reroute=0
check "IPv4 and IPv6 answered" eval 'udp_exchange "$VIP" && udp_exchange "$VIP6"'
check "snat_reroute=0: the 4 replies kept the server's route (c0)" via 4 0
check "snat_reroute=1 again: back to c1" eval 'nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.snat_reroute=1 &&
	udp_exchange "$VIP" && udp_exchange "$VIP6" && via 0 4'
done_testing
