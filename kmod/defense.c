// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/workqueue.h>

#include "conn.h"
#include "defense.h"
#include "netns.h"
#include "race_point.h"

#define DEFENSE_PERIOD	HZ

void lvs_defense_init(struct lvs_defense *d)
{
	spin_lock_init(&d->lock);
	d->drop_entry = false;
	d->secure_tcp = false;
	d->drop_rate = 0;
	atomic_set(&d->drop_counter, 0);
}

/*
 * Mode 1 turns into 2 while memory is short and back into 1 after; the
 * sysctl shows it, as in IPVS. mode is the sysctl's value, read once by
 * the caller, which decides by that value alone: a write to the sysctl
 * meanwhile takes effect at the next update (every write runs one), and
 * is not overwritten by the move. Returns whether the defense is on.
 */
static bool mode_step(int *sysctl, int mode, bool nomem)
{
	switch (mode) {
	case 1:
		if (nomem)
			cmpxchg(sysctl, 1, 2);
		return nomem;
	case 2:
		if (!nomem)
			cmpxchg(sysctl, 2, 1);
		return nomem;
	case 3:
		return true;
	default:
		return false;
	}
}

void lvs_defense_update(struct lvs_net *ln)
{
	struct lvs_sysctl *s = &ln->sysctl;
	struct lvs_defense *d = &ln->defense;
	long availmem, thresh;
	struct sysinfo i;
	int drop_packet;
	bool nomem, on;

	/* Free plus buffer pages, IPVS's measure of what is left. */
	si_meminfo(&i);
	availmem = i.freeram + i.bufferram;
	thresh = max(READ_ONCE(s->amemthresh), 0);
	nomem = availmem < thresh;

	spin_lock_bh(&d->lock);
	WRITE_ONCE(d->drop_entry,
		   mode_step(&s->drop_entry, READ_ONCE(s->drop_entry), nomem));

	/*
	 * One read decides both whether and how: a second one could see 1
	 * after 3 was acted on, and divide by thresh - availmem with plenty
	 * of memory (0 or negative: a fault, or every new connection dropped).
	 */
	drop_packet = READ_ONCE(s->drop_packet);
	lvs_race_store(LVS_RACE_DEFENSE_DROP_PACKET, &s->drop_packet,
		       drop_packet);
	on = mode_step(&s->drop_packet, drop_packet, nomem);
	if (!on) {
		WRITE_ONCE(d->drop_rate, 0);
	} else if (drop_packet == 3) {
		WRITE_ONCE(d->drop_rate, READ_ONCE(s->am_droprate));
	} else {
		/* The shorter memory is, the more packets go; nomem: > 0. */
		int rate = thresh / (thresh - availmem);

		WRITE_ONCE(d->drop_rate, rate);
		atomic_set(&d->drop_counter, rate);
	}

	on = mode_step(&s->secure_tcp, READ_ONCE(s->secure_tcp), nomem);
	WRITE_ONCE(d->secure_tcp, on);
	spin_unlock_bh(&d->lock);
}

bool lvs_defense_todrop(struct lvs_net *ln)
{
	struct lvs_defense *d = &ln->defense;
	int rate = READ_ONCE(d->drop_rate);

	if (!rate)
		return false;
	if (atomic_dec_return(&d->drop_counter) > 0)
		return false;
	atomic_set(&d->drop_counter, rate);
	return true;
}

static void defense_work(struct work_struct *work)
{
	struct lvs_conn_net *cn = container_of(to_delayed_work(work),
					       struct lvs_conn_net,
					       defense_work);

	lvs_defense_update(cn->ln);
	if (READ_ONCE(cn->ln->defense.drop_entry))
		lvs_conn_drop_random(cn);
	queue_delayed_work(system_long_wq, &cn->defense_work, DEFENSE_PERIOD);
}

void lvs_defense_start(struct lvs_conn_net *cn)
{
	INIT_DELAYED_WORK(&cn->defense_work, defense_work);
	queue_delayed_work(system_long_wq, &cn->defense_work, DEFENSE_PERIOD);
}

void lvs_defense_stop(struct lvs_conn_net *cn)
{
	cancel_delayed_work_sync(&cn->defense_work);
}
