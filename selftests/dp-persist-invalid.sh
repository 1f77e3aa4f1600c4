#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# Persistence templates whose real server is gone: ip_vs does not drop
# them but invalidates them (client port 0, virtual and real server port
# 65535, found by no lookup) and lets them expire as they would have, so
# they stay listed by -Lnc and counted as PersistConn. Two clients of a
# persistent UDP service through the sink topology, with fixed source
# ports; a real server removed, then re-added; quiesced with
# expire_quiescent_template on; then every real server replaced by a
# sorry server. After each step -Lnc (sorted, without the expiry) and
# -Ln --persistent-conn equal the transcript recorded on ip_vs
# (ctl/dp-persist-invalid.expected, ctl/record dp-persist-invalid).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"
require_tool udpconns

plan 12
check "topology" topo_sink
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
SVC=$VIP:53
check "persistent UDP service over rs1, rs2" eval '
	adm -A -u "$SVC" -s rr -p 300 &&
	adm -a -u "$SVC" -r 10.9.0.1:53 -m && adm -a -u "$SVC" -r 10.9.0.2:53 -m'

# send: one new connection from each client, 10.0.1.10 and 10.0.1.11,
# both from source port 1024 + the number of earlier calls.
sends=0
_both_listed() {
	[ "$(adm -Lnc | grep -cE "^UDP .* 10\.0\.1\.1[01]:$1 ")" = 2 ]
}
send() {
	local port=$((1024 + sends))
	sends=$((sends + 1))
	nsx "$NS_CLIENT" "$UDPCONNS" -d "$VIP" -p 53 -n 2 -s 10.0.1.10 -a 2 \
		-o $((2 * (port - 1024))) >/dev/null || return 1
	wait_for 5 _both_listed "$port"
}

# snap NAME: the table as ipvsadm lists it, compared with ip_vs's.
snap() {
	section "$1"
	note "$(adm -Lnc | awk 'NR > 2 { $2 = ""; print }' | sort)"
	note "$(adm -Ln --persistent-conn)"
	end_section
}

check "clients bound" send
snap "bound"

adm -d -u "$SVC" -r 10.9.0.1:53
check "after rs1 is removed" send
snap "rs1 removed"

adm -a -u "$SVC" -r 10.9.0.1:53 -m
check "after rs1 is back" send
snap "rs1 re-added"

nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.expire_quiescent_template=1
adm -e -u "$SVC" -r 10.9.0.2:53 -m -w 0
check "after rs2 is quiesced" send
snap "rs2 quiesced"

adm -d -u "$SVC" -r 10.9.0.1:53
adm -d -u "$SVC" -r 10.9.0.2:53
adm -a -u "$SVC" -r 10.9.0.99:53 -m
check "after a sorry server replaced both" send
snap "sorry server"
done_testing
