// SPDX-License-Identifier: GPL-2.0
#include <linux/bug.h>
#include <linux/printk.h>

#include "live.h"

atomic_long_t lvs_live[LVS_LIVE_KINDS];

static const char *const kind_names[LVS_LIVE_KINDS] = {
	[LVS_LIVE_SERVICE]	= "services",
	[LVS_LIVE_DEST]		= "dests",
	[LVS_LIVE_STATS]	= "stats blocks",
	[LVS_LIVE_SYNC_BUF]	= "sync messages",
};

void lvs_live_check(void)
{
	bool leaked = false;
	int k;

	for (k = 0; k < LVS_LIVE_KINDS; k++) {
		long n = atomic_long_read(&lvs_live[k]);

		if (n) {
			pr_err("leak: %ld %s still allocated at unload\n", n,
			       kind_names[k]);
			leaked = true;
		}
	}
	/* A leak is a bug in this module, never a user's input. */
	WARN(leaked, "lvs: objects leaked\n");
}
