#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# A write to drop_packet while the memory defense updates (#10's bug 6),
# with lvs.ko's race point standing in for the writer at the instant
# between the update's read of the setting and its acting on it
# (kmod/race_point.h; test builds only, as `make check-debug` builds).
#  - Memory plentiful, drop_packet 3 (one in am_droprate new connections
#    refused): a write of 1 in that window must not make the update
#    divide by how short memory is. Before the fix it read 1 the second
#    time, and thresh / (thresh - availmem) with memory between thresh
#    and twice thresh is negative: every new connection was dropped
#    until the next update.
#  - Memory short, drop_packet 1 (which the update turns into 2): a
#    write of 0 in that window must stay 0. Before the fix the update
#    wrote 2 over it, and the defense stayed on for good.
. "$(dirname "$0")/../lib/core.bash"
. "$(dirname "$0")/../lib/traffic.bash"

require_race_points
P=$RP/defense_drop_packet
require_tool flood

plan 10
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
on_exit "echo 0 >$P/shots"
sc() { nsx "$NS_DIRECTOR" sysctl -n "net.ipv4.vs.$1"; }
scw() { nsx "$NS_DIRECTOR" sysctl -qw "net.ipv4.vs.$1=$2"; }
# arm WHEN VALUE: the next update that reads drop_packet WHEN (the one
# our write runs, or a periodic one that comes first and reads it too)
# finds VALUE written there as soon as it has read it.
arm() { echo "$1" >$P/when && echo "$2" >$P/value && echo 1 >$P/shots; }
fired() { [ "$(cat $P/shots)" = 0 ]; }
conns() { stat_field "UDP $VIP:9999" 2; }
# One new connection from client port $1.
new_conn() { nsx "$NS_CLIENT" "$FLOOD" -s 10.0.1.2 -P "$1" -N 1 -n 1 -d "$VIP" -p 9999 >/dev/null; }

check "NAT UDP service" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'

# --- plentiful memory: availmem (free plus buffer pages) is 5/3 of
# amemthresh, so the rate the old code divided out was -1.
avail=$(awk '/^(MemFree|Buffers):/ { kb += $2 } END { print int(kb / 4) }' /proc/meminfo)
check "amemthresh 3/5 of the free memory" scw amemthresh $((avail * 3 / 5))
check "am_droprate 1000000" scw am_droprate 1000000
# drop_packet 3 refuses the first new connection (its counter starts at
# 0, as in IPVS); after that none for a million.
scw drop_packet 3
new_conn 30000
scw drop_packet 0
before=$(conns)
made=0 rounds=10
for i in $(seq 1 $rounds); do
	arm 3 1
	scw drop_packet 3
	fired || break
	new_conn $((30000 + i))
	# Until the next update (within a second): the defense is what the
	# first read said, or off.
	if wait_for 3 eval '[ "$(conns)" -gt $((before + made)) ]'; then
		made=$((made + 1))
	else
		diag "round $i: the new connection was dropped"
	fi
done
check "the race point fired in each round" eq "$i" "$rounds"
check "every new connection made while drop_packet went 3 -> 1" eq "$made" "$rounds"
check "drop_packet reads 1, the write in the window" eq "$(sc drop_packet)" 1

# --- short memory: mode 1 would read 2.
scw drop_packet 0
scw amemthresh 2000000000
arm 1 0
scw drop_packet 1
check "the race point fired" fired
check "drop_packet reads 0, the write in the window" eq "$(sc drop_packet)" 0
sleep 2
check "and still 0 after two more updates" eq "$(sc drop_packet)" 0
scw amemthresh 1024
done_testing
