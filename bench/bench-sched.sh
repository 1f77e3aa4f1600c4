#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): per-connection scheduling cost. A NAT UDP service
# with wlc and D dests (10, 100, 1000); the client (selftests/tools/
# udpconns) sends K one-datagram UDP connections from distinct source
# address/port pairs, built on a raw socket and sent in batches, so nearly
# all the time is the director's work on each datagram. The dests are on a
# subnet routed to a dummy device in the director, so every forwarded
# datagram is dropped right after IPVS has scheduled it.
# The services (D = 10, 100, 1000 on three ports) all exist from the start;
# R rounds (default 15) each send one burst of K (default 2000) to every
# port in turn, and the fastest burst per port is kept: the guest runs
# under TCG on a shared host, and the minimum is the burst that lost
# least time to the host. Connections time out after 2 s, so the table
# holds about the same few thousand on both sides throughout.
# "base" is the same burst to a VIP port with no service (veth, routing and
# a closed port); "netD" = dD - base is the part IPVS adds, "growD" =
# dD - d10 what the extra dests cost.
# Prints "BENCH sched SIDE udp OP SECONDS" lines for bench/run (SECONDS for
# one burst of K connections).
# selftest-timeout: 900
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib.bash"
no_tap

K=2000
[ -f /opt/lvs/extra/bench.conf ] && . /opt/lvs/extra/bench.conf
K=${BENCH_SCHED_CONNS:-$K}
R=${BENCH_SCHED_RUNS:-15}
ipvsadm=$IPVSADM_STOCK
bench_tools udpconns

topo_sink || exit 1
# Short-lived connections: the table stays small and alike on both sides.
nsx "$NS_DIRECTOR" "$ipvsadm" --set 0 0 2 || exit 1

# send PORT N: K new connections to VIP:PORT, sources from the N-th block
# of K (each burst has its own, so none meets a connection still in the
# table); prints the seconds taken. The source addresses (.101 to .250)
# stay clear of the VIP (.100), whose datagrams would not count.
send() {
	local out
	out=$(nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p "$1" -n "$K" \
		-s 10.0.1.101 -a 150 -o $(($2 * K))) || return 1
	set -- $out
	[ "$2" = "$K" ] || { echo "# sent $2 of $K" >&2; return 1; }
	awk -v ns="$4" 'BEGIN { printf "%.4f", ns / 1e9 }'
}

echo "# bursts of $K new UDP connections (udpconns), best of $R rounds"
f=/tmp/bench-sched.$$
on_exit "rm -f $f"
for d in 10 100 1000; do
	awk -v d="$d" -v v="$VIP:$((10000 + d))" 'BEGIN {
		printf "-A -u %s -s wlc\n", v
		for (i = 0; i < d; i++)
			printf "-a -u %s -r 10.9.%d.%d:53 -m -w 1\n", v, int(i / 250), i % 250 + 1
	}'
done > "$f"
nsx "$NS_DIRECTOR" "$ipvsadm" -R < "$f" || { echo "# cannot configure the services"; exit 1; }
for ((r = 1; r <= R; r++)); do
	line="# round $r:"
	ops=(base d10 d100 d1000)
	# Each round starts with the next op: no op always follows another.
	for ((i = 0; i < 4; i++)); do
		op=${ops[(i + r) % 4]}
		port=9
		[ $op = base ] || port=$((10000 + ${op#d}))
		t=$(send $port $((4 * r + i))) || exit 1
		keep_min $op "$t"
		line+=" $op $t"
	done
	echo "$line"
done
# ip_vs (6.1) folds its stats in every 2 s.
sleep 2.5
nsx "$NS_DIRECTOR" "$ipvsadm" -Ln --stats --exact > "$f.s"
for d in 10 100 1000; do
	awk -v s="$VIP:$((10000 + d))" -v d="$d" -v want=$((R * K)) '
		$1 == "UDP" { on = ($2 == s); if (on) conns = $3; next }
		on && $1 == "->" && $3 > 0 { used++ }
		END { printf "# %d dests: %d of %d connections counted, %d dests used\n", d, conns, want, used }' "$f.s"
done
nsx "$NS_DIRECTOR" "$ipvsadm" -C
echo "BENCH sched $LVS_SIDE udp base ${best[base]}"
for d in 10 100 1000; do
	t=${best[d$d]}
	echo "BENCH sched $LVS_SIDE udp d$d $t"
	echo "BENCH sched $LVS_SIDE udp net$d $(awk -v t="$t" -v b="${best[base]}" 'BEGIN { printf "%.4f", t - b }')"
	[ $d = 10 ] || echo "BENCH sched $LVS_SIDE udp grow$d $(awk -v t="$t" -v b="${best[d10]}" 'BEGIN { printf "%.4f", t - b }')"
	echo "# $d dests: $(awk -v t="$t" -v k="$K" 'BEGIN { printf "%.2f", t * 1e6 / k }') us/connection," \
		"$(awk -v t="$t" -v b="${best[base]}" -v k="$K" 'BEGIN { printf "%.2f", (t - b) * 1e6 / k }') over base"
done
exit 0
