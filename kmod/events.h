/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_EVENTS_H
#define _LVS_EVENTS_H

#include <linux/gfp.h>
#include <linux/skbuff.h>

struct lvs_daemon_cfg;
struct lvs_dest;
struct lvs_net;
struct lvs_service;

/*
 * Change events on the LVS family's "events" group (include/uapi/lvs/
 * lvs.h). An event is made while the change's lock is held (ln->mutex, or
 * the dest's overload_lock), so listeners read them in the order the
 * changes were made; a deletion's before the change, while there is still
 * an object to describe. Nothing is made when nobody listens. When one
 * cannot be made, listeners are told they missed one (ENOBUFS on their
 * next read, as after an overrun) and must read the tables anew.
 */

/* LVS_CMD_EV_* about @svc and @dest (either may be NULL); or NULL. */
struct sk_buff *lvs_ev_make(struct lvs_net *ln, u8 cmd,
			    struct lvs_service *svc, struct lvs_dest *dest);
/* Sends @skb from lvs_ev_make() (NULL: nothing). */
void lvs_ev_send(struct lvs_net *ln, struct sk_buff *skb);

/* Made and sent at once, under ln->mutex, after the change. */
void lvs_ev_tell(struct lvs_net *ln, u8 cmd, struct lvs_service *svc,
		 struct lvs_dest *dest);
void lvs_ev_dest_added(struct lvs_net *ln, struct lvs_service *svc,
		       struct lvs_dest *dest, bool revived);
void lvs_ev_timeouts(struct lvs_net *ln);
/* @c NULL: the daemon of @state stopped. */
void lvs_ev_daemon(struct lvs_net *ln, u32 state,
		   const struct lvs_daemon_cfg *c);

/* A dest's overload state changed; from any context, its lock held. */
void lvs_ev_dest_overload(struct lvs_dest *dest, bool overloaded);

#endif /* _LVS_EVENTS_H */
