#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fwmark services (-f) by direct routing, IPv4 and IPv6, with the marks
# set by nftables in the director: fetches are spread over the real
# servers, which answer the client themselves, and counted on the FWM
# service; without the mark the director keeps the packets.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/traffic.bash"
. "$(dirname "$0")/lib/fwmark.bash"
require_cmd ip busybox md5sum nft

plan 11
fwmark_setup topo_l2
fwmark_services -g gatewaying
fwmark_spread

# Unmarked, the VIP on the director's lo is the director's own: nobody
# listens on its port 80.
fwmark_rules_off
check "unmarked: the director refuses the connection itself" dp_tcp_refused "$NS_CLIENT" "$VIP"
done_testing
