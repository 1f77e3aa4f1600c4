// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/string.h>

#include "pe.h"

/* The engines IPVS ships, built in: one, ip_vs_pe_sip's. */
static const struct lvs_pe *const engines[] = {
	&lvs_pe_sip,
};

const struct lvs_pe *lvs_pe_find_n(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(engines); i++)
		if (strlen(engines[i]->name) == len &&
		    !memcmp(engines[i]->name, name, len))
			return engines[i];
	return NULL;
}

const struct lvs_pe *lvs_pe_find(const char *name)
{
	return lvs_pe_find_n(name, strlen(name));
}
