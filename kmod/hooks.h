/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane's netfilter hooks, at IPVS's points and priorities, and
 * its per-namespace state (the connection table), set up for every
 * namespace after the control plane's and torn down before it. The hooks
 * of a family are registered only while the namespace has a service of
 * that family, as in IPVS.
 */
#ifndef _LVS_HOOKS_H
#define _LVS_HOOKS_H

int lvs_hooks_init(void);
void lvs_hooks_exit(void);

struct lvs_net;

/* Under ln->mutex: registers the hooks of af (AF_INET or AF_INET6) if
 * they are not yet; call before the family's first service is added.
 */
int lvs_hooks_get(struct lvs_net *ln, int af);
/* Under ln->mutex: drops the hooks of every family without services. */
void lvs_hooks_put_unused(struct lvs_net *ln);

#endif /* _LVS_HOOKS_H */
