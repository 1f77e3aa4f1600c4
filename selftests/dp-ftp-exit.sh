#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# A passive FTP data connection whose client port, filled in by the
# client's first packet, clashes with another NAT connection (same real
# server, port and client tuple, through another virtual port): lvs cannot
# hash it again, so it lives on unhashed. Deleting the director's
# namespace must still flush it at once: the module can be removed within
# 10 s of the deletion (times LVS_TIME_SCALE, but under 30 s), not only
# after the SYN_RECV timeout (30 s).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_tool ftpd
require_tool flood

module_keep_loaded

plan 6
check "topology builds" topo_nat 1
[ "$LVS_SIDE" = lvs ] || modprobe ip_vs_ftp
mkdir -p "$DP_TMP/ftp"
echo data >"$DP_TMP/ftp/data"
nsx "${NS_RS[1]}" "$FTPD" "$DP_TMP/ftp" &
on_exit "kill $!"
check "an FTP service" eval 'wait_listen "${NS_RS[1]}" 21 &&
	adm -A -t "$VIP:21" -s rr && adm -a -t "$VIP:21" -r "${RS_IP[1]}:21" -m'

# A session that asks for PASV, writes the port the 227 names, stays.
# shellcheck disable=SC2016 # expanded by the inner bash
nsx "$NS_CLIENT" bash -c 'exec 3<>"/dev/tcp/$0/21" || exit 1
	for c in "USER anonymous" "PASS x" "PASV"; do
		read -r -t 5 l <&3; printf "%s\r\n" "$c" >&3
	done
	while read -r -t 5 l <&3; do
		case $l in 227*) l=${l#*\(}; IFS=, read -r a b c d p1 p2 <<<"${l%%\)*}"
			echo $((p1 * 256 + p2)) >"$1"; break ;; esac
	done
	sleep 100' "$VIP" "$DP_TMP/pasv" &
on_exit "kill $!"
check "PASV names a data port" wait_for 10 test -s "$DP_TMP/pasv"
X=$(cat "$DP_TMP/pasv")
diag "data port $X"

# Client port 40000 to VIP:2000 is NAT to the real server's data port:
# the reply tuple the data connection will want.
syn() { nsx "$NS_CLIENT" "$FLOOD" -t -s 10.0.1.2 -P 40000 -N 1 -n 1 -d "$VIP" -p "$1" >/dev/null; }
check "the clashing connection, then the data connection's first SYN" eval '
	adm -A -t "$VIP:2000" -s rr &&
	adm -a -t "$VIP:2000" -r "${RS_IP[1]}:$X" -m && syn 2000 && syn "$X"'
diag "$(adm -Lnc | grep -c .) lines in -Lnc"
check "no service left (services pin the module)" adm -C
# A slowed kernel (the debug lane) tears a namespace down slower, on
# both sides (ip_vs: 6 to 14 s there); the limit stays under the timeout
# the test is about (the module that waited for it: 58 s there).
limit=$((10 * ${LVS_TIME_SCALE:-1}))
[ "$limit" -lt 25 ] || limit=25
t0=$SECONDS
ip netns delete "$NS_DIRECTOR"
# One rmmod can block on the namespace's teardown: time it all.
module_unload 30 2>/dev/null
dt=$((SECONDS - t0))
diag "$dt s"
check "the module is removed within $limit s of the namespace" eval '! module_loaded && [ $dt -le $limit ]'
done_testing
