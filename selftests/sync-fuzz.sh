#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# selftest-timeout-long: 3600
# Sync fuzz: a backup daemon (stock ipvsadm --start-daemon backup) gets
# mutated sync messages (tools/syncmsg fuzz): versions 0 and 1, IPv4 and
# IPv6 entries, templates, every flag, valid and bogus states, options,
# lengths and counts, services and real servers it has and has not,
# timeouts up to 2^32 - 1 s, bit flips, cuts. Then: the backup still
# applies valid messages of both versions, its daemon still runs, and
# its connection table holds no more connections than the distinct
# tuples the fuzz could have created (syncmsg's "bound": same tuple,
# same connection; a backup that adds one per message grows past it).
# The harness then unloads the module (every connection, huge timeouts
# included, must go with the namespace) and checks the console.
#
# Environment (vm/run --env NAME=VALUE; vm/run --long, as the debug lane
# runs it, makes the default 30000 messages):
#   SYNC_FUZZ_MESSAGES  messages (default 3000, about 10 s)
#   SYNC_FUZZ_SEED      the seed (default random, always printed);
#                       message i depends only on it and i
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/sync.bash"
require_cmd ip
require_tool syncmsg

# LVS_STRESS=long (vm/run --long, the debug lane): 30000 messages.
case ${LVS_STRESS:-} in
long) MESSAGES=${SYNC_FUZZ_MESSAGES:-30000} ;;
*) MESSAGES=${SYNC_FUZZ_MESSAGES:-3000} ;;
esac
SEED=${SYNC_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

plan 11
link() {
	topo_pair && ns_new NS_BACKUP backup &&
	veth_link "$NS_DIRECTOR" sync0 "$NS_BACKUP" sync0 &&
	addr "$NS_DIRECTOR" sync0 10.0.9.1/24 && addr "$NS_BACKUP" sync0 10.0.9.2/24
}
check "a sender and a backup on one link" link
# Every stock ipvsadm call here is the backup's (the sender only sends).
ADM_NS=$NS_BACKUP
on_exit "adm --stop-daemon backup; adm -C"

# Services the fuzz's pools hit (10.0.1.101 and fd00:1::101 are not
# virtual addresses here; 10.0.2.99 is nobody's real server). Both sides
# have the sip engine (lvs.ko built in, ip_vs loads it here), so the
# fuzz's templates with sip data are applied, keyed by it, on both.
services() {
	{ [ "$LVS_SIDE" != ipvs ] || modprobe ip_vs_pe_sip; } &&
	adm -A -t "$VIP:80" -s rr &&
	adm -a -t "$VIP:80" -r 10.0.2.11:80 -m &&
	adm -a -t "$VIP:80" -r 10.0.2.12:80 -g &&
	adm -A -u "$VIP:53" && adm -a -u "$VIP:53" -r 10.0.2.11:53 -m &&
	adm -A -t "$VIP:8080" -p 60 && adm -a -t "$VIP:8080" -r 10.0.2.12:80 -m &&
	adm -A --sctp-service "$VIP:80" &&
	adm -a --sctp-service "$VIP:80" -r 10.0.2.11:80 -m &&
	adm -A -t "[$VIP6]:80" && adm -a -t "[$VIP6]:80" -r "[fd00:2::11]:80" -m &&
	adm -A -u "[$VIP6]:53" -p 30 && adm -a -u "[$VIP6]:53" -r "[fd00:2::12]:53" -i &&
	adm -A -f 1 && adm -a -f 1 -r 10.0.2.11 -g
}
check "services on the backup" services
check "backup daemon starts (syncid 5)" \
	adm --start-daemon backup --mcast-interface sync0 --syncid 5

inject() { nsx "$NS_DIRECTOR" "$SYNCMSG" send sync0 "$@"; }
bkp_has() { adm -Lnc | grep -Eq "$1"; }
shown() { wait_for 5 bkp_has "$1" || { adm -Lnc; false; }; }
conns() { nsx "$NS_BACKUP" awk 'NR > 1 { n++ } END { print n + 0 }' /proc/net/ip_vs_conn; }

check "a valid message is applied before the fuzz" eval '
	inject -s 5 "udp,10.0.8.1,5000,$VIP,53,10.0.2.11,53,0x100,0,100,0" &&
	shown "10\.0\.8\.1:5000 +$VIP:53"'
BEFORE=$(conns)

diag "seed $SEED, $MESSAGES messages; SYNC_FUZZ_SEED=$SEED reproduces the run"
FUZZ=$DP_TMP/fuzz
nsx "$NS_DIRECTOR" "$SYNCMSG" fuzz sync0 "$MESSAGES" "$SEED" 5 >"$FUZZ" 2>&1
RC=$?
sed 's/^/# /' "$FUZZ"
check "the fuzz ran" eval '[ $RC = 0 ] && grep -q " bound [0-9]" "$FUZZ"'
BOUND=$(awk '/ bound / { print $NF }' "$FUZZ")

# The backup reads its socket in order: once this one is applied, all
# the fuzz that was not dropped for a full socket buffer was processed.
check "a valid version 1 message is applied after the fuzz" eval '
	inject -s 5 "tcp,10.0.8.2,5001,$VIP,80,10.0.2.12,80,0x0,1,100,0" &&
	shown "10\.0\.8\.2:5001 +$VIP:80"'
check "a valid version 0 message is applied after the fuzz" eval '
	inject -0 -s 5 "tcp,10.0.8.3,5002,$VIP,80,10.0.2.11,80,0x0,1,0,0" &&
	shown "10\.0\.8\.3:5002 +$VIP:80"'
check "the backup daemon still runs" eval \
	'adm -L --daemon | grep -q "backup sync daemon (mcast=sync0, syncid=5"'

# Ours: the message before the fuzz and the two after it. A connection
# replaced by one for another real server goes on its next timer tick:
# the count may take a moment to settle.
LIMIT=$((BEFORE + BOUND + 2))
NOW=$(conns)
diag "connections: $BEFORE before, $NOW after; bound $BOUND + $((BEFORE + 2)) of ours"
within() { NOW=$(conns); [ "$NOW" -le "$LIMIT" ]; }
check "the backup's table stays within the fuzz's bound ($LIMIT)" \
	eval 'wait_for 5 within || { echo "$NOW connections > $LIMIT"; false; }'
check "the fuzz created connections on the backup" ge "$NOW" $((BEFORE + 3))
check "backup daemon stops" adm --stop-daemon backup
done_testing
