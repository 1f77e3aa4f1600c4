#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Containers, lvs.ko's opt-in (module parameter userns_admin, off by
# default): root of a user namespace administers the tables of a network
# namespace its user namespace owns, and nothing else. Off, it is refused,
# as IPVS refuses it (ctl-perm.sh has the transcripts). IPVS has no such
# switch: on side ipvs only the refusal is checked, the rest is skipped.
. "$(dirname "$0")/lib/core.bash"

I=$IPVSADM_STOCK
P=/sys/module/lvs/parameters/userns_admin
on_exit "$I -C"

# ct 'CMDS': root of a new user namespace, in a new network namespace
# (both gone when it ends); ct_host 'CMDS': the same, but in the initial
# network namespace, which the initial user namespace owns.
ct() { unshare -r -n sh -c "$1"; }
ct_host() { unshare -r sh -c "$1"; }
refused() { ! "$@" >/tmp/ctl-userns.out 2>&1 && grep -q 'Permission denied' /tmp/ctl-userns.out; }
host_table_is_one() {
	[ "$($I -Ln | grep -c '^TCP')" = 1 ] && $I -Ln | grep -q '10.0.0.1:80'
}

plan 11
check "a service in the initial namespace" $I -A -t 10.0.0.1:80 -s rr
check "off: a container's add is refused" refused ct "$I -A -t 10.0.0.2:80 -s rr"
check "off: a container's listing is refused" refused ct "$I -Ln"

if [ "$LVS_SIDE" != lvs ]; then
	for d in "off by default" "on: a container's own service and real server" \
		"on: its /proc/net/ip_vs lists them, not the host's" \
		"on: its flush leaves the host's table" \
		"on: root of a user namespace in the host's network namespace is refused" \
		"on: the sysctls stay hidden in the container" \
		"off again: refused again"; do
		skip "$d" "an lvs.ko opt-in (ip_vs has none)"
	done
	check "the host's table is as it was" host_table_is_one
	done_testing
fi

check "off by default" eval '[ "$(cat $P)" = N ]'
echo 1 >$P
on_exit "echo 0 >$P"
own() {
	local out
	# A route to the real server: a dest must be a unicast address.
	out=$(ct "ip link set lo up && ip addr add 10.0.0.10/24 dev lo &&
		$I -A -t 10.0.0.2:80 -s wlc && $I -a -t 10.0.0.2:80 -r 10.0.0.3:80 -m -w 2 && $I -Ln") &&
		echo "$out" | grep -q 'TCP  10.0.0.2:80 wlc' &&
		echo "$out" | grep -q '10.0.0.3:80 *Masq *2' &&
		! echo "$out" | grep -q '10.0.0.1:80' || { echo "$out"; false; }
}
check "on: a container's own service and real server" own
proc_own() {
	local out
	out=$(ct "$I -A -u 10.0.0.4:53 -s rr && cat /proc/net/ip_vs") &&
		echo "$out" | grep -q '^UDP  0A000004:0035' &&
		! echo "$out" | grep -q '0A000001:0050' || { echo "$out"; false; }
}
check "on: its /proc/net/ip_vs lists them, not the host's" proc_own
check "on: its flush leaves the host's table" eval 'ct "$I -C" && host_table_is_one'
check "on: root of a user namespace in the host's network namespace is refused" \
	eval 'refused ct_host "$I -A -t 10.0.0.5:80 -s rr" && refused ct_host "$I -C" && host_table_is_one'
# As with ip_vs, the directory is there, empty.
check "on: the sysctls stay hidden in the container" \
	ct '[ -z "$(ls /proc/sys/net/ipv4/vs 2>/dev/null)" ]'
echo 0 >$P
check "off again: refused again" refused ct "$I -A -t 10.0.0.2:80 -s rr"
check "the host's table is as it was" host_table_is_one
done_testing
