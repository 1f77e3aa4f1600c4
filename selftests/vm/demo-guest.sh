#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the guest (selftests/vm/demo boots it): a client, a
# director and three real servers in namespaces, a round-robin NAT virtual
# service configured with our ipvsadm, and real HTTP requests through it.
# Exit 0 when the service was configured; on side ipvs the traffic must
# flow too (the kernel's ip_vs is the reference), on side lvs a lack of
# forwarding is reported honestly but is not an error yet.
. "$(dirname "$0")/../lib/core.bash"
no_tap

REQUESTS=${DEMO_REQUESTS:-12}
NSERVERS=3

say() { printf '\n== %s\n' "$*"; }

ipvsadm=$IPVSADM_OURS
if [ ! -x "$ipvsadm" ]; then
	echo "NOTE: our ipvsadm is not built (make ipvsadm); using stock $IPVSADM_STOCK"
	ipvsadm=$IPVSADM_STOCK
fi
demo_adm() {
	echo "director# ipvsadm $*"
	nsx "$NS_DIRECTOR" "$ipvsadm" "$@"
}

say "side $LVS_SIDE: $(grep -E '^(lvs|ip_vs) ' /proc/modules | cut -d' ' -f1) loaded; ipvsadm: $ipvsadm"

say "topology: client 10.0.1.2 -> director (VIP 10.0.1.100) -> rs1..rs$NSERVERS 10.0.2.11..$((10 + NSERVERS))"
topo_nat "$NSERVERS" || { echo "FAILED: cannot build the namespace topology"; exit 1; }
for i in $(seq "$NSERVERS"); do
	http_server "${NS_RS[i]}" "rs$i (${RS_IP[i]})" ||
		{ echo "FAILED: HTTP server in rs$i did not start"; exit 1; }
	echo "rs$i: busybox httpd on ${RS_IP[i]}:80"
done

say "configure the NAT virtual service"
configured=1
demo_adm -A -t "$VIP:80" -s rr || configured=0
for i in $(seq "$NSERVERS"); do
	demo_adm -a -t "$VIP:80" -r "${RS_IP[i]}:80" -m || configured=0
done
demo_adm -Ln || configured=0
if [ "$configured" = 0 ]; then
	echo "FAILED: the virtual service could not be configured"
	exit 1
fi

say "$REQUESTS requests from the client to http://$VIP/"
declare -A hits=()
answered=0
for n in $(seq "$REQUESTS"); do
	body=$(http_get "$NS_CLIENT" "$VIP" 2>/tmp/demo.err)
	if [ -n "$body" ]; then
		answered=$((answered + 1))
		hits[$body]=$((${hits[$body]:-0} + 1))
		printf 'request %2d -> %s\n' "$n" "$body"
	else
		printf 'request %2d -> no answer (%s)\n' "$n" "$(tail -n 1 /tmp/demo.err)"
	fi
done
for k in "${!hits[@]}"; do
	printf '%-22s answered %d\n' "$k" "${hits[$k]}"
done | sort

say "statistics"
demo_adm -Ln --stats
demo_adm -Lnc

say "result"
if [ "$answered" = "$REQUESTS" ]; then
	echo "OK: all $REQUESTS requests answered, spread over ${#hits[@]} real servers"
	# Round robin over equal weights must give every server its share;
	# say so plainly when it does not (the kernel's ip_vs does).
	for k in "${!hits[@]}"; do
		if [ "${#hits[@]}" != "$NSERVERS" ] || [ "${hits[$k]}" != $((REQUESTS / NSERVERS)) ]; then
			echo "NOTE: rr should have sent $((REQUESTS / NSERVERS)) requests to each of the $NSERVERS servers; it did not"
			[ "$LVS_SIDE" = ipvs ] && exit 1
			break
		fi
	done
	exit 0
fi
if [ "$LVS_SIDE" = lvs ]; then
	echo "NAT forwarding not available in this lvs.ko yet ($answered of $REQUESTS requests answered)"
	echo "(the virtual service above was configured fine)"
	exit 0
fi
echo "FAILED: only $answered of $REQUESTS requests answered"
exit 1
