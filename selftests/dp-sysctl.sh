#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# Data-plane sysctls with IPVS's meanings, each seen from outside:
#  - sloppy_tcp: a TCP packet without SYN starts a connection only if set;
#  - expire_quiescent_template: a persistence template whose server got
#    weight 0 keeps sending the client there, unless set;
#  - backup_only: with a backup sync daemon running, the director does
#    not schedule when set.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum sysctl
require_tool flood

plan 16
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
ip -n "$NS_DIRECTOR" route add 10.0.3.0/24 via 10.0.1.2
scw() { nsx "$NS_DIRECTOR" sysctl -qw "net.ipv4.vs.$1=$2"; }
flood() { nsx "$NS_CLIENT" timeout 10 "$FLOOD" "$@" >/dev/null; }

# send_udp SPORT: one datagram from the client to VIP:9999; prints where
# it landed (udp_landing): rs, director or lost.
send_udp() { udp_landing flood -s 10.0.1.2 -P "$1" -d "$VIP" -p 9999 -n 1; }
check "UDP NAT service" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'

# --- backup_only, with a backup sync daemon.
check "backup sync daemon starts" adm --start-daemon backup --mcast-interface c0
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK --stop-daemon backup 2>/dev/null"
check "backup_only 0: scheduled" eq "$(send_udp 40011)" rs
scw backup_only 1
check "backup_only 1: not scheduled, the director keeps it" eq "$(send_udp 40012)" director
scw backup_only 0
check "backup sync daemon stops" adm --stop-daemon backup

# --- sloppy_tcp: a lone ACK from a forged client.
check "TCP NAT service" eval 'adm -A -t "$VIP:80" -s rr && adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m'
flood -a -s 10.0.3.5 -P 7000 -d "$VIP" -p 80 -n 1
sleep 1
check "sloppy_tcp 0: a lone ACK makes no connection" eval '! adm -Lnc | grep -q "10\.0\.3\.5:7000 "'
scw sloppy_tcp 1
flood -a -s 10.0.3.6 -P 7000 -d "$VIP" -p 80 -n 1
check "sloppy_tcp 1: it does" wait_for 3 conns_match "^TCP .* 10\.0\.3\.6:7000 +$VIP:80 " 1
scw sloppy_tcp 0
check "clear" adm -C

# --- expire_quiescent_template, with a persistent service.
check "persistent service on rs1 and rs2" eval 'adm -A -t "$VIP:80" -s rr -p 60 &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m && adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m'
first=$(dp_fetch "$NS_CLIENT" "$VIP")
if [ "$first" = "$(cat "$DP_TMP/rs1.md5")" ]; then
	mine=${RS_IP[1]} other_md5=$(cat "$DP_TMP/rs2.md5")
else
	mine=${RS_IP[2]} other_md5=$(cat "$DP_TMP/rs1.md5")
fi
check "its server goes quiescent (weight 0)" adm -e -t "$VIP:80" -r "$mine:80" -m -w 0
check "expire_quiescent_template 0: the client stays on it" eq "$(dp_fetch "$NS_CLIENT" "$VIP")" "$first"
scw expire_quiescent_template 1
check "expire_quiescent_template 1: the client moves to the other" eq "$(dp_fetch "$NS_CLIENT" "$VIP")" "$other_md5"
scw expire_quiescent_template 0
done_testing
