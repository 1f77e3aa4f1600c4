#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netfilter hooks of a family exist only while the namespace has a
# service of that family (IPVS 6.1 registers them with the first service
# and drops them with the last). Seen from outside: a connection left in
# the table by a deleted service is forwarded again only once a service of
# its family exists, whatever the other family has.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
require_cmd ip busybox
require_tool flood

plan 18
check "topology builds" topo_nat 1
on_exit "nsx $NS_DIRECTOR $IPVSADM_STOCK -C"

# One datagram from the client's fixed port 40000 (the same tuple every
# time), so later ones belong to the connection the first one created;
# where it landed (udp_landing): rs, director or lost.
send4() { nsx "$NS_CLIENT" timeout 5 "$FLOOD" -s 10.0.1.2 -P 40000 -d "$VIP" -p 9999 -n 1; }
send6() { nsx "$NS_CLIENT" timeout 5 "$FLOOD" -6 -s fd00:1::2 -P 40000 -d "$VIP6" -p 9999 -n 1; }
send() { udp_landing "send$1"; }

check "add the IPv4 UDP service" eval 'adm -A -u "$VIP:9999" && adm -a -u "$VIP:9999" -r "${RS_IP[1]}:9999" -m'
check "add the IPv6 UDP service" eval 'adm -A -u "[$VIP6]:9999" && adm -a -u "[$VIP6]:9999" -r "[${RS_IP6[1]}]:9999" -m'
check "IPv4 datagram forwarded to the real server" eq "$(send 4)" rs
check "IPv6 datagram forwarded to the real server" eq "$(send 6)" rs
check "both connections listed" conns_match "^UDP .* 10\.0\.1\.2:40000|^UDP .* \[fd00:1::2\]:40000" 2

# The last IPv4 service goes: its connection stays, its packets are not
# looked at any more; IPv6 keeps its hooks.
check "delete the IPv4 service" adm -D -u "$VIP:9999"
check "the IPv4 connection is still listed" conns_match "^UDP .* 10\.0\.1\.2:40000 +$VIP:9999" 1
check "IPv4 datagram on it now ends in the director" eq "$(send 4)" director
check "IPv6 datagram still forwarded" eq "$(send 6)" rs

# An IPv4 service again (another port): the hooks are back and see the
# old connection again, whose real server is gone: IPVS drops its packets
# (expire_nodest_conn is 0), so they reach nobody.
check "add another IPv4 service" adm -A -u "$VIP:7777"
check "IPv4 datagram on the old connection is dropped" eq "$(send 4)" lost

# No service at all: nothing is forwarded.
check "delete the IPv6 service" adm -D -u "[$VIP6]:9999"
check "IPv6 datagram ends in the director" eq "$(send 6)" director
check "IPv4 datagram still dropped" eq "$(send 4)" lost
check "flush (-C)" adm -C
check "IPv4 datagram ends in the director" eq "$(send 4)" director
check "IPv6 datagram ends in the director" eq "$(send 6)" director
done_testing
