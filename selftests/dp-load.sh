#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 400
# Thousands of connections through a NAT director in the initial
# namespace: every datagram and request gets through, /proc/net/ip_vs_conn
# pages through thousands of entries (ports repeat: fewer than sent), and the module unloads with those
# connections still alive (the harness fails the run on any warning).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox modprobe

NUDP=2000
NTCP=300
VIP=10.9.1.100
RS=10.9.2.11
ADM_NS=init # the director is the initial namespace: adm runs there

topo_init_director() {
	ns_new NS_CLIENT client || return 1
	ns_new NS_RS rs || return 1
	ip link add lvsc0 type veth peer name eth0 netns "$NS_CLIENT" || return 1
	on_exit "ip link del lvsc0"
	ip link add lvsr0 type veth peer name eth0 netns "$NS_RS" || return 1
	on_exit "ip link del lvsr0"
	ip link set lvsc0 up && ip link set lvsr0 up || return 1
	ip -n "$NS_CLIENT" link set eth0 up && ip -n "$NS_RS" link set eth0 up || return 1
	ip addr add 10.9.1.1/24 dev lvsc0 && ip addr add "$VIP/24" dev lvsc0 || return 1
	ip addr add 10.9.2.1/24 dev lvsr0 || return 1
	ip -n "$NS_CLIENT" addr add 10.9.1.2/24 dev eth0 || return 1
	ip -n "$NS_CLIENT" route add default via 10.9.1.1 || return 1
	ip -n "$NS_RS" addr add "$RS/24" dev eth0 || return 1
	ip -n "$NS_RS" route add default via 10.9.2.1 || return 1
	on_exit "sysctl -qw net.ipv4.ip_forward=$(sysctl -n net.ipv4.ip_forward)"
	sysctl -qw net.ipv4.ip_forward=1 >/dev/null
	no_icmp_ratelimit "$NS_RS"
}

# proc_conns: entries in /proc/net/ip_vs_conn (without its header).
proc_conns() { echo $(($(wc -l </proc/net/ip_vs_conn) - 1)); }

# Every datagram from its own socket: a new connection each.
udp_flood() {
	nsx "$NS_CLIENT" bash -c '
		for ((i = 0; i < $1; i++)); do
			exec 3<>"/dev/udp/$0/9999" || exit 1
			printf x >&3
			exec 3>&-
		done' "$VIP" "$NUDP"
}

# Sequential HTTP requests; prints how many got a "200 OK" status line.
tcp_run() {
	nsx "$NS_CLIENT" bash -c '
		ok=0
		for ((i = 0; i < $1; i++)); do
			exec 3<>"/dev/tcp/$0/80" || continue
			printf "GET / HTTP/1.0\r\n\r\n" >&3
			read -r -t 5 l <&3 && [[ $l == *" 200 "* ]] && ok=$((ok + 1))
			exec 3>&-
		done
		echo $ok' "$VIP" "$NTCP"
}

plan 10
check "topology builds (director: the initial namespace)" topo_init_director
on_exit "$IPVSADM_STOCK -C"
check "web server in the real server" http_server "$NS_RS" "hello"
check "NAT services for UDP and TCP" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "$RS:9999" -m &&
	adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r "$RS:80" -m'
before=$(udp_noports "$NS_RS")
udp_flood
check "all $NUDP datagrams reached the real server" \
	wait_for 5 eval '[ $(($(udp_noports "$NS_RS") - before)) = $NUDP ]'
check "$NTCP sequential HTTP requests all answered" eq "$(tcp_run)" "$NTCP"
check "ipvsadm counted the connections" stat_is "TCP $VIP:80" 2 eq "$NTCP"
udp_conns=$(stat_field "UDP $VIP:9999" 2)
check "at least $((NUDP * 9 / 10)) UDP connections (source ports may repeat)" ge "${udp_conns:-0}" $((NUDP * 9 / 10))
n=$(proc_conns)
check "/proc/net/ip_vs_conn lists the connections ($n)" \
	eval '[ "$n" -ge $(((NUDP + NTCP) * 8 / 10)) ] && [ "$n" -le $((udp_conns + NTCP)) ]'
check "the services go, the connections stay" eval 'adm -C && [ "$(proc_conns)" -ge $((NUDP * 8 / 10)) ]'
check "the module unloads with $(proc_conns) live connections" reload_module
done_testing
