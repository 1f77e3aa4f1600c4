#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/net/ip_vs_app in IPVS's format: the FTP helper's ports (ip_vs_ftp's
# ports=, lvs.ko's ftp_ports=: the last first, 0 left out) in every
# namespace, and per namespace the connections bound to each, a
# persistent service's template included (but on port 21, whose templates
# have no port). Without the helper only the
# header. Transcripts must equal ctl/app.expected, recorded on ip_vs.
# selftest-timeout: 120
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"

# helper PORTS: this side's FTP helper on PORTS (empty: none), on a
# freshly loaded module.
helper() {
	case $LVS_SIDE in
	lvs)
		rmmod lvs && insmod /opt/lvs/lvs.ko "ftp_ports=${1:-0}"
		;;
	*)
		! grep -q '^ip_vs_ftp ' /proc/modules || rmmod ip_vs_ftp || return 1
		[ -z "$1" ] || modprobe ip_vs_ftp "ports=$1"
		;;
	esac
}

# The namespaces exist before the helper comes: it shows in them too.
topo_nat 1 || { echo "no topology"; exit 1; }
export D=$NS_DIRECTOR
http_server "${NS_RS[1]}" rs1 21 && http_server "${NS_RS[1]}" rs1 2121 ||
	{ echo "no servers"; exit 1; }

check "no helper" helper ""
# What the module registered, in its load message: ip_vs lists its
# protocols (they are its application helpers' carriers too).
check "the load message lists TCP, UDP, SCTP, AH and ESP" eval \
	'dmesg | grep -E "(IPVS|lvs): Registered protocols" | tail -n 1 |
		grep -q "(TCP, UDP, SCTP, AH, ESP)\$"'
section "no helper"
run_sh 'cat /proc/net/ip_vs_app'
run_sh 'ip netns exec $D cat /proc/net/ip_vs_app'
end_section

check "helper on 21,0,2121" helper 21,0,2121
section "ports 21,0,2121"
run_sh 'cat /proc/net/ip_vs_app'
run_sh 'ip netns exec $D cat /proc/net/ip_vs_app'
end_section

ADM_NS=$NS_DIRECTOR
on_exit "ip netns exec $D $IPVSADM_STOCK -C"
check "services" eval '
	adm -A -t "$VIP:21" -s rr && adm -a -t "$VIP:21" -r "${RS_IP[1]}:21" -m &&
	adm -A -t "$VIP:2121" -s rr -p 60 && adm -a -t "$VIP:2121" -r "${RS_IP[1]}:2121" -m'
for port in 2121 21; do
	nsx "$NS_CLIENT" bash -c 'exec 3<>"/dev/tcp/$0/$1" && sleep 60' "$VIP" "$port" &
	on_exit "kill $! 2>/dev/null"
done
check "two connections established" wait_for 10 eval \
	'[ "$(adm -Lnc | grep -c ESTABLISHED)" = 2 ]'
section "bound connections"
run_sh 'ip netns exec $D cat /proc/net/ip_vs_app'
run_sh 'cat /proc/net/ip_vs_app'
end_section
done_testing
