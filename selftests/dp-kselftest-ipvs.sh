#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# The Linux kernel's own IPVS selftest scenario (netfilter/ipvs.sh),
# rewritten for this harness: a client namespace (ns0, a bridge holding
# both its link to the director and the real server's second link), a
# director (ns1) and a real server (ns2); DR, TUN and NAT in turn, each a
# netcat transfer of 32 random bytes to the VIP that must arrive
# unchanged. Run once with stock ipvsadm and once with ours configuring
# the director.
#
#   ns0: br0 10.0.0.2 [veth01 -- veth10 ns1 10.0.0.1 | veth12 172.16.0.1]
#        br0          [veth02 -- veth20 ns2 10.0.0.3 | veth21 172.16.0.2 -- veth12]
. "$(dirname "$0")/lib/core.bash"
require_cmd ip busybox cmp modprobe
require_ours

PORT=8080
VIP=207.175.44.110 CIP=10.0.0.2 GIP=10.0.0.1 DIP=172.16.0.1
RIP=172.16.0.2 SIP=10.0.0.3
DATA=$(mktemp /tmp/ksft.XXXXXX)
on_exit "rm -f $DATA $DATA.out"
head -c 32 /dev/urandom >"$DATA"

setup() {
	local t=$1
	ns_new NS0 "$t-ns0" && ns_new NS1 "$t-ns1" && ns_new NS2 "$t-ns2" || return 1
	veth_link "$NS0" veth01 "$NS1" veth10 || return 1
	veth_link "$NS0" veth02 "$NS2" veth20 || return 1
	veth_link "$NS1" veth12 "$NS2" veth21 || return 1
	ip -n "$NS0" link add br0 type bridge || return 1
	ip -n "$NS0" link set veth01 master br0 || return 1
	ip -n "$NS0" link set veth02 master br0 || return 1
	ip -n "$NS0" link set br0 up || return 1
	addr "$NS0" br0 "$CIP/24" || return 1
	addr "$NS1" veth10 "$GIP/24" && addr "$NS1" veth12 "$DIP/24" || return 1
	addr "$NS2" veth21 "$RIP/24" && addr "$NS2" veth20 "$SIP/24" || return 1
	ip -n "$NS0" route add "$VIP" via "$GIP" dev br0 || return 1
	ip -n "$NS1" addr add "$VIP/32" dev lo label lo:1 || return 1
}

teardown() {
	local ns
	for ns in "$NS0" "$NS1" "$NS2"; do
		ip netns delete "$ns" 2>/dev/null
	done
	return 0
}

# The real server owns the VIP too, but must not answer ARP for it.
vip_on_server() {
	nsx "$NS2" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.veth21.rp_filter=0 >/dev/null || return 1
	ip -n "$NS2" addr replace "$VIP/32" dev lo label lo:1
}

mode_dr() {
	nsx "$NS1" sysctl -qw net.ipv4.ip_forward=1 >/dev/null &&
	nsx "$NS1" "$ADM" -A -t "$VIP:$PORT" -s rr &&
	nsx "$NS1" "$ADM" -a -t "$VIP:$PORT" -r "$RIP:$PORT" &&
	vip_on_server
}

mode_nat() {
	nsx "$NS1" sysctl -qw net.ipv4.ip_forward=1 >/dev/null &&
	nsx "$NS1" "$ADM" -A -t "$VIP:$PORT" -s rr &&
	nsx "$NS1" "$ADM" -a -m -t "$VIP:$PORT" -r "$RIP:$PORT" &&
	ip -n "$NS2" link del veth20 &&
	ip -n "$NS2" route add default via "$DIP" dev veth21
}

mode_tun() {
	modprobe -q ipip &&
	ip -n "$NS1" link set tunl0 up &&
	nsx "$NS1" sysctl -qw net.ipv4.ip_forward=0 \
		net.ipv4.conf.all.send_redirects=0 \
		net.ipv4.conf.default.send_redirects=0 >/dev/null &&
	nsx "$NS1" "$ADM" -A -t "$VIP:$PORT" -s rr &&
	nsx "$NS1" "$ADM" -a -i -t "$VIP:$PORT" -r "$RIP:$PORT" &&
	ip -n "$NS2" link set tunl0 up &&
	nsx "$NS2" sysctl -qw net.ipv4.conf.tunl0.rp_filter=0 >/dev/null &&
	vip_on_server
}

# The server takes one connection and writes what it got (its stdin stays
# open: busybox nc may quit at stdin EOF before the data came); the client
# sends the file and closes (bash: busybox nc would wait for a timeout).
transfer() {
	local pid rc
	rm -f "$DATA.out"
	nsx "$NS2" timeout 15 busybox nc -l -p $PORT >"$DATA.out" < <(sleep 15) &
	pid=$!
	wait_listen "$NS2" $PORT || { kill $pid; return 1; }
	nsx "$NS0" timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" && cat >&3' "$VIP" $PORT <"$DATA"
	wait_for 5 cmp -s "$DATA" "$DATA.out"
	rc=$?
	kill $pid 2>/dev/null
	[ $rc = 0 ] || cmp "$DATA" "$DATA.out"
	return $rc
}

# forwarded METHOD: the director lists the real server with it and
# counted the connection.
forwarded() {
	nsx "$NS1" "$IPVSADM_STOCK" -Ln | grep -qE "^  -> $RIP:$PORT +$1 " &&
	wait_for 5 eval 'nsx "$NS1" "$IPVSADM_STOCK" -Ln --stats --exact |
		awk -v r="$RIP:$PORT" '\''$2 == r && $3 >= 1 { f = 1 } END { exit !f }'\''' || {
		nsx "$NS1" "$IPVSADM_STOCK" -Ln --stats --exact
		return 1
	}
}

# One topology per tool, the modes in an order that needs no undoing but
# NAT's (the scenario builds a fresh one per mode: namespaces are slow to
# make and destroy in the emulated guest).
nat_prepare() {
	ip -n "$NS2" addr del "$VIP/32" dev lo
}

plan 14
for tool in stock ours; do
	if [ $tool = stock ]; then ADM=$IPVSADM_STOCK; else ADM=$IPVSADM_OURS; fi
	check "$tool: topology" setup "$tool"
	for mode in dr tun nat; do
		case $mode in
		dr) method=Route ;;
		tun) method=Tunnel ;;
		nat) method=Masq; nat_prepare ;;
		esac
		check "$tool $mode: configured" mode_$mode
		check "$tool $mode: the data arrives unchanged, $method counted" \
			eval 'transfer && forwarded $method'
		nsx "$NS1" "$IPVSADM_STOCK" -C
	done
	teardown
done
done_testing
