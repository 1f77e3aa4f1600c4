#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# The route to a real server is looked up per dest and kept (IPVS's
# dest_dst): packets of one NAT connection must still follow the routing
# table when it changes under them (IPv4 and IPv6), and after the dest is
# deleted and added back. The dests sit behind dummy devices; each one's
# transmit counter says where the packets went.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip sysctl
require_tool l4short
L4=$L4SHORT

plan 10
check "topology builds, with a second dummy" eval '
	topo_sink &&
	ip -n "$NS_DIRECTOR" link add dummy1 type dummy &&
	ip -n "$NS_DIRECTOR" link set dummy1 up'
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "NAT UDP services, IPv4 and IPv6" eval '
	adm -A -u "$VIP:53" && adm -a -u "$VIP:53" -r 10.9.0.1:53 -m &&
	adm -A -u "[$VIP6]:53" && adm -a -u "[$VIP6]:53" -r "[fd00:9::1]:53" -m'

# tx DEV: DEV's transmitted packets (/proc/net/dev follows the namespace,
# /sys would need a remount).
tx() {
	nsx "$NS_DIRECTOR" awk -v d="$1" '{ split($0, a, ":"); sub(/^ +/, "", a[1]) }
		a[1] == d { split(a[2], f, " "); print f[10] }' /proc/net/dev
}
# sent_via DEV VIP: 20 datagrams of one connection to VIP:53 all leave
# through DEV (and none through the other dummy).
# tx_since DEV BEFORE N: DEV sent at least N packets since it had sent BEFORE.
tx_since() { [ $(($(tx "$1") - $2)) -ge "$3" ]; }

sent_via() {
	local other=dummy0 a b oa ob
	[ "$1" = dummy0 ] && other=dummy1
	a=$(tx "$1") oa=$(tx $other)
	nsx "$NS_CLIENT" "$L4" send "$2" 17 30000 53 8 -1 1 20 || return 1
	# On a loaded host the last ones may still be on their way: wait for
	# them, then a moment for any that would wrongly take the other way.
	within $((5 * ${LVS_TIME_SCALE:-1})) tx_since "$1" "$a" 20
	sleep 0.3
	b=$(tx "$1") ob=$(tx $other)
	echo "$1: $((b - a)), $other: $((ob - oa))"
	[ $((b - a)) -ge 20 ] && [ "$ob" = "$oa" ]
}

check "IPv4: the connection's packets leave through dummy0" sent_via dummy0 "$VIP"
check "IPv6: the connection's packets leave through dummy0" sent_via dummy0 "$VIP6"
ip -n "$NS_DIRECTOR" route replace 10.9.0.0/16 dev dummy1
ip -n "$NS_DIRECTOR" -6 route replace fd00:9::/64 dev dummy1
check "IPv4: after a route change, through dummy1" sent_via dummy1 "$VIP"
check "IPv6: after a route change, through dummy1" sent_via dummy1 "$VIP6"
# The dest goes to the trash and comes back: the connection forwards
# again through the revived dest, by the current route.
check "the IPv4 dest deleted and added back" eval '
	adm -d -u "$VIP:53" -r 10.9.0.1:53 && adm -a -u "$VIP:53" -r 10.9.0.1:53 -m'
ip -n "$NS_DIRECTOR" route replace 10.9.0.0/16 dev dummy0
check "IPv4: the revived dest follows the route to dummy0" sent_via dummy0 "$VIP"
ip -n "$NS_DIRECTOR" route del 10.9.0.0/16
ip -n "$NS_DIRECTOR" route add 10.9.0.0/16 dev dummy1
check "IPv4: a deleted and re-added route: dummy1" sent_via dummy1 "$VIP"
ip -n "$NS_DIRECTOR" -6 route del fd00:9::/64
ip -n "$NS_DIRECTOR" -6 route add fd00:9::/64 dev dummy0
check "IPv6: a deleted and re-added route: dummy0" sent_via dummy0 "$VIP6"
done_testing
