#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 200
# Netlink fuzz: tens of thousands of random and mutated IPVS messages
# (tools/nlfuzz.c), as root and as an unprivileged user who must get
# EPERM for every IPVS command. Then the table must flush to empty, and
# the module must unload and load again; on side lvs the unload runs
# lvs.ko's leak check (live-object counters; a leak is a WARNING, which
# fails the run). Reproduce a run with FUZZ_SEED=N (the seed is printed);
# FUZZ_SECS bounds each of the two fuzz runs (default 45 s; 15 s on side
# ipvs, the oracle: the fuzz is there for lvs.ko, and ip_vs is slower;
# there times LVS_TIME_SCALE, as the debug kernel's ip_vs sent only 384
# messages in 15 s on a loaded host);
# FUZZ_COUNT is the root run's number of messages (60k: about 15 s on a
# loaded host; the seed differs every run, so runs add up), the
# unprivileged run sends a third of that (EPERM is one check for all).
. "$(dirname "$0")/lib/core.bash"

require_tool nlfuzz

SEED=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
if [ "$LVS_SIDE" = ipvs ]; then
	SECS=${FUZZ_SECS:-$((15 * ${LVS_TIME_SCALE:-1}))}
else
	SECS=${FUZZ_SECS:-45}
fi
COUNT=${FUZZ_COUNT:-60000}
I=$IPVSADM_STOCK
cleanup() {
	$I --stop-daemon master
	$I --stop-daemon backup
	$I -C && $I --set 900 120 300
}
on_exit cleanup
diag "seed $SEED (FUZZ_SEED=$SEED reproduces it)"

# fuzz OUT ARGS...: run nlfuzz, keep its output in OUT, show its summary.
fuzz() {
	local out=$1 rc
	shift
	"$NLFUZZ" "$@" >"$out" 2>&1
	rc=$?
	grep -v ' seq ' "$out" | sed 's/^/# /'
	grep ' seq ' "$out" | head -n 20 | sed 's/^/# /'
	return $rc
}
# enough OUT: at least a thousand messages, or the run proved little.
enough() {
	awk '/messages in/ { n = $2 } END { exit !(n >= 1000) }' "$1"
}

T=$(mktemp -d /tmp/fuzz.XXXXXX)
on_exit "rm -rf $T"
fuzz "$T/root" -s "$SEED" -n "$COUNT" -t "$SECS"
rc_root=$?
check "root: random and mutated messages, every one answered" \
	eval "[ $rc_root = 0 ] && enough $T/root"
fuzz "$T/user" -u -s "$((SEED + 1))" -n $((COUNT / 3)) -t "$((SECS / 2))"
rc_user=$?
check "unprivileged: every IPVS command refused with EPERM" \
	eval "[ $rc_user = 0 ] && enough $T/user"

check "the table flushes" cleanup
check "/proc/net/ip_vs is empty" \
	eval '[ "$(wc -l </proc/net/ip_vs)" = 3 ] || cat /proc/net/ip_vs'
check "ipvsadm -Ln lists no service" \
	eval '[ -z "$($I -Ln | tail -n +4)" ]'

check "the module unloads (no leaked objects) and loads again" reload_module
check "the reloaded module answers" eval '$I -Ln >/dev/null'
done_testing
