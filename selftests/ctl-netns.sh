#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every piece of IPVS state is per network namespace: services, timeouts,
# sync daemon settings, sysctls and /proc. Deleting a namespace with
# services configured frees them: services hold references on the module
# (as with ip_vs), and the count must come back down.
. "$(dirname "$0")/lib/core.bash"

ADM_NS=init # adm: stock ipvsadm in this (the initial) namespace
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
case $LVS_SIDE in
lvs) mod=lvs ;;
*) mod=ip_vs ;;
esac
refcnt() { cat "/sys/module/$mod/refcnt"; }
on_exit "$IPVSADM_STOCK -C"

# ip_vs loads a module per scheduler, and that takes a reference too:
# use rr and wlc once so the baseline already includes them.
for s in rr wlc; do
	adm -A -t 10.9.9.9:9 -s $s && adm -D -t 10.9.9.9:9
done
base=$(refcnt)

ns_new A a
ns_new B b
saved_in() { [ "$(in_ns "$1" "$IPVSADM_STOCK" -Sn)" = "$2" ]; }

check "add services in namespace A" in_ns "$A" bash -c "
	$IPVSADM_STOCK -A -t 10.0.0.1:80 -s rr &&
	$IPVSADM_STOCK -a -t 10.0.0.1:80 -r 192.168.0.1:80 -m &&
	$IPVSADM_STOCK -A -u [2001:db8::1]:53 -s rr &&
	$IPVSADM_STOCK -A -f 3 -s rr &&
	$IPVSADM_STOCK -a -f 3 -r 192.168.0.2 -g"
check "namespace B does not see them" saved_in "$B" ""
check "the initial namespace does not see them" saved_in 1 ""
check "/proc/net/ip_vs in B lists nothing" \
	test "$(in_ns "$B" cat /proc/net/ip_vs | wc -l)" = 3
check "/proc/net/ip_vs in A lists them" \
	test "$(in_ns "$A" cat /proc/net/ip_vs | wc -l)" = 8
check "the same service can be added in B" \
	in_ns "$B" "$IPVSADM_STOCK" -A -t 10.0.0.1:80 -s wlc
check "and deleted there without touching A" \
	in_ns "$B" "$IPVSADM_STOCK" -D -t 10.0.0.1:80
check "A still has its rules" saved_in "$A" "-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1
-A -u [2001:db8::1]:53 -s rr
-A -f 3 -s rr
-a -f 3 -r 192.168.0.2:0 -g -w 1"

check "timeouts set in A" in_ns "$A" "$IPVSADM_STOCK" --set 11 22 33
check "A reports them" test "$(in_ns "$A" "$IPVSADM_STOCK" -L --timeout)" = \
	"Timeout (tcp tcpfin udp): 11 22 33"
check "B keeps the defaults" test "$(in_ns "$B" "$IPVSADM_STOCK" -L --timeout)" = \
	"Timeout (tcp tcpfin udp): 900 120 300"
check "sync daemon started in A" in_ns "$A" "$IPVSADM_STOCK" \
	--start-daemon backup --mcast-interface lo --syncid 5
check "B has no daemon" test -z "$(in_ns "$B" "$IPVSADM_STOCK" -L --daemon)"
check "a sysctl written in A" in_ns "$A" sh -c 'echo 2048 > /proc/sys/net/ipv4/vs/amemthresh'
check "keeps its default in B" test "$(in_ns "$B" cat /proc/sys/net/ipv4/vs/amemthresh)" = 1024

# ip_vs takes one per service and more (sync daemon, ...): only the
# direction is common ground.
refs_held() { [ "$(refcnt)" -gt "$base" ]; }
refs_back() { [ "$(refcnt)" = "$base" ]; }
check "the services hold module references" refs_held
diag "module references: $base before, $(refcnt) with namespace A"
check "delete namespace A with its services" ip netns delete "$A"
check "the references are dropped" wait_for 20 refs_back
check "the initial namespace is still empty" saved_in 1 ""
done_testing
