# SPDX-License-Identifier: GPL-2.0
# Shared by the bench/bench-*.sh guest scripts; bench/run copies it next
# to them (/opt/lvs/extra/). Source it after selftests' lib/core.bash.

# bench_tools NAME...: helper binaries of selftests/tools; sets each NAME
# in capitals (UDPCONNS, FLOOD) to its path. A benchmark cannot run
# without them: it exits 1 (a failure, not a skip).
bench_tools() {
	local t f v
	for t in "$@"; do
		v=${t^^}
		printf -v "$v" '%s' ''
		for f in /opt/lvs/selftests/tools/$t "$(dirname "$0")/tools/$t"; do
			[ -x "$f" ] && printf -v "$v" '%s' "$f" && break
		done
		[ -n "${!v}" ] || { echo "# needs selftests/tools/$t (make tools)"; exit 1; }
	done
}

# udp_burst DADDR PORT N: from NS_CLIENT, N datagrams spread over the C
# connections of udpconns -c (sources 10.0.1.10 and up); prints the
# seconds the burst took.
udp_burst() {
	local out
	out=$(nsx "$NS_CLIENT" "$UDPCONNS" -d "$1" -p "$2" -n "$3" -c "$C" \
		-s 10.0.1.10 -a 16) || return 1
	set -- $out # "sent N ns T"
	awk -v ns="$4" 'BEGIN { printf "%.4f", ns / 1e9 }'
}

# keep_min KEY SECONDS: best[KEY] becomes the smaller of the two.
declare -A best
keep_min() {
	if [ -z "${best[$1]}" ] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then
		best[$1]=$2
	fi
}
