#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ipvsadm against stock ipvsadm 1.31 for every line of ipvsadm/cli.txt:
# help, version, and each parse and validation error, byte for byte (stdout,
# stderr, exit status). None of them may change the (empty) table.
. "$(dirname "$0")/lib.sh"

require_ours
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ipvsadm/compare-lib.sh"
work=$(mktemp -d /tmp/ipvsadm-cli.XXXXXX)
on_exit "rm -rf '$work'; '$IPVSADM_STOCK' -C"

"$IPVSADM_STOCK" -C
lines=0
while IFS= read -r line; do
	case $line in '' | '#'*) continue ;; esac
	read -r -a args <<<"$line"
	compare_both /dev/null "${args[@]}"
	lines=$((lines + 1))
done <"$here/ipvsadm/cli.txt"
# No arguments at all: 1.31 lists the table (names resolved).
compare_both /dev/null
lines=$((lines + 1))

plan 3
if [ "$mismatches" = 0 ]; then
	pass "$lines command lines identical ($LVS_SIDE)"
else
	fail "$mismatches of $lines command lines differ ($LVS_SIDE)"
fi
check "lines exit 0, 2 and 255 somewhere" exit_codes_seen "$work/both.log" 0 2 255
check "table is still empty" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
