/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane's netfilter hooks, at IPVS's points and priorities. The
 * hooks of a family are registered only while the namespace has a service
 * of that family, as in IPVS, and all go before the namespace's connection
 * table does (pernet.c).
 */
#ifndef _LVS_HOOKS_H
#define _LVS_HOOKS_H

struct lvs_net;

/* Under ln->mutex: registers the hooks of af (AF_INET or AF_INET6) if
 * they are not yet; call before the family's first service is added.
 */
int lvs_hooks_get(struct lvs_net *ln, int af);
/* Under ln->mutex: drops the hooks of every family without services. */
void lvs_hooks_put_unused(struct lvs_net *ln);
/* Takes ln->mutex: drops every hook of the namespace. */
void lvs_hooks_net_exit(struct lvs_net *ln);

#endif /* _LVS_HOOKS_H */
