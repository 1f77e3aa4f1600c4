/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_ESTIMATOR_H
#define _LVS_ESTIMATOR_H

struct lvs_net;

/*
 * Every LVS_EST_INTERVAL a work item updates the rates of every service,
 * every destination and the namespace total (unless the run_estimation
 * sysctl is 0). It walks the tables under RCU and yields the CPU between
 * services, so many services never hold a CPU or a lock for long.
 */
void lvs_est_net_init(struct lvs_net *ln);
void lvs_est_net_exit(struct lvs_net *ln);

#endif /* _LVS_ESTIMATOR_H */
