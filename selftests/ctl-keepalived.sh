#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# keepalived 2.2.7 (unmodified) configures virtual servers over the IPVS
# netlink family, waiting for each ACK: what it builds, what a reload
# (SIGHUP) changes and what it removes when it stops must equal the
# transcript recorded on the kernel's ip_vs (ctl/keepalived.expected).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"
require_cmd keepalived

K=$CTL_TMP/k
mkdir -p "$K"
cp "$CTL_DIR/keepalived.conf" "$K/keepalived.conf"
kpid=
stop_keepalived() {
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null
	[ -n "$kpid" ] && wait "$kpid" 2>/dev/null
	kpid=
}
on_exit "stop_keepalived; $IPVSADM_STOCK -C; $IPVSADM_STOCK --set 900 120 300"

saved() { "$IPVSADM_STOCK" -Sn; }
saved_lines() { [ "$(saved | wc -l)" = "$1" ]; }
has_rule() { saved | grep -qx -- "$1"; }

keepalived -n -C -l -G -f "$K/keepalived.conf" -p "$K/k.pid" \
	-c "$K/c.pid" -r "$K/v.pid" >"$K/log" 2>&1 &
kpid=$!

check "keepalived builds its virtual servers" wait_for 20 saved_lines 9
section "configured"
run -Sn
run -L --timeout
run -Ln --thresholds
run_sh 'cat /proc/net/ip_vs | grep -c -- "->"'
end_section

cp "$CTL_DIR/keepalived-reload.conf" "$K/keepalived.conf"
kill -HUP "$kpid"
check "keepalived applies a reload" wait_for 20 has_rule \
	"-a -t 10.0.0.1:80 -r 192.168.1.1:80 -m -w 7"
check "and removes the dropped real server" wait_for 20 saved_lines 8
section "reloaded"
run -Sn
end_section

stop_keepalived
check "keepalived removes everything when it stops" wait_for 20 saved_lines 0
[ "${_tap_failed}" = 0 ] || sed 's/^/# keepalived: /' "$K/log"
done_testing
