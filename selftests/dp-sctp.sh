#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# SCTP virtual services (--sctp-service): NAT for IPv4 and IPv6 with a
# port change, so the director must write a new CRC32c in both directions
# (raw sockets at both ends check every packet's CRC), round robin over
# two real servers, the association states IPVS shows while one is open
# and after it shut down, their fixed timeouts (--set does not change
# them), active/inactive counts, ICMP errors about an association both
# ways with their quotes translated; which first chunks may create a
# connection (INIT, any but ABORT with sloppy_sctp); then direct routing
# and IPIP / IPv6-in-IPv6 tunnels with their input-only states.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip modprobe
require_ours
require_tool sctp
modprobe sctp || skip_all "no sctp module"

plan 66

# sctp_server NS NAME PORT: the echo server, once it listens.
sctp_server() {
	nsx "$1" "$SCTP" serve "$3" "$2" &
	on_exit "kill $!"
	wait_for 10 eval "nsx $1 cat /proc/net/sctp/eps | awk '\$6 == $3 { f = 1 } END { exit !f }'"
}

# crc_watch NS TAG: counts good/bad CRCs arriving in NS into $DP_TMP/TAG.
crc_watch() {
	nsx "$1" "$SCTP" crcwatch "$DP_TMP/$2" &
	on_exit "kill $!"
	wait_for 5 test -e "$DP_TMP/$2"
}

# crc_ok TAG: some packets arrived there, none with a wrong CRC.
crc_ok() {
	local good bad
	read -r good bad <"$DP_TMP/$1"
	echo "$1: $good good, $bad bad CRCs"
	[ "$good" -gt 0 ] && [ "$bad" = 0 ]
}

# assoc HOST PORT [SIZE]: one association from the client echoing SIZE
# bytes (20000); prints the server.
assoc() { nsx "$NS_CLIENT" timeout 15 "$SCTP" client "$1" "$2" "${3:-20000}"; }

# spread HOST PORT COUNT: COUNT associations; "rs1=N rs2=M".
spread() {
	local out
	out=$(for _ in $(seq "$3"); do assoc "$1" "$2" || echo failed; done)
	echo "$out" | grep -q failed && { echo "$out"; return 1; }
	echo "rs1=$(grep -c '^rs1$' <<<"$out") rs2=$(grep -c '^rs2$' <<<"$out")"
}

# hold HOST PORT TAG: an association kept open until release TAG.
hold() {
	nsx "$NS_CLIENT" timeout 150 "$SCTP" client "$1" "$2" 20000 \
		"$DP_TMP/$3" >"$DP_TMP/$3.name" 2>"$DP_TMP/$3.err" &
	on_exit "kill $! 2>/dev/null"
	wait_for 10 test -e "$DP_TMP/$3.open"
}
release() {
	touch "$DP_TMP/$1.go"
	wait_for 10 test -s "$DP_TMP/$1.name" && return 0
	cat "$DP_TMP/$1.err"
	return 1
}

# icmp_watch NS TAG: ICMP errors about SCTP arriving in NS, into $DP_TMP/TAG.
icmp_watch() {
	nsx "$1" "$SCTP" icmpwatch "$DP_TMP/$2" &
	on_exit "kill $!"
	wait_for 5 grep -q ready "$DP_TMP/$2"
}

# icmp_seen TAG LINE: the watcher saw exactly LINE (waits up to 5 s).
icmp_seen() {
	wait_for 5 grep -qxF "$2" "$DP_TMP/$1" && return 0
	echo "want '$2' in $1, got:"
	cat "$DP_TMP/$1"
	return 1
}

# est_field COLUMN: that column of the one ESTABLISHED line of -Lnc.
est_field() { adm -Lnc | awk -v c="$1" '$3 == "ESTABLISHED" { print $c }'; }

# same_listing ARGS: stock and our ipvsadm print the same (-Lnc: but for
# the expiry column, which may tick between the two runs).
same_listing() {
	local filter=cat
	[ "$1" = -Lnc ] && filter="awk '{ \$2 = \"\"; print }'"
	diff <(nsx "$NS_DIRECTOR" "$IPVSADM_STOCK" "$@" 2>&1 | eval "$filter") \
		<(adm_ours "$@" 2>&1 | eval "$filter")
}

# lnc_expect REGEX COUNT: like conns_match, waiting up to 5 s.
lnc_expect() { wait_for 5 conns_match "$@" || conns_match "$@"; }

# ---- NAT ---------------------------------------------------------------------
check "NAT topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
# A real server lists its own addresses in its INIT ACK, and the client
# adds them as alternate paths; as behind any NAT they must not be
# reachable, or the association drifts off the director (heartbeats and
# answers to the real address) and gets aborted.
check "the real servers' network is unreachable for the client" eval \
	"ip -n $NS_CLIENT route add unreachable 10.0.2.0/24 &&
	ip -n $NS_CLIENT -6 route add unreachable fd00:2::/64"
# Real CRCs on the wire, computed by the senders (see tools/sctp.c).
check "senders compute their own CRCs" eval "nsx $NS_CLIENT $SCTP nocsum eth0 &&
	nsx ${NS_RS[1]} $SCTP nocsum eth0 && nsx ${NS_RS[2]} $SCTP nocsum eth0"
check "CRC watch in the client" crc_watch "$NS_CLIENT" crc-client
check "CRC watch in rs1" crc_watch "${NS_RS[1]}" crc-rs1
check "CRC watch in rs2" crc_watch "${NS_RS[2]}" crc-rs2
check "ICMP watchers in the client and the servers" eval 'icmp_watch "$NS_CLIENT" icmp-client &&
	icmp_watch "${NS_RS[1]}" icmp-rs1 && icmp_watch "${NS_RS[2]}" icmp-rs2'
check "SCTP server in rs1" sctp_server "${NS_RS[1]}" rs1 9000
check "SCTP server in rs2" sctp_server "${NS_RS[2]}" rs2 9000

RS="(${RS_IP[1]}|${RS_IP[2]}):9000"
C4='10\.0\.1\.2:[0-9]+'
V4="SCTP $VIP:7000"
check "add the SCTP service (stock --sctp-service)" adm -A --sctp-service "$VIP:7000" -s rr
check "add rs1 (masquerading, port 9000)" adm -a --sctp-service "$VIP:7000" -r "${RS_IP[1]}:9000" -m
check "add rs2 (masquerading, port 9000)" adm -a --sctp-service "$VIP:7000" -r "${RS_IP[2]}:9000" -m
check "-Ln lists it as SCTP" eval "adm -Ln | grep -Eq '^SCTP +$VIP:7000 rr'"

check "4 associations, payload echoed intact, rr 2 and 2" \
	eval 'out=$(spread "$VIP" 7000 4) && eq "$out" "rs1=2 rs2=2"'
check "the service counted 4 connections" stat_is "$V4" 2 eq 4
check "incoming packets counted" stat_is "$V4" 3 ge 40
check "outgoing packets counted" stat_is "$V4" 4 ge 40
check "incoming bytes cover the payload" stat_is "$V4" 5 ge 80000
check "outgoing bytes cover the echo" stat_is "$V4" 6 ge 80000
check "each real server counted 2" eval 'eq "$(dest_field ${RS_IP[1]}:9000 2) $(dest_field ${RS_IP[2]}:9000 2)" "2 2"'
check "-Lnc: 4 CLOSED after the shutdown, 61 s timeout" \
	lnc_expect "^SCTP +(01:0[01]|00:[45][0-9]) +CLOSED +$C4 +$VIP:7000 +$RS\$" 4
check "closed associations are inactive" eq "$(sum_dests 4) $(sum_dests 5)" "0 4"

check "--set leaves SCTP timeouts alone" adm --set 5 5 5
check "a held association opens" hold "$VIP" 7000 held4
check "-Lnc: it is ESTABLISHED, 15 min timeout" \
	lnc_expect "^SCTP +(15:00|14:[45][0-9]) +ESTABLISHED +$C4 +$VIP:7000 +$RS\$" 1
check "ActiveConn counts it, InActConn the closed ones" eq "$(sum_dests 4) $(sum_dests 5)" "1 4"
check "/proc/net/ip_vs_conn names the state too" \
	eval "nsx $NS_DIRECTOR grep -q '^SCTP .* ESTABLISHED ' /proc/net/ip_vs_conn"
# ICMP errors about the association, both ways, with what NAT makes of them.
cport=$(est_field 4) cport=${cport##*:}
dest=$(est_field 6) dest=${dest%:*}
rsn=1; [ "$dest" = "${RS_IP[2]}" ] && rsn=2
check "ICMP from the client about it reaches rs$rsn, quoting rs$rsn:9000" eval \
	"nsx $NS_CLIENT $SCTP icmp $VIP $VIP 7000 10.0.1.2 $cport &&
	icmp_seen icmp-rs$rsn '10.0.1.2 $dest 9000 10.0.1.2 $cport'"
check "ICMP from rs$rsn about it reaches the client from and quoting the VIP" eval \
	"nsx ${NS_RS[rsn]} $SCTP icmp 10.0.1.2 10.0.1.2 $cport $dest 9000 &&
	icmp_seen icmp-client '$VIP 10.0.1.2 $cport $VIP 7000'"
check "the held association still echoes, then shuts down" release held4
check "-Lnc: 5 CLOSED" lnc_expect " CLOSED +$C4 +$VIP:7000 " 5
check "no active connection left" eq "$(sum_dests 4)" 0

check "add the IPv6 service" eval 'adm -A --sctp-service "[$VIP6]:7000" &&
	adm -a --sctp-service "[$VIP6]:7000" -r "[${RS_IP6[2]}]:9000" -m'
check "IPv6 association echoed intact by rs2" eval 'eq "$(assoc "$VIP6" 7000)" rs2'
check "the IPv6 service counted it" stat_is "SCTP [$VIP6]:7000" 2 eq 1
check "IPv6 bytes counted both ways" eval 'stat_is "SCTP [$VIP6]:7000" 5 ge 20000 &&
	stat_is "SCTP [$VIP6]:7000" 6 ge 20000'
check "-Lnc: the IPv6 association CLOSED" \
	lnc_expect "^SCTP .* CLOSED +\[fd00:1::2\]:[0-9]+ +\[$VIP6\]:7000 +\[${RS_IP6[2]}\]:9000\$" 1
check "a held IPv6 association opens" hold "$VIP6" 7000 held6
cport=$(est_field 4) cport=${cport##*:}
check "ICMPv6 from the client about it reaches rs2, quoting rs2:9000" eval \
	"nsx $NS_CLIENT $SCTP icmp $VIP6 $VIP6 7000 fd00:1::2 $cport &&
	icmp_seen icmp-rs2 'fd00:1::2 ${RS_IP6[2]} 9000 fd00:1::2 $cport'"
check "ICMPv6 from rs2 about it reaches the client from and quoting the VIP" eval \
	"nsx ${NS_RS[2]} $SCTP icmp fd00:1::2 fd00:1::2 $cport ${RS_IP6[2]} 9000 &&
	icmp_seen icmp-client '$VIP6 fd00:1::2 $cport $VIP6 7000'"
check "the held IPv6 association shuts down" eval \
	"release held6 && lnc_expect '^SCTP .* CLOSED +\[fd00:1::2\]:' 2"
check "every SCTP packet reaching the servers had a valid CRC" \
	eval 'crc_ok crc-rs1 && crc_ok crc-rs2'
check "every SCTP packet reaching the client had a valid CRC" crc_ok crc-client

check "our ipvsadm adds an SCTP service too" eval \
	'adm_ours -A --sctp-service "$VIP:7002" -s wlc &&
	adm_ours -a --sctp-service "$VIP:7002" -r "${RS_IP[1]}:9000" -m -w 3 &&
	adm -Ln | grep -Eq "^SCTP +$VIP:7002 wlc"'
check "ours and stock list SCTP services alike (-Ln)" same_listing -Ln
check "ours and stock list SCTP connections alike (-Lnc)" same_listing -Lnc
check "our ipvsadm deletes it" eval \
	'adm_ours -D --sctp-service "$VIP:7002" &&
	! adm -Ln | grep -q ":7002 "'

# ---- first chunks --------------------------------------------------------------
# COOKIE ACK (11) and ABORT (6) from fresh ports; a real server drops
# both silently (out of the blue), so the state stays what they made it.
check "without sloppy_sctp a COOKIE ACK starts nothing" eval \
	"nsx $NS_CLIENT $SCTP chunk $VIP 7000 40001 11 && sleep 0.5 && conns_match ':40001 ' 0"
check "with sloppy_sctp it is scheduled, ESTABLISHED" eval \
	"nsx $NS_DIRECTOR sysctl -qw net.ipv4.vs.sloppy_sctp=1 &&
	nsx $NS_CLIENT $SCTP chunk $VIP 7000 40002 11 &&
	lnc_expect '^SCTP +(15:00|14:[45][0-9]) +ESTABLISHED +10\.0\.1\.2:40002 ' 1"
check "an ABORT never is, even sloppy" eval \
	"nsx $NS_CLIENT $SCTP chunk $VIP 7000 40003 6 && sleep 0.5 && conns_match ':40003 ' 0"
nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.sloppy_sctp=0

# ---- direct routing ------------------------------------------------------------
LVS_RUN_ID=$LVS_RUN_ID-dr
check "DR topology builds" topo_l2 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "the real servers' own addresses are unreachable for the client" eval \
	"ip -n $NS_CLIENT route add unreachable ${RS_IP[1]} &&
	ip -n $NS_CLIENT route add unreachable ${RS_IP[2]} &&
	ip -n $NS_CLIENT -6 route add unreachable ${RS_IP6[1]} &&
	ip -n $NS_CLIENT -6 route add unreachable ${RS_IP6[2]}"
check "the client computes its own CRCs" eval "nsx $NS_CLIENT $SCTP nocsum d0 &&
	{ nsx $NS_CLIENT $SCTP nocsum br0 2>/dev/null || true; }"
check "SCTP servers in rs1 and rs2" eval 'sctp_server "${NS_RS[1]}" rs1 7000 &&
	sctp_server "${NS_RS[2]}" rs2 7000'
check "add the DR service" eval 'adm -A --sctp-service "$VIP:7000" -s rr &&
	adm -a --sctp-service "$VIP:7000" -r "${RS_IP[1]}" -g &&
	adm -a --sctp-service "$VIP:7000" -r "${RS_IP[2]}" -g'
check "2 associations echoed intact, one per server" \
	eval 'out=$(spread "$VIP" 7000 2) && eq "$out" "rs1=1 rs2=1"'
check "a held association is ESTABLISHED (input only)" eval \
	"hold $VIP 7000 held-dr && lnc_expect ' ESTABLISHED +10\.0\.1\.2:[0-9]+ +$VIP:7000 ' 1"
check "it shuts down: 3 CLOSED" eval \
	"release held-dr && lnc_expect '^SCTP .* CLOSED +10\.0\.1\.2:[0-9]+ +$VIP:7000 ' 3"
check "DR counts incoming packets only" eval 'stat_is "$V4" 3 ge 10 && stat_is "$V4" 4 eq 0'
check "IPv6 DR association echoed intact by rs2" eval 'adm -A --sctp-service "[$VIP6]:7000" &&
	adm -a --sctp-service "[$VIP6]:7000" -r "[${RS_IP6[2]}]:7000" -g &&
	eq "$(assoc "$VIP6" 7000)" rs2 &&
	lnc_expect "^SCTP .* CLOSED +\[fd00:1::2\]:[0-9]+ +\[$VIP6\]:7000 +\[${RS_IP6[2]}\]:7000\$" 1'

# ---- tunnelling ----------------------------------------------------------------
check "rs1 decapsulates, serves port 7001, watches CRCs" eval 'tunnel_ends "${NS_RS[1]}" &&
	sctp_server "${NS_RS[1]}" rs1 7001 && crc_watch "${NS_RS[1]}" crc-tun'
check "add the IPIP and IPv6-in-IPv6 services" eval 'adm -A --sctp-service "$VIP:7001" &&
	adm -a --sctp-service "$VIP:7001" -r "${RS_IP[1]}" -i &&
	adm -A --sctp-service "[$VIP6]:7001" &&
	adm -a --sctp-service "[$VIP6]:7001" -r "[${RS_IP6[1]}]:7001" -i'
# Small payloads: full-sized packets no longer fit once encapsulated.
check "tunnelled IPv4 association echoed intact by rs1" eval 'eq "$(assoc "$VIP" 7001 1000)" rs1'
check "tunnelled IPv6 association echoed intact by rs1" eval 'eq "$(assoc "$VIP6" 7001 1000)" rs1'
check "-Lnc: both CLOSED, input only" lnc_expect "^SCTP .* CLOSED .*:7001 +[^ ]+:7001\$" 2
check "the tunnelled SCTP packets had valid CRCs" crc_ok crc-tun
done_testing
