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
	__LVS_ATTR_MAX,
};
#define LVS_ATTR_MAX (__LVS_ATTR_MAX - 1)

/* What LVS_CMD_EV_DEST_STATE says happened to a dest. */
enum lvs_dest_state {
	/* Its connections reached u_threshold: it takes no new ones. */
	LVS_DEST_STATE_OVERLOADED = 1,
	/* Back under l_threshold (or under u_threshold when l is 0). */
	LVS_DEST_STATE_UNDERLOADED,
};

#endif /* _UAPI_LVS_LVS_H */
