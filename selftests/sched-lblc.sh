#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# lblc and lblcr: the locality cache keeps a destination address on its
# server until that server is "overloaded" in their sense (more active
# connections than its weight while another server is below half of its
# weight); then the weighted least-connection server takes over (lblc) or
# joins the address's server set (lblcr, which serves the least loaded
# member of the set).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sched.bash"
require_cmd ip busybox md5sum

plan 10
check "topology builds" sched_topo 3 12
for i in 1 2 3; do
	check "holding server in rs$i" sched_holder "${NS_RS[i]}"
done
VIP2=10.0.1.101
addr "$NS_DIRECTOR" c0 "$VIP2/24"

# Weights 1; listed rs3, rs2, rs1. The first connection goes to the wlc
# choice (all idle: the first listed, rs3). rs3 keeps the address until
# it has 2 active connections (> weight 1) while rs2 has none (2 * 0 < 1):
# the third goes to wlc's choice rs2, the fifth likewise to rs1; from then
# on nobody is below half its weight, so rs1 keeps the rest.
check "lblc: service with 3 servers" eval '
	adm -A -t "$VIP:80" -s lblc &&
	for i in 1 2 3; do adm -a -t "$VIP:80" -r "${RS_IP[i]}:80" -m || exit 1; done'
check "lblc: 7 active connections follow the cache" held_to "$VIP" lblc 3 3 2 2 1 1 1

# lblcr: the same turns, but the set grows: third connection rs2 joins
# ({rs2, rs3}, least loaded rs2), fifth rs1 joins; sixth and seventh go
# to the least loaded member, rs1.
check "lblcr: service with 3 servers" eval '
	adm -A -t "$VIP2:80" -s lblcr &&
	for i in 1 2 3; do adm -a -t "$VIP2:80" -r "${RS_IP[i]}:80" -m || exit 1; done'
check "lblcr: 7 active connections follow the set" held_to "$VIP2" lblcr 3 3 2 2 1 1 1

# Inactive (UDP) connections never overload a server: one address, one
# server, whatever the number of clients.
udp_all_first() {
	local i want=
	adm -A -u "$VIP:53" -s "$1" || return 1
	for i in 1 2 3; do adm -a -u "$VIP:53" -r "${RS_IP[i]}:53" -m || return 1; done
	for i in $(seq 12); do want+="${CLIENTS[i]} ${RS_IP[3]}"$'\n'; done
	udp_from "$VIP" 53 1 "${CLIENTS[@]:1:12}" || return 1
	map_is "$VIP:53" "$want" && adm -D -u "$VIP:53"
}
check "lblc: 12 UDP clients of one address all on rs3" udp_all_first lblc
check "flush" adm -C
done_testing
