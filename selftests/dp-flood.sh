#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# A flood of distinct client tuples (UDP, forged sources, one datagram
# each) through a NAT director: the director stays up, the connection
# count stays sane and memory bounded, the service still forwards
# afterwards, and -C plus expiry empties the table and gives the memory
# back. FLOOD_COUNT overrides the number of tuples (150k), FLOOD_SECONDS
# the time the senders get at most (30 s), FLOOD_MIN the number that must
# have gone out (80k; TCG on a loaded host sends 7-10k a second). With a
# 5 s UDP timeout the table holds what arrived in the last seconds, so
# what the memory check weighs is the churn of entries, not the total.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox
require_tool flood
COUNT=${FLOOD_COUNT:-150000}
MIN_SENT=${FLOOD_MIN:-80000}

plan 13
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
# The forged clients live in 10.64.0.0/16 behind the client, which drops
# the real server's answers (it does not forward).
ip -n "$NS_DIRECTOR" route add 10.64.0.0/16 via 10.0.1.2

memavail() { awk '$1 == "MemAvailable:" { print int($2 / 1024) }' /proc/meminfo; }
slab() { awk '$1 == "Slab:" { print int($2 / 1024) }' /proc/meminfo; }
# Whether the director's table is empty: only the first lines of
# /proc/net/ip_vs_conn, as listing 100k entries takes long in emulation.
table_empty() { [ "$(nsx "$NS_DIRECTOR" head -n 2 /proc/net/ip_vs_conn | wc -l)" -le 1 ]; }
total_conns() { echo $(($(sum_dests 4) + $(sum_dests 5))); }

check "UDP NAT service" eval '
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'
# A short UDP timeout, so the table holds what arrived in the last few
# seconds and empties within the test (expiring 100k entries takes a
# minute in emulation).
check "UDP timeout 5 s" adm --set 0 0 5
mem0=$(memavail) slab0=$(slab)
diag "before: MemAvailable $mem0 MB, Slab $slab0 MB"
# Packets the director's interfaces took in (/proc/net/dev's receive
# count): on a loaded host a sender's queue or the director's backlog
# drops some of what was sent, before any hook sees it.
director_rx() { nsx "$NS_DIRECTOR" awk 'NR > 2 { n += $3 } END { print n + 0 }' /proc/net/dev; }
rx0=$(director_rx)

start=$SECONDS
# Two senders, one per vCPU, each with its own half of the tuples.
secs=${FLOOD_SECONDS:-30}
half=$((COUNT / 2))
nsx "$NS_CLIENT" "$FLOOD" -s 10.64.0.0 -d "$VIP" -p 9999 -n "$half" -T "$secs" >"$DP_TMP/f1" &
p1=$!
nsx "$NS_CLIENT" "$FLOOD" -s 10.64.128.0 -d "$VIP" -p 9999 -n $((COUNT - half)) -T "$secs" >"$DP_TMP/f2" &
p2=$!
low=$mem0
while kill -0 $p1 2>/dev/null || kill -0 $p2 2>/dev/null; do
	m=$(memavail)
	[ "$m" -lt "$low" ] && low=$m
	sleep 1
done
wait $p1
wait $p2
took=$((SECONDS - start))
sent=$(($(awk '{ print $2 }' "$DP_TMP/f1") + $(awk '{ print $2 }' "$DP_TMP/f2")))
received=$(($(director_rx) - rx0))
live=$(total_conns)
mem1=$(memavail) slab1=$(slab)
diag "flood: $sent of $COUNT tuples sent in $took s, $received packets received by the director; live connections $live; lowest MemAvailable $low MB; after: MemAvailable $mem1 MB, Slab $slab1 MB"
check "at least $MIN_SENT tuples sent" eval '[ "$sent" -ge "$MIN_SENT" ]'
# Every one the director took in, but for the few other packets it got
# meanwhile (the real server's ICMP errors, ARP); none invented.
check "the service counted (nearly) every one the director received" \
	stat_is "UDP $VIP:9999" 2 ge $((received * 99 / 100))
check "the service counted no more than were sent" stat_is "UDP $VIP:9999" 2 le "$sent"
check "live connections: no more than sent" eval '[ "$live" -le "$sent" ]'
check "memory stayed bounded (MemAvailable fell by < 400 MB)" eval '[ $((mem0 - low)) -lt 400 ]'
# A new client's datagram still reaches the real server (its closed port
# counts it). UDP, not an HTTP fetch: a TCP entry would sit in TIME_WAIT
# for two minutes and keep the table from emptying.
noports_above() { [ "$(udp_noports "$1")" -gt "$2" ]; }
still_serves() {
	local r
	r=$(udp_noports "${NS_RS[1]}")
	nsx "$NS_CLIENT" timeout 5 "$FLOOD" -s 10.0.1.2 -P 40000 -d "$VIP" -p 9999 -n 1 >/dev/null &&
		wait_for 5 noports_above "${NS_RS[1]}" "$r"
}
check "the director still serves: a new datagram reaches the real server" still_serves

check "-C removes the services" adm -C
check "expiry empties the connection table within 90 s" wait_for 90 table_empty
check "timeouts back to the defaults" adm --set 900 120 300
# Freed connections go back to the slab, their pages to the system: at
# least half of what the flood took.
slab_back() { [ $(($(slab) - slab0)) -le $(((slab1 - slab0) / 2)) ]; }
check "slab memory came back (at least half the growth)" wait_for 15 slab_back
diag "after expiry: MemAvailable $(memavail) MB, Slab $(slab) MB"
done_testing
