#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# The locality caches of lblc and lblcr over time and changes:
#  - lblcr drops the most loaded member of a dest set once the set has not
#    changed for lblcr_expiration (the sysctl, here 1 s): shown by a
#    weight change that makes the dropped member the set's least loaded,
#    against a control service run while the sysctl is still 24 h;
#  - lblc stops serving a cached dest that is quiesced (weight 0) or
#    deleted, and the entry then holds the new choice.
# Not shown (too slow for a test): the garbage collector's removal of
# entries unused for lblc(r)_expiration, which IPVS runs only every 30th
# minute-timer tick (or, past 16384 entries, for entries idle 6 minutes).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip busybox md5sum

plan 9
check "topology builds" sched_topo 3 1
for i in 1 2 3; do
	check "holding server in rs$i" sched_holder "${NS_RS[i]}"
done
VIP2=10.0.1.101 VIP3=10.0.1.102
addr "$NS_DIRECTOR" c0 "$VIP2/24" "$VIP3/24"

# svc3 VIP SCHED: TCP VIP:80 with rs1, rs2, rs3 (weight 1), listed rs3,
# rs2, rs1.
svc3() {
	local i
	adm -A -t "$1:80" -s "$2" || return 1
	for i in 1 2 3; do adm -a -t "$1:80" -r "${RS_IP[i]}:80" -m || return 1; done
}

# shrink VIP TAG RS: weights 1. Connections 1, 2 go to rs3 (wlc's choice,
# kept until rs3 is over its weight while rs2 is idle), 3 makes rs2 join
# the set {rs2, rs3}; after 2 s the fourth goes to the least loaded
# member, rs2 -- and if the set expired, rs3 (the most loaded) is dropped
# from it. Then rs3 gets weight 10: with rs3 still in the set it is now
# the least loaded member (2/10 < 2/1) and takes connection 5; without
# it, rs2 (2 > its weight 1 while rs3 is below half of its 10) gives way
# to wlc's choice rs1, which joins. RS: where connection 5 must go.
shrink() {
	svc3 "$1" lblcr || return 1
	held_to "$1" "$2" 3 3 2 || return 1
	sleep 2
	held_to "$1" "$2-late" 2 || return 1
	adm -e -t "$1:80" -r "${RS_IP[3]}:80" -m -w 10 || return 1
	held_to "$1" "$2-w10" "$3"
}
check "lblcr, expiration 24 h: the set keeps rs3, which takes the 5th" shrink "$VIP2" keep 3
check "lblcr_expiration set to 1 s" \
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.lblcr_expiration=1
check "lblcr, expiration 1 s: rs3 left the set, rs1 takes the 5th" shrink "$VIP" drop 1

# lblc: connection 1 caches rs3. rs3 quiesced: 2 goes to wlc's choice
# rs2, which the entry now holds; rs3 back to weight 1: 3 still goes to
# rs2 (cached, not over its weight), 4 to rs1 (rs2 over its weight while
# rs1 is idle). rs1 deleted: 5 goes to wlc's choice among rs3 (1 active)
# and rs2 (2): rs3.
unavailable() {
	svc3 "$VIP3" lblc || return 1
	held_to "$VIP3" lblc 3 || return 1
	adm -e -t "$VIP3:80" -r "${RS_IP[3]}:80" -m -w 0 || return 1
	held_to "$VIP3" lblc-q 2 || return 1
	adm -e -t "$VIP3:80" -r "${RS_IP[3]}:80" -m -w 1 || return 1
	held_to "$VIP3" lblc-b 2 1 || return 1
	adm -d -t "$VIP3:80" -r "${RS_IP[1]}:80" || return 1
	held_to "$VIP3" lblc-d 3
}
check "lblc: a quiesced or deleted cached server is replaced" unavailable
on_exit "nsx $NS_DIRECTOR sysctl -qw net.ipv4.vs.lblcr_expiration=86400"
check "flush" adm -C
done_testing
