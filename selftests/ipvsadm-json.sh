#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# --json (ours, not in ipvsadm 1.31): every listing is one valid JSON
# document (jq parses it) that says the same as the text listing of the
# same kernel state: services with their flags, real servers with forward
# method, weights, thresholds and tunnel settings, exact counters, the
# connection table, the timeouts and the sync daemons.
. "$(dirname "$0")/lib/core.bash"

require_ours
if ! command -v jq >/dev/null; then
	echo "not ok 1 - jq is missing from the guest (selftests/vm/initramfs.sh)"
	exit 1
fi
A=$IPVSADM_OURS
on_exit "'$A' -C; '$A' --stop-daemon master >/dev/null 2>&1; ip link del lvsjson0 2>/dev/null; ip addr del 10.99.0.1/32 dev lo; ip -6 addr del 2001:db8:99::1/128 dev lo"

ip addr add 10.99.0.1/32 dev lo 2>/dev/null
ip -6 addr add 2001:db8:99::1/128 dev lo nodad 2>/dev/null
"$A" -C
"$A" -A -t 10.99.0.1:80 -s sh -b sh-port,sh-fallback -p 300 -M 255.255.255.0
"$A" -a -t 10.99.0.1:80 -r 127.0.0.1:8080 -m -w 3 -x 100 -y 10
"$A" -a -t 10.99.0.1:80 -r 192.0.2.7 -i --tun-type gue --tun-port 6080 --tun-remcsum -w 0
"$A" -A -u 10.99.0.1:53 -s rr -o
"$A" -a -u 10.99.0.1:53 -r 127.0.0.1:5353 -m
"$A" -A -u [2001:db8:99::1]:53 -s wlc
"$A" -a -u [2001:db8:99::1]:53 -r [::1]:5353 -m -w 2
"$A" -A -f 7 -6 -s rr -p 60 -M 64
for i in 1 2 3 4 5; do
	echo x >/dev/udp/10.99.0.1/53
	echo y >/dev/udp/2001:db8:99::1/53
done 2>/dev/null

# The Conns column of -Ln --stats --exact for one service.
text_conns() { "$A" -Ln --stats --exact | awk -v s="$1" '$2 == s { print $3 }'; }
# ip_vs folds its per-CPU counters into what it reports every 2 s.
counted() { [ "$(text_conns 10.99.0.1:53)" = 5 ] && [ "$(text_conns '[2001:db8:99::1]:53')" = 5 ]; }
wait_for 10 counted

json=$("$A" -L --json)

# q FILTER EXPECTED: jq -r FILTER over the listing prints EXPECTED.
q() {
	local got
	got=$(jq -r "$1" <<<"$json") || return 1
	[ "$got" = "$2" ] || { echo "$1: got '$got', want '$2'"; return 1; }
}
svc() { printf '.services[] | select(.address == "%s" and .port == %s and .protocol == "%s")' "$@"; }

# Each service of -Sn, in -Sn's order, as "proto addr:port" / "fwmark N".
text_services() {
	"$A" -Sn | awk '$1 == "-A" { print $2, $3 }' | sed 's/^-t/tcp/; s/^-u/udp/; s/^-f \([0-9]*\)/fwmark \1/'
}
json_services() {
	jq -r '.services[] | if .fwmark then "fwmark \(.fwmark)" else
		"\(.protocol) \(if .af == "inet6" then "[\(.address)]" else .address end):\(.port)" end' <<<"$json"
}
same_services() { diff <(text_services) <(json_services); }

plan 12
check "-L --json is one JSON document" jq -e '.services | length == 4' <<<"$json"
check "the same services, in the same order, as -Sn" same_services
check "sh service: scheduler, flags, persistence" \
	q "$(svc 10.99.0.1 80 tcp) | [.scheduler, (.sched_flags | join(\",\")), .persistent, .timeout, .netmask, .ops] | @tsv" \
	"$(printf 'sh\tsh-fallback,sh-port\ttrue\t300\t255.255.255.0\tfalse')"
check "masq server: forward, weight, thresholds" \
	q "$(svc 10.99.0.1 80 tcp) | .destinations[] | select(.address == \"127.0.0.1\") | [.port, .forward, .weight, .upper_threshold, .lower_threshold] | @tsv" \
	"$(printf '8080\tmasq\t3\t100\t10')"
check "gue server: tunnel settings" \
	q "$(svc 10.99.0.1 80 tcp) | .destinations[] | select(.address == \"192.0.2.7\") | [.forward, .weight, .tunnel.type, .tunnel.port, .tunnel.checksum] | @tsv" \
	"$(printf 'tunnel\t0\tgue\t6080\tremcsum')"
check "one-packet UDP and IPv6 services" \
	q "[($(svc 10.99.0.1 53 udp) | .ops), ($(svc 2001:db8:99::1 53 udp) | .af, .destinations[0].address, .destinations[0].weight)] | @tsv" \
	"$(printf 'true\tinet6\t::1\t2')"
check "IPv6 fwmark service" \
	q '.services[] | select(.fwmark == 7) | [.af, .scheduler, .timeout, .netmask] | @tsv' \
	"$(printf 'inet6\trr\t60\t64')"
check "counters equal -Ln --stats --exact" \
	q "[($(svc 10.99.0.1 53 udp) | .stats.conns), ($(svc 2001:db8:99::1 53 udp) | .stats.conns)] | @tsv" \
	"$(printf '%s\t%s' "$(text_conns 10.99.0.1:53)" "$(text_conns '[2001:db8:99::1]:53')")"
check "-L -t SERVICE --json lists that service alone" \
	bash -c "'$A' -L -t 10.99.0.1:80 --json | jq -e '.services | length == 1 and .[0].port == 80 and (.[0].destinations | length) == 2'"

conns_agree() {
	local c text
	c=$("$A" -Lc --json) || return 1
	text=$(($("$A" -Lnc | wc -l) - 2))
	jq -e --argjson n "$text" '.connections | length == $n and $n > 0' <<<"$c" >/dev/null ||
		{ echo "text lists $text connections; json: $c"; return 1; }
	# Every connection of the text listing, as "proto client state", is in the JSON one.
	diff <("$A" -Lnc | awk 'NR > 2 { print tolower($1), $4, $3 }' | sort) \
	     <(jq -r '.connections[] | "\(.protocol) \(if .af == "inet6" then "[\(.client.address)]" else .client.address end):\(.client.port) \(.state)"' <<<"$c" | sort)
}
check "-Lc --json: the same connections as -Lnc" conns_agree

timeouts_agree() {
	"$A" --set 901 121 301 || return 1
	q2() { jq -r '.timeouts | "\(.tcp) \(.tcp_fin) \(.udp)"'; }
	[ "$("$A" -L --timeout --json | q2)" = "901 121 301" ] &&
		[ "$("$A" -L --timeout)" = "Timeout (tcp tcpfin udp): 901 121 301" ]
}
check "--timeout --json" timeouts_agree
"$A" --set 900 120 300

daemon_agrees() {
	ip link add lvsjson0 type dummy && ip link set lvsjson0 up multicast on || return 1
	"$A" --start-daemon master --mcast-interface lvsjson0 --syncid 9 || return 1
	"$A" -L --daemon
	"$A" -L --daemon --json | jq -e '.daemons | length == 1 and
		.[0].state == "master" and .[0].mcast_interface == "lvsjson0" and
		.[0].syncid == 9 and .[0].mcast_group == "224.0.0.81" and .[0].mcast_port == 8848'
}
check "--daemon --json" daemon_agrees
diag "took ${SECONDS}s"
done_testing
