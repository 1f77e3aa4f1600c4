# SPDX-License-Identifier: GPL-2.0
# Sourced by dp-fwmark*.sh, after core.bash and traffic.bash: marks for fwmark services set by nftables in
# the director (prerouting, mangle priority, before IPVS looks at them).

# fwmark_rules: TCP port 80 to $VIP gets mark 1, to $VIP6 mark 2.
fwmark_rules() {
	nsx "$NS_DIRECTOR" nft -f - <<NFT
table inet lvsmark {
	chain pre {
		type filter hook prerouting priority mangle;
		ip daddr $VIP tcp dport 80 meta mark set 1
		ip6 daddr $VIP6 tcp dport 80 meta mark set 2
	}
}
NFT
}

fwmark_rules_off() { nsx "$NS_DIRECTOR" nft delete table inet lvsmark; }

# fetch_spread N HOST: N fetches from the client, each intact from rs1 or
# rs2; prints how many came from each ("A B").
fetch_spread() {
	local i s a=0 b=0
	for i in $(seq "$1"); do
		s=$(dp_fetch "$NS_CLIENT" "$2")
		if [ "$s" = "$(cat "$DP_TMP/rs1.md5")" ]; then
			a=$((a + 1))
		elif [ "$s" = "$(cat "$DP_TMP/rs2.md5")" ]; then
			b=$((b + 1))
		fi
	done
	echo "$a $b"
}

# fwmark_setup TOPO: TOPO (topo_nat or topo_l2) with 2 real servers, a web
# server in each, the marks; 4 test points.
fwmark_setup() {
	dp_setup "$1" 2 2
	check "nftables marks the VIPs' port 80" fwmark_rules
	on_exit "nsx $NS_DIRECTOR nft delete table inet lvsmark 2>/dev/null"
}

# fwmark_service MARK METHOD DEST1 DEST2 [-6]: round robin FWM MARK over
# the two dests, forwarded by METHOD (-m, -g).
fwmark_service() {
	adm -A -f "$1" ${5:+"$5"} -s rr &&
		adm -a -f "$1" ${5:+"$5"} -r "$3" "$2" &&
		adm -a -f "$1" ${5:+"$5"} -r "$4" "$2"
}

# fwmark_services METHOD WHAT: FWM 1 for IPv4 and FWM 2 for IPv6 over rs1
# and rs2; 2 test points.
fwmark_services() {
	check "IPv4 fwmark service (-f 1), $2" \
		fwmark_service 1 "$1" "${RS_IP[1]}:80" "${RS_IP[2]}:80"
	check "IPv6 fwmark service (-f 2 -6), $2" \
		fwmark_service 2 "$1" "[${RS_IP6[1]}]:80" "[${RS_IP6[2]}]:80" -6
}

# fwm_conns MARK: the Conns column of the FWM line (IPv6 ones say so in
# an extra column, so count from the end).
fwm_conns() { adm -Ln --stats --exact | awk -v m="$1" '$1 == "FWM" && $2 == m { print $(NF - 4) }'; }
fwm_conns_are() { [ "$(fwm_conns "$1")" = "$2" ]; }

# fwmark_spread: 4 fetches a family, 2 from each real server, each
# counted on its FWM service; 4 test points.
fwmark_spread() {
	check "IPv4: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP")" "2 2"
	check "IPv6: 4 fetches, 2 from each real server" eq "$(fetch_spread 4 "$VIP6")" "2 2"
	check "FWM 1 counted 4 connections" wait_for 5 fwm_conns_are 1 4
	check "FWM 2 (IPv6) counted 4 connections" wait_for 5 fwm_conns_are 2 4
}
