# SPDX-License-Identifier: GPL-2.0
# Traffic through a virtual service and what ipvsadm reports about it
# (sourced after core.bash by the dp-*, sched-*, sync-* and some ctl-*
# selftests). Every listing comes from adm, stock ipvsadm, in the
# director (or in ADM_NS, see core.bash).

DP_TMP=$(mktemp -d /tmp/dp.XXXXXX)
on_exit "rm -rf $DP_TMP"

# dp_web NS NAME: busybox httpd in NS serving /data, a 64 KiB file of
# random bytes; its md5 goes to $DP_TMP/NAME.md5.
dp_web() {
	local ns=$1 name=$2 dir
	dir=$DP_TMP/www-$name
	mkdir -p "$dir" || return 1
	head -c 65536 /dev/urandom >"$dir/data" || return 1
	md5sum <"$dir/data" | cut -d' ' -f1 >"$DP_TMP/$name.md5"
	nsx "$ns" busybox httpd -f -p 80 -h "$dir" &
	on_exit "kill $!"
	wait_listen "$ns" 80
}

# dp_fetch NS HOST: md5 of http://HOST/data fetched from NS (the body only),
# within 5 s times LVS_TIME_SCALE (a slowed kernel cut a body short).
dp_fetch() {
	nsx "$1" timeout $((5 * ${LVS_TIME_SCALE:-1})) bash -c '
		exec 3<>"/dev/tcp/$0/80" || exit 1
		printf "GET /data HTTP/1.0\r\n\r\n" >&3
		sed "1,/^\r\$/d" <&3' "$2" | md5sum | cut -d' ' -f1
}

# dp_fetch_is_from HOST NAME...: fetching from the client gives exactly
# one of the named servers' files.
dp_fetch_is_from() {
	local host=$1 sum n
	shift
	sum=$(dp_fetch "$NS_CLIENT" "$host")
	for n in "$@"; do
		[ "$sum" = "$(cat "$DP_TMP/$n.md5")" ] && return 0
	done
	echo "fetched md5 $sum matches none of: $*"
	return 1
}

# dp_hold NS HOST TAG: opens a TCP connection to HOST:80 from NS and keeps
# it idle until $DP_TMP/TAG.go exists; then sends a request and stores the
# answer's body md5 in $DP_TMP/TAG.out. $DP_TMP/TAG.open shows it is up.
dp_hold() {
	local ns=$1 host=$2 tag=$3
	nsx "$ns" bash -c '
		exec 3<>"/dev/tcp/$0/80" || exit 1
		touch "$1.open"
		while [ ! -e "$1.go" ]; do sleep 0.1; done
		printf "GET /data HTTP/1.0\r\n\r\n" >&3
		sed "1,/^\r\$/d" <&3 | md5sum | cut -d" " -f1 >"$1.out"' \
		"$host" "$DP_TMP/$tag" &
	on_exit "kill $! 2>/dev/null"
	wait_for 5 test -e "$DP_TMP/$tag.open"
}

# dp_release TAG NAME...: lets a held connection send its request; it
# must get one of the named servers' file back.
dp_release() {
	local tag=$1 n
	shift
	touch "$DP_TMP/$tag.go"
	wait_for 10 test -s "$DP_TMP/$tag.out" || { echo "no answer"; return 1; }
	for n in "$@"; do
		[ "$(cat "$DP_TMP/$tag.out")" = "$(cat "$DP_TMP/$n.md5")" ] && return 0
	done
	echo "wrong body on the held connection"
	return 1
}

# no_icmp_ratelimit NS: the kernel answers every datagram it refuses.
no_icmp_ratelimit() {
	nsx "$1" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 >/dev/null
}

# sum_dests COLUMN: the sum of a column over all real server lines of
# `ipvsadm -Ln` (4 ActiveConn, 5 InActConn).
sum_dests() {
	adm -Ln | awk -v c="$1" '$1 == "->" && $2 != "RemoteAddress:Port" { s += $(c + 1) } END { print s + 0 }'
}

# dp_tcp_refused NS HOST: a new TCP connection to HOST:80 fails.
dp_tcp_refused() {
	! nsx "$1" timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/80"' "$2" 2>/dev/null
}

# udp_exchange HOST: from the client, two datagrams to HOST:9999 on one
# socket (one connection), each of which must come back echoed (tools/udpecho).
udp_exchange() {
	nsx "$NS_CLIENT" timeout 8 bash -c '
		exec 3<>"/dev/udp/$0/9999" || exit 1
		for m in one two; do
			printf "%s\n" "$m" >&3
			# One read of a whole datagram (bash reads byte by byte).
			a=$(timeout 3 dd bs=64k count=1 <&3 2>/dev/null)
			[ "$a" = "$m" ] || exit 1
		done' "$1"
}

# udp_noports NS: the namespace's count of datagrams for closed ports
# (IPv4 plus IPv6); the kernel verifies the checksum before counting.
# One process for both files: every fork counts in an emulated guest.
udp_noports() {
	nsx "$1" awk '$1 == "Udp:" && $2 ~ /^[0-9]+$/ { n += $3 }
		$1 == "Udp6NoPorts" { n += $2 } END { print n + 0 }' /proc/net/snmp /proc/net/snmp6
}

# udp_landing CMD...: runs CMD, which sends one datagram to a UDP service
# whose real server is rs1, and prints where it landed: "rs" (the closed
# port of ${NS_RS[1]} counted it), "director" (the director itself, which
# has the VIP and no listener either) or "lost" (neither within 3 s).
udp_landing() {
	local r d end
	r=$(udp_noports "${NS_RS[1]}")
	d=$(udp_noports "$NS_DIRECTOR")
	"$@" >/dev/null || { echo "send failed"; return 1; }
	end=$((${EPOCHREALTIME/./} + 3000000))
	while :; do
		[ "$(udp_noports "${NS_RS[1]}")" -gt "$r" ] && { echo rs; return; }
		[ "$(udp_noports "$NS_DIRECTOR")" -gt "$d" ] && { echo director; return; }
		[ "${EPOCHREALTIME/./}" -ge $end ] && break
		sleep 0.2
	done
	echo lost
}

# dp_udp_send NS HOST PORT COUNT: COUNT datagrams, each from a new socket
# (a new connection); prints how many sockets got the ICMP port
# unreachable back (read fails at once instead of timing out).
dp_udp_send() {
	nsx "$1" timeout 20 bash -c '
		n=0
		for i in $(seq "$2"); do
			exec 3<>"/dev/udp/$0/$1" || exit 1
			printf "datagram %s\n" "$i" >&3
			read -r -t 2 x <&3 2>/dev/null
			[ $? -gt 128 ] || n=$((n + 1))
			exec 3>&-
		done
		echo $n' "$2" "$3" "$4"
}

# conns_match REGEX [COUNT]: `ipvsadm -Lnc` has COUNT (default: at least
# one) lines matching REGEX.
conns_match() {
	local n
	n=$(adm -Lnc | grep -cE "$1")
	if [ -n "${2:-}" ]; then
		[ "$n" = "$2" ] || { echo "want $2 matching '$1', got $n:"; adm -Lnc; return 1; }
	else
		[ "$n" -ge 1 ] || { echo "none matching '$1':"; adm -Lnc; return 1; }
	fi
}

# stat_field "PROTO ADDR:PORT" COLUMN: a column of that service's line of
# `ipvsadm -Ln --stats --exact` (2 Conns, 3 InPkts, 4 OutPkts, 5 InBytes,
# 6 OutBytes). IPv6 addresses in brackets, as ipvsadm prints them.
stat_field() {
	adm -Ln --stats --exact | awk -v p="$1" -v c="$2" '
		{ split(p, k, " ") }
		$1 == k[1] && $2 == k[2] { print $(c + 1); exit }'
}

# dest_field ADDR:PORT COLUMN: the same for a real server line.
dest_field() {
	adm -Ln --stats --exact | awk -v a="$1" -v c="$2" '$1 == "->" && $2 == a { print $(c + 1); exit }'
}

# stat_is "PROTO ADDR:PORT" COLUMN eq|ge VALUE: waits (5 s) for the
# service's counter to be (at least) VALUE. The kernel's ip_vs publishes
# its counters from the 2-second rate estimator, so they lag.
_stat_cmp() { local v; v=$(stat_field "$1" "$2"); [ -n "$v" ] && [ "$v" "-$3" "$4" ]; }
stat_is() {
	wait_for 5 _stat_cmp "$@" && return 0
	echo "$1 column $2 is '$(stat_field "$1" "$2")', want $3 $4"
	adm -Ln --stats --exact
	return 1
}

# dests_conns_are VALUE DEST...: the Conns counters of DESTs add up to VALUE.
_dests_sum() {
	local d s=0
	for d in "$@"; do s=$((s + $(dest_field "$d" 2))); done
	echo "$s"
}
_dests_eq() { local want=$1; shift; [ "$(_dests_sum "$@")" = "$want" ]; }
dests_conns_are() {
	wait_for 5 _dests_eq "$@" && return 0
	echo "dests' Conns add up to $(_dests_sum "${@:2}"), want $1"
	return 1
}

# ge A B: A >= B, both numbers.
ge() { [ -n "$1" ] && [ "$1" -ge "$2" ] || { echo "$1 < $2"; return 1; }; }
eq() { [ "$1" = "$2" ] || { echo "'$1' != '$2'"; return 1; }; }

# pkt_capture NS IFACE TAG [SECS]: records what IFACE in NS receives (up
# to SECS, default 60) into $DP_TMP/TAG.pkts, one packet a line as
# selftests/tools/pktdump prints it; returns once it listens.
# pkt_stop TAG: ends the capture (its file stays).
PKTDUMP=$(dirname "${BASH_SOURCE[0]}")/../tools/pktdump
pkt_capture() {
	local ns=$1 ifc=$2 tag=$3 secs=${4:-60}
	[ -x "$PKTDUMP" ] || { echo "no $PKTDUMP (make tools)"; return 1; }
	nsx "$ns" "$PKTDUMP" "$ifc" "$secs" 80 >"$DP_TMP/$tag.pkts" 2>"$DP_TMP/$tag.err" &
	echo $! >"$DP_TMP/$tag.pid"
	on_exit "kill $! 2>/dev/null"
	wait_for 5 grep -q ready "$DP_TMP/$tag.err"
}
pkt_stop() {
	local pid
	pid=$(cat "$DP_TMP/$1.pid") || return 1
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# pkt_count TAG AWK-CONDITION: how many captured packets match; in the
# condition $1 is the ethertype and $(N + 2) the network header's byte N
# (so $2 is byte 0), all lower-case hex strings.
pkt_count() {
	awk "$2 { n++ } END { print n + 0 }" "$DP_TMP/$1.pkts"
}

# dp_setup TOPO N WEB: the topology (topo_nat or topo_l2) with N real
# servers, a web server (dp_web) in rs1 .. rsWEB, the table flushed at
# exit, rs1 answering every datagram it refuses; 1 + WEB test points.
dp_setup() {
	local i
	check "topology builds" "$1" "$2"
	on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
	for i in $(seq "$3"); do
		check "web server in rs$i" dp_web "${NS_RS[i]}" "rs$i"
	done
	no_icmp_ratelimit "${NS_RS[1]}"
}

# dp_rr_service -t|-u ADDR:PORT METHOD DEST...: a round robin service with
# each DEST forwarded by METHOD (-m, -g, -i).
dp_rr_service() {
	local proto=$1 svc=$2 method=$3 d
	shift 3
	adm -A "$proto" "$svc" -s rr || return 1
	for d in "$@"; do
		adm -a "$proto" "$svc" -r "$d" "$method" || return 1
	done
}

# dp_fetches N HOST NAME...: N fetches through HOST, each intact from one
# of the named servers; N test points.
dp_fetches() {
	local n=$1 i
	shift
	for i in $(seq "$n"); do
		check "fetch $i through $1 arrives intact" dp_fetch_is_from "$@"
	done
}

# fetch_captured TAG HOST: one intact fetch from rs1 through HOST while
# rs1 records what its eth0 receives (pkt_count TAG ...).
fetch_captured() {
	pkt_capture "${NS_RS[1]}" eth0 "$1" || return 1
	dp_fetch_is_from "$2" rs1
	local rc=$?
	pkt_stop "$1"
	return $rc
}

# dp_udp_services METHOD [OPTION...]: the UDP services $VIP:9999 and
# [$VIP6]:9999, each with rs1 as its one real server, forwarded by METHOD
# (-m, -g, -i, and OPTIONs such as --tun-type).
dp_udp_services() {
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" "$@" &&
		adm -A -u "[$VIP6]:9999" &&
		adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" "$@"
}

# udp_to_rs1 N HOST...: N datagrams from the client to each HOST:9999 (a
# UDP service whose only real server is rs1, where nobody listens), each
# from a new socket. Prints how many rs1 counted at its closed port (the
# checksums were right), then for each HOST how many sockets got rs1's
# ICMP port unreachable back.
udp_to_rs1() {
	local n=$1 h before out=
	shift
	before=$(udp_noports "${NS_RS[1]}")
	for h in "$@"; do
		out+=" $(dp_udp_send "$NS_CLIENT" "$h" 9999 "$n")"
	done
	echo "$(($(udp_noports "${NS_RS[1]}") - before))$out"
}
