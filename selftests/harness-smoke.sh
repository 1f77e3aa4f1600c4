#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guest contract every other selftest relies on: the side's module (and
# only it) is loaded, /proc/net/ip_vs exists, and stock ipvsadm can talk to
# it over the IPVS generic netlink family.
. "$(dirname "$0")/lib/core.bash"

loaded() { grep -q "^$1 " /proc/modules; }
not_loaded() { ! loaded "$1"; }
header() {
	local out
	out=$("$IPVSADM_STOCK" -Ln) || return 1
	printf '%s\n' "$out" | head -n 1 | grep -q '^IP Virtual Server version '
}

plan 5
case $LVS_SIDE in
lvs)
	check "lvs.ko is loaded" loaded lvs
	check "the kernel's ip_vs is not loaded" not_loaded ip_vs
	;;
ipvs)
	check "ip_vs is loaded" loaded ip_vs
	check "lvs.ko is not loaded" not_loaded lvs
	;;
*)
	fail "LVS_SIDE is '$LVS_SIDE', not lvs or ipvs"
	fail "LVS_SIDE is '$LVS_SIDE', not lvs or ipvs"
	;;
esac
check "/proc/net/ip_vs exists" test -e /proc/net/ip_vs
check "stock ipvsadm is installed" test -x "$IPVSADM_STOCK"
check "stock ipvsadm -Ln prints the IPVS header" header
if [ -x "$IPVSADM_OURS" ]; then
	diag "our ipvsadm: $IPVSADM_OURS"
else
	diag "our ipvsadm is not built; tests that need it will fail"
fi
done_testing
