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
# seconds the burst took, to the microsecond (under --icount the digits
# are exact: a thousand instructions).
udp_burst() {
	local out
	out=$(nsx "$NS_CLIENT" "$UDPCONNS" -d "$1" -p "$2" -n "$3" -c "$C" \
		-s 10.0.1.10 -a 16) || return 1
	set -- $out # "sent N ns T"
	awk -v ns="$4" 'BEGIN { printf "%.6f", ns / 1e9 }'
}

# keep_min KEY SECONDS: best[KEY] becomes the smaller of the two.
declare -A best
keep_min() {
	if [ -z "${best[$1]}" ] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then
		best[$1]=$2
	fi
}

# Profiling (bench/run --profile NAME): BENCH_PROFILE in bench.conf names
# the benchmark to profile, and the guest has perf (vm/run --perf). A
# benchmark brackets its timed part with profile_start and profile_stop
# PKTS; elsewhere they do nothing. perf samples every CPU on the software
# clock (cpu-clock needs no PMU, which TCG has not), with call chains;
# the report is by kernel symbol, self time, of the processes that carry
# the packets (profile_stop's COMMS: the client, whose sends run the
# director's receive path over veth, and the softirq threads; not the
# script's own forks, not perf, not the idle task), printed as
#   PROFILE NAME SIDE sym DSO SYMBOL NS_PER_PKT PCT
#   PROFILE NAME SIDE total NS_PER_PKT PKTS IDLE_NS_PER_PKT
# for bench/run: a sample's period is the guest time (nanoseconds; under
# --icount, instructions) it stands for, so a symbol's periods over the
# PKTS datagrams sent meanwhile are its cost per datagram. PCT is its
# share of the non-idle kernel time. Idle (the halt loop) is left out.
# DSO is the module ([lvs], [ip_vs]) or [kernel]: perf finds no lvs.ko
# file under /lib/modules and files its symbols under the kernel, so the
# module comes from /proc/kallsyms.
PERF_DATA=/tmp/bench-perf.data
perf_pid=
profile_periods() { echo "${BENCH_PROFILE_PERIODS:-199999 250007 303007 370003 413009}"; }
profile_on() { [ -n "${BENCH_PROFILE:-}" ] && [ "bench-$BENCH_PROFILE" = "$LVS_TEST" ]; }
profile_start() {
	profile_on || return 0
	command -v perf >/dev/null || { echo "# profile: no perf in the guest (vm/run --perf)"; return 1; }
	echo 0 >/proc/sys/kernel/kptr_restrict
	echo -1 >/proc/sys/kernel/perf_event_paranoid
	# Several cpu-clock events, each sampling every P ns of guest time
	# (P instructions under --icount). Why several: under --icount both
	# the sampling and the per-packet loop are exact, so one fixed P
	# samples the same few points of the loop again and again (P = 50,000
	# and 37,813 gave two different, each reproducible, profiles). Each
	# period aliases differently; their sum is close to the true shares.
	# BENCH_PROFILE_PERIODS in bench/run's environment changes them.
	# -B -N: no build-id scan at the end (slow under emulation, useless).
	local ev=() p
	for p in $(profile_periods); do
		ev+=(-e "cpu-clock/period=$p/")
	done
	perf record -q "${ev[@]}" -a -g -B -N -o $PERF_DATA 2>/tmp/bench-perf.err &
	perf_pid=$!
	# perf opens its events before it writes the header; wait for it,
	# then let it finish its start (it reads every process's maps), so
	# that the first timed burst does not share the CPU with it.
	for _ in $(seq 100); do
		[ -s $PERF_DATA ] && break
		sleep 0.05
	done
	sleep 2
	echo "# profile: perf record running"
}
profile_stop() {
	local pkts=$1 comms=${2:-udpconns}
	profile_on && [ -n "$perf_pid" ] || return 0
	kill -INT "$perf_pid"
	wait "$perf_pid"
	perf_pid=
	sed 's/^/# perf: /' /tmp/bench-perf.err
	perf report -i $PERF_DATA --comms "$comms,ksoftirqd/0,ksoftirqd/1" --stdio --no-children -g none -F period,dso,sym 2>/dev/null |
		awk -v name="${LVS_TEST#bench-}" -v side="$LVS_SIDE" -v pkts="$pkts" \
			-v nev="$(profile_periods | wc -w)" '
		# /proc/kallsyms: "ADDR TYPE SYMBOL [MODULE]"; a name the core
		# kernel has too stays in the kernel.
		FILENAME == "/proc/kallsyms" {
			if (NF == 3) core[$3] = 1
			else if (!($3 in mod)) mod[$3] = $4
			next
		}
		# "  PERIOD  DSO  [k] SYMBOL": kernel symbols only.
		/^#/ || $3 != "[k]" { next }
		{
			if ($2 == "[kernel.kallsyms]") $2 = (($4 in mod) && !($4 in core)) ? mod[$4] : "[kernel]"
			sym = $4
			if (sym ~ /^(native_safe_halt|pv_native_safe_halt|default_idle|arch_cpu_idle|default_idle_call|cpuidle_enter_state|acpi_idle_do_entry|intel_idle|mwait_idle|poll_idle|do_idle)$/) {
				idle += $1; next
			}
			p[sym] += $1; d[sym] = $2; tot += $1
		}
		END {
			# The periods of each event add up to the whole time: average them.
			div = pkts * nev
			n = 0
			for (s in p) order[++n] = s
			# top 20 by period (selection; n is small enough)
			for (i = 1; i <= n && i <= 20; i++) {
				m = i
				for (j = i + 1; j <= n; j++) if (p[order[j]] > p[order[m]]) m = j
				t = order[i]; order[i] = order[m]; order[m] = t
				printf "PROFILE %s %s sym %s %s %.1f %.1f\n", name, side, d[order[i]], order[i],
					p[order[i]] / div, tot ? 100 * p[order[i]] / tot : 0
			}
			printf "PROFILE %s %s total %.1f %d %.1f\n", name, side, tot / div, pkts, idle / div
		}' /proc/kallsyms -
	rm -f $PERF_DATA
}
