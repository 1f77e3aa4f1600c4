#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): per-packet cost of forwarding a packet of a known
# connection. Client namespace -- veth -- director; the dests 10.9.0.x are
# on a subnet routed to a dummy device in the director, so every forwarded
# datagram is dropped right after it left IPVS. Two UDP services with one
# dest each: NAT (VIP:10001 -> 10.9.0.1:53) and direct routing
# (VIP:10002 -> 10.9.0.2). The client (selftests/tools/udpconns -c) sends
# bursts of K datagrams (default 5000; bench/run --pkts N) on C = 64
# connections, created by a first burst that is not counted, so each
# timed datagram is a connection lookup, the rewrite (NAT), the route to
# the real server and the send.
# "route" is the same burst to an address behind the dummy with no
# service (plain IP forwarding through the director, IPVS's hooks looking
# at it); "netX" = X - route is what IPVS adds to forwarding. R rounds
# (default 40), each op once per round, starting with a different one;
# the fastest burst per op is kept.
# bench/run --profile fwd: a perf profile of the rounds (every op).
# Prints "BENCH fwd SIDE udp OP SECONDS" lines for bench/run (SECONDS for
# one burst of K datagrams).
# selftest-timeout: 600
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib.bash"
no_tap

K=5000
C=64
[ -f /opt/lvs/extra/bench.conf ] && . /opt/lvs/extra/bench.conf
K=${BENCH_FWD_PKTS:-$K}
R=${BENCH_FWD_RUNS:-40}
ipvsadm=$IPVSADM_STOCK
bench_tools udpconns

topo_sink || exit 1

{
	echo "-A -u $VIP:10001 -s rr"
	echo "-a -u $VIP:10001 -r 10.9.0.1:53 -m"
	echo "-A -u $VIP:10002 -s rr"
	echo "-a -u $VIP:10002 -r 10.9.0.2 -g"
} | nsx "$NS_DIRECTOR" "$ipvsadm" -R || { echo "# cannot configure the services"; exit 1; }

# The connections, once.
udp_burst $VIP 10001 $C >/dev/null && udp_burst $VIP 10002 $C >/dev/null || exit 1

echo "# bursts of $K datagrams on $C UDP connections (udpconns -c), best of $R rounds"
ops=(route nat dr)
profile_start || exit 1
for ((r = 1; r <= R; r++)); do
	line="# round $r:"
	for ((i = 0; i < 3; i++)); do
		op=${ops[(i + r) % 3]}
		case $op in
		route) t=$(udp_burst 10.9.1.1 53 "$K") ;;
		nat) t=$(udp_burst $VIP 10001 "$K") ;;
		dr) t=$(udp_burst $VIP 10002 "$K") ;;
		esac
		[ -n "$t" ] || exit 1
		keep_min $op "$t"
		line+=" $op $t"
	done
	echo "$line"
done
profile_stop $((R * 3 * K))
# ip_vs (6.1) folds its stats in every 2 s.
sleep 2.5
nsx "$NS_DIRECTOR" "$ipvsadm" -Ln --stats --exact |
	awk -v want=$((R * K + C)) '$1 == "UDP" { printf "# %s: %d connections, %d packets in (want %d)\n", $2, $3, $4, want }'
nsx "$NS_DIRECTOR" "$ipvsadm" -C
for op in route nat dr; do
	echo "BENCH fwd $LVS_SIDE udp $op ${best[$op]}"
	[ $op = route ] && continue
	echo "BENCH fwd $LVS_SIDE udp net$op $(awk -v t="${best[$op]}" -v b="${best[route]}" 'BEGIN { printf "%.6f", t - b }')"
	echo "# $op: $(awk -v t="${best[$op]}" -v k="$K" 'BEGIN { printf "%.2f", t * 1e6 / k }') us/packet," \
		"$(awk -v t="${best[$op]}" -v b="${best[route]}" -v k="$K" 'BEGIN { printf "%.2f", (t - b) * 1e6 / k }') over route"
done
exit 0
