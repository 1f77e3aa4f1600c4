# SPDX-License-Identifier: GPL-2.0
# Helpers for the sched-*.sh selftests (sourced after core.bash and
# traffic.bash): traffic from many client addresses through one virtual
# service, what the director made of it, and small models of the IPVS
# scheduling rules that say what it should have made of it.
#
# Real servers are always listed in IPVS list order: the newest dest
# first, which is the order every IPVS scheduler walks.

# sched_topo N_RS N_CLIENTS: topo_nat with N_CLIENTS extra client addresses
# 10.0.1.10 .. (CLIENTS array, index 1..N_CLIENTS).
sched_topo() {
	local i
	topo_nat "$1" || return 1
	CLIENTS=()
	for i in $(seq "$2"); do
		CLIENTS[i]=10.0.1.$((9 + i))
		addr "$NS_CLIENT" eth0 "${CLIENTS[i]}/24" || return 1
	done
	on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"
}

# udp_from VIP PORT PER ADDR...: PER datagrams from each client address to
# VIP:PORT, each from a source port no earlier call used (a new
# connection each); the addresses must be consecutive (CLIENTS ranges).
# One udpconns run sends them all, address after address: datagram k
# comes from ADDR[k % N], so with PER 1 in the order given. The sender is
# pinned to one CPU: over veth each datagram is queued on the sending
# CPU's backlog, so a sender that moved between CPUs mid-run could have
# them scheduled out of order.
require_tool udpconns
_UDP_FROM_PORTS=0
udp_from() {
	local vip=$1 port=$2 per=$3 n=$(($# - 3)) first last
	shift 3
	first=$(ip2int "$1") last=$(ip2int "${!#}")
	[ $((last - first + 1)) = "$n" ] || { echo "udp_from: $* not consecutive"; return 1; }
	nsx "$NS_CLIENT" taskset -c 0 "$UDPCONNS" -d "$vip" -p "$port" -n $((per * n)) -s "$1" -a "$n" \
		-o $((_UDP_FROM_PORTS * n)) >/dev/null || return 1
	_UDP_FROM_PORTS=$((_UDP_FROM_PORTS + per))
}

# conn_map [VIP:PORT]: "client-addr client-port vip:vport dest-addr" for
# every IPv4 connection of `ipvsadm -Lnc` (to VIP:PORT only, if given).
conn_map() {
	adm -Lnc | awk -v s="${1:-}" '($1 == "UDP" || $1 == "TCP") &&
		(s == "" || $5 == s) {
		split($4, c, ":"); split($6, d, ":")
		print c[1], c[2], $5, d[1] }'
}

# map_is VIP:PORT EXPECTED: the connections to VIP:PORT, as sorted unique
# "client-addr dest-addr" lines, are exactly EXPECTED (same format).
map_is() {
	local got want
	got=$(conn_map "$1" | awk '{ print $1, $4 }' | sort -u)
	want=$(printf '%s\n' "$2" | sed '/^$/d' | sort -u)
	[ "$got" = "$want" ] && return 0
	diff <(echo "$want") <(echo "$got") | sed 's/^</want/; s/^>/got /'
	return 1
}

# --- models ------------------------------------------------------------------

ip2int() {
	local IFS=.
	# shellcheck disable=SC2086
	set -- $1
	echo $((($1 << 24) | ($2 << 16) | ($3 << 8) | $4))
}

# hash32 VAL BITS: the kernel's hash_32().
hash32() { echo $((((($1 * 0x61C88647) & 0xffffffff) >> (32 - $2)))); }

# sh_table W...: the 256 buckets of ip_vs_sh for dests of weights W (list
# order), as dest indexes: each dest owns max(weight, 1) consecutive
# buckets, round and round the list. Sets SH_TABLE.
sh_table() {
	local w=("$@") b p=0 c=0
	SH_TABLE=()
	for ((b = 0; b < 256; b++)); do
		SH_TABLE[b]=$p
		c=$((c + 1))
		if [ $c -ge "${w[p]}" ]; then
			p=$(((p + 1) % ${#w[@]}))
			c=0
		fi
	done
}

# sh_pick ADDR PORT USABLE...: the dest index ip_vs_sh picks for a client
# (PORT 0 unless sh-port) with fallback when USABLE (0/1 per dest) is
# given: probes start at bucket 2 * hash, as IPVS does. -1: none.
sh_pick() {
	local h b k usable=("${@:3}")
	h=$(hash32 $(($(ip2int "$1") + $2)) 8)
	b=${SH_TABLE[h]}
	if [ ${#usable[@]} = 0 ] || [ "${usable[b]}" = 1 ]; then
		echo "$b"
		return
	fi
	for ((k = 0; k < 256; k++)); do
		b=${SH_TABLE[(2 * h + k) & 255]}
		[ "${usable[b]}" = 1 ] && { echo "$b"; return; }
	done
	echo -1
}

# dh_pick ADDR N: the dest index ip_vs_dh picks for destination ADDR among
# N dests (buckets go to the dests one each, round the list).
dh_pick() { echo $(($(hash32 "$(ip2int "$1")" 8) % $2)); }

# wrr_seq COUNT W...: the dest indexes ip_vs_wrr serves for COUNT new
# connections, for dests of weights W (list order) added one by one to an
# empty service (each add resets the walk to the head; the current weight
# cw keeps its value unless it is 0 or above the new maximum).
wrr_seq() {
	local count=$1 w=("${@:2}") n=$(($# - 1)) i k mw=0 g=0 cw=0 cl=-1 out=()
	gcd() { local a=$1 b=$2 t; while [ "$b" != 0 ]; do t=$((a % b)); a=$b; b=$t; done; echo "$a"; }
	# Replay the adds: dests enter at the head, so the last one is index 0.
	for ((k = n - 1; k >= 0; k--)); do
		mw=0 g=0
		for ((i = k; i < n; i++)); do
			[ "${w[i]}" -gt "$mw" ] && mw=${w[i]}
			[ "${w[i]}" -gt 0 ] && { [ $g = 0 ] && g=${w[i]} || g=$(gcd "${w[i]}" $g); }
		done
		[ $g = 0 ] && g=1
		mw=$((mw - (g - 1)))
		if [ $cw -gt $mw ] || [ $cw = 0 ]; then
			cw=$mw
		elif [ $g -gt 1 ]; then
			cw=$((cw / g * g + 1))
		fi
	done
	cl=-1
	for ((k = 0; k < count; k++)); do
		while :; do
			cl=$((cl + 1))
			if [ $cl = "$n" ]; then
				cl=-1
				cw=$((cw - g))
				[ $cw -le 0 ] && cw=$mw
				continue
			fi
			[ "${w[cl]}" -ge $cw ] && break
		done
		out+=("$cl")
	done
	echo "${out[@]}"
}

# hsip32 V K: the kernel's hsiphash() of the 4-byte word V with key {K, K}
# on a 64-bit kernel (SipHash-1-3, truncated to 32 bits), into HSIP. Bash
# arithmetic is 64-bit two's complement, which is what SipHash needs.
_sipround() {
	v0=$((v0 + v1)) v1=$(((v1 << 13) | ((v1 >> 51) & 0x1fff))) v1=$((v1 ^ v0))
	v0=$(((v0 << 32) | ((v0 >> 32) & 0xffffffff)))
	v2=$((v2 + v3)) v3=$(((v3 << 16) | ((v3 >> 48) & 0xffff))) v3=$((v3 ^ v2))
	v0=$((v0 + v3)) v3=$(((v3 << 21) | ((v3 >> 43) & 0x1fffff))) v3=$((v3 ^ v0))
	v2=$((v2 + v1)) v1=$(((v1 << 17) | ((v1 >> 47) & 0x1ffff))) v1=$((v1 ^ v2))
	v2=$(((v2 << 32) | ((v2 >> 32) & 0xffffffff)))
}
hsip32() {
	local k=$2 b=$(((4 << 56) | ($1 & 0xffffffff))) v0 v1 v2 v3
	v0=$((0x736f6d6570736575 ^ k)) v1=$((0x646f72616e646f6d ^ k))
	v2=$((0x6c7967656e657261 ^ k)) v3=$((0x7465646279746573 ^ k))
	v3=$((v3 ^ b))
	_sipround
	v0=$((v0 ^ b)) v2=$((v2 ^ 0xff))
	_sipround
	_sipround
	_sipround
	HSIP=$(((v0 ^ v1 ^ v2 ^ v3) & 0xffffffff))
}

MH_SIZE=4093 MH_KEY1=2654435761 MH_KEY2=2654446892

# mh_table PORT ADDR=W...: ip_vs_mh's lookup table (Debian: 4093 slots, 6
# weight bits) for dests ADDR:PORT of last weights W, in list order, as
# dest indexes in MH_TABLE. Each dest walks its own permutation (offset,
# skip from two hashes of address + port); round after round each claims
# as many free slots as its scaled weight.
mh_table() {
	local port=$1 kv i n=$(($# - 1)) g=0 mw=0 a b t sh=0
	local w=() off=() skip=() turns=()
	shift
	for kv in "$@"; do w+=("${kv#*=}"); done
	gcd() { a=$1 b=$2; while [ "$b" != 0 ]; do t=$((a % b)) a=$b b=$t; done; }
	for ((i = 0; i < n; i++)); do
		kv=${*:i + 1:1}
		hsip32 $(($(ip2int "${kv%=*}") + port)) $MH_KEY1
		off[i]=$((HSIP % MH_SIZE))
		hsip32 $(($(ip2int "${kv%=*}") + port)) $MH_KEY2
		skip[i]=$((HSIP % (MH_SIZE - 1) + 1))
		if [ "${w[i]}" -gt 0 ]; then
			if [ $g = 0 ]; then g=${w[i]}; else gcd "${w[i]}" $g; g=$a; fi
		fi
		[ "${w[i]}" -gt $mw ] && mw=${w[i]}
	done
	MH_TABLE=()
	[ $g = 0 ] && return
	t=$((mw / g)) a=0
	while [ $t -gt 0 ]; do t=$((t >> 1)) a=$((a + 1)); done
	[ $a -gt 6 ] && sh=$((a - 6))
	for ((i = 0; i < n; i++)); do
		turns[i]=$(((w[i] / g) >> sh))
		[ "${turns[i]}" = 0 ] && [ "${w[i]}" != 0 ] && turns[i]=1
	done
	# The fill walks ~36k probes: awk does it in a fraction of the time
	# bash takes (15 s in the emulated guest); the numbers stay small.
	mapfile -t MH_TABLE < <(awk -v n="$n" -v size=$MH_SIZE -v offs="${off[*]}" \
		-v skips="${skip[*]}" -v turns="${turns[*]}" 'BEGIN {
		split(offs, perm, " "); split(skips, skip, " "); split(turns, t, " ")
		filled = 0; count = 0
		for (;;) {
			for (p = 1; p <= n;) {
				if (t[p] < 1) { p++; continue }
				while (perm[p] in tab)
					perm[p] = (perm[p] + skip[p]) % size
				tab[perm[p]] = p - 1
				if (++filled == size) {
					for (i = 0; i < size; i++) print tab[i]
					exit
				}
				if (++count >= t[p]) { count = 0; p++ }
			}
		}
	}')
}

# mh_pick ADDR PORT USABLE...: the dest index ip_vs_mh picks for a client
# (PORT 0 unless mh-port); with USABLE (0/1 per dest) given, mh-fallback:
# rehash with offsets from the first slot on. -1: none.
mh_pick() {
	local c=$(($(ip2int "$1") + $2)) usable=("${@:3}") h d k
	hsip32 $c $MH_KEY1
	h=$((HSIP % MH_SIZE))
	d=${MH_TABLE[h]:--1}
	if [ ${#usable[@]} = 0 ] || [ "$d" = -1 ] || [ "${usable[d]}" = 1 ]; then
		echo "$d"
		return
	fi
	for ((k = 0; k < MH_SIZE; k++)); do
		hsip32 $(((k + h) % MH_SIZE + c)) $MH_KEY1
		d=${MH_TABLE[HSIP % MH_SIZE]:--1}
		[ "$d" = -1 ] || [ "${usable[d]}" = 1 ] && { echo "$d"; return; }
	done
	echo -1
}

# actives VIP: the ActiveConn of rs1 .. rsN in the TCP service VIP:80, in
# that order (0 for one not listed), from one ipvsadm call.
actives() {
	adm -Ln | awk -v v="$1:80" -v rs="${RS_IP[*]}" '
		BEGIN { n = split(rs, r, " "); for (i = 1; i <= n; i++) idx[r[i] ":80"] = i }
		$1 == "TCP" { s = ($2 == v) }
		s && $1 == "->" && ($2 in idx) { a[idx[$2]] = $5 }
		END { for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? " " : ""), a[i]; print "" }'
}
_actives_are() { [ "$(actives "$1")" = "$2" ]; }

# held_to VIP TAG RS...: for each RS in turn, one new held (active) TCP
# connection to VIP:80 (dp_hold, tags TAG1, TAG2...), which must be
# counted by real server rsRS and by nobody else.
held_to() {
	local vip=$1 tag=$2 rs k=0 want
	shift 2
	want=($(actives "$vip"))
	for rs in "$@"; do
		k=$((k + 1))
		want[rs - 1]=$((want[rs - 1] + 1))
		dp_hold "$NS_CLIENT" "$vip" "$tag$k" || { echo "$tag$k: no connection"; return 1; }
		if ! wait_for 5 _actives_are "$vip" "${want[*]}"; then
			echo "$tag$k: want it on rs$rs: active rs1.. ${want[*]}, got $(actives "$vip")"
			adm -Ln
			return 1
		fi
	done
}

# sched_holder NS: a TCP server on port 80 of NS that keeps every
# connection open, idle, until the client closes it (busybox nc forking
# cat per connection). Unlike httpd, which drops a connection that sent no
# request within 60 s, it keeps held connections active however slow the
# test runs.
sched_holder() {
	nsx "$1" busybox nc -ll -p 80 -e "$(command -v cat)" &
	on_exit "kill $! 2>/dev/null"
	wait_listen "$1" 80
}
