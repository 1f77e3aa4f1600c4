#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Memory defense as IPVS has it (amemthresh, drop_entry, drop_packet,
# secure_tcp): with amemthresh above the free memory a mode 1 reads 2 and
# goes back to 1 within a second of memory being "back"; secure_tcp
# switches TCP to the stricter state table (a NAT half-open connection is
# SYNACK instead of SYN_RECV); drop_packet 3 refuses one in am_droprate
# new connections; drop_entry drops half-open connections from the table
# but leaves entries alone that were not idle for a minute, and drops
# templates left without connections unless a reply assured them.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox sysctl
require_tool flood
require_tool udpconns

plan 23
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
# Forged clients in 10.0.3.0/24: their replies go to the client, which
# drops them (no forwarding), so their TCP handshakes never complete.
ip -n "$NS_DIRECTOR" route add 10.0.3.0/24 via 10.0.1.2
sc() { nsx "$NS_DIRECTOR" sysctl -n "net.ipv4.vs.$1"; }
scw() { nsx "$NS_DIRECTOR" sysctl -qw "net.ipv4.vs.$1=$2"; }
sc_is() { [ "$(sc "$1")" = "$2" ]; }
flood() { nsx "$NS_CLIENT" timeout 30 "$FLOOD" "$@" >/dev/null; }
nconns() { adm -Lnc | grep -cE "$1"; }

# --- the modes' automatic moves
check "amemthresh above the free memory" scw amemthresh 2000000000
for m in drop_entry drop_packet secure_tcp; do
	scw "$m" 1
	check "$m 1 reads 2 at once while memory is short" eq "$(sc "$m")" 2
done
check "amemthresh 0: memory is back" scw amemthresh 0
for m in drop_entry drop_packet secure_tcp; do
	check "$m reads 1 again within 3 s" wait_for 3 sc_is "$m" 1
	scw "$m" 0
done

# --- secure_tcp: the SYN-ACK of the real server moves a NAT connection
# to SYNACK in the secure table, it stays SYN_RECV in the normal one.
check "NAT TCP service" eval 'adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m'
scw secure_tcp 3
flood -t -s 10.0.3.1 -P 5000 -d "$VIP" -p 80 -n 1
check "secure_tcp 3: half-open connection is SYNACK" \
	wait_for 5 conns_match "^TCP .* SYNACK +10\.0\.3\.1:5000 " 1
scw secure_tcp 0
flood -t -s 10.0.3.2 -P 5000 -d "$VIP" -p 80 -n 1
sleep 1
check "secure_tcp 0: half-open connection is SYN_RECV" \
	conns_match "^TCP .* SYN_RECV +10\.0\.3\.2:5000 " 1

# --- drop_packet 3: the first and then every am_droprate-th new
# connection is refused.
check "NAT UDP service" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'
scw am_droprate 10
scw drop_packet 3
flood -s 10.0.1.2 -P 20000 -N 100 -n 100 -d "$VIP" -p 9999
check "drop_packet 3: 90 of 100 new connections made it" stat_is "UDP $VIP:9999" 2 eq 90
scw drop_packet 0
check "-Lnc lists those 90" eq "$(nconns "^UDP .* 10\.0\.1\.2:2[0-9]+ ")" 90

# --- drop_entry 3: half-open TCP goes (IPVS looks at 1/32 of its table
# a second), the young UDP entries stay.
flood -t -s 10.0.3.10 -P 6000 -N 200 -n 200 -d "$VIP" -p 80
check "200 half-open connections listed" \
	wait_for 10 eval '[ "$(nconns "^TCP .* SYN_RECV +10\.0\.3\.10:")" = 200 ]'
# IPVS spares an entry that had a packet in the last 60 s; on a slow
# kernel the UDP entries above may be older than that by the end, so
# each gets a datagram again (and the 10 that drop_packet refused are
# made).
flood -s 10.0.1.2 -P 20000 -N 100 -n 100 -d "$VIP" -p 9999
check "100 young UDP entries listed" \
	wait_for 10 eval '[ "$(nconns "^UDP .* 10\.0\.1\.2:2[0-9]+ ")" = 100 ]'
scw drop_entry 3
check "drop_entry 3: a fifth of them dropped within 40 s" \
	wait_for 40 eval '[ "$(nconns "^TCP .* SYN_RECV +10\.0\.3\.10:")" -le 160 ]'
scw drop_entry 0
# ip_vs's /proc/net/ip_vs_conn walks its table by position: an entry
# removed during a read (the TCP ones going) can make the listing skip
# another. A dropped entry never comes back, so a few readings are fair.
check "the young UDP entries are all still there" \
	wait_for 10 eval '[ "$(nconns "^UDP .* 10\.0\.1\.2:2[0-9]+ ")" = 100 ]'

# --- drop_entry 3 and templates (IPVS 6.1): 40 forged clients of a
# persistent UDP service get no reply (nothing listens on rs1:9998), so
# their templates stay unassured; once their 1 s connections are gone,
# drop_entry takes the templates too.
check "persistent UDP service" eval 'adm -A -u "$VIP:9998" -p 300 && adm -a -u "$VIP:9998" -r "${RS_IP[1]}:9998" -m'
adm --set 0 0 1
nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p 9998 -n 40 -s 10.0.3.101 -a 40 >/dev/null
ntpl() { nconns "^UDP .* NONE +10\.0\.3\.1[0-9]+:0 "; }
nudp() { nconns "^UDP .* UDP +10\.0\.3\.1[0-9]+:1024 "; }
check "40 unassured templates left without connections" \
	wait_for 10 eval '[ "$(nudp)" = 0 ] && [ "$(ntpl)" = 40 ]'
scw drop_entry 3
check "drop_entry 3: a fifth of them dropped within 40 s" \
	wait_for 40 eval '[ "$(ntpl)" -le 32 ]'
scw drop_entry 0
done_testing
