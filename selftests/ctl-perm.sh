#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every IPVS command needs CAP_NET_ADMIN in the initial user namespace:
# root inside a user namespace (with or without its own network namespace)
# and an ordinary user are refused with EPERM, reads and writes alike, and
# the table is not touched. Transcripts must equal ctl/perm.expected.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"

on_exit "$IPVSADM_STOCK -C"
I=$IPVSADM_STOCK
export I
# When it cannot talk to the kernel, ipvsadm runs modprobe ip_vs, whose
# complaint differs by side (ip_vs is loaded there, not here): drop it.
no_modprobe() { grep -v '^modprobe: '; return 0; }
export -f no_modprobe

section "root in a user namespace"
run -A -t 10.0.0.1:80 -s rr
run_sh 'unshare -r $I -Ln 2>&1 | no_modprobe'
run_sh 'unshare -r $I -A -t 10.0.0.2:80 -s rr 2>&1 | no_modprobe'
run_sh 'unshare -r $I -D -t 10.0.0.1:80 2>&1 | no_modprobe'
run_sh 'unshare -r $I -C 2>&1 | no_modprobe'
run_sh 'unshare -r -n $I -Ln 2>&1 | no_modprobe'
run_sh 'unshare -r -n $I -A -t 10.0.0.2:80 -s rr 2>&1 | no_modprobe'
run -Sn
end_section

# A throwaway unprivileged account in the guest's own /etc/passwd.
if grep -q '^lvsnobody:' /etc/passwd 2>/dev/null ||
	echo 'lvsnobody:x:4242:4242::/tmp:/bin/sh' >>/etc/passwd; then
	section "unprivileged user"
	run_sh 'su -s /bin/sh lvsnobody -c "$I -Ln" 2>&1 | no_modprobe'
	run_sh 'su -s /bin/sh lvsnobody -c "$I -C" 2>&1 | no_modprobe'
	run_sh 'su -s /bin/sh lvsnobody -c "$I --set 1 2 3" 2>&1 | no_modprobe'
	run_sh 'su -s /bin/sh lvsnobody -c "$I --start-daemon master --mcast-interface lo" 2>&1 | no_modprobe'
	run -Sn
	run -L --timeout
	run -L --daemon
	end_section
else
	skip "unprivileged user" "/etc/passwd is not writable"
fi
run -C
check "the table is left empty" table_empty
done_testing
