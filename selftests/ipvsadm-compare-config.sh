#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ipvsadm against stock ipvsadm 1.31 on the same kernel, byte for byte
# (stdout, stderr, exit status) for counters (-Z), connection timeouts
# (--set, -L --timeout) and the sync daemon (--start-daemon, --stop-daemon,
# -L --daemon). ipvsadm/scenario-config.txt runs twice from an empty table, once
# with stock making the changes and once with ours; the transcripts must be
# identical, and at each check both binaries must list the table alike.
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"

plan 4
compare_passes "$here/ipvsadm/scenario-config.txt"
check "scenario exits 0, 1 and 255 somewhere" exit_codes_seen "$work/stock.log" 0 1 255
check "table is empty afterwards" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
