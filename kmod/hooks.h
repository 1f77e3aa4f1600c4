/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane's netfilter hooks, at IPVS's points and priorities, and
 * its per-namespace state (the connection table), set up for every
 * namespace after the control plane's and torn down before it.
 */
#ifndef _LVS_HOOKS_H
#define _LVS_HOOKS_H

int lvs_hooks_init(void);
void lvs_hooks_exit(void);

#endif /* _LVS_HOOKS_H */
