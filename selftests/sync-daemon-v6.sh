#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# Connection sync over an IPv6 multicast group with sync_ports=2 on both
# directors, driven by stock ipvsadm --start-daemon --mcast-group ff02::...
# --mcast-port: what the master sends goes to the IPv6 group, on both
# ports (port and port+1, chosen per connection, so one connection is
# only ever on one of them), and the backup, listening on both, lists
# every connection of the master with its state and addresses.
# sync-daemon.sh covers the rest (IPv4 group, formats, injection).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sync.bash"
require_cmd ip busybox md5sum

require_tool syncmsg

GROUP=ff02::8848:5
MPORT=9000
N=16

plan 10
check "two directors with an IPv6-only sync link, web servers" \
	sync_directors fd00:9::1/64 fd00:9::2/64

check "the same services on master and backup" eval \
	'sync_services "$NS_DIRECTOR" && sync_services "$NS_BACKUP"'
check "sync_ports=2 on both" eval '
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.sync_ports=2 &&
	nsx "$NS_BACKUP" sysctl -qw net.ipv4.vs.sync_ports=2'
# daemon NS MODE: director NS's daemon MODE (master, backup) starts.
daemon() {
	local ADM_NS=$1
	adm --start-daemon "$2" --mcast-interface sync0 --syncid 7 \
		--mcast-group "$GROUP" --mcast-port "$MPORT"
}
check "backup daemon starts (group $GROUP, port $MPORT)" daemon "$NS_BACKUP" backup

# One listener per port, each bound to the IPv6 group: they only see
# what is sent to it.
W0=$DP_TMP/wire0 W1=$DP_TMP/wire1
nsx "$NS_BACKUP" "$SYNCMSG" listen sync0 60 "$MPORT" "$GROUP" >"$W0" 2>&1 &
on_exit "kill $! 2>/dev/null"
nsx "$NS_BACKUP" "$SYNCMSG" listen sync0 60 "$((MPORT + 1))" "$GROUP" >"$W1" 2>&1 &
on_exit "kill $! 2>/dev/null"
wait_for 5 grep -q listening "$W0"
wait_for 5 grep -q listening "$W1"
check "master daemon starts (the same group and port)" daemon "$NS_DIRECTOR" master

check "$N fetches through the IPv4 service, 2 through the IPv6 one" eval '
	for i in $(seq '"$N"'); do dp_fetch_is_from "$VIP" rs1 rs2 || exit 1; done &&
	dp_fetch_is_from "$VIP6" rs1 && dp_fetch_is_from "$VIP6" rs1'

same_conns() {
	local m b
	m=$(sync_conns "$NS_DIRECTOR") b=$(sync_conns "$NS_BACKUP")
	[ "$(echo "$m" | grep -c .)" -ge $((N + 2)) ] && [ "$m" = "$b" ] && return 0
	printf 'master:\n%s\nbackup:\n%s\n' "$m" "$b"
	return 1
}
check "the backup lists all the master's connections, states and addresses" \
	eval 'wait_for 15 same_conns >/dev/null || same_conns'

# wire_ok FILE: version 1 messages with syncid 7, all well-formed, with
# connections of the IPv4 service.
wire_ok() {
	grep -q "^msg v1 syncid=7 " "$1" && ! grep -q "^bad" "$1" &&
	! grep -E "^msg" "$1" | grep -vq "^msg v1 syncid=7 " &&
	grep -Eq "^conn proto=6 c=10\.0\.1\.2:[0-9]+ v=$VIP:80 d=10\.0\.2\.1[12]:80 " "$1" ||
	{ echo "$1:"; head -20 "$1"; false; }
}
check "wire: the group on port $MPORT gets connections" wire_ok "$W0"
check "wire: the group on port $((MPORT + 1)) gets connections" wire_ok "$W1"
# cports FILE: the client ports of the IPv4 service's connections.
cports() {
	grep -Eo "^conn proto=6 c=10\.0\.1\.2:[0-9]+ v=$VIP:80 " "$1" |
		sed 's/.*:\([0-9]*\) v=.*/\1/' | sort -u
}
# port_split: no connection on both ports, all N seen (awk, not comm:
# the guest has no comm, and a missing command must not pass).
port_split() {
	local both all
	both=$({ cports "$W0"; cports "$W1"; } | awk 'seen[$0]++')
	all=$({ cports "$W0"; cports "$W1"; } | sort -u | grep -c .)
	[ -z "$both" ] && [ "$all" -eq "$N" ] && return 0
	echo "on both ports:" $both "; seen: $all"
	return 1
}
check "wire: each connection on one port only, all $N of them seen" port_split
done_testing
