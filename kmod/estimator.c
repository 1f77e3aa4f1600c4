// SPDX-License-Identifier: GPL-2.0
#include <linux/sched.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "dest.h"
#include "estimator.h"
#include "netns.h"
#include "service.h"

static void estimate_service(struct lvs_service *svc)
{
	struct lvs_dest *dest;

	lvs_stats_estimate(&svc->stats);
	list_for_each_entry_rcu(dest, &svc->dests, n_list)
		lvs_stats_estimate(&dest->stats);
}

static void est_work_fn(struct work_struct *work)
{
	struct lvs_net *ln = container_of(to_delayed_work(work),
					  struct lvs_net, est_work);
	struct lvs_service *svc;
	unsigned long id;

	if (READ_ONCE(ln->sysctl.run_estimation)) {
		rcu_read_lock();
		/* xa_for_each resumes by index, so dropping RCU is safe. */
		xa_for_each(&ln->svc_ids, id, svc) {
			estimate_service(svc);
			if (need_resched()) {
				rcu_read_unlock();
				cond_resched();
				rcu_read_lock();
			}
		}
		rcu_read_unlock();
		lvs_stats_estimate(&ln->tot_stats);
	}
	queue_delayed_work(system_long_wq, &ln->est_work, LVS_EST_INTERVAL);
}

void lvs_est_net_init(struct lvs_net *ln)
{
	INIT_DELAYED_WORK(&ln->est_work, est_work_fn);
	queue_delayed_work(system_long_wq, &ln->est_work, LVS_EST_INTERVAL);
}

void lvs_est_net_exit(struct lvs_net *ln)
{
	cancel_delayed_work_sync(&ln->est_work);
}
