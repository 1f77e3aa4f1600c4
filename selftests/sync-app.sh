#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# The FTP helper and synced connections, on a backup: a synced TCP
# connection to port 21 has the helper (counted in /proc/net/ip_vs_app)
# while it forwards by NAT. When its real server appears only later, the
# helper follows that dest's forwarding method, as ip_vs's
# ip_vs_try_bind_dest rebinds it: synced as DR and bound to a NAT dest,
# it gets the helper; synced as NAT and bound to a DR dest, it loses it.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sync.bash"

require_tool syncmsg

plan 9
check "two directors with a sync link" sync_directors 10.0.9.1/24 10.0.9.2/24
case $LVS_SIDE in
lvs) check "the FTP helper on port 21 (built in)" true ;;
*) check "the FTP helper on port 21 (ip_vs_ftp)" modprobe ip_vs_ftp ;;
esac
check "backup daemon starts (syncid 5)" eval \
	'ADM_NS=$NS_BACKUP adm --start-daemon backup --mcast-interface sync0 --syncid 5'

inject() { nsx "$NS_DIRECTOR" "$SYNCMSG" send sync0 "$@"; }
bkp_has() { ADM_NS=$NS_BACKUP adm -Lnc | grep -Eq "$1"; }
# The backup's usecnt of the helper's port 21.
usecnt() {
	ip netns exec "$NS_BACKUP" cat /proc/net/ip_vs_app |
		awk '$1 == "TCP" && $2 == 21 { print $3 }'
}
usecnt_is() { [ "$(usecnt)" = "$1" ]; }
# counted N: wait for N, show the file when it never comes.
counted() {
	wait_for 5 usecnt_is "$1" ||
		{ ip netns exec "$NS_BACKUP" cat /proc/net/ip_vs_app; false; }
}

# Entries: flags 0x0 NAT, 0x3 DR; TCP state 1 ESTABLISHED, 100 s.
nat="tcp,10.0.1.90,7000,$VIP,21,${RS_IP[1]},21,0x0,1,100,0"
dr="tcp,10.0.1.91,7001,$VIP,21,${RS_IP[1]},21,0x3,1,100,0"
late="tcp,10.0.1.92,7002,$VIP,21,${RS_IP[2]},21,0x0,1,100,0"
check "a NAT and a DR connection synced before the service exists" eval '
	inject -s 5 "$nat" "$dr" &&
	wait_for 5 bkp_has "10\.0\.1\.90:7000" && wait_for 5 bkp_has "10\.0\.1\.91:7001"'
check "the NAT one has the helper, the DR one not" counted 1
check "the service on the backup, rs1 by NAT" eval '
	ADM_NS=$NS_BACKUP adm -A -t "$VIP:21" -s rr &&
	ADM_NS=$NS_BACKUP adm -a -t "$VIP:21" -r "${RS_IP[1]}:21" -m'
check "their next updates bind them to rs1: both NAT, both with the helper" \
	eval 'inject -s 5 "$nat" "$dr" && counted 2'
check "a NAT connection synced before its real server is in the service" \
	eval 'inject -s 5 "$late" && wait_for 5 bkp_has "10\.0\.1\.92:7002" && counted 3'
check "rs2 added by DR; the next update binds it and the helper goes" eval '
	ADM_NS=$NS_BACKUP adm -a -t "$VIP:21" -r "${RS_IP[2]}:21" -g &&
	inject -s 5 "$late" && counted 2'
done_testing
