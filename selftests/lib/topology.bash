# SPDX-License-Identifier: GPL-2.0
# Network namespaces and the topologies built from them (sourced by
# core.bash): ns_new, veth_link, addr, topo_pair, topo_nat, topo_sink,
# topo_l2, and the real servers' tunnel ends. Namespace names carry a
# per-run id, and every namespace is deleted at exit.

# Unique per run, so a leftover namespace from a crashed test never collides.
LVS_RUN_ID=${LVS_RUN_ID:-$$}

# ns_new VAR ROLE: creates namespace ROLE-<run id> with lo up and stores
# its name in VAR (not printed: the cleanup must be registered in this
# shell, not in a $(...) subshell).
ns_new() {
	local ns=$2-$LVS_RUN_ID
	ip netns add "$ns" || return 1
	on_exit "ip netns delete $ns"
	ip -n "$ns" link set lo up
	printf -v "$1" '%s' "$ns"
}

# veth_link NS1 IF1 NS2 IF2: a veth pair between two namespaces, both up.
veth_link() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" || return 1
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

# addr NS IF ADDR/LEN...: assigns addresses (IPv6 without DAD, so they are
# usable at once instead of after a second of duplicate detection).
addr() {
	local ns=$1 dev=$2 a
	shift 2
	for a in "$@"; do
		case $a in
		*:*) ip -n "$ns" addr add "$a" dev "$dev" nodad || return 1 ;;
		*) ip -n "$ns" addr add "$a" dev "$dev" || return 1 ;;
		esac
	done
}

# topo_pair: what every topology starts with: the client and director
# namespaces (NS_CLIENT, NS_DIRECTOR) and the virtual addresses they
# serve, VIP 10.0.1.100 and VIP6 fd00:1::100.
topo_pair() {
	ns_new NS_CLIENT client || return 1
	ns_new NS_DIRECTOR director || return 1
	VIP=10.0.1.100 VIP6=fd00:1::100
}

# topo_nat N: the standard NAT topology, N real servers (default 3).
#
#   client --- director --- br0 --- rs1 .. rsN
#   10.0.1.2   10.0.1.1     10.0.2.1  10.0.2.11 .. 10.0.2.(10+N)
#   fd00:1::2  fd00:1::1    fd00:2::1 fd00:2::11 ..
#              VIP 10.0.1.100 / fd00:1::100 on the client side
#
# The servers share one bridge in the director so the same topology also
# serves DR (same L2) tests. Real servers route via the director (NAT needs
# the replies to come back through it). Sets NS_CLIENT, NS_DIRECTOR, VIP,
# VIP6, and the arrays NS_RS, RS_IP, RS_IP6 (index 1..N).
topo_nat() {
	local n=${1:-3} i
	topo_pair || return 1
	NS_RS=() RS_IP=() RS_IP6=()

	veth_link "$NS_CLIENT" eth0 "$NS_DIRECTOR" c0 || return 1
	addr "$NS_CLIENT" eth0 10.0.1.2/24 fd00:1::2/64 || return 1
	addr "$NS_DIRECTOR" c0 10.0.1.1/24 fd00:1::1/64 "$VIP/24" "$VIP6/64" || return 1
	ip -n "$NS_CLIENT" route add default via 10.0.1.1 || return 1
	ip -n "$NS_CLIENT" -6 route add default via fd00:1::1 || return 1

	ip -n "$NS_DIRECTOR" link add br0 type bridge || return 1
	ip -n "$NS_DIRECTOR" link set br0 up
	addr "$NS_DIRECTOR" br0 10.0.2.1/24 fd00:2::1/64 || return 1
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 >/dev/null || return 1

	for i in $(seq "$n"); do
		ns_new "NS_RS[$i]" "rs$i" || return 1
		RS_IP[i]=10.0.2.$((10 + i))
		RS_IP6[i]=fd00:2::$((10 + i))
		veth_link "${NS_RS[i]}" eth0 "$NS_DIRECTOR" "rs$i" || return 1
		ip -n "$NS_DIRECTOR" link set "rs$i" master br0 || return 1
		addr "${NS_RS[i]}" eth0 "${RS_IP[i]}/24" "${RS_IP6[i]}/64" || return 1
		ip -n "${NS_RS[i]}" route add default via 10.0.2.1 || return 1
		ip -n "${NS_RS[i]}" -6 route add default via fd00:2::1 || return 1
	done
}

# topo_sink: a client and a director whose real servers do not exist:
# their subnets are routed to a dummy device, so whatever the director
# forwards to them is dropped right after it left IPVS (and counted as
# that device's transmitted packets).
#
#   client --- director --- dummy0: 10.9.0.0/16, fd00:9::/64
#   10.0.1.2   10.0.1.1
#   fd00:1::2  fd00:1::1
#              VIP 10.0.1.100 / fd00:1::100 on the client side
#
# The client routes 10.9.0.0/16 via the director: plain forwarding, with
# no service, is the baseline a benchmark compares with. Sets NS_CLIENT,
# NS_DIRECTOR, VIP and VIP6.
topo_sink() {
	topo_pair || return 1
	veth_link "$NS_CLIENT" eth0 "$NS_DIRECTOR" c0 || return 1
	addr "$NS_CLIENT" eth0 10.0.1.2/24 fd00:1::2/64 || return 1
	addr "$NS_DIRECTOR" c0 10.0.1.1/24 fd00:1::1/64 "$VIP/24" "$VIP6/64" || return 1
	ip -n "$NS_CLIENT" route add 10.9.0.0/16 via 10.0.1.1 || return 1
	ip -n "$NS_DIRECTOR" link add dummy0 type dummy || return 1
	ip -n "$NS_DIRECTOR" link set dummy0 up || return 1
	ip -n "$NS_DIRECTOR" route add 10.9.0.0/16 dev dummy0 || return 1
	ip -n "$NS_DIRECTOR" -6 route add fd00:9::/64 dev dummy0 || return 1
	nsx "$NS_DIRECTOR" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 >/dev/null
}

# topo_l2 N: one link layer for direct routing and tunnelling, where the
# real servers answer the client themselves.
#
#   client (br0 10.0.1.2, fd00:1::2) --+-- director 10.0.1.1, fd00:1::1
#                                      +-- rs1 .. rsN 10.0.1.11 .., fd00:1::11 ..
#   VIP 10.0.1.100 / fd00:1::100 on lo of the director and of every server;
#   the client routes it via the director; the servers do not answer
#   ARP for it. Sets the same variables as topo_nat.
topo_l2() {
	local n=${1:-2} i
	topo_pair || return 1
	NS_RS=() RS_IP=() RS_IP6=()

	ip -n "$NS_CLIENT" link add br0 type bridge || return 1
	ip -n "$NS_CLIENT" link set br0 up
	addr "$NS_CLIENT" br0 10.0.1.2/24 fd00:1::2/64 || return 1
	veth_link "$NS_CLIENT" d0 "$NS_DIRECTOR" eth0 || return 1
	ip -n "$NS_CLIENT" link set d0 master br0 || return 1
	addr "$NS_DIRECTOR" eth0 10.0.1.1/24 fd00:1::1/64 || return 1
	addr "$NS_DIRECTOR" lo "$VIP/32" "$VIP6/128" || return 1
	ip -n "$NS_CLIENT" route add "$VIP/32" via 10.0.1.1 || return 1
	ip -n "$NS_CLIENT" -6 route add "$VIP6/128" via fd00:1::1 || return 1

	for i in $(seq "$n"); do
		ns_new "NS_RS[$i]" "rs$i" || return 1
		RS_IP[i]=10.0.1.$((10 + i))
		RS_IP6[i]=fd00:1::$((10 + i))
		veth_link "$NS_CLIENT" "rs$i" "${NS_RS[i]}" eth0 || return 1
		ip -n "$NS_CLIENT" link set "rs$i" master br0 || return 1
		nsx "${NS_RS[i]}" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
			net.ipv4.conf.all.arp_announce=2 \
			net.ipv4.conf.all.rp_filter=0 \
			net.ipv4.conf.eth0.rp_filter=0 >/dev/null || return 1
		addr "${NS_RS[i]}" eth0 "${RS_IP[i]}/24" "${RS_IP6[i]}/64" || return 1
		addr "${NS_RS[i]}" lo "$VIP/32" "$VIP6/128" || return 1
	done
}

# tunnel_ends NS: the real server decapsulates IPIP and IPv6-in-IPv6 (the
# fallback devices of the ipip and ip6_tunnel modules accept any peer).
tunnel_ends() {
	modprobe -a ipip ip6_tunnel || return 1
	ip -n "$1" link set tunl0 up || return 1
	ip -n "$1" link set ip6tnl0 up || return 1
	nsx "$1" sysctl -qw net.ipv4.conf.tunl0.rp_filter=0 >/dev/null
}

# fou_ends NS PORT: the real server takes GUE on UDP PORT, IPv4 and IPv6
# (the fou module hands the inner packet to the fallback tunnel devices).
fou_ends() {
	modprobe -a fou fou6 || return 1
	nsx "$1" ip fou add port "$2" gue || return 1
	nsx "$1" ip -6 fou add port "$2" gue || return 1
}

# gre_ends NS: the real server decapsulates GRE without a checksum from
# anyone (the fallback devices gre0 and ip6gre0).
gre_ends() {
	modprobe -a ip_gre ip6_gre || return 1
	ip -n "$1" link set gre0 up || return 1
	ip -n "$1" link set ip6gre0 up || return 1
	nsx "$1" sysctl -qw net.ipv4.conf.gre0.rp_filter=0 >/dev/null
}
