#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 900
# Allocation failures, on a kernel with fault injection (the debug kernel
# of `make check-debug`; skipped elsewhere).
#  - Configuration: every IPVS netlink command of a typical life (services
#    of each kind, dests, edits, a scheduler change, zero, daemons,
#    deletes, flush) is sent again and again with its 1st, 2nd, ... Nth
#    allocation failing (/proc/self/fail-nth through nlraw -f), until a run
#    makes no allocation fail. Whatever the answer, the configuration
#    afterwards (ipvsadm -Sn, --daemon) must be either what it was before
#    the command or what the command makes without a failure: never half
#    (but for IPVS's one exception, a failed scheduler change, below).
#  - Traffic: connections are created while the side's connection cache
#    fails every other allocation (failslab with a cache filter); packets
#    may be dropped, but nothing crashes, and once the failures stop every
#    request is answered again.
# Leaks are caught by the guest's kmemleak check after the test.
. "$(dirname "$0")/../lib/core.bash"
. "$(dirname "$0")/../lib/traffic.bash"

DBG=/sys/kernel/debug
[ -e /proc/self/fail-nth ] && [ -d $DBG/failslab ] ||
	skip_all "the kernel has no fault injection (CONFIG_FAULT_INJECTION, FAILSLAB)"
require_tool nlraw
I=$IPVSADM_STOCK

# GFP_KERNEL allocations (most of the control path) count too, and so do
# order-0 pages.
echo N >$DBG/failslab/ignore-gfp-wait
echo N >$DBG/fail_page_alloc/ignore-gfp-wait
echo 0 >$DBG/fail_page_alloc/min-order
# No stack dump per injected failure: the serial console is slow, and a
# failure's effect is what is checked.
echo 0 >$DBG/failslab/verbose
echo 0 >$DBG/fail_page_alloc/verbose
on_exit "echo 0 >$DBG/failslab/probability; echo N >$DBG/failslab/cache-filter"
on_exit "$I -C; $I --stop-daemon master; $I --stop-daemon backup; $I --set 900 120 300"

NEW_SVC=1 SET_SVC=2 DEL_SVC=3 NEW_DEST=5 SET_DEST=6 DEL_DEST=7
NEW_DAEMON=9 DEL_DAEMON=10 SET_CONFIG=12 ZERO=16 FLUSH=17
NOFLAGS="hex:7:0000000000000000 u32:8:0 be32:9:0xffffffff"
PERSIST="hex:7:0100000001000000 u32:8:300 be32:9:0xffffffff"
TCP="nest:1 u16:1:2 u16:2:6 hex:3:0a000001 be16:4:80"
UDP6="nest:1 u16:1:10 u16:2:17 hex:3:20010db8000000000000000000000001 be16:4:53"
FWM="nest:1 u16:1:2 u32:5:7"
D1="nest:2 hex:1:c0a80101 be16:2:80"
D2="nest:2 hex:1:c0a80102 be16:2:80"
D6="nest:2 hex:1:20010db8000000000000000000000002 be16:2:53"
DOPT="u32:3:0 u32:4:1 u32:5:0 u32:6:0"

# The configuration as text: services and dests, and the daemons and
# timeouts once a step has changed them. Each listing is a process start,
# slow on the debug kernel: after each fault the sweep compares fstate
# first, and lists only when that differs from both expected states.
WITH_DAEMON=0 WITH_TIMEOUT=0
state() {
	$I -Sn
	[ $WITH_DAEMON = 0 ] || $I -L --daemon
	[ $WITH_TIMEOUT = 0 ] || $I -L --timeout
}

# The whole configuration as the kernel's dumps report it, in one quick
# process (services, dests, daemons, timeouts; sorted, as dumps come in
# hash order). ipvsadm prints what the dumps say, so equal fstates mean
# equal states.
fstate() {
	"$NLRAW" -S
}

# One step: the command's tokens. The state before it is what the steps
# before it made (each is run once without faults after its sweep).
STEPS=(
	"$NEW_SVC $TCP str:6:wlc $NOFLAGS end"
	"$NEW_SVC $UDP6 str:6:lblcr $PERSIST u32:9:64 end"
	"$NEW_SVC $FWM str:6:mh $NOFLAGS end"
	"$NEW_DEST $TCP end $D1 $DOPT end"
	"$NEW_DEST $TCP end $D2 u32:3:0 u32:4:3 u32:5:100 u32:6:10 end"
	"$NEW_DEST $UDP6 end $D6 u32:3:2 u32:4:1 u32:5:0 u32:6:0 u8:13:1 be16:14:6080 end"
	"$NEW_DEST $FWM end $D1 $DOPT end"
	"$SET_SVC $TCP str:6:sh $NOFLAGS end"
	"$SET_DEST $TCP end $D2 u32:3:0 u32:4:5 u32:5:0 u32:6:0 end"
	"$SET_CONFIG u32:4:100 u32:5:20 u32:6:30"
	"$ZERO $TCP end"
	"$NEW_DAEMON nest:3 u32:1:1 str:2:lo u32:3:7 end"
	"$NEW_DAEMON nest:3 u32:1:2 str:2:lo u32:3:7 end"
	"$DEL_DAEMON nest:3 u32:1:2 end"
	"$DEL_DEST $TCP end $D1 end"
	"$DEL_SVC $UDP6 end"
	"$FLUSH"
)

# sweep STEP: the step with its Nth allocation failing, N = 1, 2, ...
# until it runs without a failure; each time the state must be the one
# before or the one after.
sweep() {
	local step=$1 before after fbefore fafter fnow now n out bad=0
	before=$(state)
	fbefore=$(fstate)
	"$NLRAW" $step >/tmp/faults.ref 2>&1
	after=$(state)
	fafter=$(fstate)
	fnow=$fafter
	for ((n = 1; n <= 400; n++)); do
		if [ "$fnow" != "$fbefore" ]; then
			restore "$before" || { echo "cannot restore the state before"; return 1; }
			# The same state, perhaps dumped in another order.
			fbefore=$(fstate)
		fi
		# The faulted command and the fstate after it, in one process
		# (each process start is slow on the debug kernel).
		# shellcheck disable=SC2086 # tokens, split on purpose
		out=$("$NLRAW" -S -f "$n" $step 2>&1)
		fnow=${out#*$'\n'"--- state"}
		fnow=${fnow#$'\n'}
		out=${out%%$'\n'"--- state"*}
		[ "$fnow" = "$fbefore" ] || [ "$fnow" = "$fafter" ] || {
			now=$(state)
			# A scheduler change that fails after the old scheduler
			# was let go leaves the service without one ("-s none"):
			# what ip_vs_edit_service does too, and what the listing
			# says.
			if [ "$now" != "$before" ] && [ "$now" != "$after" ] &&
				[ "$now" != "$(no_scheduler "$step" "$before")" ]; then
				echo "fault $n: half-done (answer: ${out//$'\n'/ })"
				diff <(echo "$before") <(echo "$now") | head -n 20
				bad=1
			fi
		}
		[[ $out == *"no fault"* ]] && break
	done
	SWEPT=$((n - 1))
	[ "$fnow" = "$fafter" ] || restore "$after"
	return $bad
}

# no_scheduler STEP STATE: STATE with the service that STEP edits left
# without a scheduler, if STEP is an edit of the TCP service.
no_scheduler() {
	case $1 in
	"$SET_SVC $TCP "*) echo "$2" | sed -E 's/^(-A -t 10\.0\.0\.1:80) -s [a-z]+/\1 -s none/' ;;
	*) echo "$2" ;;
	esac
}

# restore WANT: the state WANT (as printed by state), from scratch.
restore() {
	local want=$1
	$I -C
	$I --stop-daemon master 2>/dev/null
	$I --stop-daemon backup 2>/dev/null
	# The timeouts line: "Timeout (tcp tcpfin udp): A B C".
	set -- $(echo "$want" | sed -n 's/^Timeout (tcp tcpfin udp): //p')
	[ $# = 3 ] && $I --set "$@"
	echo "$want" | grep -E '^-[Aa] ' | $I -R || return 1
	echo "$want" | grep -q '^master sync daemon' &&
		$I --start-daemon master --mcast-interface lo --syncid 7
	echo "$want" | grep -q '^backup sync daemon' &&
		$I --start-daemon backup --mcast-interface lo --syncid 7
	[ "$(state)" = "$want" ]
}

for step in "${STEPS[@]}"; do
	case $step in
	"$NEW_DAEMON "*) WITH_DAEMON=1 ;;
	"$SET_CONFIG "*) WITH_TIMEOUT=1 ;;
	esac
	SWEPT=0
	check "allocation failures in: nlraw $step" sweep "$step"
	diag "$SWEPT allocations failed one by one"
done
check "the configuration is flushed" eval "[ -z \"\$($I -Sn)\" ]"

# --- traffic -------------------------------------------------------------
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $I -C"
check "web servers" eval "dp_web ${NS_RS[1]} rs1 && dp_web ${NS_RS[2]} rs2"
check "a NAT service" eval "adm -A -t $VIP:80 -s rr &&
	adm -a -t $VIP:80 -r ${RS_IP[1]}:80 -m && adm -a -t $VIP:80 -r ${RS_IP[2]}:80 -m"
case $LVS_SIDE in
lvs) CACHE=lvs_conn ;;
*) CACHE=ip_vs_conn ;;
esac
# The cache's failslab mark comes from the kernel command line
# (slub_debug=A,CACHE, which vm/run sets for the debug kernel): the
# cache filter then fails that cache's allocations alone.
failing() {
	local mark
	mark=$(cat /sys/kernel/slab/$CACHE/failslab) || return 1
	[ "$mark" = 1 ] || { echo "$CACHE has no failslab mark (slub_debug=A,$CACHE)"; return 1; }
	echo Y >$DBG/failslab/cache-filter &&
		echo -1 >$DBG/failslab/times &&
		echo "$1" >$DBG/failslab/probability
}
check "every other $CACHE allocation fails" failing 50
ok=0
for i in $(seq 20); do
	dp_fetch_is_from "$VIP" rs1 rs2 >/dev/null 2>&1 && ok=$((ok + 1))
done
diag "$ok of 20 fetches answered while allocations failed"
check "the failures stop" eval "echo 0 >$DBG/failslab/probability && echo N >$DBG/failslab/cache-filter"
for i in 1 2 3 4; do
	check "fetch $i after the failures" dp_fetch_is_from "$VIP" rs1 rs2
done
done_testing
