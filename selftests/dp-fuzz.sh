#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftest-timeout: 240
# selftest-timeout-long: 900
# Packet fuzz to the virtual services (tools/pktfuzz): NAT, DR and
# tunnel (IPIP, GUE, GRE, IPv6-in-IPv6) services for TCP, UDP and SCTP,
# IPv4 and IPv6, get mutated packets from the client side (to the VIPs:
# bad checksums and lengths, IPv4 options and IPv6 extension-header
# chains, overlapping and tiny fragments, tunnel packets, ICMP errors
# about the replies) and from the real servers' side at the same time
# (NAT replies, ICMP errors about connections and about tunnelled
# packets, with truncated or bogus inner headers). Meanwhile a loop of
# real requests through every service must all succeed, and so must one
# more round after the fuzz. The harness then unloads the module and
# checks the console (no oops, WARN, KASAN or SLUB report).
#
# Environment (vm/run --env NAME=VALUE; vm/run --long, as the debug lane
# runs it, makes the defaults 10^6 packets at 2000 a second):
#   DP_FUZZ_PACKETS  packets from each side (default 8000)
#   DP_FUZZ_RATE     packets a second from each side (default 800; 0: as
#                    fast as the sender goes)
#   DP_FUZZ_SEED     the client side's seed (the real servers' is SEED+1);
#                    default random, always printed. A single packet N
#                    is sent again by pktfuzz ... -s SEED -f N -n 1.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox md5sum modprobe
require_tool pktfuzz
require_tool udpecho

# LVS_STRESS=long (vm/run --long, the debug lane): 10^6 packets a side.
case ${LVS_STRESS:-} in
long) PACKETS=${DP_FUZZ_PACKETS:-1000000} RATE=${DP_FUZZ_RATE:-2000} ;;
*) PACKETS=${DP_FUZZ_PACKETS:-8000} RATE=${DP_FUZZ_RATE:-800} ;;
esac
SEED=${DP_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
GUE=6080
CPORTS=30000-30063	# the fuzzer's client ports, below the ephemeral range
SPORTS=80,81,8080,9997,9998,9999,$GUE
FUZZ_SECS=$((RATE > 0 ? PACKETS / RATE * 3 + 30 : PACKETS / 100 + 60))

plan 26
dp_setup topo_l2 2 2
R1=${RS_IP[1]} R2=${RS_IP[2]} R16=${RS_IP6[1]} R26=${RS_IP6[2]}

# rs1 serves NAT and DR: what it sends from its own address (NAT
# replies) goes back through the director, what it sends from the VIP
# (DR) goes straight to the client. rs2 is the tunnels' end.
nat_routes() {
	local ns=${NS_RS[1]}
	ip -n "$ns" rule add from "$R1" table 100 &&
	ip -n "$ns" route add default via 10.0.1.1 dev eth0 onlink table 100 &&
	ip -n "$ns" -6 rule add from "$R16" table 100 &&
	ip -n "$ns" -6 route add default via fd00:1::1 dev eth0 onlink table 100 &&
	nsx "$ns" sysctl -qw net.ipv4.conf.all.accept_redirects=0 \
		net.ipv4.conf.eth0.accept_redirects=0 \
		net.ipv6.conf.all.accept_redirects=0 \
		net.ipv6.conf.eth0.accept_redirects=0 >/dev/null &&
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 \
		net.ipv4.conf.all.send_redirects=0 \
		net.ipv4.conf.eth0.send_redirects=0 >/dev/null
}
check "rs1 routes its own replies via the director" nat_routes
rs2_ends() {
	local ns=${NS_RS[2]}
	tunnel_ends "$ns" && fou_ends "$ns" $GUE && gre_ends "$ns" || return 1
	nsx "$ns" busybox httpd -f -p 81 -h "$DP_TMP/www-rs2" &
	on_exit "kill $!"
	wait_listen "$ns" 81
}
check "rs2 decapsulates IPIP, GUE, GRE and serves port 81 too" rs2_ends
# The fuzz's "packet too big" errors from rs2's address may lower the
# director's path MTU to rs2 to 1280, below what an IPv6 tunnel needs
# (1320 and more: ip_vs then drops every tunnelled packet, for the ten
# minutes the path MTU lasts). A legitimate effect, not a fault: pin it.
pin_mtu() {
	ip -n "$NS_DIRECTOR" route add "$R2/32" dev eth0 mtu lock 1500 &&
	ip -n "$NS_DIRECTOR" -6 route add "$R26/128" dev eth0 mtu lock 1500
}
check "the director's path MTU to rs2 is pinned" pin_mtu
echoes() {
	nsx "${NS_RS[1]}" "$UDPECHO" 9999 2>/dev/null &
	on_exit "kill $!"
	nsx "${NS_RS[2]}" "$UDPECHO" 9998 2>/dev/null &
	on_exit "kill $!"
	wait_listen "${NS_RS[1]}" 9999 udp && wait_listen "${NS_RS[2]}" 9998 udp
}
check "UDP echo servers in rs1 (9999) and rs2 (9998)" echoes

services() {
	# NAT: TCP 8080, UDP 9999, SCTP 9997 (nobody listens) to rs1.
	adm -A -t "$VIP:8080" && adm -a -t "$VIP:8080" -r "$R1:80" -m &&
	adm -A -t "[$VIP6]:8080" && adm -a -t "[$VIP6]:8080" -r "[$R16]:80" -m &&
	adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "$R1:9999" -m &&
	adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[$R16]:9999" -m &&
	adm -A --sctp-service "$VIP:9997" &&
	adm -a --sctp-service "$VIP:9997" -r "$R1:9997" -m &&
	adm -A --sctp-service "[$VIP6]:9997" &&
	adm -a --sctp-service "[$VIP6]:9997" -r "[$R16]:9997" -m &&
	# DR: TCP 80 to rs1.
	adm -A -t "$VIP:80" && adm -a -t "$VIP:80" -r "$R1" -g &&
	adm -A -t "[$VIP6]:80" && adm -a -t "[$VIP6]:80" -r "[$R16]:80" -g &&
	# Tunnels to rs2: TCP 81 by IPIP and GUE, UDP 9998 by GRE and IPv6.
	adm -A -t "$VIP:81" && adm -a -t "$VIP:81" -r "$R2" -i &&
	adm -A -t "[$VIP6]:81" &&
	adm -a -t "[$VIP6]:81" -r "[$R26]:81" -i --tun-type gue --tun-port $GUE &&
	adm -A -u "$VIP:9998" && adm -a -u "$VIP:9998" -r "$R2" -i --tun-type gre &&
	adm -A -u "[$VIP6]:9998" && adm -a -u "[$VIP6]:9998" -r "[$R26]:9998" -i
}
check "NAT, DR and tunnel services (12)" services

# A request's time: 10 s, times LVS_TIME_SCALE on a slowed kernel. In the
# debug lane's long variant the fuzz saturates the guest (it sends a
# fifth of its 2000/s), and there ip_vs's requests failed in 10 s as
# lvs.ko's did: a lost SYN alone is retried after 1, 3 and 7 s.
REQ_SECS=$((10 * ${LVS_TIME_SCALE:-1}))
# fetch HOST PORT NAME: http://HOST:PORT/data arrives intact from NAME.
fetch() {
	local sum
	# Few processes: each costs tens of ms in the emulated guest.
	sum=$(nsx "$NS_CLIENT" timeout "$REQ_SECS" bash -c '
		exec 3<>"/dev/tcp/$0/$1" || exit 1
		printf "GET /data HTTP/1.0\r\n\r\n" >&3
		sed "1,/^\r\$/d" <&3 | md5sum' "$1" "$2")
	[ "${sum%% *}" = "$(<"$DP_TMP/$3.md5")" ]
}
# echo_ok HOST PORT: a datagram comes back echoed (three tries: a
# datagram may be lost under load, a request may not).
echo_ok() {
	nsx "$NS_CLIENT" timeout "$REQ_SECS" bash -c '
		exec 3<>"/dev/udp/$0/$1" || exit 1
		for try in 1 2 3; do
			printf "ping %s\n" "$try" >&3
			a=$(timeout 2 dd bs=64k count=1 <&3 2>/dev/null)
			case $a in "ping "*) exit 0 ;; esac
		done
		exit 1' "$1" "$2"
}
# round: one request through every service; names what failed.
round() {
	local bad=
	fetch "$VIP" 8080 rs1 || bad+=" nat4"
	fetch "$VIP6" 8080 rs1 || bad+=" nat6"
	fetch "$VIP" 80 rs1 || bad+=" dr4"
	fetch "$VIP6" 80 rs1 || bad+=" dr6"
	fetch "$VIP" 81 rs2 || bad+=" ipip4"
	fetch "$VIP6" 81 rs2 || bad+=" gue6"
	echo_ok "$VIP" 9999 || bad+=" udp-nat4"
	echo_ok "$VIP6" 9999 || bad+=" udp-nat6"
	echo_ok "$VIP" 9998 || bad+=" udp-gre4"
	echo_ok "$VIP6" 9998 || bad+=" udp-ip6ip6"
	[ -z "$bad" ] && return 0
	echo "failed:$bad"
	return 1
}
check "before the fuzz: a request through every service succeeds" round

# The real traffic during the fuzz: rounds until the stop file exists.
traffic() {
	local n=0
	while [ ! -e "$DP_TMP/stop" ]; do
		n=$((n + 1))
		round >>"$DP_TMP/traffic.fail" 2>&1 || echo "(round $n)" >>"$DP_TMP/traffic.fail"
		echo "$n" >"$DP_TMP/rounds"
	done
}
: >"$DP_TMP/traffic.fail"
traffic &
TRAFFIC=$!
on_exit "touch $DP_TMP/stop; kill $TRAFFIC 2>/dev/null"

mac() {
	ip -n "$1" -o link show "$2" | awk '{ for (i = 1; i < NF; i++) if ($i == "link/ether") print $(i + 1) }'
}
DMAC=$(mac "$NS_DIRECTOR" eth0)
check "the director's MAC ($DMAC)" test -n "$DMAC"
COMMON=(-m "$DMAC" -c "$CPORTS" -p "$SPORTS" -g "$GUE" -n "$PACKETS" -R "$RATE"
	-t "$FUZZ_SECS" -T "10.0.1.2,$VIP" -T "fd00:1::2,$VIP6")
diag "seed $SEED (client side), $((SEED + 1)) (real servers' side), $PACKETS packets each at ${RATE}/s; DP_FUZZ_SEED=$SEED reproduces the run"
# Client side, on the client's bridge: to the VIPs and to the director.
nsx "$NS_CLIENT" "$PKTFUZZ" -i br0 "${COMMON[@]}" -s "$SEED" \
	-a "10.0.1.2,$VIP" -a "fd00:1::2,$VIP6" -a 10.0.1.2,10.0.1.1 \
	>"$DP_TMP/fuzz-client" 2>&1 &
FC=$!
# Real servers' side, from rs1's link: rs1's NAT replies to the client,
# rs1's and rs2's ICMP errors to the client and to the director (about
# tunnelled packets, when the inner packet is a tunnel packet). Not
# rs2's ICMPv6 to the director: a "packet too big" about the director's
# packets to rs2 can leave a 1280 path MTU even on a route with a locked
# MTU (seed 2631641063 does, on ip_vs too), and ip_vs drops every IPv6
# tunnel packet then.
nsx "${NS_RS[1]}" "$PKTFUZZ" -i eth0 "${COMMON[@]}" -s "$((SEED + 1))" \
	-A "$R1,10.0.1.2" -A "$R16,fd00:1::2" -A "$R2,10.0.1.1" \
	>"$DP_TMP/fuzz-rs" 2>&1 &
FR=$!
wait $FC
RC=$?
wait $FR
RR=$?
touch "$DP_TMP/stop"
wait $TRAFFIC
sed 's/^/# client: /' "$DP_TMP/fuzz-client"
sed 's/^/# rs: /' "$DP_TMP/fuzz-rs"
diag "director: $(nsx "$NS_DIRECTOR" ip -6 route get "$R26")"

sent() {
	[ "$1" = 0 ] && grep -Eq "^pktfuzz: sent [1-9][0-9]* packets" "$2" && return 0
	echo "exit $1"
	return 1
}
check "the client side's fuzz ran" sent "$RC" "$DP_TMP/fuzz-client"
check "the real servers' side's fuzz ran" sent "$RR" "$DP_TMP/fuzz-rs"
# The fuzz reached IPVS: connections from its client ports exist.
check "the fuzz made connections from its client ports" \
	eval 'adm -Lnc | grep -Eq "(10\.0\.1\.2|\[fd00:1::2\]):300[0-6][0-9] "'
ROUNDS=$(cat "$DP_TMP/rounds" 2>/dev/null)
diag "real traffic during the fuzz: ${ROUNDS:-0} rounds"
check "real traffic during the fuzz: at least one round" ge "${ROUNDS:-0}" 1
check "real traffic during the fuzz: every request succeeded" \
	eval '! grep . "$DP_TMP/traffic.fail"'

# After the fuzz: each service on its own, so a failure names it.
check "after: NAT TCP IPv4" fetch "$VIP" 8080 rs1
check "after: NAT TCP IPv6" fetch "$VIP6" 8080 rs1
check "after: DR TCP IPv4" fetch "$VIP" 80 rs1
check "after: DR TCP IPv6" fetch "$VIP6" 80 rs1
check "after: IPIP TCP IPv4" fetch "$VIP" 81 rs2
check "after: GUE TCP IPv6" fetch "$VIP6" 81 rs2
check "after: NAT UDP IPv4" echo_ok "$VIP" 9999
check "after: NAT UDP IPv6" echo_ok "$VIP6" 9999
check "after: GRE UDP IPv4" echo_ok "$VIP" 9998
check "after: IPv6-in-IPv6 UDP IPv6" echo_ok "$VIP6" 9998
check "the 12 services are still listed" \
	eq "$(adm -Ln | grep -cE '^(TCP|UDP|SCTP) ')" 12
done_testing
