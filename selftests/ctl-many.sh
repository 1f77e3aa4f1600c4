#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Many services and many real servers: everything restored with -R must be
# listed back completely (the netlink dumps resume across messages), and
# deleting or flushing them must leave nothing behind.
. "$(dirname "$0")/lib/core.bash"

NSVC=1000
NDEST=1000
ADM_NS=init # adm: stock ipvsadm in this (the initial) namespace
on_exit "$IPVSADM_STOCK -C"
T=$(mktemp -d /tmp/many.XXXXXX)
on_exit "rm -rf $T"

# Rules in ipvsadm -Sn's own format, so the save must equal them.
for i in $(seq 0 $((NSVC - 1))); do
	vip=10.$((i / 250 + 1)).$((i % 250 + 1)).1
	echo "-A -t $vip:80 -s rr"
	echo "-a -t $vip:80 -r 192.168.$((i % 250)).$((i / 250 + 1)):8080 -m -w 1"
	echo "-a -t $vip:80 -r 192.168.$((i % 250)).$((i / 250 + 101)):8080 -m -w 2"
	echo "-A -u $vip:53 -s wlc"
done >"$T/svc.rules"
{
	echo "-A -t 10.200.0.1:443 -s wlc"
	for i in $(seq 0 $((NDEST - 1))); do
		echo "-a -t 10.200.0.1:443 -r 172.16.$((i / 200)).$((i % 200 + 1)):443 -m -w $((i % 100 + 1))"
	done
} >"$T/dest.rules"

same_rules() { diff <(sort "$1") <(adm -Sn | sort) >/dev/null; }
count() { [ "$($1 | wc -l)" = "$2" ]; }

start=$(date +%s)
check "restore $((NSVC * 2)) services with $((NSVC * 2)) real servers" \
	adm -R <"$T/svc.rules"
diag "restore took $(($(date +%s) - start)) s"
check "ipvsadm -Sn lists every rule back" same_rules "$T/svc.rules"
check "ipvsadm -Ln has one line per service and server" \
	count "adm -Ln" $((3 + NSVC * 4))
check "/proc/net/ip_vs has one line per service and server" \
	count "cat /proc/net/ip_vs" $((3 + NSVC * 4))
check "a service in the middle is found" \
	count "adm -Ln -t 10.3.1.1:80" 5

# Delete every other TCP service; the rest must stay intact.
grep '^-A -t' "$T/svc.rules" | awk 'NR % 2 { sub("^-A", "-D"); sub(" -s rr$", ""); print }' >"$T/del.rules"
check "delete half the TCP services" adm -R <"$T/del.rules"
awk 'NR == FNR { sub("^-D ", ""); gone[$0 " "] = 1; next }
	{ k = $2 " " $3 " "; if (!(k in gone)) print }' "$T/del.rules" "$T/svc.rules" >"$T/left.rules"
check "the others are all still listed" same_rules "$T/left.rules"
check "flush" adm -C
check "nothing is left" count "adm -Sn" 0

check "restore one service with $NDEST real servers" adm -R <"$T/dest.rules"
check "every real server is listed back" same_rules "$T/dest.rules"
check "the service's own listing has them all" \
	count "adm -Ln -t 10.200.0.1:443" $((2 + 1 + NDEST))
check "flush" adm -C
check "nothing is left" count "adm -Sn" 0
done_testing
