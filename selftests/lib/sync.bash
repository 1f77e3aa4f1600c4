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
