#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# selftest-timeout-long: 900
# Readers of /proc/net/ip_vs_conn, ip_vs_conn_sync, ip_vs and ip_vs_stats
# keep reading, in several namespaces with connections, while the module is
# removed and loaded again and namespaces are deleted: nothing a reader can
# reach may be freed (or not yet be set up) while its file is there. A race,
# so a longer run finds more: LVS_TEARDOWN_CYCLES (default 2) rounds of
# LVS_TEARDOWN_NS (default 3) namespaces.
. "$(dirname "$0")/lib/core.bash"
require_tool udpconns

# LVS_STRESS=long (vm/run --long, the debug lane): 5 rounds of 4.
case ${LVS_STRESS:-} in
long) CYCLES=${LVS_TEARDOWN_CYCLES:-5} NNS=${LVS_TEARDOWN_NS:-4} ;;
*) CYCLES=${LVS_TEARDOWN_CYCLES:-2} NNS=${LVS_TEARDOWN_NS:-3} ;;
esac

module_keep_loaded

# reader NS: reads every file of the module in NS until killed; files
# that are not there (the module is out) are no error.
reader() {
	local enter=(nsenter --net="/run/netns/$1")
	[ "$1" = init ] && enter=()
	# shellcheck disable=SC2016 # expanded by the inner bash
	"${enter[@]}" bash -c 'while :; do
		cat /proc/net/ip_vs_conn /proc/net/ip_vs_conn_sync \
		    /proc/net/ip_vs /proc/net/ip_vs_stats >/dev/null 2>&1
	done' &
	READER=$!
}

# A namespace with a NAT service whose real server is behind dummy0, 20
# UDP connections to it from the namespace itself, then no service left
# (services pin the module), the connections still there.
declare -A NSREADER
ns_up() {
	local n=$1 NS
	ns_new NS "td$n" || return 1
	ip -n "$NS" link add dummy0 type dummy &&
	ip -n "$NS" link set dummy0 up &&
	ip -n "$NS" addr add 10.0.0.3/24 dev dummy0 &&
	ip -n "$NS" route add 10.9.0.0/16 dev dummy0 || return 1
	reader "$NS"
	NSREADER[$NS]=$READER
	NSLIST+=("$NS")
}
ns_conns() {
	local ns=$1 ADM_NS=$1
	adm --set 0 0 600 &&
	adm -A -u 10.0.0.1:9 -s rr &&
	adm -a -u 10.0.0.1:9 -r 10.9.0.2:9 -m &&
	nsx "$ns" "$UDPCONNS" -d 10.0.0.1 -p 9 -n 20 -s 10.0.0.3 >/dev/null &&
	adm -C
}
ns_down() {
	local ns=$1
	kill "${NSREADER[$ns]}" 2>/dev/null
	wait "${NSREADER[$ns]}" 2>/dev/null
	ip netns delete "$ns"
}

plan $((1 + 3 * CYCLES))
NSLIST=()
for ((n = 0; n < NNS; n++)); do
	ns_up "$n" || { fail "namespace $n"; done_testing; }
done
reader init
on_exit "kill $READER"
next=$NNS
for ((c = 1; c <= CYCLES; c++)); do
	ok=1
	for ns in "${NSLIST[@]}"; do
		ns_conns "$ns" || ok=0
	done
	check "cycle $c: connections in every namespace" test $ok = 1
	diag "cycle $c: $(nsx "${NSLIST[0]}" cat /proc/net/ip_vs_conn | wc -l) lines in ip_vs_conn"
	# One namespace goes while the module is in, with its connections.
	ns_down "${NSLIST[0]}"
	NSLIST=("${NSLIST[@]:1}")
	ns_up "$next" || { fail "namespace $next"; done_testing; }
	ns_conns "${NSLIST[-1]}"
	next=$((next + 1))
	check "cycle $c: the module is removed under the readers" module_unload 20
	check "cycle $c: and loaded again" module_load
done
check "the readers still run" kill -0 "$READER"
done_testing
