// SPDX-License-Identifier: GPL-2.0
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>

#include "race_point.h"

struct race_point {
	const char *name;
	u32 value;
	u32 when;
	atomic_t shots;
};

static struct race_point points[LVS_RACE_POINTS_NR] = {
	[LVS_RACE_DEFENSE_DROP_PACKET] = { .name = "defense_drop_packet" },
	[LVS_RACE_DEST_DROP] = { .name = "dest_drop" },
	[LVS_RACE_SYNC_DEST_FOUND] = { .name = "sync_dest_found" },
	[LVS_RACE_CONN_HASH_OUT] = { .name = "conn_hash_out" },
};

static struct dentry *race_dir;

/*
 * An armed point stores its value in place of a writer, once a shot, where
 * the code has read the value it was armed for.
 */
void lvs_race_store(enum lvs_race_point p, int *target, int seen)
{
	struct race_point *pt = &points[p];

	if (seen == (int)READ_ONCE(pt->when) &&
	    atomic_add_unless(&pt->shots, -1, 0))
		WRITE_ONCE(*target, (int)READ_ONCE(pt->value));
}

/* An armed point holds its CPU, whatever the context, once a shot. */
void lvs_race_delay(enum lvs_race_point p)
{
	struct race_point *pt = &points[p];

	if (atomic_add_unless(&pt->shots, -1, 0))
		mdelay(READ_ONCE(pt->value));
}

/* The same asleep, where the code may sleep: its CPU runs on meanwhile. */
void lvs_race_sleep(enum lvs_race_point p)
{
	struct race_point *pt = &points[p];

	might_sleep();
	if (atomic_add_unless(&pt->shots, -1, 0))
		msleep(READ_ONCE(pt->value));
}

/* debugfs reports no errors worth failing a load for: a test sees none. */
void lvs_race_init(void)
{
	struct dentry *d;
	int i;

	race_dir = debugfs_create_dir("lvs_race", NULL);
	for (i = 0; i < LVS_RACE_POINTS_NR; i++) {
		d = debugfs_create_dir(points[i].name, race_dir);
		debugfs_create_u32("value", 0600, d, &points[i].value);
		debugfs_create_u32("when", 0600, d, &points[i].when);
		debugfs_create_atomic_t("shots", 0600, d, &points[i].shots);
	}
}

void lvs_race_exit(void)
{
	debugfs_remove_recursive(race_dir);
}
