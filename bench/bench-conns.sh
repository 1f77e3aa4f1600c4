#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): what the size of the connection table costs, per
# packet and in memory (issue #4: 1M connections must cost per packet what
# 1k do, and each one less memory than ip_vs's ip_vs_conn object).
# Topology as for bench-fwd.sh: client namespace -- veth -- director whose
# dests 10.9.0.x are behind a dummy device. One UDP NAT service
# (VIP:10001 -> 10.9.0.1:53), UDP timeout 3600 s so no entry expires
# during the run.
#  1. ~1000 connections (selftests/tools/flood, forged sources in
#     10.65.0.0/16), then R rounds (default 25) of a burst of K datagrams
#     (default 5000; bench/run --pkts N) on C = 64 known connections
#     (udpconns -c), and the same burst to an address with no service
#     (route); the fastest burst per op is kept.
#  2. The table filled to N connections (default 1,000,000; bench/run
#     --conns-table N) by two flood senders (10.64.0.0/16), then the same
#     rounds again.
# Per-packet ops: nat1k/natbig, route1k/routebig, net1k/netbig = nat -
# route (what IPVS adds), and the ratios big/1k (nat) and netbig/1k (net)
# — 1.00 means the table size costs nothing per packet.
# Memory ops (tool "mem", values are counts/bytes, not seconds): conns (in
# the table after the fill), objsize and slabsize (the connection slab
# cache's object and per-object footprint from /sys/kernel/slab: lvs_conn
# or ip_vs_conn; merged caches show the merged cache's size), slab/conn
# (growth of Slab: in /proc/meminfo per added connection: objects, but not
# a vmalloc'ed hash table) and avail/conn (fall of MemAvailable per added
# connection: everything, including the hash tables; noisier).
# selftest-timeout: 900
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib.bash"
no_tap

K=5000
C=64
N=1000000
SMALL=1000
[ -f /opt/lvs/extra/bench.conf ] && . /opt/lvs/extra/bench.conf
K=${BENCH_FWD_PKTS:-$K}
N=${BENCH_CONNS_N:-$N}
R=${BENCH_CONNS_RUNS:-25}
ipvsadm=$IPVSADM_STOCK
bench_tools udpconns flood
case $LVS_SIDE in
lvs) cache=lvs_conn ;;
*) cache=ip_vs_conn ;;
esac

topo_sink || exit 1
# The flood's forged sources (10.64.0.0/15) sit behind the client.
ip -n "$NS_DIRECTOR" route add 10.64.0.0/15 via 10.0.1.2 || exit 1

nsx "$NS_DIRECTOR" "$ipvsadm" --set 0 0 3600 || exit 1
{
	echo "-A -u $VIP:10001 -s rr"
	echo "-a -u $VIP:10001 -r 10.9.0.1:53 -m"
} | nsx "$NS_DIRECTOR" "$ipvsadm" -R || { echo "# cannot configure the service"; exit 1; }

conns() {
	nsx "$NS_DIRECTOR" "$ipvsadm" -Ln |
		awk '$1 == "->" && $2 != "RemoteAddress:Port" { s += $5 + $6 } END { print s + 0 }'
}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

# rounds SUFFIX: R rounds of route and nat, alternating which goes first.
rounds() {
	local r op t line
	for ((r = 1; r <= R; r++)); do
		line="# $1 round $r:"
		for op in $( ((r % 2)) && echo route nat || echo nat route); do
			case $op in
			route) t=$(udp_burst 10.9.1.1 53 "$K") ;;
			nat) t=$(udp_burst $VIP 10001 "$K") ;;
			esac
			[ -n "$t" ] || return 1
			keep_min "$op$1" "$t"
			line+=" $op $t"
		done
		echo "$line"
	done
}

# Phase 1: a small table.
nsx "$NS_CLIENT" "$FLOOD" -s 10.65.0.0 -d "$VIP" -p 10001 -n "$SMALL" >/dev/null || exit 1
udp_burst $VIP 10001 $C >/dev/null || exit 1
sleep 1
c0=$(conns)
echo "# small table: $c0 connections; bursts of $K datagrams on $C connections, best of $R rounds"
rounds 1k || exit 1

# Phase 2: fill to N. Two senders, one per vCPU, each its own half.
sync
slab0=$(meminfo Slab) avail0=$(meminfo MemAvailable)
fill=$((N - c0))
[ "$fill" -gt 0 ] || fill=0
half=$((fill / 2))
secs=$((fill / 4000 + 60))
t0=$SECONDS
nsx "$NS_CLIENT" "$FLOOD" -s 10.64.0.0 -d "$VIP" -p 10001 -n "$half" -T "$secs" >/tmp/conns-f1 &
p1=$!
nsx "$NS_CLIENT" "$FLOOD" -s 10.64.128.0 -d "$VIP" -p 10001 -n $((fill - half)) -T "$secs" >/tmp/conns-f2 &
p2=$!
wait $p1
wait $p2
sent=$(($(awk '{ print $2 }' /tmp/conns-f1) + $(awk '{ print $2 }' /tmp/conns-f2)))
rm -f /tmp/conns-f1 /tmp/conns-f2
sleep 2
c1=$(conns)
slab1=$(meminfo Slab) avail1=$(meminfo MemAvailable)
echo "# fill: $sent tuples sent in $((SECONDS - t0)) s; table $c0 -> $c1 connections;" \
	"Slab $((slab0 / 1024)) -> $((slab1 / 1024)) MB, MemAvailable $((avail0 / 1024)) -> $((avail1 / 1024)) MB"
[ "$c1" -ge $((N * 9 / 10)) ] || echo "# WARNING: the table holds $c1 connections, not the $N asked for"
echo "# big table: bursts of $K datagrams on $C connections, best of $R rounds"
rounds big || exit 1

objsize=$(cat /sys/kernel/slab/$cache/object_size 2>/dev/null)
slabsize=$(cat /sys/kernel/slab/$cache/slab_size 2>/dev/null)
grep -E "^($cache) " /proc/slabinfo | sed 's/^/# slabinfo: /'
[ -L /sys/kernel/slab/$cache ] &&
	echo "# $cache is merged into $(basename "$(readlink /sys/kernel/slab/$cache)") (slab_nomerge would separate it)"

nsx "$NS_DIRECTOR" "$ipvsadm" -C
# Deleting the director flushes its connections; wait for their memory
# to come back so the module unload that follows does not race it.
t0=$SECONDS
ip netns delete "$NS_DIRECTOR"
while [ $((SECONDS - t0)) -lt 300 ] && [ "$(meminfo Slab)" -gt $((slab0 + (slab1 - slab0) / 10)) ]; do
	sleep 2
done
echo "# the director's $c1 connections were freed in $((SECONDS - t0)) s (Slab $(($(meminfo Slab) / 1024)) MB)"

f() { awk "BEGIN { $1 }"; }
for s in 1k big; do
	echo "BENCH conns $LVS_SIDE udp route$s ${best[route$s]}"
	echo "BENCH conns $LVS_SIDE udp nat$s ${best[nat$s]}"
	echo "BENCH conns $LVS_SIDE udp net$s $(f "printf \"%.4f\", ${best[nat$s]} - ${best[route$s]}")"
done
echo "BENCH conns $LVS_SIDE udp big/1k $(f "printf \"%.2f\", ${best[natbig]} / ${best[nat1k]}")"
net1k=$(f "printf \"%.4f\", ${best[nat1k]} - ${best[route1k]}")
netbig=$(f "printf \"%.4f\", ${best[natbig]} - ${best[routebig]}")
if f "exit !($net1k > 0 && $netbig > 0)"; then
	echo "BENCH conns $LVS_SIDE udp netbig/1k $(f "printf \"%.2f\", $netbig / $net1k")"
fi
echo "BENCH conns $LVS_SIDE mem conns $c1"
[ -n "$objsize" ] && echo "BENCH conns $LVS_SIDE mem objsize $objsize"
[ -n "$slabsize" ] && echo "BENCH conns $LVS_SIDE mem slabsize $slabsize"
added=$((c1 - c0))
if [ "$added" -gt 0 ]; then
	echo "BENCH conns $LVS_SIDE mem slab/conn $(((slab1 - slab0) * 1024 / added))"
	echo "BENCH conns $LVS_SIDE mem avail/conn $(((avail0 - avail1) * 1024 / added))"
fi
for s in 1k big; do
	echo "# $s: nat $(f "printf \"%.2f\", ${best[nat$s]} * 1e6 / $K") us/packet," \
		"$(f "printf \"%.2f\", (${best[nat$s]} - ${best[route$s]}) * 1e6 / $K") over route"
done
exit 0
