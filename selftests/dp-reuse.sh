#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# conn_reuse_mode: a SYN on the tuple of an old connection. IPVS gives it
# a new real server when the old connection is CLOSE (reset) or
# TIME_WAIT, or, with expire_nodest_conn, when the old one's real server
# was quiesced (weight 0); otherwise the SYN goes where the old one went.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox sysctl
require_tool flood

plan 14
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
# Forged clients live behind the client namespace, which drops what
# comes back to them: their connections stay where the real server left
# them.
ip -n "$NS_DIRECTOR" route add 10.0.3.0/24 via 10.0.1.2
syn() { nsx "$NS_CLIENT" timeout 10 "$FLOOD" -t -s "$1" -P "$2" -d "$VIP" -p "$3" -n 1 >/dev/null; }
# dest_of CLIENT:PORT: the real server the connection of that client went to.
dest_of() { adm -Lnc | awk -v c="$1" '$1 == "TCP" && $4 == c { print $6; exit }'; }
# conns_on_both PORT: rs1 and rs2 each counted one connection on PORT.
conns_on_both() {
	[ "$(dest_field "${RS_IP[1]}:$1" 2)" = 1 ] && [ "$(dest_field "${RS_IP[2]}:$1" 2)" = 1 ]
}

# --- CLOSE: nothing listens on port 81, the real server resets.
check "rr service on port 81 (closed on the servers)" eval 'adm -A -t "$VIP:81" -s rr &&
	adm -a -t "$VIP:81" -r "${RS_IP[1]}:81" -m && adm -a -t "$VIP:81" -r "${RS_IP[2]}:81" -m'
syn 10.0.3.7 7100 81
check "the reset connection is CLOSE" wait_for 5 conns_match "^TCP .* CLOSE +10\.0\.3\.7:7100 " 1
syn 10.0.3.7 7100 81
check "a new SYN on it is a new connection" stat_is "TCP $VIP:81" 2 eq 2
check "scheduled anew: each server got one" wait_for 5 conns_on_both 81
check "clear" adm -C

# --- expire_nodest_conn with a quiesced server, on a SYN_RECV connection.
check "rr service on port 80" eval 'adm -A -t "$VIP:80" -s rr &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m && adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m'
syn 10.0.3.8 7200 80
check "the half-open connection is SYN_RECV" wait_for 5 conns_match "^TCP .* SYN_RECV +10\.0\.3\.8:7200 " 1
rs=$(dest_of 10.0.3.8:7200)
check "its server goes quiescent (weight 0)" adm -e -t "$VIP:80" -r "$rs" -m -w 0
syn 10.0.3.8 7200 80
sleep 2
check "expire_nodest_conn 0: the SYN stays on the old connection" stat_is "TCP $VIP:80" 2 eq 1
nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.expire_nodest_conn=1
syn 10.0.3.8 7200 80
check "expire_nodest_conn 1: a new connection" stat_is "TCP $VIP:80" 2 eq 2
check "on the other server" wait_for 5 conns_on_both 80
nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.expire_nodest_conn=0
done_testing
