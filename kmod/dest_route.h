/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-dest route cache, IPVS's dest_dst: the route to a real server
 * (and the source address it prefers) depends on the dest alone, so it is
 * looked up once and kept in dest->route (the kernel's per-CPU struct
 * dst_cache, replaced whole under RCU) instead of once per packet.
 *
 * It is valid while
 *  - the kernel says the route is (dst_cache checks dst->obsolete and the
 *    route's cookie, so a route change or a new PMTU exception makes the
 *    next packet look up again; an updated exception changes the cached
 *    route's MTU in place);
 *  - the dest's forwarding method is the one it was filled for: direct
 *    routing looks up with FLOWI_FLAG_KNOWN_NH, tunnels want the source
 *    address. A connection that kept an older method than its dest's
 *    (the dest was edited since) looks up without the cache.
 * Editing or deleting the dest resets it; a device of the namespace going
 * down or away releases every dest's cached routes at once, and a dest
 * leaving the table for good (its service deleted, its trash time over)
 * releases its own, since connections may keep the dest for minutes.
 */
#ifndef _LVS_DEST_ROUTE_H
#define _LVS_DEST_ROUTE_H

struct dst_cache;
struct lvs_dest;

/* Control path: with the dest's allocation, on every change, at free. */
int lvs_dest_route_init(struct lvs_dest *dest);
void lvs_dest_route_reset(struct lvs_dest *dest);
void lvs_dest_route_destroy(struct lvs_dest *dest);
/* Out of the dest table for good: no more caching, release the routes. */
void lvs_dest_route_drop(struct lvs_dest *dest);

/* The netdevice notifier, for the whole module. */
int lvs_dest_route_module_init(void);
void lvs_dest_route_module_exit(void);

/*
 * The packet path's view (xmit_out.c's lvs_conn_route()): under
 * rcu_read_lock(), the dest's cache, or NULL when it has none. The
 * caller fills it only for the dest's current forwarding method, and
 * resets it if the method changed meanwhile: a reset orders the new
 * method before it (smp_mb()).
 */
struct dst_cache *lvs_dest_route_cache(struct lvs_dest *dest);

#endif /* _LVS_DEST_ROUTE_H */
