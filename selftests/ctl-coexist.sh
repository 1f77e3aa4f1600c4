#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lvs.ko and the kernel's ip_vs own the same names (the "IPVS" netlink
# family, /proc/net/ip_vs, net/ipv4/vs): with ip_vs loaded, loading lvs.ko
# must fail cleanly with EBUSY and say why, and leave ip_vs working.
. "$(dirname "$0")/lib/core.bash"

[ "$LVS_SIDE" = ipvs ] || skip_all "needs the kernel's ip_vs loaded (side ipvs)"
KO=/opt/lvs/lvs.ko
[ -f "$KO" ] || skip_all "no $KO in the guest"
on_exit "$IPVSADM_STOCK -C"

check "ip_vs serves a service" "$IPVSADM_STOCK" -A -t 10.0.0.1:80 -s rr
# (not $out: check() has a local of that name)
insmod_out=$(insmod "$KO" 2>&1)
rc=$?
diag "insmod: $insmod_out"
check "insmod lvs.ko fails" test "$rc" != 0
check "with EBUSY" eval 'grep -q "Device or resource busy" <<<"$insmod_out"'
check "dmesg says the family is taken by ip_vs" \
	eval 'dmesg | grep -q "lvs: the \"IPVS\" netlink family is taken"'
check "lvs is not loaded" eval '! grep -q "^lvs " /proc/modules'
check "ip_vs still lists its service" \
	test "$("$IPVSADM_STOCK" -Sn)" = "-A -t 10.0.0.1:80 -s rr"
check "and /proc/net/ip_vs is still its own" \
	eval 'grep -q "^TCP  0A000001:0050 rr" /proc/net/ip_vs'
done_testing
