#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# Counters, rates and zeroing with real traffic: after a few NAT fetches
# the rate estimator reports packets and bytes per second, the namespace
# totals in /proc/net/ip_vs_stats count the traffic, and ipvsadm -Z (all,
# or one service) brings counters and rates back to zero, as with ip_vs.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum

check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
V4="TCP $VIP:80"
check "web server in rs1" dp_web "${NS_RS[1]}" rs1
check "add the service" adm -A -t "$VIP:80" -s rr
check "add rs1" adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m
check "a second service, left idle" adm -A -t "$VIP:81" -s rr
for i in 1 2 3 4 5 6; do
	check "fetch $i" dp_fetch_is_from "$VIP" rs1
done
check "the service counted 6 connections" stat_is "$V4" 2 eq 6

# rate_field "PROTO ADDR:PORT" COLUMN: from --rate (2 CPS, 3 InPPS,
# 4 OutPPS, 5 InBPS, 6 OutBPS).
rate_field() {
	adm -Ln --rate --exact | awk -v p="$1" -v c="$2" '
		{ split(p, k, " ") }
		$1 == k[1] && $2 == k[2] { print $(c + 1); exit }'
}
rate_positive() { local v; v=$(rate_field "$1" "$2"); [ -n "$v" ] && [ "$v" -gt 0 ]; }
rates_zero() {
	# Service and real server lines alike: NAME ADDR CPS .. OutBPS.
	adm -Ln --rate --exact | awk '$1 != "Prot" && NF == 7 {
		for (i = 3; i <= 7; i++) if ($i != 0) bad = 1 } END { exit bad }'
}
stats_zero() {
	adm -Ln --stats --exact | awk '$1 != "Prot" && NR > 1 && NF >= 6 {
		for (i = NF - 4; i <= NF; i++) if ($i != 0) bad = 1 } END { exit bad }'
}
# proc_total COLUMN: a column of /proc/net/ip_vs_stats' totals (hex).
proc_total() { nsx "$NS_DIRECTOR" awk -v c="$1" 'NR == 3 { print $c }' /proc/net/ip_vs_stats; }
proc_conns_are() { [ "$((16#$(proc_total 1)))" = "$1" ]; }

check "the estimator reports incoming packets per second" \
	wait_for 8 rate_positive "$V4" 3
check "and outgoing bytes per second" rate_positive "$V4" 6
check "the idle service has no rate" eq "$(rate_field "TCP $VIP:81" 3)" 0
check "/proc/net/ip_vs_stats counts the 6 connections" wait_for 5 proc_conns_are 6
check "and their packets" test "$((16#$(proc_total 2)))" -gt 0

# ip_vs zeroes against the counters its estimator read last (every 2 s):
# packets that came after that read (the last connection's close) show
# up as counts and rates at its next read. Let one read pass first (a
# fast run otherwise zeroes too early on side ipvs).
settle() { sleep 2.2; }
settle
check "zero one service" adm -Z -t "$VIP:80"
check "its counters read 0" stat_is "$V4" 2 eq 0
check "its rates read 0" rates_zero
check "the namespace totals are kept" proc_conns_are 6
check "fetch once more" dp_fetch_is_from "$VIP" rs1
check "the service counts from zero again" stat_is "$V4" 2 eq 1
settle
check "zero everything" adm -Z
check "every counter reads 0" wait_for 5 stats_zero
check "every rate reads 0" rates_zero
check "the namespace totals read 0" wait_for 5 proc_conns_are 0
done_testing
