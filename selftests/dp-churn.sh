#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# Control-plane churn under traffic: while clients keep opening TCP and
# UDP connections through a NAT director, real servers are quiesced,
# deleted and re-added, services are flushed and recreated, timeouts
# change. Connections must keep their (possibly deleted) real server
# safely; the harness fails the run on any kernel warning. Afterwards the
# service works as before.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum

add_all() {
	adm -A -t "$VIP:80" -s rr 2>/dev/null
	adm -A -u "$VIP:9999" -s rr 2>/dev/null
	adm -A -t "[$VIP6]:80" -s rr 2>/dev/null
	for i in 1 2; do
		adm -a -t "$VIP:80" -r "${RS_IP[i]}:80" -m 2>/dev/null
		adm -a -u "$VIP:9999" -r "${RS_IP[i]}:9999" -m 2>/dev/null
		adm -a -t "[$VIP6]:80" -r "[${RS_IP6[i]}]:80" -m 2>/dev/null
	done
	return 0
}

# Clients that never stop on their own: TCP and UDP, IPv4 and IPv6, each
# a loop of new connections (a fetch, or one datagram).
clients() {
	local c
	for c in "tcp $VIP" "tcp $VIP6" "udp $VIP"; do
		# shellcheck disable=SC2016 # expanded by the inner bash
		nsx "$NS_CLIENT" bash -c 'while :; do
			if [ "$1" = tcp ]; then
				exec 3<>"/dev/tcp/$0/80" && printf "GET /data HTTP/1.0\r\n\r\n" >&3 && read -r -t 2 l <&3
			else
				exec 3<>"/dev/udp/$0/9999" && printf x >&3
			fi
			exec 3>&-
			sleep 0.05
		done' "${c#* }" "${c%% *}" 2>/dev/null &
		on_exit "kill $!"
	done
}

churn() {
	local round i
	for round in $(seq 5); do
		for i in 1 2; do
			adm -e -t "$VIP:80" -r "${RS_IP[i]}:80" -m -w 0
			adm -d -u "$VIP:9999" -r "${RS_IP[i]}:9999"
			adm -d -t "[$VIP6]:80" -r "[${RS_IP6[i]}]:80"
			sleep 0.2
			adm -e -t "$VIP:80" -r "${RS_IP[i]}:80" -m -w 1
			adm -a -u "$VIP:9999" -r "${RS_IP[i]}:9999" -m
			adm -a -t "[$VIP6]:80" -r "[${RS_IP6[i]}]:80" -m
		done
		adm --set $((round % 3 + 1)) 2 $((round % 2 + 1))
		if [ $((round % 2)) = 0 ]; then
			adm -C
			# On in round 2, off again in round 4: packets of
			# connections whose server went away then start over.
			nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.expire_nodest_conn=$((round / 2 % 2))
			add_all
		fi
		sleep 0.3
	done 2>/dev/null
	return 0
}

plan 8
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "web server in rs2" dp_web "${NS_RS[2]}" rs2
check "services and real servers" add_all
clients
check "traffic flows" stat_is "TCP $VIP:80" 2 ge 3
SECONDS=0
check "5 rounds of churn under traffic" churn
diag "churn took ${SECONDS}s"
check "there were connections left to expire" eval '[ "$(adm -Lnc | wc -l)" -gt 2 ]'
check "afterwards a fetch arrives intact" dp_fetch_is_from "$VIP" rs1 rs2
done_testing
