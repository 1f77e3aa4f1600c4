#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 420
# A sync message for a real server whose last reference goes at that
# moment (#10's bug 1), with lvs.ko's race points holding each side in
# its window (kmod/race_point.h; test builds only, as `make check-debug`
# builds): the trash's expiry holds a dest it is about to drop (its last
# reference) while still hashed, and the sync backup, which looks that
# dest up meanwhile, is held between the lookup and the binding until
# the drop is done. Before the fix the expiry made the dest visible
# again for that instant, the lookup returned it, and the binding took a
# reference from 0 (a refcount warning, which fails the test, and a
# connection on a freed dest). Now a dest stays invisible until freed:
# the synced connection is made unbound, as for a real server this
# director does not have. The trash keeps a dest for 2-3 minutes.
. "$(dirname "$0")/../lib/core.bash"

require_race_points
require_tool syncmsg

plan 8
check "client and director, real servers on the director's dummy0" topo_sink
on_exit "adm -C; adm --stop-daemon backup"
on_exit "echo 0 >$RP/dest_drop/shots; echo 0 >$RP/sync_dest_found/shots"
check "backup daemon on the client link (syncid 7)" \
	adm --start-daemon backup --mcast-interface c0 --syncid 7
RS=10.9.0.1
check "a service whose one real server is in the trash" eval "
	adm -A -u $VIP:53 -s rr && adm -a -u $VIP:53 -r $RS:53 -m &&
	adm -d -u $VIP:53 -r $RS:53"

# The expiry holds 4 s: time for a sync message to come in and be looked
# up. The backup then holds 8 s, so the drop is done before it binds.
echo 4000 >$RP/dest_drop/value
echo 8000 >$RP/sync_dest_found/value
echo 1 >$RP/dest_drop/shots
check "the trash lets the real server go (within 200 s)" \
	wait_for 200 eval "[ \"\$(cat $RP/dest_drop/shots)\" = 0 ]"
t0=$SECONDS
echo 1 >$RP/sync_dest_found/shots
check "a sync message for a connection to it" \
	nsx "$NS_CLIENT" "$SYNCMSG" send eth0 -s 7 \
	"udp,10.0.1.60,6000,$VIP,53,$RS,53,0x0,0,30,0"
check "the backup looked it up while the drop was held" eval "
	wait_for 5 eval '[ \"\$(cat $RP/sync_dest_found/shots)\" = 0 ]' &&
	[ \$((SECONDS - t0)) -lt 4 ]"
check "the synced connection is listed" \
	wait_for 15 eval 'adm -Lnc | grep -q " 10\.0\.1\.60:6000 "'
sleep 5
check "the table empties" eval 'adm -C && [ -z "$(adm -Sn)" ]'
done_testing
