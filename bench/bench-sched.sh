#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): per-connection scheduling cost. A NAT UDP service
# with wlc and D dests (10, 100, 1000); a client namespace sends K one-packet
# UDP "connections" (a new socket, so a new source port, for each) to the
# VIP. The dests are on a subnet routed to a dummy device in the director,
# so every forwarded packet is dropped right after IPVS has scheduled it.
# Each configuration runs R times (default 3) interleaved; the best is kept.
# "base" is the same loop to a VIP port with no service (loop, socket and
# veth cost); "netD" = dD - base is the part IPVS adds.
# Prints "BENCH sched SIDE udp OP SECONDS" lines for bench/run.
# selftest-timeout: 900
. "$(dirname "$0")/lib.sh"
no_tap

K=3000
[ -f /opt/lvs/extra/bench.conf ] && . /opt/lvs/extra/bench.conf
K=${BENCH_SCHED_CONNS:-$K}
R=${BENCH_SCHED_RUNS:-3}
ipvsadm=$IPVSADM_STOCK

ns_new NS_CLIENT client || exit 1
ns_new NS_DIRECTOR director || exit 1
VIP=10.0.1.100
veth_link "$NS_CLIENT" eth0 "$NS_DIRECTOR" c0 || exit 1
addr "$NS_CLIENT" eth0 10.0.1.2/24 || exit 1
addr "$NS_DIRECTOR" c0 10.0.1.1/24 "$VIP/24" || exit 1
ip -n "$NS_DIRECTOR" link add dummy0 type dummy || exit 1
ip -n "$NS_DIRECTOR" link set dummy0 up || exit 1
ip -n "$NS_DIRECTOR" route add 10.9.0.0/16 dev dummy0 || exit 1
nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.ip_forward=1 >/dev/null || exit 1

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# send PORT: K new UDP sockets from the client to VIP:PORT, one packet each.
send() {
	nsx "$NS_CLIENT" bash -c '
		for ((i = 0; i < '"$K"'; i++)); do echo x 2>/dev/null >/dev/udp/'"$VIP/$1"'; done'
}

echo "# $K one-packet UDP connections per run, best of $R runs"
f=/tmp/bench-sched.$$
on_exit "rm -f $f"
declare -A best
# keep_min OP T: the smallest time seen for OP.
keep_min() {
	if [ -z "${best[$1]}" ] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then
		best[$1]=$2
	fi
}
for ((r = 1; r <= R; r++)); do
	t0=$(now); send 9; t1=$(now)
	keep_min base "$(elapsed "$t0" "$t1")"
	for d in 10 100 1000; do
		port=$((10000 * r + d))   # a fresh port per run: no old connection matches
		awk -v d="$d" -v v="$VIP:$port" 'BEGIN {
			printf "-A -u %s -s wlc\n", v
			for (i = 0; i < d; i++)
				printf "-a -u %s -r 10.9.%d.%d:53 -m -w 1\n", v, int(i / 250), i % 250 + 1
		}' > "$f"
		nsx "$NS_DIRECTOR" "$ipvsadm" -R < "$f" || { echo "# cannot configure $d dests"; exit 1; }
		t0=$(now); send "$port"; t1=$(now)
		t=$(elapsed "$t0" "$t1")
		keep_min "d$d" "$t"
		# The connection table, not --stats: ip_vs (6.1) folds its
		# counters in only every 2 s.
		nsx "$NS_DIRECTOR" "$ipvsadm" -Lnc > "$f.c"
		conns=$(grep -c ":$port " "$f.c")
		used=$(awk -v p=":$port" 'index($0, p " ") { print $NF }' "$f.c" | sort -u | wc -l)
		echo "# run $r, $d dests: $t s, $conns connections, $used dests used"
		nsx "$NS_DIRECTOR" "$ipvsadm" -D -u "$VIP:$port"
	done
done
rm -f "$f.c"
echo "BENCH sched $LVS_SIDE udp base ${best[base]}"
for d in 10 100 1000; do
	t=${best[d$d]}
	echo "BENCH sched $LVS_SIDE udp d$d $t"
	echo "BENCH sched $LVS_SIDE udp net$d $(awk -v t="$t" -v b="${best[base]}" 'BEGIN { printf "%.3f", t - b }')"
	echo "# $d dests: $(awk -v t="$t" -v b="${best[base]}" -v k="$K" 'BEGIN { printf "%.1f", (t - b) * 1e6 / k }') us/connection over base"
done
exit 0
