#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# The FTP helper (ip_vs_ftp; lvs.ko's ftp_ports parameter) on a NAT
# service on port 21. The client has no route to the real servers, so only
# what the director masquerades works:
#  - passive (PASV): the 227 reply names the VIP (10.0.2.1x -> 10.0.1.100,
#    one byte longer), the data connection to VIP:port reaches the same
#    real server; the control connection stays intact for the commands
#    after the rewrite (sequence numbers shifted both ways), twice;
#  - active (PORT): the real server's data connection from its port 20
#    arrives from VIP:20;
#  - IPv6: EPSV and EPRT the same way;
#  - malformed 227 replies leave the director and the session working.
# Without the helper (ftp_ports=0 on lvs.ko, no ip_vs_ftp on ip_vs) the
# passive and the active download both fail.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip md5sum
require_tool ftpd
export FTPD
FTPCLI=$(dirname "$0")/lib/ftp.bash
VIP2=10.0.1.101

plan 26
check "topology builds" topo_nat 2
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
check "the client reaches the real servers only through NAT" eval '
	ip -n "$NS_CLIENT" route del default &&
	ip -n "$NS_CLIENT" -6 route del default &&
	ip -n "$NS_DIRECTOR" addr add "$VIP2/24" dev c0'

mkdir -p "$DP_TMP/ftp" "$DP_TMP/out"
head -c 300000 /dev/urandom >"$DP_TMP/ftp/data"
WANT=$(md5sum <"$DP_TMP/ftp/data" | cut -d' ' -f1)
for i in 1 2; do
	nsx "${NS_RS[i]}" "$FTPD" "$DP_TMP/ftp" &
	on_exit "kill $!"
done
# Malformed 227 replies first, then good ones (see ftpd.c -m).
nsx "${NS_RS[1]}" "$FTPD" -p 2121 \
	-m "227 Entering Passive Mode (10,0,2,11,300,1)." \
	-m "227 Entering Passive Mode (10,0,2,11,4" \
	-m "227 Entering Passive Mode (" \
	-m "227 Entering Passive Mode (10,0,2,11,,)." \
	-m "227 $(printf '9,%.0s' $(seq 200))" \
	-m "227 (((((((((((((((((((((((((((((((((((((((((((((((((((" \
	-m "227 $(printf '1%.0s' $(seq 1400))" \
	"$DP_TMP/ftp" &
on_exit "kill $!"
check "FTP servers listen" eval 'wait_listen "${NS_RS[1]}" 21 && wait_listen "${NS_RS[2]}" 21 &&
	wait_listen "${NS_RS[1]}" 2121'

# ftp MODE HOST TAG [ARG]: a client session (lib/ftp.bash); its transcript
# goes to $DP_TMP/out/TAG.log.
ftp() {
	nsx "$NS_CLIENT" timeout 30 bash "$FTPCLI" "$1" "$2" "$DP_TMP/out/$3" "${4:-}" \
		>"$DP_TMP/out/$3.log" 2>&1
	local rc=$?
	sed 's/^/#   /' "$DP_TMP/out/$3.log" | head -20
	return $rc
}
got() { # TAG N: the Nth download of TAG is the file
	local sum
	sum=$(md5sum <"$DP_TMP/out/$1.$2" | cut -d' ' -f1)
	[ "$sum" = "$WANT" ] || { echo "md5 $sum, want $WANT"; return 1; }
}
said() { grep -qxF "$2" "$DP_TMP/out/$1.log" || { echo "no line '$2'"; return 1; }; }
# the commands after the data transfers got their own replies, unbroken
tail_ok() {
	said "$1" "215 UNIX Type: L8" && said "$1" '257 "/" is the current directory' &&
		said "$1" "200 NOOP ok" && said "$1" "221 Goodbye"
}
services() {
	adm -A -t "$VIP:21" -s rr &&
		adm -a -t "$VIP:21" -r "${RS_IP[1]}:21" -m &&
		adm -a -t "$VIP:21" -r "${RS_IP[2]}:21" -m &&
		adm -A -t "[$VIP6]:21" -s rr &&
		adm -a -t "[$VIP6]:21" -r "[${RS_IP6[1]}]:21" -m &&
		adm -a -t "[$VIP6]:21" -r "[${RS_IP6[2]}]:21" -m &&
		adm -A -t "$VIP2:21" -s rr &&
		adm -a -t "$VIP2:21" -r "${RS_IP[1]}:2121" -m
}

# --- without the helper ---------------------------------------------------
case $LVS_SIDE in
lvs) check "lvs.ko loaded with ftp_ports=0" eval \
	'rmmod lvs && insmod /opt/lvs/lvs.ko ftp_ports=0 &&
	 [ "$(cat /sys/module/lvs/parameters/ftp_ports)" = 0 ]' ;;
*) check "ip_vs_ftp is not loaded" eval '! grep -q "^ip_vs_ftp " /proc/modules' ;;
esac
check "services (no helper)" services
check "no helper: PASV names a real server, the download fails" eval '
	! ftp pasv "$VIP" nohelp-pasv && grep -q "^DATA 10\.0\.2\.1[12] " "$DP_TMP/out/nohelp-pasv.log"'
check "no helper: the active download fails" \
	eval '! ftp port "$VIP" nohelp-port "10.0.1.2 40020"'
check "table cleared" adm -C

# --- with the helper ------------------------------------------------------
case $LVS_SIDE in
lvs) check "lvs.ko reloaded, ftp_ports=21 by default" eval \
	'reload_module && [ "$(cat /sys/module/lvs/parameters/ftp_ports)" = 21 ]' ;;
*) check "modprobe ip_vs_ftp" modprobe ip_vs_ftp ;;
esac
check "services" services

check "passive: two downloads through the VIP" ftp pasv "$VIP" pasv
check "passive: 227 named the VIP" eval 'grep -q "^DATA $VIP [0-9]" "$DP_TMP/out/pasv.log"'
check "passive: both downloads are the file" eval 'got pasv 1 && got pasv 2'
check "passive: replies after the longer 227s are intact" tail_ok pasv
check "-Lnc lists the data connection (client port filled in)" eval '
	p=$(awk "/^DATA/ { print \$3; exit }" "$DP_TMP/out/pasv.log")
	conns_match "^TCP .* 10\.0\.1\.2:[1-9][0-9]* +$VIP:$p +10\.0\.2\.1[12]:$p" 1'

check "active: download through PORT" ftp port "$VIP" port "10.0.1.2 40021"
check "active: the data connection came from VIP:20" said port "PEER ::ffff:$VIP 20"
check "active: the download is the file" got port 1
check "active: replies intact" tail_ok port
check "-Lnc lists the active data connection" \
	conns_match "^TCP .* 10\.0\.1\.2:40021 +$VIP:20 +10\.0\.2\.1[12]:20" 1

check "IPv6 passive (EPSV): two downloads" ftp epsv "$VIP6" epsv
check "IPv6 passive: both downloads are the file, replies intact" eval 'got epsv 1 && got epsv 2 && tail_ok epsv'
check "IPv6 active (EPRT): the data connection came from VIP6:20" eval '
	ftp eprt "$VIP6" eprt "fd00:1::2 40022" && said eprt "PEER $VIP6 20" && got eprt 1 && tail_ok eprt'

check "malformed 227 replies, then a good one" ftp bad "$VIP2" bad 7
check "after them the download and the replies are intact" eval 'got bad 1 && tail_ok bad'
check "the director still serves a fresh session" eval 'ftp pasv "$VIP" again && got again 1'
done_testing
