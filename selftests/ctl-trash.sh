#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# The dest trash, as IPVS keeps it: a dest deleted while a connection
# still points at it is kept, and adding the same dest back revives it,
# with its stats and the connection's InActConn, under the new settings;
# a new dest starts from zero. The trash is the namespace's: a dest
# deleted with its service is revived into a service re-created with the
# same address (its connection back, its stats from zero), never into
# another service. The connection is one UDP datagram from the
# director itself (the LOCAL_OUT hooks) to the VIP, masqueraded to a real
# server on a dummy device, where it is dropped: the entry is all we need.
. "$(dirname "$0")/lib/core.bash"

I=$IPVSADM_STOCK
VIP=10.77.0.1 RS=10.78.0.2 RS2=10.78.0.3 DEV=lvstrash0
on_exit "ip link del $DEV; $I -C; $I --set 900 120 300"

# col ADDR N: field N of the real server's line in `ipvsadm -Ln` (4
# Weight, 5 ActiveConn, 6 InActConn).
col() { $I -Ln | awk -v a="$1:9999" -v n="$2" '$1 == "->" && $2 == a { print $n }'; }
col_is() { [ "$(col "$1" "$2")" = "$3" ]; }
# conns_is ADDR N: the real server's Conns in `ipvsadm -Ln --stats
# --exact`; ip_vs publishes it from its 2 s estimator, so callers wait.
conns_is() {
	[ "$($I -Ln --stats --exact |
		awk -v a="$1:9999" '$1 == "->" && $2 == a { print $3 }')" = "$2" ]
}
# show: the state, for a failing check's diagnostics; always fails.
show() { $I -Ln --stats --exact; $I -Ln; $I -Lnc; return 1; }

check "a dummy device for the VIP and the real servers" eval "
	ip link add $DEV type dummy && ip link set $DEV up &&
	ip addr add $VIP/24 dev $DEV && ip route add 10.78.0.0/24 dev $DEV"
# UDP connections last 2 min, long enough for every step below on a slow
# host; the last step shortens the connection's timeout to let it go.
check "a UDP service with one masqueraded dest" eval "
	$I --set 0 0 120 && $I -A -u $VIP:9999 -s rr &&
	$I -a -u $VIP:9999 -r $RS:9999 -m -w 1"
# The socket stays open, so a later datagram belongs to the same
# connection.
exec {udp}<>"/dev/udp/$VIP/9999"
on_exit "exec $udp>&-"
check "one datagram from the director" eval 'printf x >&$udp'
check "the dest has the connection (InActConn 1)" \
	eval "wait_for 5 col_is $RS 6 1 || show"
check "and counted it (Conns 1)" eval "wait_for 5 conns_is $RS 1 || show"

check "the dest is deleted" $I -d -u "$VIP:9999" -r "$RS:9999"
check "it is no longer listed" eval "[ -z \"\$(col $RS 6)\" ] || show"
check "the connection still points at it" \
	eval "$I -Lnc | grep -q ' $RS:9999\$' || show"

check "the same dest is added again, weight 3" \
	$I -a -u "$VIP:9999" -r "$RS:9999" -m -w 3
check "revived: the connection is back (InActConn 1)" \
	eval "col_is $RS 6 1 || show"
check "revived: its stats are back (Conns 1)" \
	eval "wait_for 5 conns_is $RS 1 || show"
check "revived: with the new weight" eval "col_is $RS 4 3 || show"
check "the revived dest can be deleted and revived again" eval "
	$I -d -u $VIP:9999 -r $RS:9999 &&
	$I -a -u $VIP:9999 -r $RS:9999 -m -w 2 && col_is $RS 6 1 || show"

check "a new dest starts from zero" eval "
	$I -a -u $VIP:9999 -r $RS2:9999 -m && col_is $RS2 6 0 &&
	conns_is $RS2 0 || show"
check "adding a live dest again is still refused (EEXIST)" \
	eval "! $I -a -u $VIP:9999 -r $RS2:9999 -m"

check "the service is deleted with its dests, and re-created" eval "
	$I -D -u $VIP:9999 && $I -A -u $VIP:9999 -s rr"
check "another service does not get the deleted service's dest" eval "
	$I -A -u $VIP:9998 -s rr && $I -a -u $VIP:9998 -r $RS:9999 -m &&
	col_is $RS 6 0 && $I -D -u $VIP:9998 || show"
check "the dest re-added to the re-created service" \
	$I -a -u "$VIP:9999" -r "$RS:9999" -m -w 1
check "revived from the deleted service: the connection is back" \
	eval "col_is $RS 6 1 || show"
check "revived into a new service: its stats start from zero (Conns 0)" \
	eval "wait_for 5 conns_is $RS 0 || show"
# A datagram on the connection takes the UDP timeout in force (IPVS sets
# it on every packet): 1 s now, so it expires soon after the service goes.
check "the UDP timeout is now 1 s, a datagram refreshes the connection" \
	eval '$I --set 0 0 1 && printf x >&$udp'
check "the service is deleted" $I -D -u "$VIP:9999"
check "the connection expires (1 s UDP timeout)" \
	eval "wait_for 10 eval '[ -z \"\$($I -Lnc | tail -n +3)\" ]' || show"
done_testing
