#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An FTP client in bash (the guest has no ftp client doing active mode),
# run, not sourced, by selftests/dp-ftp.sh. Prints every reply line it reads, and for
# the data connections a "DATA host port" line (passive) or the receiver's
# "PEER addr port" line (active). Exits non-zero on any failure.
#
# ftp.bash MODE HOST OUT [ARG]
#   pasv, epsv   two RETRs of "data" over PASV/EPSV into OUT.1, OUT.2
#   port, eprt   one RETR over PORT/EPRT, ARG is "client-address port";
#                the receiver is $FTPD -r
#   bad N        N PASVs (the server's malformed replies), then as pasv
# Every mode ends with SYST, PWD, NOOP and QUIT.
mode=$1 host=$2 out=$3 arg=${4:-}
exec 3<>"/dev/tcp/$host/21" || exit 1

LAST=
rd() {
	local l
	IFS= read -r -t 5 l <&3 || { echo "TIMEOUT"; exit 1; }
	LAST=${l%$'\r'}
	echo "$LAST"
}
cmd() { printf '%s\r\n' "$1" >&3; rd; }

# get NAME: RETR over a passive data connection of the last PASV/EPSV.
pasv_get() {
	local h p nums a b c d p1 p2
	case $1 in
	pasv)
		cmd PASV
		[[ $LAST == 227* ]] || exit 1
		nums=${LAST#*(}
		nums=${nums%%)*}
		IFS=, read -r a b c d p1 p2 <<<"$nums"
		h=$a.$b.$c.$d p=$((p1 * 256 + p2))
		;;
	epsv)
		cmd EPSV
		[[ $LAST == 229* ]] || exit 1
		p=${LAST#*(|||}
		p=${p%%|)*}
		h=$host
		;;
	esac
	echo "DATA $h $p"
	exec 4<>"/dev/tcp/$h/$p" || { echo "DATA-CONNECT-FAILED"; exit 1; }
	cmd "RETR data"
	[[ $LAST == 150* ]] || exit 1
	cat <&4 >"$2"
	exec 4<&-
	rd
	[[ $LAST == 226* ]] || exit 1
}

rd
cmd "USER anonymous"
cmd "PASS selftest"
cmd "TYPE I"
case $mode in
pasv | epsv)
	pasv_get "$mode" "$out.1"
	cmd NOOP
	pasv_get "$mode" "$out.2"
	;;
bad)
	for _ in $(seq "$arg"); do cmd PASV; done
	pasv_get pasv "$out.1"
	;;
port | eprt)
	read -r caddr cport <<<"$arg"
	"$FTPD" -r "$cport" >"$out.1" 2>"$out.peer" &
	rpid=$!
	for _ in $(seq 50); do
		grep -qi ":$(printf %04X "$cport") .* 0A " /proc/net/tcp6 && break
		sleep 0.1
	done
	if [ "$mode" = port ]; then
		cmd "PORT ${caddr//./,},$((cport >> 8)),$((cport & 255))"
	else
		cmd "EPRT |2|$caddr|$cport|"
	fi
	[[ $LAST == 200* ]] || { kill "$rpid"; exit 1; }
	cmd "RETR data"
	[[ $LAST == 150* ]] || { kill "$rpid"; exit 1; }
	rd
	[[ $LAST == 226* ]] || { kill "$rpid"; exit 1; }
	wait "$rpid" || exit 1
	cat "$out.peer"
	;;
esac
cmd SYST
cmd PWD
cmd NOOP
cmd QUIT
