#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark (not a test): time `ipvsadm -R` of a generated table of N TCP
# services with 2 NAT dests each, then `ipvsadm -Ln` of it, with stock
# ipvsadm 1.31 and with ours, on whatever side the harness loaded.
# Prints "BENCH restore SIDE TOOL OP SECONDS" lines that bench/run turns
# into a table. Never fails on speed; exits non-zero only if it cannot run.
# selftest-timeout: 1500
. "$(dirname "$0")/lib/core.bash"
no_tap

N=100000
[ -f /opt/lvs/extra/bench.conf ] && . /opt/lvs/extra/bench.conf
N=${BENCH_RESTORE_N:-$N}

f=/tmp/bench-restore.$$
on_exit "rm -f $f $f.out"
awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++) {
		v = sprintf("10.%d.%d.%d:80", 100 + int(i / 65536), int(i / 256) % 256, i % 256)
		printf "-A -t %s -s wlc\n", v
		printf "-a -t %s -r 172.16.0.1:80 -m -w 1\n", v
		printf "-a -t %s -r 172.16.0.2:80 -m -w 1\n", v
	}
}' > "$f"
echo "# restore file: $N services, $(wc -l < "$f") lines"

# now: seconds since the epoch with microseconds (bash 5 EPOCHREALTIME).
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# A fresh module before each tool: ip_vs keeps the dests that -C deleted
# in its "dest trash" for about two minutes and scans that list linearly
# on every dest add, so the tool that ran second would pay a quadratic
# cost for the first tool's table (20k services: 61 s against 48 s).
# (reload_module is in selftests/lib/core.bash.)

for tool in stock ours; do
	[ "$tool" = ours ] && bin=$IPVSADM_OURS || bin=$IPVSADM_STOCK
	"$bin" -C
	reload_module || { echo "# cannot reload the module"; exit 1; }
	t0=$(now); "$bin" -R < "$f"; rc=$?; t1=$(now)
	[ "$rc" = 0 ] || echo "# $tool -R exited $rc"
	echo "BENCH restore $LVS_SIDE $tool restore $(elapsed "$t0" "$t1")"
	t0=$(now); "$bin" -Ln > "$f.out"; rc=$?; t1=$(now)
	[ "$rc" = 0 ] || echo "# $tool -Ln exited $rc"
	echo "BENCH restore $LVS_SIDE $tool list $(elapsed "$t0" "$t1")"
	got=$(grep -c '^TCP' "$f.out")
	[ "$got" = "$N" ] || echo "# WARNING: $tool listed $got services, expected $N"
	t0=$(now); "$bin" -C; t1=$(now)
	echo "BENCH restore $LVS_SIDE $tool clear $(elapsed "$t0" "$t1")"
done
exit 0
