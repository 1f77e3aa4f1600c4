/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lvs.ko's own generic-netlink family: what the kernel's IPVS does not
 * have, kept apart so that the "IPVS" family (ipvs.h) stays identical to
 * the kernel's and stock tools never see a difference. The kernel's ip_vs
 * has no such family: a client that cannot resolve "LVS" is talking to
 * ip_vs (or to no IPVS at all).
 *
 * Family "LVS", version 1. Versioning: numbers are only ever appended; a
 * new version adds commands or attributes, never changes one.
 *
 * Commands (requests need CAP_NET_ADMIN, as IPVS's do):
 *
 * LVS_CMD_GET_INFO            request; reply LVS_CMD_GET_INFO with
 *                             LVS_ATTR_VERSION (u32, LVS_GENL_VERSION)
 * LVS_CMD_GET_CONN            dump of the connections the filters below
 *                             match, one LVS_ATTR_CONN per message. Like
 *                             /proc/net/ip_vs_conn, a table resized during
 *                             the dump may give some twice or miss some.
 * LVS_CMD_DEL_CONN            request: expires now the connections the
 *                             filters match, as if their timers had run
 *                             out (their next packets are handled as
 *                             IPVS handles an expired connection's);
 *                             reply LVS_CMD_DEL_CONN with LVS_ATTR_COUNT
 *
 * Connection filters (all optional; a connection must match every one):
 *   LVS_ATTR_SERVICE         the service it belongs to (its dest's): the
 *                            key attributes of an IPVS service nest (AF,
 *                            and PROTOCOL, ADDR, PORT or FWMARK)
 *   LVS_ATTR_DEST            its real server as configured (port 0 for a
 *                            port-less one): IPVS_DEST_ATTR_ADDR, _PORT
 *                            and _ADDR_FAMILY (default: the service's, or
 *                            AF_INET without a service)
 *   LVS_ATTR_CLIENT_AF, LVS_ATTR_CLIENT_ADDR, LVS_ATTR_CLIENT_PREFIX
 *                            the client is in this prefix (all three)
 *   LVS_ATTR_PROTOCOL        u16, IPPROTO_*
 *   LVS_ATTR_CONN_STATE      string: the state as ipvsadm -Lc lists it
 *   LVS_ATTR_TEMPLATES       flag: persistence templates match too
 *                            (without it, only connections do)
 *
 * Events, sent to the multicast group "events" (LVS_GENL_MCGRP_EVENTS) of
 * the namespace whose tables changed, never accepted as requests. Joining
 * needs CAP_NET_ADMIN in the user namespace that owns the network
 * namespace; lvs.ko sends events only where such a process may also read
 * the tables (the initial user namespace's network namespaces, and every
 * one when lvs.ko's userns_admin parameter is on). Each carries the whole
 * object as the IPVS family's replies carry it (same nests, same
 * attributes), after the change:
 *
 * LVS_CMD_EV_NEW_SERVICE      LVS_ATTR_SERVICE
 * LVS_CMD_EV_SET_SERVICE      LVS_ATTR_SERVICE
 * LVS_CMD_EV_DEL_SERVICE      LVS_ATTR_SERVICE (as it was); its dests go
 *                             with it, without an event each
 * LVS_CMD_EV_NEW_DEST         LVS_ATTR_SERVICE, LVS_ATTR_DEST; with
 *                             LVS_ATTR_REVIVED when the dest came back from
 *                             the trash with its connections
 * LVS_CMD_EV_SET_DEST         LVS_ATTR_SERVICE, LVS_ATTR_DEST
 * LVS_CMD_EV_DEL_DEST         LVS_ATTR_SERVICE, LVS_ATTR_DEST (it goes to
 *                             the trash, as in IPVS)
 * LVS_CMD_EV_FLUSH            no attribute: every service is gone
 * LVS_CMD_EV_ZERO             LVS_ATTR_SERVICE, or none for all services
 * LVS_CMD_EV_SET_CONFIG       LVS_ATTR_TIMEOUT_TCP, _TCP_FIN, _UDP
 *                             (seconds, all three, after the change)
 * LVS_CMD_EV_NEW_DAEMON       LVS_ATTR_DAEMON
 * LVS_CMD_EV_DEL_DAEMON       LVS_ATTR_DAEMON (IPVS_DAEMON_ATTR_STATE only)
 * LVS_CMD_EV_DEST_STATE       LVS_ATTR_SERVICE, LVS_ATTR_DEST,
 *                             LVS_ATTR_DEST_STATE: a change the kernel made
 *                             itself, from traffic (enum lvs_dest_state)
 *
 * Attributes 1-6 have the numbers and contents of IPVS_CMD_ATTR_SERVICE ..
 * IPVS_CMD_ATTR_TIMEOUT_UDP, so a client decodes them with its IPVS code.
 */
#ifndef _UAPI_LVS_LVS_H
#define _UAPI_LVS_LVS_H

#define LVS_GENL_NAME		"LVS"
#define LVS_GENL_VERSION	1
#define LVS_GENL_MCGRP_EVENTS	"events"

enum {
	LVS_CMD_UNSPEC = 0,
	LVS_CMD_GET_INFO,
	LVS_CMD_EV_NEW_SERVICE,
	LVS_CMD_EV_SET_SERVICE,
	LVS_CMD_EV_DEL_SERVICE,
	LVS_CMD_EV_NEW_DEST,
	LVS_CMD_EV_SET_DEST,
	LVS_CMD_EV_DEL_DEST,
	LVS_CMD_EV_FLUSH,
	LVS_CMD_EV_ZERO,
	LVS_CMD_EV_SET_CONFIG,
	LVS_CMD_EV_NEW_DAEMON,
	LVS_CMD_EV_DEL_DAEMON,
	LVS_CMD_EV_DEST_STATE,
	LVS_CMD_GET_CONN,
	LVS_CMD_DEL_CONN,
	__LVS_CMD_MAX,
};
#define LVS_CMD_MAX (__LVS_CMD_MAX - 1)

enum {
	LVS_ATTR_UNSPEC = 0,
	LVS_ATTR_SERVICE,		/* nested IPVS_SVC_ATTR_* */
	LVS_ATTR_DEST,			/* nested IPVS_DEST_ATTR_* */
	LVS_ATTR_DAEMON,		/* nested IPVS_DAEMON_ATTR_* */
	LVS_ATTR_TIMEOUT_TCP,		/* u32, seconds */
	LVS_ATTR_TIMEOUT_TCP_FIN,	/* u32, seconds */
	LVS_ATTR_TIMEOUT_UDP,		/* u32, seconds */
	LVS_ATTR_VERSION,		/* u32 */
	LVS_ATTR_REVIVED,		/* flag */
	LVS_ATTR_DEST_STATE,		/* u32, enum lvs_dest_state */
	LVS_ATTR_CONN,			/* nested LVS_CONN_ATTR_* */
	LVS_ATTR_COUNT,			/* u32 */
	LVS_ATTR_CLIENT_AF,		/* u16 */
	LVS_ATTR_CLIENT_ADDR,		/* binary, in6_addr or in_addr */
	LVS_ATTR_CLIENT_PREFIX,		/* u8, prefix length */
	LVS_ATTR_PROTOCOL,		/* u16 */
	LVS_ATTR_CONN_STATE,		/* string */
	LVS_ATTR_TEMPLATES,		/* flag */
	__LVS_ATTR_MAX,
};
#define LVS_ATTR_MAX (__LVS_ATTR_MAX - 1)

/*
 * A connection (LVS_ATTR_CONN), as /proc/net/ip_vs_conn shows it: ports in
 * network order; a template of a fwmark service has the mark in VADDR.
 */
enum {
	LVS_CONN_ATTR_UNSPEC = 0,
	LVS_CONN_ATTR_AF,		/* u16, of client and virtual address */
	LVS_CONN_ATTR_PROTOCOL,		/* u16 */
	LVS_CONN_ATTR_CADDR,		/* binary */
	LVS_CONN_ATTR_CPORT,		/* u16 */
	LVS_CONN_ATTR_VADDR,		/* binary */
	LVS_CONN_ATTR_VPORT,		/* u16 */
	LVS_CONN_ATTR_DAF,		/* u16, of the real server's address */
	LVS_CONN_ATTR_DADDR,		/* binary */
	LVS_CONN_ATTR_DPORT,		/* u16 */
	LVS_CONN_ATTR_STATE,		/* string, as ipvsadm -Lc lists it */
	LVS_CONN_ATTR_FLAGS,		/* u32, IP_VS_CONN_F_* */
	LVS_CONN_ATTR_EXPIRES,		/* u32, milliseconds left */
	LVS_CONN_ATTR_PE_NAME,		/* string, a template's engine */
	LVS_CONN_ATTR_PE_DATA,		/* binary, its data */
	__LVS_CONN_ATTR_MAX,
};
#define LVS_CONN_ATTR_MAX (__LVS_CONN_ATTR_MAX - 1)

/* What LVS_CMD_EV_DEST_STATE says happened to a dest. */
enum lvs_dest_state {
	/* Its connections reached u_threshold: it takes no new ones. */
	LVS_DEST_STATE_OVERLOADED = 1,
	/* Back under l_threshold (or under u_threshold when l is 0). */
	LVS_DEST_STATE_UNDERLOADED,
};

#endif /* _UAPI_LVS_LVS_H */
