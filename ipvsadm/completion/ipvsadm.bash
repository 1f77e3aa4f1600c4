# SPDX-License-Identifier: GPL-2.0
# bash completion for ipvsadm (the options of ipvsadm 1.31, and our --json
# and --monitor).
#
# Options complete from the lists below (tests/ipvsadm/completion_test.sh
# checks they hold every long option of ipvsadm/parse_args.cpp); option
# values complete where the set is known: schedulers, scheduler flags,
# tunnel types, persistence engines, daemon states, interfaces, and the
# virtual services the kernel has now (from `ipvsadm -Sn`, when allowed).

_ipvsadm_long='--add-service --edit-service --delete-service --clear --list
--zero --add-server --edit-server --delete-server --set --help --version
--restore --save --start-daemon --stop-daemon --tcp-service --udp-service
--sctp-service --fwmark-service --scheduler --persistent --netmask
--real-server --masquerading --ipip --gatewaying --weight --u-threshold
--l-threshold --numeric --connection --mcast-interface --syncid --timeout
--daemon --stats --rate --thresholds --persistent-conn --nosort --sort
--exact --ipv6 --ops --pe --sched-flags --mcast-group --mcast-port
--mcast-ttl --sync-maxlen --tun-info --tun-type --tun-port --tun-nocsum
--tun-csum --tun-remcsum --json --monitor'
_ipvsadm_short='-A -E -D -C -L -l -Z -a -e -d -h -v -R -S -t -u -f -s -p
-M -r -m -i -g -w -x -y -n -c -X -6 -o -b'
_ipvsadm_scheds='rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh twos'
_ipvsadm_sched_flags='flag-1 flag-2 flag-3 sh-fallback sh-port mh-fallback
mh-port'

# _ipvsadm_services PROTO: the kernel's services of one kind, as -S
# prints them ("-A -t 10.0.0.1:80 -s rr" gives 10.0.0.1:80 for -t).
_ipvsadm_services()
{
	ipvsadm -Sn 2>/dev/null |
		awk -v k="$1" '$1 == "-A" && $2 == k { print $3 }'
}

_ipvsadm()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-s|--scheduler)
		mapfile -t COMPREPLY < <(compgen -W "$_ipvsadm_scheds" -- "$cur")
		return ;;
	-b|--sched-flags)
		mapfile -t COMPREPLY < <(compgen -W "$_ipvsadm_sched_flags" -- "$cur")
		return ;;
	--tun-type)
		mapfile -t COMPREPLY < <(compgen -W 'ipip gue gre' -- "$cur")
		return ;;
	--pe)
		mapfile -t COMPREPLY < <(compgen -W 'sip' -- "$cur")
		return ;;
	--start-daemon|--stop-daemon)
		mapfile -t COMPREPLY < <(compgen -W 'master backup' -- "$cur")
		return ;;
	--mcast-interface)
		mapfile -t COMPREPLY < <(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")
		return ;;
	-t|--tcp-service|-u|--udp-service|--sctp-service|-f|--fwmark-service)
		local k=$prev
		case $prev in
		--tcp-service) k=-t ;;
		--udp-service) k=-u ;;
		--fwmark-service) k=-f ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$(_ipvsadm_services "$k")" -- "$cur")
		return ;;
	-r|--real-server)
		mapfile -t COMPREPLY < <(compgen -A hostname -- "$cur")
		return ;;
	-p|--persistent|-M|--netmask|-w|--weight|-x|--u-threshold|\
	-y|--l-threshold|--syncid|--mcast-group|--mcast-port|--mcast-ttl|\
	--sync-maxlen|--tun-port)
		return ;;	# a number or an address: nothing to offer
	esac

	case $cur in
	--*) mapfile -t COMPREPLY < <(compgen -W "$_ipvsadm_long" -- "$cur") ;;
	-*) mapfile -t COMPREPLY < <(compgen -W "$_ipvsadm_short $_ipvsadm_long" -- "$cur") ;;
	*) COMPREPLY=() ;;
	esac
}
complete -F _ipvsadm ipvsadm
