#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ipvsadm against stock ipvsadm 1.31 for every line of
# ipvsadm/cli-servers.txt: the parse and validation errors of the server,
# list, zero, restore, --set and daemon commands, byte for byte (stdout,
# stderr, exit status). None of them may change the (empty) table.
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"

"$IPVSADM_STOCK" -C
compare_lines "$here/ipvsadm/cli-servers.txt"

plan 3
if [ "$mismatches" = 0 ]; then
	pass "$lines command lines identical ($LVS_SIDE)"
else
	fail "$mismatches of $lines command lines differ ($LVS_SIDE)"
fi
check "lines exit 2 and 255 somewhere" exit_codes_seen "$work/both.log" 2 255
check "table is still empty" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
