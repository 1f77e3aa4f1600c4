#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -R at scale: our ipvsadm restores many services through one netlink socket
# with pipelined requests, so 100k services take seconds, not minutes (stock
# 1.31 opens a socket and resolves the family for every line). The restored
# table is checked against the rules (our -Sn prints the same lines, in
# listing order); on a smaller table, against the kernel's /proc/net/ip_vs
# and against stock's -Sn byte for byte (stock needs a socket and a family
# lookup per service, too slow for a big table in an emulated guest).
. "$(dirname "$0")/lib/core.bash"

require_ours
work=$(mktemp -d /tmp/ipvsadm-scale.XXXXXX)
on_exit "rm -rf '$work'; '$IPVSADM_STOCK' -C"

n=${IPVSADM_SCALE_SERVICES:-50000}	# 100k fits too, but not a 180s budget under load
limit=${IPVSADM_SCALE_SECONDS:-60}	# generous: the guest is emulated (TCG)

# n services 10.x.y.z:80, every 100th with two real servers.
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		a = sprintf("10.%d.%d.%d", int(i / 65536) % 256, int(i / 256) % 256, i % 256)
		printf "-A -t %s:80 -s rr\n", a
		if (i % 100 == 0) {
			printf "-a -t %s:80 -r 192.168.%d.1:8080 -m -w 2\n", a, i % 250
			printf "-a -t %s:80 -r 192.168.%d.2:8080 -m -w 3\n", a, i % 250
		}
	}
}' >"$work/rules"
dests=$(grep -c '^-a' "$work/rules")

plan 5
"$IPVSADM_STOCK" -C
start=$(date +%s.%N)
"$IPVSADM_OURS" -R <"$work/rules"
rc=$?
end=$(date +%s.%N)
secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
diag "restored $n services and $dests servers in ${secs}s ($LVS_SIDE)"
check "restore of $n services exits 0" test "$rc" = 0
check "restore took under ${limit}s" awk -v t="$secs" -v l="$limit" 'BEGIN { exit !(t < l) }'
start=$(date +%s)
"$IPVSADM_OURS" -Sn >"$work/ours.sn"
diag "listed them (-Sn) in $(($(date +%s) - start))s"
check "-Sn lists exactly the restored rules" cmp <(sort "$work/rules") <(sort "$work/ours.sn")
"$IPVSADM_OURS" -C
head -n 3000 "$work/rules" >"$work/small"
"$IPVSADM_OURS" -R <"$work/small"
# /proc/net/ip_vs (3 header lines, one line per service and per server) is
# the kernel's own view; IPVS walks it quadratically, so only here.
check "the kernel lists every restored service and server" \
	test "$(($(wc -l </proc/net/ip_vs) - 3))" = "$(wc -l <"$work/small")"
"$IPVSADM_OURS" -Sn >"$work/ours.sn"
"$IPVSADM_STOCK" -Sn >"$work/stock.sn"
check "-Sn of $(grep -c '^-A' "$work/small") services matches stock" \
	cmp "$work/ours.sn" "$work/stock.sn"
"$IPVSADM_OURS" -C
diag "took ${SECONDS}s"
done_testing
