#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 300
# Hand-built IPVS netlink messages that ipvsadm never sends: missing,
# oversized and out-of-range attributes, unknown names, bad families,
# daemon settings, unknown commands. Each must get the errno ip_vs gives
# (ctl/nlraw.expected, recorded on ip_vs), and a burst of random garbage
# must be refused without any oops (the harness watches the console).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"

require_tool nlraw
on_exit "$IPVSADM_STOCK -C; $IPVSADM_STOCK --stop-daemon master; $IPVSADM_STOCK --set 900 120 300"

# nl ARGS...: one message, recorded like an ipvsadm command.
nl() {
	{
		echo "\$ nlraw $*"
		"$NLRAW" "$@" 2>&1
	} >>"$CTL_TMP/$_ctl_section"
}

# Commands and attribute numbers of include/uapi/lvs/ipvs.h.
NEW_SVC=1 SET_SVC=2 DEL_SVC=3 GET_SVC=4 NEW_DEST=5 SET_DEST=6 DEL_DEST=7
GET_DEST=8 NEW_DAEMON=9 DEL_DAEMON=10 GET_DAEMON=11 SET_CONFIG=12
GET_CONFIG=13 GET_INFO=15 ZERO=16 FLUSH=17
SVC="nest:1 u16:1:2 u16:2:6 hex:3:0a000001 be16:4:80"	# TCP 10.0.0.1:80
SVC6="nest:1 u16:1:10 u16:2:6 hex:3:20010db8000000000000000000000001 be16:4:80"
FULL="hex:7:0000000000000000 u32:8:0 be32:9:0xffffffff"
DST="nest:2 hex:1:c0a80101 be16:2:80"			# 192.168.1.1:80
DFULL="u32:3:0 u32:4:1 u32:5:0 u32:6:0"

section "info and config"
nl $GET_INFO
nl $GET_CONFIG
nl $SET_CONFIG u32:4:0x80000000
nl $SET_CONFIG u32:4:10 u32:5:0 u32:6:30
nl $GET_CONFIG
nl $SET_CONFIG u32:4:900 u32:5:120 u32:6:300
nl 18
nl 99
end_section

section "services"
nl $NEW_SVC
nl $NEW_SVC nest:1 end
nl $NEW_SVC nest:1 u16:2:6 hex:3:0a000001 be16:4:80 str:6:rr $FULL end
nl $NEW_SVC nest:1 u16:1:3 u16:2:6 hex:3:0a000001 be16:4:80 str:6:rr $FULL end
nl $NEW_SVC nest:1 u16:1:2 u16:2:6 hex:3:0a000001 str:6:rr $FULL end
nl $NEW_SVC $SVC $FULL end
nl $NEW_SVC $SVC str:6:0123456789abcdef $FULL end
nl $NEW_SVC $SVC str:6:nosuch $FULL end
nl $NEW_SVC $SVC str:6:rr str:11:nosuch $FULL end
nl $NEW_SVC $SVC str:6:rr hex:7:000000000000000000000000 u32:8:0 be32:9:0xffffffff end
nl $NEW_SVC nest:1 u16:1:2 u16:2:6 hex:3:0a00000100000000000000000000000000 be16:4:80 str:6:rr $FULL end
nl $NEW_SVC nest:1 u16:1:2 u16:2:6 hex:3:0a000001 u8:4:80 str:6:rr $FULL end
nl $NEW_SVC $SVC6 str:6:rr hex:7:0000000000000000 u32:8:0 u32:9:0 end
nl $NEW_SVC $SVC6 str:6:rr hex:7:0000000000000000 u32:8:0 u32:9:129 end
nl $NEW_SVC $SVC6 str:6:rr hex:7:0000000000000000 u32:8:0 u32:9:128 end
nl $NEW_SVC $SVC str:6:rr $FULL u32:30:1 end
nl $NEW_SVC $SVC str:6:rr $FULL end
nl $NEW_SVC nest:1 u16:1:2 u32:5:0 str:6:rr $FULL end
nl $NEW_SVC nest:1 u16:1:2 u32:5:9 str:6:none hex:7:0100000001000000 u32:8:60 be32:9:0xffffffff end
nl $GET_SVC $SVC end
nl $GET_SVC nest:1 u16:1:2 u32:5:10 end
nl $GET_SVC hex:1:ffff
nl -d $GET_SVC
nl $SET_SVC $SVC str:6:nosuch $FULL end
nl $SET_SVC $SVC str:6:wlc end
nl $SET_SVC nest:1 u16:1:2 u16:2:6 hex:3:0a000009 be16:4:80 str:6:rr $FULL end
nl $ZERO nest:1 u16:1:2 u16:2:6 hex:3:0a000009 be16:4:80 end
nl $ZERO $SVC end
nl $DEL_SVC nest:1 u16:1:2 u32:5:10 end
run -Sn
end_section

section "destinations"
nl $NEW_DEST $SVC end
nl $NEW_DEST $SVC end $DST end
nl $NEW_DEST $SVC end nest:2 hex:1:c0a80101 $DFULL end
nl $NEW_DEST $SVC end $DST u32:4:1 u32:5:0 u32:6:0 end
nl $NEW_DEST $SVC end $DST u32:3:0 u32:4:0x80000000 u32:5:0 u32:6:0 end
nl $NEW_DEST $SVC end $DST u32:3:0 u32:4:1 u32:5:5 u32:6:10 end
nl $NEW_DEST $SVC end $DST u32:3:2 u32:4:1 u32:5:0 u32:6:0 u8:13:1 end
nl $NEW_DEST $SVC end $DST u32:3:2 u32:4:1 u32:5:0 u32:6:0 u8:13:1 be16:14:6080 end
nl $NEW_DEST $SVC end $DST $DFULL end
nl $NEW_DEST $SVC end $DST $DFULL end
nl $NEW_DEST $SVC end $DST $DFULL u16:11:3 end
nl $NEW_DEST $SVC end nest:2 hex:1:20010db8000000000000000000000009 be16:2:80 $DFULL u16:11:10 end
nl $NEW_DEST $SVC end nest:2 hex:1:20010db8000000000000000000000009 be16:2:80 u32:3:2 u32:4:1 u32:5:0 u32:6:0 u16:11:10 end
nl $NEW_DEST $SVC end nest:2 hex:1:7f000001 be16:2:80 $DFULL end
nl $NEW_DEST $SVC end nest:2 hex:1:00000000 be16:2:80 $DFULL end
nl $NEW_DEST nest:1 u16:1:2 u16:2:6 hex:3:0a000009 be16:4:80 end $DST $DFULL end
nl $SET_DEST $SVC end nest:2 hex:1:c0a80199 be16:2:80 $DFULL end
nl $SET_DEST $SVC end $DST u32:3:3 u32:4:7 u32:5:100 u32:6:50 end
nl $DEL_DEST $SVC end nest:2 hex:1:c0a80199 be16:2:80 end
nl -d $GET_DEST $SVC end
nl -d $GET_DEST nest:1 u16:1:2 u16:2:6 hex:3:0a000009 be16:4:80 end
nl -d $GET_DEST
run -Sn
nl $DEL_DEST $SVC end $DST end
nl $DEL_DEST $SVC end $DST end
nl $FLUSH
run -Sn
end_section

section "sync daemon"
nl $NEW_DAEMON
nl $NEW_DAEMON nest:3 u32:1:1 u32:3:1 end
nl $NEW_DAEMON nest:3 u32:1:3 str:2:lo u32:3:1 end
nl $NEW_DAEMON nest:3 u32:1:1 str:2:nosuch0 u32:3:1 end
nl $NEW_DAEMON nest:3 u32:1:1 str:2:lo u32:3:1 hex:5:0a000001 end
nl $NEW_DAEMON nest:3 u32:1:2 str:2:lo u32:3:1 hex:6:20010db8000000000000000000000001 end
nl $NEW_DAEMON nest:3 u32:1:2 str:2:lo u32:3:1 u16:4:100 end
nl $NEW_DAEMON nest:3 u32:1:1 str:2:lo u32:3:7 u16:4:65535 hex:5:ef010203 u16:7:1234 u8:8:9 end
nl -d $GET_DAEMON
run -L --daemon
nl $DEL_DAEMON nest:3 end
nl $DEL_DAEMON nest:3 u32:1:5 end
nl $DEL_DAEMON nest:3 u32:1:1 end
nl $DEL_DAEMON nest:3 u32:1:2 end
nl $DEL_DAEMON nest:3 u32:1:2 end
run -L --daemon
end_section

# Garbage: random bytes as the service, dest and daemon nests of every
# command. Only the kernel's survival is checked (no oops on the console,
# the module unloads); the answers are not compared.
garbage() {
	local i cmd nest hex
	for i in $(seq 100); do
		cmd=$((RANDOM % 17 + 1))
		nest=$((RANDOM % 3 + 1))
		hex=$(head -c $((RANDOM % 64)) /dev/urandom | od -An -tx1 | tr -d ' \n')
		"$NLRAW" $cmd "hex:$nest:$hex" >/dev/null || return 1
		"$NLRAW" -d $cmd nest:$nest "hex:$((RANDOM % 16)):$hex" end >/dev/null || return 1
	done
}
check "100 rounds of garbage are answered" garbage
check "the kernel still answers" "$NLRAW" $GET_INFO
$IPVSADM_STOCK -C
check "the table is left empty" table_empty
done_testing
