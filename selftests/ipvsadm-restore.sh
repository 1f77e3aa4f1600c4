#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -R against stock ipvsadm 1.31: rules files in -S form and in script form
# (leading `ipvsadm`, blank lines, odd blanks), kernel errors that do not stop
# a restore, a parse error that does (exit 2), a line that is not a command
# (exit 255), -h inside -R, and -S/-R round trips across the two binaries.
# Then what only ours does: '#' comments.
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"

# Comments (1.31 documents them but its tokenizer never drops them; Debian's
# init script strips them before -R): the same rules with comments must load
# to the same table as the rules without.
comments_ignored() {
	local plain commented
	"$IPVSADM_STOCK" -C
	"$IPVSADM_OURS" -R <"$here/ipvsadm/rules-basic.txt" >/dev/null
	plain=$("$IPVSADM_STOCK" -Sn)
	"$IPVSADM_STOCK" -C
	"$IPVSADM_OURS" -R <"$here/ipvsadm/rules-comments.txt" || return 1
	commented=$("$IPVSADM_STOCK" -Sn)
	"$IPVSADM_STOCK" -C
	[ -n "$plain" ] && [ "$plain" = "$commented" ]
}

plan 5
compare_passes "$here/ipvsadm/restore.txt"
check "restores exit 0, 2 and 255 somewhere" exit_codes_seen "$work/stock.log" 0 2 255
check "ours ignores # comments in -R input" comments_ignored
check "table is empty afterwards" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
