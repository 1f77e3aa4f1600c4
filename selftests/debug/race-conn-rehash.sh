#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 180
# A synced connection waiting for its client port, bound late while its
# client's first packet fills the port in (#10's bug 7), with lvs.ko's
# race point holding the binding between making the connection's reply
# key and putting it in the reply table (kmod/race_point.h; test builds
# only, as `make check-debug` builds). Before the fix the binding did
# that outside the connection's lock: the packet rehashed the connection
# under its new port meanwhile (reply node in), and the binding then
# inserted the same node again under the old key. One node in two
# chains: a reply lookup that walks into it ends in the wrong bucket's
# end marker and restarts for ever, in softirq. Now the packet waits for
# the binding, and every reply from the real servers is still handled.
. "$(dirname "$0")/../lib/core.bash"
. "$(dirname "$0")/../lib/traffic.bash"

require_race_points
P=$RP/conn_hash_out
require_tool syncmsg
require_tool flood

plan 8
check "topology builds" topo_nat 1
on_exit "adm -C; adm --stop-daemon backup"
on_exit "echo 0 >$P/shots"
check "backup daemon on the client link (syncid 7)" \
	adm --start-daemon backup --mcast-interface c0 --syncid 7
RS=${RS_IP[1]}
check "a NAT UDP service without its real server yet" adm -A -u "$VIP:53" -s rr
# Client port 0 and IP_VS_CONN_F_NO_CPORT (0x800): the port comes with
# the client's first packet. Direct routing on the master (0x3), so not
# in the reply table until it is bound here, to a NAT real server (a
# synced connection takes its dest's forwarding method, as in IPVS).
ENTRY="udp,10.0.1.60,0,$VIP,53,$RS,53,0x803,0,60,0"
check "a synced connection waiting for its client port, unbound, DR" eval "
	nsx \"\$NS_CLIENT\" \"\$SYNCMSG\" send eth0 -s 7 \"$ENTRY\" &&
	wait_for 10 eval 'adm -Lnc | grep -q \" 10\.0\.1\.60:0 \"'"
check "the real server arrives" adm -a -u "$VIP:53" -r "$RS:53" -m

# The update binds it; the binding holds 3 s with the reply key made.
echo 3000 >$P/value
echo 1 >$P/shots
nsx "$NS_CLIENT" "$SYNCMSG" send eth0 -s 7 "$ENTRY"
check "the binding is held at the reply key" \
	wait_for 5 eval "[ \"\$(cat $P/shots)\" = 0 ]"
# Meanwhile the client's first packet, from port 7777.
nsx "$NS_CLIENT" "$FLOOD" -s 10.0.1.60 -P 7777 -N 1 -n 1 -d "$VIP" -p 53 >/dev/null
sleep 4
check "the connection has its port and its real server" \
	wait_for 5 eval "adm -Lnc | grep -Eq '^UDP .* 10\.0\.1\.60:7777 +$VIP:53 +$RS:53'"
# Replies to 256 tuples the table does not have: lookups that walk
# every bucket of the reply table to its end.
check "256 unknown replies from the real server are handled" \
	timeout 20 ip netns exec "${NS_RS[1]}" "$FLOOD" -s "$RS" -P 1000 -N 256 -n 256 \
	-d 10.0.1.200 -p 7000
done_testing
