#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 360
# selftest-timeout-long: 2400
# Lifecycle soak: the module is unloaded and loaded again, cycle after
# cycle, under traffic and with readers of everything it shows running
# all the time. Readers, in the director's namespace and the initial one,
# loop over /proc/net/ip_vs, ip_vs_conn, ip_vs_conn_sync, ip_vs_stats,
# ip_vs_stats_percpu and every net/ipv4/vs sysctl (one of them holding
# its files open across a pause), and over netlink dumps (stock ipvsadm
# -Ln, -Lnc, -L --daemon, -L --timeout). Traffic, from the client of a
# topo_nat with two real servers: forged UDP datagrams and TCP SYNs from
# 128 fixed tuples each (tools/flood, answered by udpecho and httpd) and
# whole HTTP fetches (dp_fetch).
#
# Each cycle loads the side's module as vm/init does (side lvs: lvs.ko's
# dependencies, then insmod; side ipvs: modprobe ip_vs), configures a TCP
# and a UDP NAT service over both servers and a sync master daemon,
# checks that a fetch arrives intact and a UDP exchange is echoed, lets
# traffic and readers run, and unloads the module (rmmod retried for up
# to 10 s as vm/init does; on ipvs every ip_vs* module, schedulers
# first). The services and the daemon hold the module on ip_vs, so odd
# cycles stop the daemon and flush the table first (connections stay in
# it), even cycles delete the director's namespace with its live
# connections, services and daemon instead and build it again before the
# unload.
# Readers may fail while the module is away, nothing may hang.
#
# At the end the module loads once more, a fresh service carries TCP and
# UDP correctly, every reader and traffic loop exits and no process is
# left in D state. The test starts and ends with the module loaded.
#
# Cycles: 5 by default (~1 minute a side in the emulated guest);
# LVS_STRESS=long runs 20 (the debug lane, where a cycle takes minutes),
# LIFECYCLE_CYCLES=N any number (make soak: 100 on Debian's kernel) (vm/run --long sets LVS_STRESS=long and takes the
# selftest-timeout-long limit).
#
# Note for side ipvs: a stock ipvsadm that finds no IPVS family runs
# modprobe ip_vs itself (and the kernel autoloads the family), so there
# the readers may load ip_vs again between an unload and the next load;
# on side lvs modprobe.d makes that fail, and ip_vs must stay unloaded.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum insmod rmmod modprobe
require_tool flood
require_tool udpecho

case ${LVS_STRESS:-} in
long) CYCLES=20 ;;
*) CYCLES=5 ;;
esac
CYCLES=${LIFECYCLE_CYCLES:-$CYCLES}

# --- the module, as vm/init loads and unloads it ---------------------------

case $LVS_SIDE in
lvs | ipvs) ;;
*) skip_all "unknown side '$LVS_SIDE'" ;;
esac
# Whatever happens, the harness gets the module loaded back.
module_keep_loaded

# --- topology, services, traffic -----------------------------------------------

check "topology builds" topo_nat 2
# The forged clients 10.64.0.0/15 live behind the client, which drops
# what comes back to them.
ip -n "$NS_DIRECTOR" route add 10.64.0.0/15 via 10.0.1.2
for i in 1 2; do
	check "web server in rs$i" dp_web "${NS_RS[i]}" "rs$i"
	nsx "${NS_RS[i]}" "$UDPECHO" 9999 2>"$DP_TMP/echo$i.err" &
	on_exit "kill $!"
	wait_for 5 grep -q ready "$DP_TMP/echo$i.err"
done

old_links_gone() {
	local ns
	for ns in "$NS_CLIENT" "${NS_RS[@]}"; do
		ip -n "$ns" link show eth0 >/dev/null 2>&1 && return 1
	done
	return 0
}

# in_netns_inode INO: every process still in the network namespace INO
# (what keeps it from going), with its state and kernel stack.
in_netns_inode() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/net" 2>/dev/null)" = "net:[$1]" ] || continue
		echo "in the old namespace: ${p#/proc/} $(cat "$p/comm") $(cut -d' ' -f3 "$p/stat")" \
			"$(tr '\0' ' ' <"$p/cmdline")"
		cat "$p/stack" 2>/dev/null
	done
}

# director_build: the director's side of topo_nat again, in a new
# namespace of the same name, for the client and real servers that
# outlived the old one (their ends of its veth pairs went with it). One
# ip -batch a namespace: every process start counts in the guest.
director_build() {
	local i
	# The old namespace goes away asynchronously, and its veth pairs
	# with it.
	wait_for 20 old_links_gone || {
		echo "the old director's links stay"
		in_netns_inode "$old_director_ino"
		return 1
	}
	ip netns add "$NS_DIRECTOR" || return 1
	ip -n "$NS_DIRECTOR" -batch - <<-EOF || return 1
		link set lo up
		link add br0 type bridge
		link set br0 up
		addr add 10.0.2.1/24 dev br0
		link add c0 type veth peer name eth0 netns $NS_CLIENT
		link set c0 up
		addr add 10.0.1.1/24 dev c0
		addr add $VIP/24 dev c0
		link add rs1 type veth peer name eth0 netns ${NS_RS[1]}
		link set rs1 master br0 up
		link add rs2 type veth peer name eth0 netns ${NS_RS[2]}
		link set rs2 master br0 up
		route add 10.64.0.0/15 via 10.0.1.2
	EOF
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.ip_forward=1 >/dev/null || return 1
	ip -n "$NS_CLIENT" -batch - <<-EOF || return 1
		link set eth0 up
		addr add 10.0.1.2/24 dev eth0
		route add default via 10.0.1.1
	EOF
	for i in 1 2; do
		ip -n "${NS_RS[i]}" -batch - <<-EOF || return 1
			link set eth0 up
			addr add ${RS_IP[i]}/24 dev eth0
			route add default via 10.0.2.1
		EOF
	done
}

# services: TCP and UDP NAT services over both real servers and a sync
# master daemon, in the director (one ipvsadm for the table).
services() {
	adm -R <<-EOF || return 1
		-A -t $VIP:80 -s rr
		-a -t $VIP:80 -r ${RS_IP[1]}:80 -m
		-a -t $VIP:80 -r ${RS_IP[2]}:80 -m
		-A -u $VIP:9999 -s rr
		-a -u $VIP:9999 -r ${RS_IP[1]}:9999 -m
		-a -u $VIP:9999 -r ${RS_IP[2]}:9999 -m
	EOF
	adm --start-daemon master --mcast-interface c0 --syncid 7
}

# carries: a fetch arrives intact and a UDP exchange is echoed.
carries() {
	wait_for 10 dp_fetch_is_from "$VIP" rs1 rs2 || dp_fetch_is_from "$VIP" rs1 rs2 || return 1
	wait_for 10 udp_exchange "$VIP" || { echo "UDP exchange through $VIP:9999 failed"; return 1; }
}

# loop NAME STOPFILE CMD...: runs CMD until STOPFILE exists and writes
# how many rounds ran and failed to $DP_TMP/NAME.count.
loop() {
	local name=$1 stop=$2 n=0 bad=0
	shift 2
	while [ ! -e "$stop" ]; do
		"$@" >/dev/null 2>&1 || bad=$((bad + 1))
		n=$((n + 1))
		sleep 0.3
	done
	echo "$name: $n rounds, $bad failed" >"$DP_TMP/$name.count"
}

# flood_burst: 128 UDP datagrams, or 128 TCP SYNs, in turn, each from the
# same 128 tuples every time.
burst=0
flood_burst() {
	burst=$((burst + 1))
	if [ $((burst % 2)) = 0 ]; then
		nsx "$NS_CLIENT" "$FLOOD" -s 10.64.0.0 -N 128 -n 128 -d "$VIP" -p 9999 -T 2
	else
		nsx "$NS_CLIENT" "$FLOOD" -t -s 10.65.0.0 -N 128 -n 128 -d "$VIP" -p 80 -T 2
	fi
}
fetch_one() { dp_fetch_is_from "$VIP" rs1 rs2; }

# --- readers ------------------------------------------------------------------------

PROC_FILES=(/proc/net/ip_vs /proc/net/ip_vs_conn /proc/net/ip_vs_conn_sync
	/proc/net/ip_vs_stats /proc/net/ip_vs_stats_percpu)

# in_ns NS CMD...: CMD in namespace NS, "-" being the initial one.
in_ns() {
	local ns=$1
	shift
	if [ "$ns" = - ]; then "$@"; else nsx "$ns" "$@"; fi
}

read_proc() {
	local rc=0
	in_ns "$1" cat "${PROC_FILES[@]}" || rc=1
	in_ns "$1" grep -rs . /proc/sys/net/ipv4/vs/ || rc=1
	return $rc
}

# read_netlink NS: one of the four dumps, in turn.
DUMPS=(-Ln -Lnc "-L --daemon" "-L --timeout")
dump=0
# A listing that outlives its limit is killed. Stock ipvsadm -Lnc loops
# forever on a read error of /proc/net/ip_vs_conn (it waits for EOF),
# which is what an unload in the middle of its read gives it, on ip_vs
# as on lvs.ko (ctl-unload-reader): that one is only counted. Any other
# listing that hangs (netlink) fails the test at the end.
read_netlink() {
	local rc what
	dump=$(((dump + 1) % ${#DUMPS[@]}))
	what=${DUMPS[dump]}
	# shellcheck disable=SC2086 # two words for two of them
	in_ns "$1" timeout 30 "$IPVSADM_STOCK" $what
	rc=$?
	if [ $rc = 124 ]; then
		what="ipvsadm $what in ${1/#-/the initial namespace} ran for 30 s"
		if [ "${DUMPS[dump]}" = -Lnc ]; then
			echo "$what" >>"$DP_TMP/spun"
		else
			echo "$what" >>"$DP_TMP/hung"
		fi
	fi
	return $rc
}

# read_held NS: opens a connection list, a sysctl and the stats, reads
# the list's first line, pauses (an unload may come), then the rest.
read_held() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	in_ns "$1" bash -c '
		exec 3</proc/net/ip_vs_conn 4</proc/sys/net/ipv4/vs/sync_threshold \
			5</proc/net/ip_vs_stats_percpu || exit 1
		read -r -u 3 && sleep 0.4 &&
		while read -r -u 3; do :; done &&
		read -r -u 4 && read -r -u 5'
}

STOP_TRAFFIC=$DP_TMP/stop-traffic STOP_READERS=$DP_TMP/stop-readers
on_exit "touch $STOP_TRAFFIC $STOP_READERS"
TRAFFIC=() READERS=()
loop flood "$STOP_TRAFFIC" flood_burst &
TRAFFIC+=($!)
loop fetch "$STOP_TRAFFIC" fetch_one &
TRAFFIC+=($!)
for ns in "$NS_DIRECTOR" -; do
	tag=director
	[ "$ns" = - ] && tag=init
	loop "proc-$tag" "$STOP_READERS" read_proc "$ns" &
	READERS+=($!)
	loop "netlink-$tag" "$STOP_READERS" read_netlink "$ns" &
	READERS+=($!)
done
loop held-director "$STOP_READERS" read_held "$NS_DIRECTOR" &
READERS+=($!)

# --- the cycles -----------------------------------------------------------------

# must DESC CMD...: a check whose failure ends the cycles (what follows
# would only fail for the same reason).
must() {
	local failed=$_tap_failed
	check "$@"
	[ "$_tap_failed" = "$failed" ]
}

ms() { echo $((${EPOCHREALTIME/./} / 1000)); }

# unload_timed: the unload, with its time in $unload_ms.
unload_timed() {
	local t0 rc
	t0=$(ms)
	module_unload 10
	rc=$?
	unload_ms=$(($(ms) - t0))
	if [ $rc != 0 ]; then
		echo "unload failed after ${unload_ms} ms; /proc/modules:"
		grep -E "^(lvs|ip_vs)" /proc/modules
	fi
	return $rc
}

t_start=$SECONDS
for c in $(seq "$CYCLES"); do
	t0=$SECONDS
	if [ "$c" -gt 1 ]; then
		must "cycle $c: the module loads" module_load || break
	fi
	must "cycle $c: services and sync daemon configured" services || break
	check "cycle $c: a fetch and a UDP exchange go through" carries
	# Traffic and readers meet the new tables for a while.
	sleep 1.5
	if [ $((c % 2)) = 0 ]; then
		must "cycle $c: director namespace deleted with live connections and built again" \
			eval 'old_director_ino=$(stat -L -c %i "/run/netns/$NS_DIRECTOR") &&
				ip netns delete "$NS_DIRECTOR" && director_build' || break
	else
		must "cycle $c: sync daemon stopped, table flushed" \
			eval 'adm --stop-daemon master && adm -C' || break
	fi
	must "cycle $c: the module unloads under traffic" unload_timed || break
	diag "cycle $c: unloaded in ${unload_ms} ms, cycle took $((SECONDS - t0)) s"
	# Traffic and readers meet the missing module for a moment.
	sleep 0.5
done
diag "$c cycles in $((SECONDS - t_start)) s"
[ "$c" = "$CYCLES" ] || fail "stopped after cycle $c of $CYCLES"

# --- after the cycles ------------------------------------------------------------

check "the module loads once more" module_load
touch "$STOP_TRAFFIC"
gone() {
	local p s
	for p in "$@"; do
		read -r s <"/proc/$p/stat" 2>/dev/null || continue
		s=${s##*) }
		[ "${s%% *}" = Z ] || return 1
	done
}
check "traffic loops end" wait_for 20 gone "${TRAFFIC[@]}"
check "a fresh service and daemon" services
# fetch_both: 4 fetches arrive intact, and round robin spread them.
fetch_both() {
	local i sum seen=
	for i in 1 2 3 4; do
		sum=$(dp_fetch "$NS_CLIENT" "$VIP")
		case $sum in
		"$(cat "$DP_TMP/rs1.md5")") seen+=1 ;;
		"$(cat "$DP_TMP/rs2.md5")") seen+=2 ;;
		*) echo "fetch $i: md5 $sum is neither server's file"; return 1 ;;
		esac
	done
	[[ $seen == *1* && $seen == *2* ]] || { echo "answered by: $seen"; return 1; }
}
check "4 fetches through it arrive intact, from both servers" fetch_both
check "4 UDP exchanges through it are echoed" eval '
	for i in 1 2 3 4; do udp_exchange "$VIP" || exit 1; done'

touch "$STOP_READERS"
check "every reader exits" eval 'wait_for 30 gone "${READERS[@]}" || {
	for p in "${READERS[@]}"; do gone "$p" || echo "left: $(cat /proc/$p/stat)"; done; false; }'
for f in "$DP_TMP"/*.count; do diag "$(cat "$f")"; done

# d_state: user processes in uninterruptible sleep, with where they wait.
d_state() {
	local p s
	for p in /proc/[0-9]*; do
		[ -e "$p/exe" ] || continue
		read -r s <"$p/stat" 2>/dev/null || continue
		s=${s##*) }
		[ "${s%% *}" = D ] && echo "${p#/proc/} $(cat "$p/comm") $(cat "$p/wchan" 2>/dev/null)"
	done
}
# One sighting can be a passing moment: stuck means twice, a second apart.
no_stuck() {
	local a b
	a=$(d_state)
	[ -z "$a" ] && return 0
	sleep 1
	b=$(d_state)
	[ -z "$b" ] && return 0
	echo "in D state: $b"
	return 1
}
check "no process is stuck in D state" no_stuck
check "no netlink listing hung" eval '[ ! -s "$DP_TMP/hung" ] || { cat "$DP_TMP/hung"; false; }'
[ -s "$DP_TMP/spun" ] && diag "stock -Lnc killed after an unload: $(wc -l <"$DP_TMP/spun") times"
if [ "$LVS_SIDE" = lvs ]; then
	check "the kernel's ip_vs never got loaded" eval '! grep -q "^ip_vs" /proc/modules'
	check "no leak reported at any unload" eval '! dmesg | grep "lvs: leak:"'
fi
done_testing
