#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ipvsadm against stock ipvsadm 1.31 on the same kernel, byte for byte
# (stdout, stderr, exit status): virtual services of every kind and option,
# edits and deletes, and every listing variant (real servers:
# ipvsadm-compare-servers.sh; counters, timeouts and the sync daemon:
# ipvsadm-compare-config.sh). ipvsadm/scenario.txt runs
# twice from an empty table, once
# with stock making the changes and once with ours; the transcripts must be
# identical, and at each check both binaries must list the table alike.
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"

plan 4
compare_passes "$here/ipvsadm/scenario.txt"
check "scenario exits 0, 1 and 255 somewhere" exit_codes_seen "$work/stock.log" 0 1 255
check "table is empty afterwards" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
