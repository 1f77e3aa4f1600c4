# SPDX-License-Identifier: GPL-2.0
# Sourced by every selftest first; the other files of lib/ build on it.
# Its groups, documented in README.md:
#   TAP      plan, check, pass, fail, skip, diag, skip_all, done_testing
#   guards   require_cmd, require_tool, require_ours, on_exit
#   servers  nsx, wait_for, wait_listen, http_* (the topologies, ns_new,
#            topo_nat ...: topology.bash, sourced below)
#   module   module_load, module_unload, reload_module, module_keep_loaded
#   ipvsadm  adm (stock ipvsadm, the one wrapper), adm_ours, ipvsadm_compare
# The guest contract (see vm/init): LVS_SIDE is lvs or ipvs and the side's
# module is loaded; IPVSADM_OURS and IPVSADM_STOCK name the two binaries.
# Exit codes follow kselftest: 0 pass, 1 fail, 4 skip.

: "${LVS_SIDE:=unknown}"
: "${IPVSADM_OURS:=/opt/lvs/bin/ipvsadm}"
: "${IPVSADM_STOCK:=/usr/sbin/ipvsadm}"
KSFT_SKIP=4
# This folder (selftests/lib); its parent holds the tests, tools/ and the
# tests' data (ctl/, ipvsadm/).
_LIB_DIR=${BASH_SOURCE[0]%/*}

# --- TAP ---------------------------------------------------------------------

_tap_n=0 _tap_failed=0 _tap_skipped=0 _tap_planned='' _tap_done=0

plan() {
	_tap_planned=$1
	echo "TAP version 13"
	echo "1..$1"
}

diag() { printf '# %s\n' "$*"; }

pass() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}

# skip DESCRIPTION REASON: one skipped test point.
skip() {
	_tap_n=$((_tap_n + 1))
	_tap_skipped=$((_tap_skipped + 1))
	echo "ok $_tap_n - $1 # SKIP ${2:-}"
}

# check DESCRIPTION CMD...: one test point from a command's exit status;
# the command's output is shown as diagnostics only when it fails. CMD runs
# in this shell (not a subshell), so it may set variables, e.g. topo_nat.
# The output goes to a file named by this (sub)shell's pid and the nesting
# depth (a check's command may run checks itself): no mktemp and rm per
# check, two forks that cost noticeably in an emulated guest.
check() {
	local desc=$1 out=/tmp/check.$BASHPID.${_check_depth:-0}
	local _check_depth=$((${_check_depth:-0} + 1))
	shift
	if "$@" >"$out" 2>&1; then
		pass "$desc"
	else
		fail "$desc"
		sed 's/^/#   /' "$out"
		diag "failed command: $*"
	fi
}

# skip_all REASON: the whole test cannot run here (exit 4).
skip_all() {
	echo "1..0 # SKIP $*"
	_tap_done=1
	exit $KSFT_SKIP
}

# done_testing: ends the test; exit 1 if any point failed (or the plan was
# not met), 4 if every point was skipped, else 0.
done_testing() {
	_tap_done=1
	[ -z "$_tap_planned" ] && echo "1..$_tap_n"
	if [ "$_tap_n" = 0 ]; then
		diag "no test points ran"
		exit 1
	fi
	if [ -n "$_tap_planned" ] && [ "$_tap_planned" != "$_tap_n" ]; then
		diag "planned $_tap_planned tests but ran $_tap_n"
		exit 1
	fi
	[ "$_tap_failed" -gt 0 ] && exit 1
	[ "$_tap_n" -gt 0 ] && [ "$_tap_skipped" = "$_tap_n" ] && exit $KSFT_SKIP
	exit 0
}

# --- guards and cleanup --------------------------------------------------------

_cleanups=()

# on_exit CMD...: run CMD (as a string, through eval) when the test exits,
# last registered first. Cleanup errors are ignored.
on_exit() { _cleanups=("$*" "${_cleanups[@]}"); }

_lib_exit() {
	local rc=$? c
	for c in "${_cleanups[@]}"; do
		eval "$c" >/dev/null 2>&1
	done
	rm -f /tmp/check.$$.*
	# A test that dies half way (set -e, a typo) must not look like a pass.
	if [ "$_tap_done" = 0 ]; then
		echo "# test exited (status $rc) without done_testing"
		[ "$rc" = 0 ] && rc=1
	fi
	exit "$rc"
}
trap _lib_exit EXIT

# no_tap: for scripts that use the helpers but are not TAP tests (the
# demo); their exit status is their own.
no_tap() { _tap_done=1; }

# require_cmd CMD...: skip the test when a tool is missing from the guest.
require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip_all "needs '$c'"
	done
}

# require_tool NAME: a helper binary of selftests/tools (make tools), or
# one added with vm/run --add; skips the test without it. Sets the
# variable named NAME in capitals (FLOOD, NLFUZZ, ...) to its path.
require_tool() {
	local f
	for f in "$_LIB_DIR/../tools/$1" "/opt/lvs/selftests/tools/$1" "/opt/lvs/extra/$1"; do
		[ -x "$f" ] && { printf -v "${1^^}" '%s' "$f"; return 0; }
	done
	skip_all "needs selftests/tools/$1 (make tools)"
}

# require_race_points: lvs.ko's race points (kmod/race_point.h), or a
# skip: ip_vs has none, and only test builds of lvs.ko have them
# (LVS_RACE_POINTS=y, as make check-debug builds it). Sets RP to their
# debugfs folder.
require_race_points() {
	[ "$LVS_SIDE" = lvs ] || skip_all "race points are lvs.ko's (kmod/race_point.h)"
	RP=/sys/kernel/debug/lvs_race
	[ -d $RP ] || skip_all "lvs.ko was built without race points (LVS_RACE_POINTS=y)"
}

# require_ours: our ipvsadm must exist. Missing is a failure, not a skip:
# a test that exists to exercise it must not quietly pass without it.
require_ours() {
	if [ ! -x "$IPVSADM_OURS" ]; then
		echo "not ok 1 - our ipvsadm is missing at $IPVSADM_OURS (build it: make ipvsadm)"
		_tap_done=1
		exit 1
	fi
}

# --- namespaces ------------------------------------------------------------------

# nsx NS CMD...: run CMD in NS. nsenter only enters the network
# namespace, which is all a test needs (/proc/net and /proc/sys/net follow
# it); `ip netns exec` also remounts /sys for NS and costs about 0.1 s
# more per call in the emulated guest, where tests make hundreds of calls.
# CMD goes by its full path (looked up by bash, no fork): busybox's
# nsenter would run its own applet of that name (ip, timeout) instead.
nsx() {
	local ns=$1 cmd=$2
	shift 2
	[[ $cmd != */* ]] && hash "$cmd" 2>/dev/null && cmd=${BASH_CMDS[$cmd]}
	nsenter --net="/run/netns/$ns" "$cmd" "$@"
}

# The topologies (ns_new, topo_nat, ...): lib/topology.bash.
. "$_LIB_DIR/topology.bash"

# wait_for SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
wait_for() {
	local tries=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.1
	done
}

# within SECS CMD...: like wait_for, but SECS of wall time however long
# each try takes (a listing is slow in the emulated guest), so a test
# whose condition never holds still ends in time.
within() {
	local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "${EPOCHREALTIME/./}" -ge "$end" ] && return 1
		sleep 0.2
	done
}

# listening NS PORT [tcp|udp]: is something bound to PORT in NS? Reads
# /proc/net so it needs no ss/netstat.
listening() {
	local port
	port=$(printf ':%04X' "$2")
	case ${3:-tcp} in
	# TCP wants state 0A (LISTEN); a bound UDP socket is 07 (CLOSE).
	tcp) nsx "$1" cat /proc/net/tcp /proc/net/tcp6 | awk -v p="$port" '$4 == "0A" && $2 ~ p "$" { f = 1 } END { exit !f }' ;;
	udp) nsx "$1" cat /proc/net/udp /proc/net/udp6 | awk -v p="$port" '$4 == "07" && $2 ~ p "$" { f = 1 } END { exit !f }' ;;
	esac
}

# wait_listen NS PORT [tcp|udp]: wait (up to 10 s) for a server to bind.
wait_listen() { wait_for 10 listening "$@"; }

# http_server NS TEXT [PORT]: busybox httpd in NS whose / answers TEXT.
http_server() {
	local ns=$1 text=$2 port=${3:-80} dir
	dir=$(mktemp -d /tmp/www.XXXXXX) || return 1
	echo "$text" >"$dir/index.html"
	nsx "$ns" busybox httpd -f -p "$port" -h "$dir" &
	on_exit "kill $! ; rm -rf $dir"
	wait_listen "$ns" "$port"
}

# http_get NS HOST [PORT]: the body of http://HOST:PORT/ fetched from NS
# (HTTP_TIMEOUT seconds, default 5: a loaded host slows the guest a lot). Plain bash /dev/tcp: busybox wget -q -T segfaults here,
# and this needs no extra binary. HOST may be an IPv6 literal.
http_get() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	nsx "$1" timeout "${HTTP_TIMEOUT:-5}" bash -c '
		exec 3<>"/dev/tcp/$0/$1" || exit 1
		printf "GET / HTTP/1.0\r\nHost: %s\r\n\r\n" "$0" >&3
		sed "1,/^\r\$/d" <&3' "$2" "${3:-80}"
}

# --- the module -----------------------------------------------------------------
# For tests that remove and load the side's module themselves, as vm/init
# does. The harness unloads it after the test, so such a test leaves it
# loaded: module_keep_loaded.

module_loaded() {
	case $LVS_SIDE in
	lvs) grep -q '^lvs ' /proc/modules ;;
	*) grep -q '^ip_vs ' /proc/modules ;;
	esac
}

# module_load: lvs.ko after its dependencies (never next to the kernel's
# ip_vs), or ip_vs.
module_load() {
	local deps
	case $LVS_SIDE in
	lvs)
		if grep -q '^ip_vs ' /proc/modules; then
			echo "the kernel's ip_vs is loaded"
			return 1
		fi
		deps=$(modinfo -F depends /opt/lvs/lvs.ko 2>/dev/null | tr , ' ')
		# shellcheck disable=SC2086 # a list of module names
		if [ -n "$deps" ] && ! modprobe -a $deps; then
			echo "cannot load lvs.ko dependencies: $deps"
			return 1
		fi
		insmod /opt/lvs/lvs.ko
		;;
	*) modprobe ip_vs ;;
	esac
}

# _rmmod_within SECS MODULE: rmmod, retried for SECS of wall time (a
# namespace's teardown or a dump in flight holds a module for a moment;
# under load one try costs more than its pause, so no count of tries).
_rmmod_within() {
	local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	while [ "${EPOCHREALTIME/./}" -lt "$end" ]; do
		rmmod "$@" 2>/dev/null && return 0
		sleep 0.1
	done
	rmmod "$@"
}

# module_unload [SECS]: lvs, or every ip_vs module (schedulers and
# helpers first, they hold ip_vs); each retried for SECS (default: tried
# once).
module_unload() {
	local secs=${1:-0} m
	case $LVS_SIDE in
	lvs) _rmmod_within "$secs" lvs ;;
	*)
		for m in $(awk '$1 ~ /^ip_vs_/ { print $1 }' /proc/modules); do
			_rmmod_within "$secs" "$m" || return 1
		done
		! grep -q '^ip_vs ' /proc/modules || _rmmod_within "$secs" ip_vs
		;;
	esac
}

module_keep_loaded() { on_exit "module_loaded || module_load"; }

# reload_module: unloads this side's IPVS and loads it again, so what
# follows starts on a fresh module. On lvs the unload is also the leak
# check: lvs.ko prints "lvs: leak:" (and WARNs) for objects still
# allocated.
reload_module() {
	module_unload || return 1
	if [ "$LVS_SIDE" = lvs ] && dmesg | grep -q 'lvs: leak:'; then
		dmesg | grep 'lvs: leak:'
		return 1
	fi
	module_load
}

# --- ipvsadm -------------------------------------------------------------------

# adm ARGS...: stock ipvsadm ($IPVSADM_STOCK), the one wrapper for it
# (stock, so a test means the same on lvs.ko and on the kernel's ip_vs).
# It runs in the namespace ADM_NS names; unset, in the topology's
# director ($NS_DIRECTOR). ADM_NS=init is the test's own, initial,
# namespace (set once at the top of a test whose director is that one);
# another director for one call: ADM_NS=$NS_BACKUP adm -Lnc, or for a
# helper's calls: local ADM_NS=$1. No namespace at all (ADM_NS empty, or
# unset before a topology) is an error, never the initial namespace.
# adm_ours ARGS...: our ipvsadm ($IPVSADM_OURS), in the same namespace.
adm() { _adm_in "$IPVSADM_STOCK" "$@"; }
adm_ours() { _adm_in "$IPVSADM_OURS" "$@"; }
_adm_in() {
	local ns=${ADM_NS-${NS_DIRECTOR:-}}
	case $ns in
	init) "$@" ;;
	'') echo "adm: no namespace (ADM_NS empty, or no director yet)" >&2; return 1 ;;
	*) nsx "$ns" "$@" ;;
	esac
}

# ipvsadm_compare ARGS...: runs both binaries with ARGS (in the current
# namespace; wrap in nsx for another) and fails, showing a diff, unless
# stdout, stderr and the exit status are identical.
ipvsadm_compare() {
	local d rc_o rc_s
	d=$(mktemp -d /tmp/cmp.XXXXXX) || return 1
	# Same argv[0] for both: usage and error texts include the program name.
	(exec -a ipvsadm "$IPVSADM_OURS" "$@") >"$d/ours.out" 2>"$d/ours.err"
	rc_o=$?
	(exec -a ipvsadm "$IPVSADM_STOCK" "$@") >"$d/stock.out" 2>"$d/stock.err"
	rc_s=$?
	if [ "$rc_o" = "$rc_s" ] && cmp -s "$d/ours.out" "$d/stock.out" &&
		cmp -s "$d/ours.err" "$d/stock.err"; then
		rm -rf "$d"
		return 0
	fi
	echo "ipvsadm $*: ours exit $rc_o, stock exit $rc_s"
	diff -u "$d/stock.out" "$d/ours.out" | sed 's/^/stdout /'
	diff -u "$d/stock.err" "$d/ours.err" | sed 's/^/stderr /'
	rm -rf "$d"
	return 1
}
