#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# Connection sync between two NAT directors on one link, driven by stock
# ipvsadm --start-daemon: traffic through the master (IPv4 and IPv6) shows
# up, with its states and addresses, templates included, in the backup's
# -Lnc; what the master sends is IPVS's wire format (version 1, and 0
# with sync_version=0, decoded by tools/syncmsg, an implementation of its
# own); hand-built version 1 and version 0 messages are applied by the
# backup, other syncids ignored, garbage survived; after --stop-daemon
# nothing more is synced.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sync.bash"
require_cmd ip busybox md5sum

require_tool syncmsg

plan 34
check "two directors with a sync link, web servers in rs1 and rs2" \
	sync_directors 10.0.9.1/24 10.0.9.2/24

# The same services on both: a plain one, a persistent one, an IPv6 one.
check "services on the master" sync_services "$NS_DIRECTOR" persistent
check "the same services on the backup" sync_services "$NS_BACKUP" persistent
check "backup daemon starts (syncid 5)" eval \
	'ADM_NS=$NS_BACKUP adm --start-daemon backup --mcast-interface sync0 --syncid 5'

WIRE=$DP_TMP/wire
nsx "$NS_BACKUP" "$SYNCMSG" listen sync0 60 >"$WIRE" 2>&1 &
on_exit "kill $! 2>/dev/null"
wait_for 5 grep -q listening "$WIRE"
check "master daemon starts (syncid 5)" \
	adm --start-daemon master --mcast-interface sync0 --syncid 5

check "3 fetches through the plain service" eval '
	for i in 1 2 3; do dp_fetch_is_from "$VIP" rs1 rs2 || exit 1; done'
check "2 fetches through the persistent service" eval '
	for i in 1 2; do
		[ "$(nsx "$NS_CLIENT" timeout 5 bash -c "exec 3<>/dev/tcp/$VIP/8080 &&
			printf \"GET /data HTTP/1.0\r\n\r\n\" >&3 && cat <&3" | wc -c)" -gt 65536 ] || exit 1
	done'
check "1 fetch through the IPv6 service" dp_fetch_is_from "$VIP6" rs1

same_conns() {
	local m b
	m=$(sync_conns "$NS_DIRECTOR") b=$(sync_conns "$NS_BACKUP")
	[ "$(echo "$m" | grep -c .)" -ge 7 ] && [ "$m" = "$b" ] && return 0
	printf 'master:\n%s\nbackup:\n%s\n' "$m" "$b"
	return 1
}
check "the backup lists the master's connections and template" \
	eval 'wait_for 15 same_conns || same_conns'
check "the template is among them" eval \
	'sync_conns "$NS_BACKUP" | grep -E "^TCP ASSURED 10\.0\.1\.2:0 $VIP:8080 10\.0\.2\.1[12]:80$"'
check "ip_vs_conn_sync: SYNC on the backup, LOCAL on the master" eval \
	'nsx "$NS_BACKUP" grep -q " SYNC " /proc/net/ip_vs_conn_sync &&
	 ! nsx "$NS_DIRECTOR" grep -q " SYNC " /proc/net/ip_vs_conn_sync'

# The wire: what the master sent, decoded independently.
check "wire: version 1 messages with syncid 5, all well-formed" eval '
	grep -q "^msg v1 syncid=5 " "$WIRE" && ! grep -q "^bad" "$WIRE" &&
	! grep -E "^msg" "$WIRE" | grep -vq "^msg v1 syncid=5 " ||
	{ head -40 "$WIRE"; false; }'
check "wire: NAT connections, ESTABLISHED (900 s) and closing" eval '
	grep -Eq "^conn proto=6 c=10\.0\.1\.2:[0-9]+ v=$VIP:80 d=10\.0\.2\.1[12]:80 flags=0x0000 state=1 timeout=900 fwmark=0$" "$WIRE" &&
	grep -Eq "^conn proto=6 c=10\.0\.1\.2:[0-9]+ v=$VIP:80 d=10\.0\.2\.1[12]:80 flags=0x0100 state=[4-7] timeout=[0-9]+ fwmark=0$" "$WIRE" ||
	{ grep "^conn" "$WIRE" | head -20; false; }'
# A template is sent with every packet of its connections: NONE (0)
# with the first, ASSURED (1) once one was established.
check "wire: the template (TEMPLATE|INACTIVE, 60 s), NONE then ASSURED" eval '
	t="^conn proto=6 c=10\.0\.1\.2:0 v=$VIP:8080 d=10\.0\.2\.1[12]:80 flags=0x1100"
	grep -Eq "$t state=0 timeout=60 fwmark=0$" "$WIRE" &&
	grep -Eq "$t state=1 timeout=60 fwmark=0$" "$WIRE" ||
	{ grep "^conn.*:0 " "$WIRE" | head; false; }'

check "wire: an IPv6 entry" grep -Eq \
	"^conn proto=6 c=\[fd00:1::2\]:[0-9]+ v=\[$VIP6\]:80 d=\[${RS_IP6[1]}\]:80 flags=0x0000 state=1 timeout=900 fwmark=0$" "$WIRE"

# sync_version 0: the old format, IPv4 only, no timeouts on the wire.
n0=$(wc -l <"$WIRE")
check "sync_version=0 on the master" nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.sync_version=0
check "a fetch with version 0" dp_fetch_is_from "$VIP" rs1 rs2
v0_sent() {
	tail -n +"$((n0 + 1))" "$WIRE" | grep -q "^msg v0 syncid=5 " &&
	tail -n +"$((n0 + 1))" "$WIRE" | grep -Eq "^conn proto=6 c=10\.0\.1\.2:[0-9]+ v=$VIP:80 d=10\.0\.2\.1[12]:80 flags=0x0000 state=1$"
}
check "wire: version 0 messages with the connection" eval 'wait_for 10 v0_sent'
check "the backup lists it too" eval 'wait_for 10 same_conns || same_conns'
nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.vs.sync_version=1

# Hand-built messages from the master's side of the link.
inject() { nsx "$NS_DIRECTOR" "$SYNCMSG" send sync0 "$@"; }
bkp_has() { ADM_NS=$NS_BACKUP adm -Lnc | grep -Eq "$1"; }
# shown: bkp_has, with the listing when it never matches.
shown() { wait_for 5 bkp_has "$1" || { ADM_NS=$NS_BACKUP adm -Lnc; false; }; }
check "a version 1 UDP entry (100 s) appears on the backup" eval '
	inject -s 5 "udp,10.0.1.77,5555,$VIP,53,${RS_IP[1]},53,0x100,0,100,0" &&
	shown "^UDP +01:(39|40) +UDP +10\.0\.1\.77:5555 +$VIP:53 +${RS_IP[1]}:53"'
check "a version 1 template (77 s) appears on the backup" eval '
	inject -s 5 "tcp,10.0.1.78,0,$VIP,8080,${RS_IP[2]},80,0x1000,1,77,0" &&
	shown "^TCP +01:1[67] +ASSURED +10\.0\.1\.78:0 +$VIP:8080 +${RS_IP[2]}:80"'
check "a version 0 entry gets the protocol's timeout (ESTABLISHED, 15 min)" eval '
	inject -0 -s 5 "tcp,10.0.1.79,6000,$VIP,80,${RS_IP[2]},80,0x0,1,0,0" &&
	shown "^TCP +(15:00|14:5[0-9]) +ESTABLISHED +10\.0\.1\.79:6000 +$VIP:80 +${RS_IP[2]}:80"'
check "another syncid is ignored" eval '
	inject -s 6 "udp,10.0.1.80,5555,$VIP,53,${RS_IP[1]},53,0x100,0,100,0" &&
	inject -s 5 "udp,10.0.1.81,5555,$VIP,53,${RS_IP[1]},53,0x100,0,100,0" &&
	shown "10\.0\.1\.81:5555" && ! bkp_has "10\.0\.1\.80:5555"'
check "1000 malformed messages" \
	nsx "$NS_DIRECTOR" "$SYNCMSG" fuzz sync0 1000 "$RANDOM" 5
check "and the backup still applies a good one" eval '
	inject -s 5 "udp,10.0.1.82,5555,$VIP,53,${RS_IP[1]},53,0x100,0,100,0" &&
	shown "10\.0\.1\.82:5555"'

# Synced before the backup has the service: unbound, then bound by the
# next update once it exists, counted by the activity that update brings.
# TCP states: 1 ESTABLISHED, 5 TIME_WAIT; flags 0x100 INACTIVE.
ca="tcp,10.0.1.90,7000,$VIP,81,${RS_IP[1]},80"
cb="tcp,10.0.1.91,7001,$VIP,81,${RS_IP[1]},80"
# counts: "ActiveConn InActConn" of rs1 in the backup's $VIP:81.
counts() {
	ADM_NS=$NS_BACKUP adm -Ln -t "$VIP:81" | awk -v rs="${RS_IP[1]}:80" '$2 == rs { print $5, $6 }'
}
counts_are() { [ "$(counts)" = "$1" ]; }
# counted N: wait for "$1", show the listing when it never comes.
counted() { wait_for 5 counts_are "$1" || { ADM_NS=$NS_BACKUP adm -Ln -t "$VIP:81"; false; }; }
check "2 connections synced before their service exists on the backup" eval '
	inject -s 5 "$ca,0x0,1,100,0" "$cb,0x0,1,100,0" &&
	shown "10\.0\.1\.90:7000 +$VIP:81" && shown "10\.0\.1\.91:7001 +$VIP:81"'
check "the service added on the backup: nothing bound yet" eval '
	ADM_NS=$NS_BACKUP adm -A -t "$VIP:81" -s rr &&
	ADM_NS=$NS_BACKUP adm -a -t "$VIP:81" -r "${RS_IP[1]}:80" -m &&
	sleep 0.3 && counted "0 0"'
check "the next updates bind them (one active, one now inactive)" eval '
	inject -s 5 "$ca,0x0,1,100,0" "$cb,0x100,5,100,0" && counted "1 1"'
check "active -> inactive moves it to InActConn" eval '
	inject -s 5 "$ca,0x100,5,100,0" && counted "0 2"'
check "inactive -> active moves it back" eval '
	inject -s 5 "$cb,0x0,1,100,0" && counted "1 1"'

check "master daemon stops" adm --stop-daemon master
before=$(sync_conns "$NS_BACKUP")
check "2 more fetches" eval 'dp_fetch_is_from "$VIP" rs1 rs2 && dp_fetch_is_from "$VIP" rs1 rs2'
sleep 3.5
# Only what is new counts: a template may expire meanwhile. Only the
# client's (10.0.1.2) connections: the fuzz above sends well-formed
# entries too, which a loaded backup may still be applying. awk, not
# comm: the guest has no comm, and a missing command must not pass.
no_new_conns() {
	local new
	new=$(sync_conns "$NS_BACKUP" | awk 'NR == FNR { old[$0]; next }
		!($0 in old) && $3 ~ /^10\.0\.1\.2:/' <(echo "$before") -) || return 1
	[ -z "$new" ] && return 0
	printf 'new on the backup:\n%s\n' "$new"
	return 1
}
check "after --stop-daemon nothing more reaches the backup" no_new_conns
check "backup daemon stops" eval 'ADM_NS=$NS_BACKUP adm --stop-daemon backup'
done_testing
