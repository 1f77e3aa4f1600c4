#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stock ipvsadm drives the control plane through every kind of service and
# real server, every listing and the common errors; each transcript must
# equal the one recorded on the kernel's ip_vs (ctl/basic.expected).
. "$(dirname "$0")/lib/core.bash"
. "$(dirname "$0")/lib/ctl.bash"

on_exit "$IPVSADM_STOCK -C; $IPVSADM_STOCK --stop-daemon master; $IPVSADM_STOCK --stop-daemon backup"

# --pe sip: ip_vs loads ip_vs_pe_sip on demand, lvs.ko has it built in.

section "add services"
run -Ln
run -A -t 10.0.0.1:80 -s rr
run -A -t 10.0.0.1:80 -s rr
run -A -u 10.0.0.1:53 -s wlc -p 300 -M 255.255.255.0
run -A --sctp-service 10.0.0.2:1000 -s sh -b sh-port,sh-fallback
run -A -f 7 -s mh -b mh-port,mh-fallback
run -A -f 8 -6 -s dh
run -A -t [2001:db8::1]:443 -s lc -p
run -A -u [2001:db8::1]:53 -s sed -p 60 -M 64
run -A -u 10.0.0.3:5060 -s nq -p 60 --pe sip
run -A -u 10.0.0.3:5060 -s nq -p 60
run -A -u 10.0.0.4:4000 -s lblc -o
run -A -t 10.0.0.5:0 -s lblcr -p 10
run -A -t 10.0.0.6:21 -s fo
run -A -t 10.0.0.7:22 -s ovf
run -A -t 10.0.0.8:23 -s wrr
run -A -t 10.0.0.9:24
run -A -t 10.0.0.10:80 -s nosuch
run -A -t 10.0.0.11:80 -s rr --pe nosuch
run -A -t 10.0.0.12:80 -s rr -o
run -A -t [2001:db8::2]:80 -s rr -p 10 -M 0
run -A -t [2001:db8::2]:80 -s rr -p 10 -M 129
run -A -f 7 -s rr
run -Ln
end_section

section "add real servers"
run -a -t 10.0.0.1:80 -r 192.168.1.1:80 -m -w 3
run -a -t 10.0.0.1:80 -r 192.168.1.2 -g -w 1
run -a -t 10.0.0.1:80 -r 192.168.1.3 -i -x 10 -y 5
run -a -t 10.0.0.1:80 -r 192.168.1.4:8080 -m -w 0
run -a -t 10.0.0.1:80 -r 192.168.1.5 -i --tun-type gue --tun-port 6080
run -a -t 10.0.0.1:80 -r 192.168.1.6 -i --tun-type gre --tun-csum
run -a -t 10.0.0.1:80 -r 192.168.1.7 -i --tun-type gue --tun-port 6081 --tun-remcsum
run -a -t 10.0.0.1:80 -r 192.168.1.1:80 -m
run -a -t 10.0.0.1:80 -r 0.0.0.0:80 -m
run -a -t 10.0.0.1:80 -r 224.0.0.1:80 -m
run -a -t 10.0.0.1:80 -r 255.255.255.255:80 -m
run -a -t 10.0.0.1:80 -r 192.168.1.8 -m -x 5 -y 10
run -a -t 10.0.0.1:80 -r [2001:db8::9]:80 -i
run -a -t 10.0.0.1:80 -r [2001:db8::10]:80 -m
run -a -t 10.9.9.9:80 -r 192.168.1.1:80 -m
run -a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -m
run -a -t [2001:db8::1]:443 -r [fe80::1]:443 -m
run -a -t [2001:db8::1]:443 -r [ff02::1]:443 -m
run -a -f 7 -r 192.168.2.1 -g -w 5
run -a -f 7 -r 192.168.2.2 -m -w 5
run -a -f 8 -6 -r [2001:db8::20] -g
run -a -u 10.0.0.1:53 -r 192.168.3.1:53 -m
run -a -u 10.0.0.1:53 -r 192.168.3.2:53 -m
run -Ln
end_section

section "listings"
run -Ln --stats
run -Ln --rate
run -Ln --thresholds
run -Ln --persistent-conn
run -Ln --exact
run -Sn
run -Ln -t 10.0.0.1:80
run -Ln -f 7
run -Ln -t 10.0.0.99:80
run -Ln -u [2001:db8::1]:53
end_section

section "edit and delete"
run -E -t 10.0.0.1:80 -s wrr -p 100
run -E -t 10.0.0.1:80 -s nosuch
run -E -t 10.9.9.9:80 -s rr
run -E -u 10.0.0.3:5060 -s nq -p 60 --pe sip
run -E -u 10.0.0.3:5060 -s nq -p 60
run -E -f 7 -s sh -b sh-port
run -e -t 10.0.0.1:80 -r 192.168.1.1:80 -m -w 0
run -e -t 10.0.0.1:80 -r 192.168.1.2 -i -w 7 -x 100 -y 50
run -e -t 10.0.0.1:80 -r 192.168.1.99 -m
run -d -t 10.0.0.1:80 -r 192.168.1.3
run -d -t 10.0.0.1:80 -r 192.168.1.3
run -d -t 10.9.9.9:80 -r 192.168.1.3
run -D -t 10.0.0.8:23
run -D -t 10.0.0.8:23
run -D -f 8 -6
run -Ln
run -Sn
end_section

section "timeouts"
run -L --timeout
run --set 10 20 30
run -L --timeout
run --set 0 0 0
run -L --timeout
run --set 900 120 300
run -L --timeout
end_section

section "sync daemon with mixed-family dests"
run -L --daemon
run --start-daemon master --mcast-interface lo --syncid 3
run --start-daemon master --mcast-interface lo --syncid 3
run --start-daemon backup --mcast-interface nosuch0
run --start-daemon backup --mcast-interface lo --syncid 9 --sync-maxlen 2000 --mcast-group 239.1.2.3 --mcast-port 9000 --mcast-ttl 3
end_section

section "zero and flush"
run -Z
run -Z -t 10.0.0.1:80
run -Z -t 10.9.9.9:80
run -C
run -Ln
run -C
run -Sn
end_section

section "sync daemon"
run -L --daemon
run --start-daemon master --mcast-interface lo --syncid 3
run --start-daemon master --mcast-interface lo --syncid 3
run -A -t 10.0.0.1:80
run -a -t 10.0.0.1:80 -r [2001:db8::9]:80 -i
run -a -t 10.0.0.1:80 -r 192.168.1.1:80 -i
run -Sn
run -C
run --start-daemon backup --mcast-interface nosuch0
run --start-daemon backup --mcast-interface lo --syncid 9 --sync-maxlen 2000 --mcast-group 239.1.2.3 --mcast-port 9000 --mcast-ttl 3
run -L --daemon
run --stop-daemon master
run --stop-daemon master
run -L --daemon
run --stop-daemon backup
run -L --daemon
run --start-daemon backup --mcast-interface lo --mcast-group ff02::1:2 --mcast-port 7000
run --start-daemon master --mcast-interface lo --mcast-group 10.1.1.1
run -L --daemon
run --stop-daemon backup
run -L --daemon
end_section

section "sysctl defaults"
run_sh 'cd /proc/sys/net/ipv4/vs && grep . * | grep -v -e ^sync_qlen_max: -e ^lblc'
# ip_vs adds these with its lblc/lblcr modules, loaded by now.
run_sh 'cd /proc/sys/net/ipv4/vs && grep . lblc_expiration lblcr_expiration'
run_sh 'v=$(cat /proc/sys/net/ipv4/vs/sync_qlen_max) && [ "$v" -gt 0 ]'
run_sh 'echo 4 > /proc/sys/net/ipv4/vs/drop_entry'
run_sh 'echo 3 > /proc/sys/net/ipv4/vs/drop_entry; cat /proc/sys/net/ipv4/vs/drop_entry'
run_sh 'echo 0 > /proc/sys/net/ipv4/vs/drop_entry'
run_sh 'echo 3 > /proc/sys/net/ipv4/vs/sync_ports'
run_sh 'echo 4 > /proc/sys/net/ipv4/vs/sync_ports; cat /proc/sys/net/ipv4/vs/sync_ports'
run_sh 'echo 1 > /proc/sys/net/ipv4/vs/sync_ports'
run_sh 'echo "50 3" > /proc/sys/net/ipv4/vs/sync_threshold'
run_sh 'echo "3 0" > /proc/sys/net/ipv4/vs/sync_threshold; cat /proc/sys/net/ipv4/vs/sync_threshold'
run_sh 'echo "3 50" > /proc/sys/net/ipv4/vs/sync_threshold'
run_sh 'echo 2 > /proc/sys/net/ipv4/vs/sync_version'
run_sh 'echo 4 > /proc/sys/net/ipv4/vs/sync_retries'
end_section

check "the table is left empty" table_empty
done_testing
