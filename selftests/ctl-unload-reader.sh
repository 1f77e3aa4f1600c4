#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# A connection listing in progress when the module goes: our ipvsadm -Lnc
# ends. A removed /proc file answers every read with EIO. Stock ipvsadm
# 1.31 reads /proc/net/ip_vs_conn until EOF and loops forever on a read
# error: it spun in 1 of 3 tries on ip_vs here and in 3 of 3 on lvs.ko
# before lvs.ko drained its table ahead of removing the file, as ip_vs
# does (the reader then usually sees the table empty out first).
# UNLOAD_READER_IPVSADM=/usr/sbin/ipvsadm (vm/run --env) runs the stock
# one instead, to see that. With thousands of UDP connections, a -Lnc
# started just before the unload must end within 20 s, three times over.
. "$(dirname "$0")/lib/core.bash"
require_tool flood

module_keep_loaded
check "client and director, real server on the director's dummy0" topo_sink

conns() { nsx "$NS_DIRECTOR" awk 'END { print NR - 1 }' /proc/net/ip_vs_conn; }
# fill: a NAT service and 8000 UDP connections to it from as many
# client ports; the service goes again (services pin ip_vs), the
# connections stay.
fill() {
	adm -A -u "$VIP:54" -s rr && adm -a -u "$VIP:54" -r 10.9.0.3:54 -m || return 1
	nsx "$NS_CLIENT" "$FLOOD" -s 10.0.1.2 -d "$VIP" -p 54 -N 8000 -n 8000 -T 60 >/dev/null ||
		return 1
	adm -C || return 1
	n=$(conns)
	[ "$n" -ge 4000 ] || { echo "only $n connections"; return 1; }
}
listing_gone() { ! kill -0 "$lister" 2>/dev/null; }
LISTER=${UNLOAD_READER_IPVSADM:-$IPVSADM_OURS}

for try in 1 2 3; do
	check "try $try: thousands of connections, no service" fill
	diag "try $try: $n connections"
	nsx "$NS_DIRECTOR" timeout 60 "$LISTER" -Lnc >/dev/null 2>&1 &
	lister=$!
	sleep 0.3
	check "try $try: the module unloads" module_unload 10
	check "try $try: the listing ends within 20 s" wait_for 20 listing_gone
	wait "$lister" 2>/dev/null
	check "try $try: the module loads again" module_load
done
done_testing
