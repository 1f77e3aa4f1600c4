#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ipvsadm against stock ipvsadm 1.31 for every line of ipvsadm/cli.txt:
# help, version, and the parse and validation errors of the service
# commands (the others: ipvsadm-cli-servers.sh), byte for byte (stdout,
# stderr, exit status); then no arguments at all, and an unprivileged run.
# None of them may change the (empty) table.
. "$(dirname "$0")/lib/core.bash"

. "$(dirname "$0")/lib/compare.bash"

"$IPVSADM_STOCK" -C
compare_lines "$here/ipvsadm/cli.txt"
# No arguments at all: 1.31 lists the table (names resolved).
compare_both /dev/null
lines=$((lines + 1))

# Without CAP_NET_ADMIN (a fresh user namespace) the kernel refuses even
# GET_INFO: both must say so the same way, for any arguments.
unprivileged_same() {
	local args a b
	for args in "-Ln" "-A -t 10.0.0.1:80" "-h"; do
		# shellcheck disable=SC2086
		a=$(unshare -U "$IPVSADM_STOCK" $args 2>&1; echo "exit $?")
		# shellcheck disable=SC2086
		b=$(unshare -U "$IPVSADM_OURS" $args 2>&1; echo "exit $?")
		if [ "$a" != "$b" ]; then
			echo "ipvsadm $args differs unprivileged:"
			diff -u <(printf '%s\n' "$a") <(printf '%s\n' "$b")
			return 1
		fi
		case $a in *"Permission denied"*) ;; *) echo "no EPERM: $a"; return 1 ;; esac
	done
}

plan 4
if [ "$mismatches" = 0 ]; then
	pass "$lines command lines identical ($LVS_SIDE)"
else
	fail "$mismatches of $lines command lines differ ($LVS_SIDE)"
fi
check "lines exit 0, 2 and 255 somewhere" exit_codes_seen "$work/both.log" 0 2 255
if command -v unshare >/dev/null; then
	check "unprivileged: same refusal as stock" unprivileged_same
else
	skip "unprivileged: same refusal as stock" "no unshare in the guest"
fi
check "table is still empty" test -z "$("$IPVSADM_STOCK" -Sn)"
diag "took ${SECONDS}s"
done_testing
