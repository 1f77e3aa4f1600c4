# SPDX-License-Identifier: GPL-2.0
# Sourced by dp-fwmark*.sh: marks for fwmark services set by nftables in
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
