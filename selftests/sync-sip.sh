#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 150
# Connection sync of sip templates (--pe sip): the master sends a
# template's Call-ID and engine name as the v1 options IPVS uses (PE_DATA,
# then PE_NAME; decoded by tools/syncmsg), and the backup lists the
# templates with them, as the master does. Hand-built entries: one keyed
# by its Call-ID (an update of the same call refreshes it, another call
# from the same client is a template of its own), an unknown engine's and
# data without a name are skipped, a name without data makes a template
# without engine data, as on ip_vs.
. "$(dirname "$0")/lib/core.bash"
require_tool sipmsg
require_tool syncmsg

plan 13
check "a director and a backup joined by sync0" eval '
	topo_sink && ns_new NS_BACKUP backup &&
	veth_link "$NS_DIRECTOR" sync0 "$NS_BACKUP" sync0 &&
	addr "$NS_DIRECTOR" sync0 10.0.9.1/24 && addr "$NS_BACKUP" sync0 10.0.9.2/24'
on_exit "adm -C; ADM_NS=\$NS_BACKUP adm -C; adm --stop-daemon master;
	ADM_NS=\$NS_BACKUP adm --stop-daemon backup"
case $LVS_SIDE in
lvs) check "no ip_vs module is loaded" eval '! grep -q "^ip_vs" /proc/modules' ;;
*) check "modprobe ip_vs_pe_sip" modprobe ip_vs_pe_sip ;;
esac

SVC=$VIP:5060
services() {
	local ADM_NS=$1
	adm -A -u "$SVC" -s rr -p 300 --pe sip &&
	adm -a -u "$SVC" -r 10.9.0.1:5060 -m && adm -a -u "$SVC" -r 10.9.0.2:5060 -m
}
check "the sip service on both" eval 'services "$NS_DIRECTOR" && services "$NS_BACKUP"'
check "backup and master daemons (syncid 5)" eval '
	ADM_NS=$NS_BACKUP adm --start-daemon backup --mcast-interface sync0 --syncid 5 &&
	adm --start-daemon master --mcast-interface sync0 --syncid 5'
WIRE=$(mktemp)
on_exit "rm -f $WIRE"
nsx "$NS_BACKUP" "$SYNCMSG" listen sync0 60 >"$WIRE" 2>&1 &
on_exit "kill $! 2>/dev/null"
wait_for 5 grep -q listening "$WIRE"

sip() {
	nsx "$NS_CLIENT" "$SIPMSG" -d "$VIP" -p 5060 -s "$1" -i "$2" "${@:3}" >/dev/null
}
sip 5001 call-a@client
sip 5011 call-b@client
sip 5002 call-a@client -m BYE -k compact
sip 5012 call-b@client -m BYE

T="^conn proto=17 c=10\.0\.1\.2:0 v=$VIP:5060 d=10\.9\.0\.[12]:5060 flags=0x1100 state=0 timeout=300 fwmark=0"
check "wire: the templates with their Call-ID and engine name" eval '
	wait_for 10 grep -Eq "$T opt2/13=call-a@client opt3/3=sip$" "$WIRE" &&
	grep -Eq "$T opt2/13=call-b@client opt3/3=sip$" "$WIRE" || { cat "$WIRE"; false; }'

# templates NS: the sip templates in NS's -Lnc, without the expiry.
templates() {
	ADM_NS=$1 adm -Lnc --persistent-conn |
		awk '$3 == "NONE" { $2 = ""; print }' | sort
}
same() {
	local m b
	m=$(templates "$NS_DIRECTOR") b=$(templates "$NS_BACKUP")
	[ "$(echo "$m" | grep -c " sip call-")" = 2 ] && [ "$m" = "$b" ] && return 0
	printf 'master:\n%s\nbackup:\n%s\n' "$m" "$b"
	return 1
}
check "the backup lists both templates as the master does" eval 'within 10 same || same'
check "/proc/net/ip_vs_conn on the backup: PEName and PEData" \
	nsx "$NS_BACKUP" grep -Eq " NONE +[0-9]+ sip call-a@client$" /proc/net/ip_vs_conn

# Hand-built entries, from the master's side of the link.
inject() {
	nsx "$NS_DIRECTOR" "$SYNCMSG" send sync0 -s 5 \
		"udp,$1,0,$VIP,5060,10.9.0.1,5060,0x1000,0,$2,0${3:+,$3}"
}
bkp() { ADM_NS=$NS_BACKUP adm -Lnc --persistent-conn | grep -E "$1"; }
n_bkp() { [ "$(bkp "$1" | wc -l)" = "$2" ]; }
X="NONE +10\.0\.1\.77:0 +$VIP:5060 +10\.9\.0\.1:5060 +sip"
# The expiry a listing shows: the message's timeout, less the time the
# message and the listing took (seconds, or more on a loaded host; 20 s
# at most, which no other timeout here comes near).
check "an entry with Call-ID call-x (100 s) appears on the backup" eval '
	inject 10.0.1.77 100 sip,call-x@h && within 5 n_bkp "01:([2-3][0-9]|40) +$X +call-x@h$" 1'
check "the same call again (200 s) refreshes that template" eval '
	inject 10.0.1.77 200 sip,call-x@h && within 5 n_bkp "03:([01][0-9]|20) +$X +call-x@h$" 1 &&
	n_bkp "$X +call-x@h$" 1'
check "another call of the same client is a template of its own" eval '
	inject 10.0.1.77 100 sip,call-y@h && within 5 n_bkp "$X +call-y@h$" 1 &&
	n_bkp "$X +call-x@h$" 1'
# In order: by the time the last one is listed, the others were handled.
inject 10.0.1.78 100 nosuch,call-z@h
inject 10.0.1.79 100 ,call-w@h
inject 10.0.1.80 100 sip,
check "a name without data: a template without engine data" \
	within 5 n_bkp "NONE +10\.0\.1\.80:0 +$VIP:5060 +10\.9\.0\.1:5060 *$" 1
check "an unknown engine's entry is skipped" eval '! bkp "10\.0\.1\.78:0"'
check "engine data without a name is skipped" eval '! bkp "10\.0\.1\.79:0"'
done_testing
