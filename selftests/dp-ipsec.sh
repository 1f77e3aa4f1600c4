#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPsec through a NAT director: a client's ESP and AH packets to the
# virtual address follow its IKE exchange (UDP port 500 on both ends) to
# the same real server, and count in that connection's service; a real
# server's ESP to the client leaves with the virtual address. Two clients
# on two real servers, IPv4 and IPv6, with a persistent UDP service on
# port 500, then with a fwmark service that marks everything to the VIPs
# (ESP without an IKE exchange reaches no real server, marked or not).
# ICMP errors about ESP packets find the connection both ways. (In IPv6
# AH is an extension header to both: the ESP after it counts.)
# No IPsec anywhere: raw AH/ESP packets (tools/ipsec), counted by raw
# sockets (tools/l4short watch).
# selftest-timeout: 240
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip nft
require_tool ipsec
require_tool l4short
require_tool udpecho

plan 32
check "topology" topo_nat 2
check "client addresses" addr "$NS_CLIENT" eth0 10.0.1.3/24 10.0.1.4/24 \
	10.0.1.5/24 10.0.1.6/24 10.0.1.7/24 10.0.1.8/24 \
	fd00:1::3/64 fd00:1::5/64 fd00:1::6/64
# The client drops what comes from the real servers' subnets: only what
# the director masqueraded arrives. Its 10.0.1.7 refuses ESP, and the
# real servers refuse ESP from 10.0.1.8, with ICMP errors.
check "client and real server filters" eval 'nsx "$NS_CLIENT" nft -f - <<NFT &&
table inet lvsipsec {
	chain in {
		type filter hook input priority 0;
		ip saddr 10.0.2.0/24 drop
		ip6 saddr fd00:2::/64 drop
		ip daddr 10.0.1.7 ip protocol esp reject with icmp type admin-prohibited
	}
}
NFT
	for i in 1 2; do
		nsx "${NS_RS[i]}" nft add table inet lvsipsec &&
		nsx "${NS_RS[i]}" nft add chain inet lvsipsec in "{ type filter hook input priority 0; }" &&
		nsx "${NS_RS[i]}" nft add rule inet lvsipsec in ip saddr 10.0.1.8 ip protocol esp \
			counter reject with icmp type admin-prohibited || return 1
	done'

watch() { # NS NAME PROTO: counts PROTO packets NS receives in $DP_TMP/NAME.PROTO
	nsx "$1" "$L4SHORT" watch "$3" "$DP_TMP/$2.$3" &
	on_exit "kill $!"
}
for i in 1 2; do
	nsx "${NS_RS[i]}" "$UDPECHO" 500 2>/dev/null &
	on_exit "kill $!"
	watch "${NS_RS[i]}" "rs$i" 50
	watch "${NS_RS[i]}" "rs$i" 51
	watch "${NS_RS[i]}" "rs$i" 1
done
watch "$NS_CLIENT" client 50
watch "$NS_CLIENT" client 1
check "watchers and IKE responders" wait_for 10 eval '
	[ -e "$DP_TMP/rs1.51" ] && [ -e "$DP_TMP/rs2.1" ] && [ -e "$DP_TMP/client.1" ] &&
	listening "${NS_RS[1]}" 500 udp && listening "${NS_RS[2]}" 500 udp'

seen() { cat "$DP_TMP/$1.$2" 2>/dev/null || echo 0; }
num() { case $1 in esp) echo 50 ;; ah) echo 51 ;; esac; }

# rs_of CLIENT: the real server (1, 2) of CLIENT's UDP 500 connection.
rs_of() {
	local d i
	d=$(adm -Lnc | awk -v c="$1" '$1 == "UDP" && ($4 == c ":500" || $4 == "[" c "]:500") { print $6; exit }')
	for i in 1 2; do
		if [ "$d" = "${RS_IP[i]}:500" ] || [ "$d" = "[${RS_IP6[i]}]:500" ]; then
			echo "$i"
			return
		fi
	done
	echo "none ($d)"
}

# ike CLIENT DST: the exchange is answered by DST (masqueraded).
ike() {
	local out
	out=$(nsx "$NS_CLIENT" "$IPSEC" ike "$1" "$2") && [ "$out" = "answered $2" ] ||
		{ echo "$out"; return 1; }
}

# reaches PROTO CLIENT DST N RS: N PROTO packets from CLIENT to DST reach
# real server RS (1, 2, or 0: neither) and only it.
reaches() {
	local p i want rs=$5
	local -a before
	p=$(num "$1")
	for i in 1 2; do before[i]=$(seen "rs$i" "$p"); done
	nsx "$NS_CLIENT" "$IPSEC" "$1" "$2" "$3" "$4" || return 1
	if [ "$rs" = 0 ]; then
		sleep 1
	else
		want=$((before[rs] + $4))
		wait_for 3 eval '[ "$(seen "rs$rs" "$p")" = "$want" ]' ||
			{ echo "rs$rs saw $(seen "rs$rs" "$p"), want $want"; return 1; }
	fi
	for i in 1 2; do
		[ "$i" = "$rs" ] || [ "$(seen "rs$i" "$p")" = "${before[i]}" ] ||
			{ echo "rs$i got $(($(seen "rs$i" "$p") - before[i])) too"; return 1; }
	done
}

# grows NAME PROTO BEFORE: NAME's count of PROTO grows from BEFORE to BEFORE + 1.
grows() {
	local name=$1 p=$2 want=$(($3 + 1))
	wait_for 3 eval '[ "$(seen "$name" "$p")" = "$want" ]' ||
		{ echo "$name saw $(($(seen "$name" "$p") - $3)) of protocol $p, want 1"; return 1; }
}

# refused RS: real server RS refused one ESP packet (from 10.0.1.8).
refused() {
	nsx "${NS_RS[$1]}" nft list chain inet lvsipsec in | grep -q "counter packets 1 " ||
		{ echo "rs$1 refused none"; return 1; }
}

# back RS CLIENT N: N ESP packets from real server RS to CLIENT arrive
# (from the virtual address: the client drops the others).
back() {
	local before want
	before=$(seen client 50)
	want=$((before + $3))
	nsx "${NS_RS[$1]}" "$IPSEC" esp "$4" "$2" "$3" || return 1
	wait_for 3 eval '[ "$(seen client 50)" = "$want" ]' ||
		{ echo "the client saw $(seen client 50), want $want"; return 1; }
}

# --- persistent UDP service on port 500 --------------------------------
check "persistent UDP services on port 500" eval '
	adm -A -u "$VIP:500" -s rr -p 120 &&
	adm -a -u "$VIP:500" -r "${RS_IP[1]}:500" -m &&
	adm -a -u "$VIP:500" -r "${RS_IP[2]}:500" -m &&
	adm -A -u "[$VIP6]:500" -s rr -p 120 &&
	adm -a -u "[$VIP6]:500" -r "[${RS_IP6[1]}]:500" -m &&
	adm -a -u "[$VIP6]:500" -r "[${RS_IP6[2]}]:500" -m'
check "IKE from two clients answered" eval 'ike 10.0.1.2 "$VIP" && ike 10.0.1.3 "$VIP"'
A=$(rs_of 10.0.1.2) B=$(rs_of 10.0.1.3)
check "on two real servers ($A, $B)" eval '[ "$A" != "$B" ] && [ "${#A}" = 1 ] && [ "${#B}" = 1 ]'
check "ESP follows the first client's IKE" reaches esp 10.0.1.2 "$VIP" 3 "$A"
check "ESP follows the second client's IKE" reaches esp 10.0.1.3 "$VIP" 5 "$B"
check "AH follows the first client's IKE" reaches ah 10.0.1.2 "$VIP" 2 "$A"
check "AH follows the second client's IKE" reaches ah 10.0.1.3 "$VIP" 4 "$B"
check "ESP without IKE reaches no real server" reaches esp 10.0.1.4 "$VIP" 3 0
check "the real server's ESP reaches the client from the VIP" \
	back "$A" 10.0.1.2 2 "${RS_IP[A]}"
check "IKE from two more clients" eval 'ike 10.0.1.7 "$VIP" && ike 10.0.1.8 "$VIP"'
C=$(rs_of 10.0.1.7) D=$(rs_of 10.0.1.8)
check "ICMP error about a real server's ESP reaches that real server ($C)" eval '
	n=$(seen "rs$C" 1) && nsx "${NS_RS[C]}" "$IPSEC" esp "${RS_IP[C]}" 10.0.1.7 1 &&
	grows "rs$C" 1 "$n"'
check "a real server's ICMP error about ESP reaches the client ($D)" eval '
	n=$(seen client 1) && nsx "$NS_CLIENT" "$IPSEC" esp 10.0.1.8 "$VIP" 1 &&
	grows client 1 "$n" && refused "$D"'
check "they count in the service (4 + 16 in, 4 + 4 out)" eval '
	stat_is "UDP $VIP:500" 3 eq 20 && stat_is "UDP $VIP:500" 4 eq 8'

check "IPv6: IKE from two clients answered" eval 'ike fd00:1::2 "$VIP6" && ike fd00:1::3 "$VIP6"'
A6=$(rs_of fd00:1::2) B6=$(rs_of fd00:1::3)
check "IPv6: on two real servers ($A6, $B6)" eval '[ "$A6" != "$B6" ] && [ "${#A6}" = 1 ] && [ "${#B6}" = 1 ]'
check "IPv6: ESP follows the first client's IKE" reaches esp fd00:1::2 "$VIP6" 3 "$A6"
check "IPv6: ESP follows the second client's IKE" reaches esp fd00:1::3 "$VIP6" 5 "$B6"
check "IPv6: AH (then ESP) follows the first client's IKE" reaches ah fd00:1::2 "$VIP6" 2 "$A6"
check "IPv6: the real server's ESP reaches the client from the VIP" \
	back "$B6" fd00:1::3 2 "${RS_IP6[B6]}"
check "table cleared" adm -C

# --- fwmark services: everything to the VIPs is marked ----------------
check "nftables marks all to VIP (1) and VIP6 (2)" eval 'nsx "$NS_DIRECTOR" nft -f - <<NFT
table inet lvsmark {
	chain pre {
		type filter hook prerouting priority mangle;
		ip daddr $VIP meta mark set 1
		ip6 daddr $VIP6 meta mark set 2
	}
}
NFT'
on_exit "nsx $NS_DIRECTOR nft delete table inet lvsmark 2>/dev/null"
check "fwmark services" eval '
	adm -A -f 1 -s rr && adm -a -f 1 -r "${RS_IP[1]}:500" -m &&
	adm -a -f 1 -r "${RS_IP[2]}:500" -m &&
	adm -A -f 2 -6 -s rr && adm -a -f 2 -6 -r "[${RS_IP6[1]}]:500" -m &&
	adm -a -f 2 -6 -r "[${RS_IP6[2]}]:500" -m'
check "marked ESP without IKE reaches no real server" reaches esp 10.0.1.4 "$VIP" 3 0
check "fwmark: IKE from two clients answered" eval '
	ike 10.0.1.5 "$VIP" && ike 10.0.1.6 "$VIP" && ike fd00:1::5 "$VIP6" && ike fd00:1::6 "$VIP6"'
A=$(rs_of 10.0.1.5) B=$(rs_of 10.0.1.6) A6=$(rs_of fd00:1::5) B6=$(rs_of fd00:1::6)
check "fwmark: on two real servers ($A, $B; $A6, $B6)" eval '
	[ "$A" != "$B" ] && [ "${#A}" = 1 ] && [ "${#B}" = 1 ] &&
	[ "$A6" != "$B6" ] && [ "${#A6}" = 1 ] && [ "${#B6}" = 1 ]'
check "fwmark: ESP and AH follow each client's IKE" eval '
	reaches esp 10.0.1.5 "$VIP" 3 "$A" && reaches esp 10.0.1.6 "$VIP" 5 "$B" &&
	reaches ah 10.0.1.5 "$VIP" 2 "$A" && reaches ah 10.0.1.6 "$VIP" 4 "$B"'
check "fwmark IPv6: ESP follows each client's IKE" eval '
	reaches esp fd00:1::5 "$VIP6" 3 "$A6" && reaches esp fd00:1::6 "$VIP6" 5 "$B6"'
check "fwmark: the real servers' ESP reaches the clients from the VIPs" eval '
	back "$B" 10.0.1.6 2 "${RS_IP[B]}" && back "$A6" fd00:1::5 2 "${RS_IP6[A6]}"'
done_testing
