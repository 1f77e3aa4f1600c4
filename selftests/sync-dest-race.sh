#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 120
# selftest-timeout-long: 300
# The churn registers and unregisters the hooks many times a second;
# under QEMU 7.2's multi-threaded TCG that froze both guest CPUs (on
# side lvs, every run) on a stale breakpoint of the kernel's own text
# patching: an emulator bug, see pin_hook_keys in vm/init, which keeps
# the keys from flipping.
#
# Stress, not proof: a backup director applies a storm of sync messages
# for a real server that is, all the while, deleted into the trash,
# revived, and trashed with its service (live or already trashed) to be
# revived into the re-created one, while UDP traffic is scheduled to
# another churned service. A sync entry binds the dest it looks up, so a
# dest that reaches refcount 0 while a lookup can still find it shows as
# a refcount warning (a panic here) or, on a KASAN kernel, a
# use-after-free. The window is a few instructions wide: a clean run on
# a production kernel does not prove the race absent. What the test does
# check: the backup still binds a synced connection afterwards, and the
# table empties (the harness then unloads the module, which fails on a
# leaked dest or service).
. "$(dirname "$0")/lib/core.bash"

require_tool syncmsg
require_tool flood

plan 8
check "client and director, real servers on the director's dummy0" topo_sink
on_exit "adm -C; adm --stop-daemon backup"
check "backup daemon on the client link (syncid 7)" \
	adm --start-daemon backup --mcast-interface c0 --syncid 7

RS=10.9.0.1 OTHER=10.9.0.2 RS54=10.9.0.3
# The same tuple alternately to RS and to a real server the backup lacks:
# each switch expires the connection, so RS is often left without any
# (its only references the service's and the lookup's); one more tuple
# arrives unbound while the service is away and is bound late.
A="udp,10.0.1.50,5000,$VIP,53,$RS,53,0x0,0,1,0"
B="udp,10.0.1.50,5000,$VIP,53,$OTHER,53,0x0,0,1,0"
C="udp,10.0.1.51,5001,$VIP,53,$RS,53,0x0,0,1,0"

churn=$(mktemp /tmp/churn.XXXXXX)
on_exit "rm -f $churn"
for i in $(seq 10); do
	cat <<-EOF
	-A -u $VIP:53 -s rr
	-a -u $VIP:53 -r $RS:53 -m
	-A -u $VIP:54 -s rr
	-a -u $VIP:54 -r $RS54:54 -m
	-d -u $VIP:53 -r $RS:53
	-a -u $VIP:53 -r $RS:53 -m
	-D -u $VIP:53
	-A -u $VIP:53 -s wlc
	-a -u $VIP:53 -r $RS:53 -m
	-d -u $VIP:53 -r $RS:53
	-D -u $VIP:53
	-D -u $VIP:54
	EOF
done >"$churn"

# Connections live 1 s, so the flood's keep few references for long.
adm --set 0 0 1
# LVS_STRESS=long (vm/run --long, the debug lane): a minute.
case ${LVS_STRESS:-} in
long) SECS=60 ;;
*) SECS=6 ;;
esac
out=$(mktemp /tmp/storm.XXXXXX)
on_exit "rm -f $out"
nsx "$NS_CLIENT" "$SYNCMSG" storm eth0 "$SECS" -s 7 "$A" "$B" "$C" >"$out" 2>&1 &
storm=$!
# A bounded flood: an unbounded one from a raw socket kept a guest CPU in
# softirq (ip_local_deliver) past the soft-lockup limit once, on a host
# running four VMs on two cores.
nsx "$NS_CLIENT" "$FLOOD" -s 10.0.1.2 -d "$VIP" -p 54 -N 4096 -n $((SECS * 5000)) \
	-T "$SECS" >/dev/null 2>&1 &
flood=$!
rounds=0 bad=0
end=$((SECONDS + SECS))
while [ "$SECONDS" -lt "$end" ]; do
	adm -R <"$churn" || bad=$((bad + 1))
	rounds=$((rounds + 1))
done
wait "$storm"
wait "$flood"
diag "$rounds churn rounds of 10 cycles, syncmsg: $(cat "$out")"
check "every churn round applied" test "$bad" = 0
check "sync messages were sent" grep -Eq '^sent [1-9]' "$out"
# Field 11 of /proc/net/dev: packets sent.
tx=$(nsx "$NS_DIRECTOR" awk '$1 == "dummy0:" { print $11 }' /proc/net/dev)
check "traffic reached the real servers ($tx packets)" test "${tx:-0}" -gt 0

check "the service and its real server, once more" eval "
	adm -C && adm -A -u $VIP:53 -s rr && adm -a -u $VIP:53 -r $RS:53 -m"
bound() { adm -Ln -u "$VIP:53" | awk -v rs="$RS:53" '$2 == rs { print $5 + $6 }'; }
check "the backup still binds a synced connection" eval '
	nsx "$NS_CLIENT" "$SYNCMSG" send eth0 -s 7 \
		"udp,10.0.1.60,6000,$VIP,53,$RS,53,0x0,0,30,0" &&
	wait_for 5 eval "[ \"\$(bound)\" -ge 1 ]" || { adm -Ln; adm -Lnc; false; }'
check "the table empties" eval 'adm -C && [ -z "$(adm -Sn)" ]'
done_testing
