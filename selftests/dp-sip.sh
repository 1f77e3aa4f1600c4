#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# The sip persistence engine (--pe sip): a persistent UDP service keys its
# templates by the SIP Call-ID of each connection's first message, so every
# message of a call reaches one real server whatever the client's port,
# and calls are spread by the scheduler. ip_vs needs its ip_vs_pe_sip
# module for that (loaded here; --pe sip would load it too), lvs.ko has
# the engine built in. Through the sink topology, from fixed client
# ports: three calls (full, compact and folded Call-ID headers, a 20 KB
# INVITE that IP fragments); malformed messages that both drop (no
# Call-ID, an empty one, one of 300 bytes, one without a line end, one on
# the first line); a real server's request to a client (a connection and
# a template made from the reply side, as ip_vs_pe_sip's conn_out does);
# a call over IPv6. -Ln, -Lnc --persistent-conn and /proc/net/ip_vs_conn
# (the PEName and PEData columns), without the expiry, equal the
# transcript recorded on ip_vs (ctl/dp-sip.expected, ctl/record dp-sip).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"
require_tool sipmsg

plan 19
check "topology" topo_sink
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
case $LVS_SIDE in
lvs) check "no ip_vs module is loaded" eval '! grep -q "^ip_vs" /proc/modules' ;;
*) check "modprobe ip_vs_pe_sip" modprobe ip_vs_pe_sip ;;
esac
SVC=$VIP:5060
check "persistent UDP service with --pe sip over two real servers" eval '
	adm -A -u "$SVC" -s rr -p 300 --pe sip &&
	adm -a -u "$SVC" -r 10.9.0.1:5060 -m && adm -a -u "$SVC" -r 10.9.0.2:5060 -m'

# sip SPORT CALLID [sipmsg options]: one message from 10.0.1.2:SPORT.
sip() {
	nsx "$NS_CLIENT" "$SIPMSG" -d "$VIP" -p 5060 -s "$1" -i "$2" "${@:3}" >/dev/null
}

# Malformed first, so they have been handled when the calls are listed.
sip 5101 bad-none -k none
sip 5102 bad-empty -k empty
sip 5103 bad-long -k long
sip 5104 bad-trunc -k trunc
sip 5105 bad-first -k first
sip 5001 call-a@client
sip 5011 call-b@client
sip 5021 call-c@client -H 20000
sip 5002 call-a@client -m ACK -k compact
sip 5012 call-b@client -m BYE -k compact
sip 5003 call-a@client -m BYE -k fold
sip 5004 call-a@client -m INVITE -H 3000
sip 5022 call-c@client -m BYE

# dest PORT: the real server of the client's connection from PORT;
# tpl CALLID: that of the call's template.
dest() { adm -Lnc | awk -v s="10.0.1.2:$1" '$1 == "UDP" && $4 == s { print $6 }'; }
tpl() { adm -Lnc --persistent-conn | awk -v c="$1" '$4 == "10.0.1.2:0" && $7 == "sip" && $8 == c { print $6 }'; }
conns() { [ "$(adm -Lnc | grep -c '^UDP ')" = "$1" ]; }
same() {
	local want=$1 p
	[ -n "$want" ] || { echo "no real server"; return 1; }
	for p in "${@:2}"; do
		[ "$p" = "$want" ] || { echo "'$p' != '$want'"; adm -Lnc --persistent-conn; return 1; }
	done
}

check "8 connections and 3 templates listed" within 10 conns 11
check "call A: 4 messages from 4 ports, one real server" \
	same "$(tpl call-a@client)" "$(dest 5001)" "$(dest 5002)" "$(dest 5003)" "$(dest 5004)"
check "call B: both messages where its template says" \
	same "$(tpl call-b@client)" "$(dest 5011)" "$(dest 5012)"
check "calls A and B on different real servers" eval '[ "$(tpl call-a@client)" != "$(tpl call-b@client)" ]'
check "call C: the 20 KB INVITE and the BYE, one real server" \
	same "$(tpl call-c@client)" "$(dest 5021)" "$(dest 5022)"
check "no malformed message made a connection" \
	eval '! adm -Lnc | grep -E "10\.0\.1\.2:51[0-9][0-9] "'
check "/proc/net/ip_vs_conn: the template's PEName and PEData" \
	eval 'nsx "$NS_DIRECTOR" grep -qE "^UDP 0A000102 0000 0A000164 13C4 0A09000[12] 13C4 NONE +[0-9]+ sip call-a@client$" /proc/net/ip_vs_conn'

# A real server's request: ip_vs_pe_sip's conn_out. A second service has
# a NAT real server of its own (10.9.1.1, weight 0: never scheduled) and
# one of the sink's; the server's BYE to the client makes a connection
# and a template for its Call-ID, and reaches the client from the
# virtual address. The client's next message of that call follows the
# template to the server the scheduler would not pick.
SVC2=$VIP:5070
check "a server's request: second service, a real server namespace" eval '
	ns_new NS_RSX rsx && veth_link "$NS_RSX" eth0 "$NS_DIRECTOR" rsx0 &&
	addr "$NS_RSX" eth0 10.9.1.1/24 && addr "$NS_DIRECTOR" rsx0 10.9.1.254/24 &&
	ip -n "$NS_RSX" route add default via 10.9.1.254 &&
	adm -A -u "$SVC2" -s rr -p 300 --pe sip &&
	adm -a -u "$SVC2" -r 10.9.1.1:5060 -m -w 0 && adm -a -u "$SVC2" -r 10.9.0.2:5060 -m'
RECV=$(mktemp)
on_exit "rm -f $RECV"
nsx "$NS_CLIENT" "$SIPMSG" -l 6000 -t 20 >"$RECV" 2>&1 &
wait_for 5 grep -q listening "$RECV"
nsx "$NS_RSX" "$SIPMSG" -d 10.0.1.2 -p 6000 -s 5060 -i call-s@server -m BYE >/dev/null
check "the client got the server's BYE from the virtual address" \
	eval 'wait_for 10 grep -q "^from $VIP:5070$" "$RECV" || { cat "$RECV"; false; }'
check "its connection and its template, to the server" eval '
	[ "$(dest 6000)" = 10.9.1.1:5060 ] && [ "$(tpl call-s@server)" = 10.9.1.1:5060 ]'
nsx "$NS_CLIENT" "$SIPMSG" -d "$VIP" -p 5070 -s 6001 -i call-s@server -m ACK >/dev/null
follows() { [ "$(dest 6001)" = 10.9.1.1:5060 ]; }
check "the client's next message of the call follows the template" within 10 follows

# IPv6: the Call-ID after the IPv6 header, one real server per call.
check "IPv6: a service with --pe sip over two real servers" eval '
	adm -A -u "[$VIP6]:5060" -s rr -p 300 --pe sip &&
	adm -a -u "[$VIP6]:5060" -r "[fd00:9::1]:5060" -m &&
	adm -a -u "[$VIP6]:5060" -r "[fd00:9::2]:5060" -m'
nsx "$NS_CLIENT" "$SIPMSG" -d "$VIP6" -p 5060 -s 7001 -i call-6@client >/dev/null
nsx "$NS_CLIENT" "$SIPMSG" -d "$VIP6" -p 5060 -s 7002 -i call-6@client -m BYE -k compact >/dev/null
v6dests() { adm -Lnc | awk '$4 ~ /^\[fd00:1::2\]:700[12]$/ { print $6 }'; }
v6two() { [ "$(v6dests | wc -l)" = 2 ]; }
check "IPv6: one call from two ports, one real server" \
	eval 'within 10 v6two && [ "$(v6dests | sort -u | wc -l)" = 1 ]'

# The listings without the expiry, sorted.
section "service"
note "$(adm -Ln)"
end_section
section "connections"
note "$(adm -Lnc --persistent-conn | sed -E 's/^(\S+ +)[0-9]+:[0-9]+/\1MM:SS/' | sort)"
end_section
section "proc"
note "$(nsx "$NS_DIRECTOR" sed -E 's/^((\S+ +){7}\S+) +[0-9]+/\1 E/' /proc/net/ip_vs_conn | sort)"
end_section
done_testing
