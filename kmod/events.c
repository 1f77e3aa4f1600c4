// SPDX-License-Identifier: GPL-2.0
/*
 * Change events: every configuration change and the dest state changes
 * traffic makes, multicast on the LVS family's "events" group with the
 * whole object, so monitors and controllers need not poll (events.h).
 */
#include <lvs/lvs.h>

#include "dest.h"
#include "events.h"
#include "lvs_family.h"
#include "netns.h"
#include "nl_admin.h"
#include "nl_fill.h"
#include "service.h"
#include "sync/sync_daemon.h"

/* Listeners learn they missed an event, as after a socket overrun. */
static void lost(struct lvs_net *ln)
{
	genl_set_err(&lvs_own_family, ln->net, 0, LVS_GRP_EVENTS, -ENOBUFS);
}

static struct sk_buff *ev_new(struct lvs_net *ln, u8 cmd, gfp_t gfp)
{
	struct sk_buff *skb;

	if (!lvs_nl_events_allowed(ln->net) ||
	    !genl_has_listeners(&lvs_own_family, ln->net, LVS_GRP_EVENTS))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (skb && genlmsg_put(skb, 0, 0, &lvs_own_family, 0, cmd))
		return skb;
	nlmsg_free(skb);
	lost(ln);
	return NULL;
}

/* Everything fits NLMSG_GOODSIZE; this is for the impossible case. */
static struct sk_buff *ev_fail(struct lvs_net *ln, struct sk_buff *skb)
{
	nlmsg_free(skb);
	lost(ln);
	return NULL;
}

static struct sk_buff *make(struct lvs_net *ln, u8 cmd,
			    struct lvs_service *svc, struct lvs_dest *dest,
			    gfp_t gfp)
{
	struct sk_buff *skb = ev_new(ln, cmd, gfp);

	if (!skb)
		return NULL;
	if ((svc && lvs_nl_put_service(skb, svc)) ||
	    (dest && lvs_nl_put_dest(skb, dest)))
		return ev_fail(ln, skb);
	return skb;
}

static void send(struct lvs_net *ln, struct sk_buff *skb, gfp_t gfp)
{
	if (!skb)
		return;
	/* One message from the start of the buffer: end it there. */
	nlmsg_end(skb, nlmsg_hdr(skb));
	/* -ESRCH: the last listener left meanwhile; nothing to tell. */
	genlmsg_multicast_netns(&lvs_own_family, ln->net, skb, 0,
				LVS_GRP_EVENTS, gfp);
}

struct sk_buff *lvs_ev_make(struct lvs_net *ln, u8 cmd,
			    struct lvs_service *svc, struct lvs_dest *dest)
{
	lockdep_assert_held(&ln->mutex);
	return make(ln, cmd, svc, dest, GFP_KERNEL);
}

void lvs_ev_send(struct lvs_net *ln, struct sk_buff *skb)
{
	send(ln, skb, GFP_KERNEL);
}

void lvs_ev_tell(struct lvs_net *ln, u8 cmd, struct lvs_service *svc,
		 struct lvs_dest *dest)
{
	lvs_ev_send(ln, lvs_ev_make(ln, cmd, svc, dest));
}

void lvs_ev_dest_added(struct lvs_net *ln, struct lvs_service *svc,
		       struct lvs_dest *dest, bool revived)
{
	struct sk_buff *skb = lvs_ev_make(ln, LVS_CMD_EV_NEW_DEST, svc, dest);

	if (skb && revived && nla_put_flag(skb, LVS_ATTR_REVIVED))
		skb = ev_fail(ln, skb);
	lvs_ev_send(ln, skb);
}

void lvs_ev_timeouts(struct lvs_net *ln)
{
	struct sk_buff *skb;

	lockdep_assert_held(&ln->mutex);
	skb = ev_new(ln, LVS_CMD_EV_SET_CONFIG, GFP_KERNEL);
	if (skb && (nla_put_u32(skb, LVS_ATTR_TIMEOUT_TCP,
				READ_ONCE(ln->timeout_tcp) / HZ) ||
		    nla_put_u32(skb, LVS_ATTR_TIMEOUT_TCP_FIN,
				READ_ONCE(ln->timeout_tcp_fin) / HZ) ||
		    nla_put_u32(skb, LVS_ATTR_TIMEOUT_UDP,
				READ_ONCE(ln->timeout_udp) / HZ)))
		skb = ev_fail(ln, skb);
	lvs_ev_send(ln, skb);
}

static int put_daemon_state(struct sk_buff *skb, u32 state)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, LVS_ATTR_DAEMON);

	if (!nest || nla_put_u32(skb, IPVS_DAEMON_ATTR_STATE, state))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

void lvs_ev_daemon(struct lvs_net *ln, u32 state,
		   const struct lvs_daemon_cfg *c)
{
	struct sk_buff *skb;

	lockdep_assert_held(&ln->mutex);
	skb = ev_new(ln, c ? LVS_CMD_EV_NEW_DAEMON : LVS_CMD_EV_DEL_DAEMON,
		     GFP_KERNEL);
	if (skb && (c ? lvs_nl_put_daemon(skb, state, c) :
			put_daemon_state(skb, state)))
		skb = ev_fail(ln, skb);
	lvs_ev_send(ln, skb);
}

/*
 * Under the dest's overload_lock, which orders these events as it orders
 * the changes; often in softirq, with a packet waiting. The service is
 * the one the dest belongs to now (RCU keeps it, lvs_svc_put()); a new
 * dest not yet on a service cannot change state.
 */
void lvs_ev_dest_overload(struct lvs_dest *dest, bool overloaded)
{
	struct lvs_service *svc;
	struct sk_buff *skb;

	rcu_read_lock();
	svc = rcu_dereference(dest->svc);
	if (svc) {
		skb = make(svc->ln, LVS_CMD_EV_DEST_STATE, svc, dest,
			   GFP_ATOMIC);
		if (skb && nla_put_u32(skb, LVS_ATTR_DEST_STATE,
				       overloaded ? LVS_DEST_STATE_OVERLOADED :
						    LVS_DEST_STATE_UNDERLOADED))
			skb = ev_fail(svc->ln, skb);
		send(svc->ln, skb, GFP_ATOMIC);
	}
	rcu_read_unlock();
}
