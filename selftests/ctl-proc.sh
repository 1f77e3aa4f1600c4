#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# /proc/net/ip_vs* in IPVS's exact format: one service at a time (ip_vs
# lists several in hash order, which differs from boot to boot), then the
# statistics files and the connection listings' headers. Transcripts must
# equal ctl/proc.expected, recorded on the kernel's ip_vs.
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"

on_exit "$IPVSADM_STOCK -C"

section "ip_vs, empty"
run_sh 'cat /proc/net/ip_vs'
end_section

section "ip_vs, IPv4 service"
run -A -t 10.1.2.3:8080 -s wrr
run -a -t 10.1.2.3:8080 -r 192.168.10.1:80 -m -w 2
run -a -t 10.1.2.3:8080 -r 192.168.10.2 -g -w 0
run -a -t 10.1.2.3:8080 -r 192.168.10.3 -i -w 65535
run_sh 'cat /proc/net/ip_vs'
run -E -t 10.1.2.3:8080 -s rr -p 120 -M 255.255.0.0
run_sh 'cat /proc/net/ip_vs'
run -C
end_section

section "ip_vs, one-packet UDP"
run -A -u 10.1.2.4:53 -s sh -o
run -a -u 10.1.2.4:53 -r 192.168.10.4:53 -m
run_sh 'cat /proc/net/ip_vs'
run -C
end_section

section "ip_vs, IPv6 service"
run -A -t [2001:db8:1::1]:443 -s lc -p 30 -M 96
run -a -t [2001:db8:1::1]:443 -r [2001:db8:2::1]:443 -m -w 4
run -a -t [2001:db8:1::1]:443 -r [2001:db8:2::2] -g
run_sh 'cat /proc/net/ip_vs'
run -C
end_section

section "ip_vs, fwmark service"
run -A -f 4660 -s dh
run -a -f 4660 -r 192.168.10.5 -g
run_sh 'cat /proc/net/ip_vs'
run -E -f 4660 -s dh -p 5
run_sh 'cat /proc/net/ip_vs'
run -C
end_section

section "ip_vs, SCTP service"
run -A --sctp-service 10.1.2.6:9999 -s rr
run_sh 'cat /proc/net/ip_vs'
run -C
end_section

# Counters are per namespace: a fresh one has seen no traffic from other
# tests.
ns_new NS stats
export NS
section "statistics"
run_sh 'ip netns exec $NS cat /proc/net/ip_vs_stats'
# One line per possible CPU: shown as a count, the rest verbatim.
run_sh 'ip netns exec $NS head -n 2 /proc/net/ip_vs_stats_percpu'
run_sh 'n=$(ip netns exec $NS grep -c "^ *[0-9A-F]\+ \+0 \+0 \+0 \+0 \+0$" /proc/net/ip_vs_stats_percpu); [ "$n" = "$(ls -d /sys/devices/system/cpu/cpu[0-9]* | wc -l)" ] && echo "one line per CPU"'
run_sh 'ip netns exec $NS tail -n 4 /proc/net/ip_vs_stats_percpu'
end_section

section "connection listings"
run_sh 'cat /proc/net/ip_vs_conn'
run_sh 'cat /proc/net/ip_vs_conn_sync'
end_section

check "the table is left empty" table_empty
done_testing
