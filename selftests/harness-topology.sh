#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The core.bash NAT topology itself, before any virtual service exists: if
# this fails, a forwarding test's failure says nothing about ip_vs/lvs.
. "$(dirname "$0")/lib/core.bash"
require_cmd ip busybox

ping1() { nsx "$1" busybox ping -c 1 -W 2 "$2"; }

plan 8
check "topology builds" topo_nat 3
check "client reaches the director" ping1 "$NS_CLIENT" 10.0.1.1
check "client reaches the VIP address (IPv6)" ping1 "$NS_CLIENT" "$VIP6"
check "rs1 reaches the director over the bridge" ping1 "${NS_RS[1]}" 10.0.2.1
check "rs3 reaches the director (IPv6)" ping1 "${NS_RS[3]}" fd00:2::1
# Routed through the director: the path NAT replies take.
check "rs2 reaches the client through the director" ping1 "${NS_RS[2]}" 10.0.1.2
check "an HTTP server in rs1 starts" http_server "${NS_RS[1]}" "hello from rs1"
fetch_rs1() {
	local body rc
	body=$(http_get "$NS_CLIENT" "${RS_IP[1]}")
	rc=$?
	[ "$body" = "hello from rs1" ] && return 0
	echo "http_get exit $rc, body '$body'"
	return 1
}
check "the client fetches from rs1 directly" fetch_rs1
done_testing
