#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# The conntrack sysctl, seen in the director's conntrack table and by an
# nftables ct rule (which makes conntrack run in its namespace):
#  - conntrack=0: the director keeps no entry for a connection, and
#    every packet of it looks new to ct rules;
#  - conntrack=1: NAT connections keep an entry whose reply tuple is real
#    server -> client, so the server's answers are replies and the
#    client's next packet is ESTABLISHED; a DR connection keeps its
#    entry as conntrack made it;
#  - when the connection expires (short UDP timeout), its entry goes at
#    once, not after conntrack's own (longer) UDP timeout.
# UDP, IPv4 and IPv6 for NAT, IPv4 for DR and IPIP (whose outer header
# conntrack tracks on its own, whatever the sysctl).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip nft sysctl
require_tool udpecho

plan 26
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
RS=${RS_IP[1]} RS6=${RS_IP6[1]}

# The real server echoes UDP 9999 (NAT); it also owns the VIP for DR on
# 9998 and IPIP on 9997, where it silently drops what comes (only the
# director matters).
nsx "${NS_RS[1]}" "$UDPECHO" 9999 2>"$DP_TMP/echo.err" &
on_exit "kill $!"
check "UDP echo in rs1" wait_for 5 grep -q ready "$DP_TMP/echo.err"
ip -n "${NS_RS[1]}" addr add "$VIP/32" dev lo
nsx "${NS_RS[1]}" nft 'add table ip rs; add chain ip rs in { type filter hook input priority 0; }; add rule ip rs in udp dport { 9997, 9998 } drop'
check "IPIP tunnel end in rs1" tunnel_ends "${NS_RS[1]}"

check "services" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "$RS:9999" -m &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[$RS6]:9999" -m &&
	adm -A -u "$VIP:9998" && adm -a -u "$VIP:9998" -r "$RS:9998" -g &&
	adm -A -u "$VIP:9997" && adm -a -u "$VIP:9997" -r "$RS:9997" -i'
check "UDP connections live 6 s" adm --set 900 120 6
# Conntrack's own UDP timeouts stay far longer than that.
nsx "$NS_DIRECTOR" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=60 \
	net.netfilter.nf_conntrack_udp_timeout_stream=120 2>/dev/null

# ct PATTERN: the director's conntrack table has an entry matching
# PATTERN (ERE); prints the table.
ct() {
	local t
	t=$(nsx "$NS_DIRECTOR" cat /proc/net/nf_conntrack)
	echo "$t"
	grep -qE "$1" <<<"$t"
}

# --- Before any ct rule: IPVS starts conntrack in the namespace once a
# NAT real server joins a service on port 21 (for its FTP helper), and
# stops it with the service. A datagram to the director's closed port
# PORT leaves an entry only while conntrack runs.
probe() {
	nsx "$NS_CLIENT" bash -c 'printf "x\n" >"/dev/udp/10.0.1.1/$0"' "$1"
	ct "dport=$1 "
}
check "no conntrack in the namespace yet" eval '! probe 5001'
check "a NAT service on port 21 starts it" eval 'adm -A -u "$VIP:21" && adm -a -u "$VIP:21" -r "$RS:21" -m && probe 5002'
check "deleting the service stops it" eval 'adm -D -u "$VIP:21" && ! probe 5003'

check "ct rules in the director" nsx "$NS_DIRECTOR" nft -f - <<'EOF'
table inet lvsct {
	counter in_est { }
	counter fwd_est { }
	chain cin {
		type filter hook input priority 0;
		udp dport { 9998, 9999 } ct state established counter name in_est
	}
	chain cfwd {
		type filter hook forward priority 0;
		udp sport 9999 ct state established counter name fwd_est
	}
}
EOF
on_exit "nsx $NS_DIRECTOR nft delete table inet lvsct"

# send PORT: one datagram to VIP:PORT (9998 DR, 9997 IPIP: nobody answers).
send() {
	nsx "$NS_CLIENT" bash -c 'printf "x\n" >"/dev/udp/$0/$1"' "$VIP" "$1"
}
counter() {
	nsx "$NS_DIRECTOR" nft list counter inet lvsct "$1" |
		awk '$1 == "packets" { print $2 }'
}
# IPv6 addresses as /proc/net/nf_conntrack prints them (every group, 4 digits).
full6() {
	local a=$1 head tail n g out=
	head=${a%%::*} tail=${a#*::}
	n=$((8 - $(tr ':' '\n' <<<"$head" | wc -l) - $(tr ':' '\n' <<<"$tail" | wc -l)))
	for g in $(tr ':' ' ' <<<"$head") $(yes 0 | head -n "$n") $(tr ':' ' ' <<<"$tail"); do
		out+=$(printf '%04x:' "0x$g")
	done
	echo "${out%:}"
}
C6=$(full6 fd00:1::2) V6=$(full6 "$VIP6") R6=$(full6 "$RS6")

# --- conntrack=0 (the default): nothing is kept.
check "conntrack=0: IPv4 NAT answers" udp_exchange "$VIP"
check "conntrack=0: IPv6 NAT answers" udp_exchange "$VIP6"
send 9998
send 9997
check "conntrack=0: the DR and IPIP datagrams were scheduled" \
	conns_match "^UDP .* $VIP:999[78] +$RS:999[78]" 2
check "conntrack=0: no conntrack entry" eval '! ct "dport=999[789] "'
check "conntrack=0: the IPIP outer header is tracked on its own" \
	ct "^ipv4 .* unknown +4 .* src=10\.0\.2\.1 dst=$RS "
check "conntrack=0: ct rules saw nothing established" \
	eval '[ "$(counter in_est)" = 0 ] && [ "$(counter fwd_est)" = 0 ]'

# --- conntrack=1: new connections keep their entries.
check "conntrack=1" nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.conntrack=1
# Each entry is looked at right away: the connections live only 6 s.
check "conntrack=1: IPv4 NAT answers" udp_exchange "$VIP"
check "IPv4 NAT entry: reply tuple is real server -> client" \
	ct "^ipv4 .* src=10\.0\.1\.2 dst=$VIP sport=([0-9]+) dport=9999 src=$RS dst=10\.0\.1\.2 sport=9999 dport=\1 "
check "conntrack=1: IPv6 NAT answers" udp_exchange "$VIP6"
check "IPv6 NAT entry: reply tuple is real server -> client" \
	ct "^ipv6 .* src=$C6 dst=$V6 sport=([0-9]+) dport=9999 src=$R6 dst=$C6 sport=9999 dport=\1 "
send 9998
check "DR entry: as conntrack made it, unreplied" \
	ct "^ipv4 .* src=10\.0\.1\.2 dst=$VIP sport=([0-9]+) dport=9998 \[UNREPLIED\] src=$VIP dst=10\.0\.1\.2 sport=9998 dport=\1 "
send 9997
check "IPIP: the inner entry is kept (confirmed before encapsulation)" \
	ct "^ipv4 .* src=10\.0\.1\.2 dst=$VIP sport=([0-9]+) dport=9997 \[UNREPLIED\] src=$VIP dst=10\.0\.1\.2 sport=9997 dport=\1 "
check "the client's second datagrams were ESTABLISHED" eq "$(counter in_est)" 2
check "the server's answers were replies (ESTABLISHED)" eq "$(counter fwd_est)" 4

# --- expiry takes the entries along.
check "the connections expire" wait_for 15 eval '! adm -Lnc | grep -q "^UDP"'
check "their conntrack entries are gone with them" wait_for 3 eval '! ct "dport=999[789] "'
done_testing
