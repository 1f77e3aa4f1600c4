// SPDX-License-Identifier: GPL-2.0
#include <linux/bug.h>
#include <linux/printk.h>

#include "leak.h"

atomic_long_t lvs_leak[LVS_LEAK_KINDS];

static const char *const kind_names[LVS_LEAK_KINDS] = {
	[LVS_LEAK_SERVICE]	= "services",
	[LVS_LEAK_DEST]		= "dests",
	[LVS_LEAK_STATS]	= "stats blocks",
	[LVS_LEAK_SYNC_BUF]	= "sync messages",
};

void lvs_leak_check(void)
{
	bool leaked = false;
	int k;

	for (k = 0; k < LVS_LEAK_KINDS; k++) {
		long n = atomic_long_read(&lvs_leak[k]);

		if (n) {
			pr_err("leak: %ld %s still allocated at unload\n", n,
			       kind_names[k]);
			leaked = true;
		}
	}
	/* A leak is a bug in this module, never a user's input. */
	WARN(leaked, "lvs: objects leaked\n");
}
