#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Without IPVS in the kernel (the build host: no ip_vs, no module loading),
# our ipvsadm fails exactly as stock 1.31 does: it tries `modprobe ip_vs`,
# then prints "Can't initialize ipvs: ..." and exits 2, whatever the
# arguments (1.31 connects before it parses, so even -h fails; so does our
# --monitor, which 1.31 does not know).
# Usage: no_ipvs_test.sh OURS [STOCK]
ours=$1
stock=${2:-/usr/sbin/ipvsadm}
if [ -e /proc/net/ip_vs ] || [ ! -x "$stock" ]; then
	echo "SKIP: this kernel has IPVS, or stock ipvsadm is missing"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for args in "" "-Ln" "-h" "-v" "-A -t 10.0.0.1:80" "--monitor" "--monitor --json -n"; do
	# shellcheck disable=SC2086
	(exec -a ipvsadm "$stock" $args) >"$work/s.out" 2>"$work/s.err"; rs=$?
	# shellcheck disable=SC2086
	(exec -a ipvsadm "$ours" $args) >"$work/o.out" 2>"$work/o.err"; ro=$?
	if [ "$rs" != "$ro" ] || ! cmp -s "$work/s.out" "$work/o.out" ||
		! cmp -s "$work/s.err" "$work/o.err"; then
		echo "differs: ipvsadm $args (stock exit $rs, ours exit $ro)"
		diff "$work/s.err" "$work/o.err"
		failed=1
	fi
	grep -q "^Can't initialize ipvs: " "$work/o.err" || { echo "no init error for '$args'"; failed=1; }
	[ "$ro" = 2 ] || { echo "exit $ro, not 2, for '$args'"; failed=1; }
done
exit $failed
