# SPDX-License-Identifier: GPL-2.0
# Two directors joined by a sync link: sourced by the sync-*.sh selftests,
# after core.bash and traffic.bash.

# sync_directors MASTER-ADDR BACKUP-ADDR: topo_nat with two real servers
# serving web pages, plus a backup director joined to the master by a
# link of its own (sync0) with these addresses (with prefix length): its
# stock ipvsadm is ADM_NS=$NS_BACKUP adm. On exit both tables are flushed
# and both daemons stopped.
sync_directors() {
	topo_nat 2 && ns_new NS_BACKUP backup &&
	veth_link "$NS_DIRECTOR" sync0 "$NS_BACKUP" sync0 &&
	addr "$NS_DIRECTOR" sync0 "$1" && addr "$NS_BACKUP" sync0 "$2" || return 1
	on_exit "adm -C; ADM_NS=\$NS_BACKUP adm -C; adm --stop-daemon master;
		ADM_NS=\$NS_BACKUP adm --stop-daemon backup"
	dp_web "${NS_RS[1]}" rs1 && dp_web "${NS_RS[2]}" rs2
}

# sync_services NS [persistent]: in director NS, round robin over rs1 and
# rs2 at $VIP:80, with "persistent" also at $VIP:8080 (-p 60), then
# [$VIP6]:80 to rs1: what master and backup both have.
sync_services() {
	local ADM_NS=$1
	adm -A -t "$VIP:80" -s rr &&
	adm -a -t "$VIP:80" -r "${RS_IP[1]}:80" -m &&
	adm -a -t "$VIP:80" -r "${RS_IP[2]}:80" -m || return 1
	if [ "${2:-}" = persistent ]; then
		adm -A -t "$VIP:8080" -s rr -p 60 &&
		adm -a -t "$VIP:8080" -r "${RS_IP[1]}:80" -m &&
		adm -a -t "$VIP:8080" -r "${RS_IP[2]}:80" -m || return 1
	fi
	adm -A -t "[$VIP6]:80" -s rr &&
	adm -a -t "[$VIP6]:80" -r "[${RS_IP6[1]}]:80" -m
}

# sync_conns NS: director NS's -Lnc without the expiry column, sorted.
sync_conns() {
	local ADM_NS=$1
	adm -Lnc | awk 'NR > 2 { print $1, $3, $4, $5, $6 }' | sort
}
