#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -L -c (the connection table, read from /proc/net/ip_vs_conn) against stock
# ipvsadm 1.31 with real entries: local UDP and TCP clients of IPv4 and IPv6
# services create them. The expire column counts down, so a comparison only
# counts when stock printed the same thing before and after ours (after
# three tries, with the countdown's digits left out).
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"
on_exit "ip addr del 10.99.0.1/32 dev lo; ip -6 addr del 2001:db8:99::1/128 dev lo"

ip addr add 10.99.0.1/32 dev lo 2>/dev/null
ip -6 addr add 2001:db8:99::1/128 dev lo nodad 2>/dev/null
"$IPVSADM_STOCK" -C
"$IPVSADM_STOCK" -A -u 10.99.0.1:53 -s rr -p 100
"$IPVSADM_STOCK" -a -u 10.99.0.1:53 -r 127.0.0.1:5353 -m
"$IPVSADM_STOCK" -A -u [2001:db8:99::1]:53 -s rr
"$IPVSADM_STOCK" -a -u [2001:db8:99::1]:53 -r [::1]:5353 -m
"$IPVSADM_STOCK" -A -t 10.99.0.1:80 -s rr
"$IPVSADM_STOCK" -a -t 10.99.0.1:80 -r 127.0.0.1:8080 -m
for i in 1 2 3; do
	echo x >/dev/udp/10.99.0.1/53
	echo y >/dev/udp/2001:db8:99::1/53
done 2>/dev/null
(exec 3<>/dev/tcp/10.99.0.1/80) 2>/dev/null

# countdown TRY TEXT: TEXT, from the 4th try on with the expire column as
# "mm:ss": three listings of a loaded guest can take more than a second,
# and the countdown would rarely agree. Its format is still compared.
countdown() {
	if [ "$1" -le 3 ]; then
		printf '%s' "$2"
	else
		sed -E 's/\b[0-9]{2}:[0-9]{2}\b/mm:ss/g' <<<"$2"
	fi
}

# compare_stable ARGS...: stock, ours, stock; retried while the two stock
# runs differ (a second passed, an entry came or expired).
compare_stable() {
	local try a b
	for try in 1 2 3 4 5 6; do
		run_one "$IPVSADM_STOCK" /dev/null "$@"
		a=$(countdown $try "$REC")
		run_one "$IPVSADM_OURS" /dev/null "$@"
		b=$(countdown $try "$REC")
		run_one "$IPVSADM_STOCK" /dev/null "$@"
		[ "$a" = "$(countdown $try "$REC")" ] || continue
		[ "$a" = "$b" ] && return 0
		diff -u <(printf '%s' "$a") <(printf '%s' "$b")
		return 1
	done
	echo "stock never printed the same twice in a row"
	return 1
}

plan 5
conns=$(($(wc -l </proc/net/ip_vs_conn) - 1))
if [ "$conns" -gt 0 ]; then
	pass "the kernel made $conns connection entries ($LVS_SIDE)"
elif [ "$LVS_SIDE" = lvs ]; then
	skip "connection entries from local clients" "lvs.ko made none for local traffic"
else
	fail "the kernel made no connection entries ($LVS_SIDE)"
fi
check "-Lnc identical" compare_stable -Lnc
check "-Lc (names) identical" compare_stable -Lc
check "-Lnc --persistent-conn identical" compare_stable -Lnc --persistent-conn
check "-Lc --persistent-conn identical" compare_stable -Lc --persistent-conn
diag "took ${SECONDS}s"
done_testing
