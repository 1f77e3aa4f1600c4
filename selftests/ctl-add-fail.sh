#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# Stress, not proof: service adds that fail, in a loop, while
# /proc/net/ip_vs, ip_vs_stats and netlink dumps read the table. A failed
# add must leave no trace, and must never have shown a reader a service
# it then freed at once. Adds fail early (unknown scheduler or engine)
# everywhere; they fail late (an allocation after the service was set
# up) only where the kernel has fault injection (/proc/self/fail-nth and
# failslab, the debug lane): only there can this test catch the
# use-after-free, and only by KASAN, not deterministically.
. "$(dirname "$0")/lib/core.bash"

I=$IPVSADM_STOCK
NS=
plan 6
check "a namespace of its own" ns_new NS ctl
A() { nsx "$NS" "$I" "$@"; }

check "a live service to list beside the failures" eval "
	A -A -t 10.0.0.1:80 -s rr && A -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m"

script=$(mktemp /tmp/addfail.XXXXXX)
on_exit "rm -f $script"
for i in $(seq 2 13); do
	cat <<-EOF
	-A -t 10.0.1.$i:80 -s nosuch
	-A -u 10.0.1.$i:5060 -s rr -p 60 --pe nosuch
	-A -t 10.0.1.$i:81 -s wlc
	-D -t 10.0.1.$i:81
	EOF
done >"$script"

reader() {
	while :; do
		nsx "$NS" cat /proc/net/ip_vs /proc/net/ip_vs_stats >/dev/null
		A -Ln >/dev/null
	done
}
reader &
rd=$!
on_exit "kill $rd 2>/dev/null"

# One process a line: the failures are the point.
while read -r line; do
	# shellcheck disable=SC2086
	A $line 2>/dev/null
done <"$script"

# Late failures: the Nth fault-injection point of the command fails.
late=0
if [ -w /proc/self/fail-nth ] && [ -d /sys/kernel/debug/failslab ]; then
	knob=/sys/kernel/debug/failslab/ignore-gfp-wait
	old=$(cat "$knob")
	echo N >"$knob"
	on_exit "echo $old > $knob"
	# No stack dump per injected failure (the serial console is slow).
	verbose=/sys/kernel/debug/failslab/verbose
	on_exit "echo $(cat $verbose) > $verbose"
	echo 0 >$verbose
	end=$((SECONDS + 20))
	for n in $(seq 1 400); do
		[ "$SECONDS" -lt "$end" ] || break
		(echo "$n" >/proc/thread-self/fail-nth &&
			exec nsenter --net="/run/netns/$NS" "$I" \
				-A -t 10.0.2.1:80 -s lblc) 2>/dev/null &&
			A -D -t 10.0.2.1:80
		late=$((late + 1))
	done
	echo "$old" >"$knob"
fi
kill "$rd" 2>/dev/null
wait "$rd" 2>/dev/null

listed() { nsx "$NS" cat /proc/net/ip_vs | awk 'NR > 3 && $1 != "->"' | wc -l; }
check "only the live service is left (/proc/net/ip_vs)" \
	eval '[ "$(listed)" = 1 ] || nsx "$NS" cat /proc/net/ip_vs'
check "and in a netlink dump" eval '[ "$(A -Sn | grep -c "^-A")" = 1 ]'
if [ "$late" -gt 0 ]; then
	pass "$late adds with an allocation failing late"
else
	skip "adds with an allocation failing late" "no fail-nth/failslab in this kernel"
fi
check "the table empties" eval 'A -C && [ -z "$(A -Sn)" ]'
done_testing
