/* Our header's view of the ABI constants. */
#include <lvs/ipvs.h>
#include <string.h>
#include "abi_names.h"

#define ENTRY(n) { #n, (long long)(n) },
const struct lvs_abi_entry lvs_abi_ours[] = { LVS_ABI_CONSTANTS(ENTRY) };
const unsigned long lvs_abi_ours_count = sizeof(lvs_abi_ours) / sizeof(lvs_abi_ours[0]);
const unsigned long lvs_abi_ours_flags_size = sizeof(struct ip_vs_flags);
const unsigned long lvs_abi_ours_name_len = sizeof(IPVS_GENL_NAME);
const char *lvs_abi_ours_name = IPVS_GENL_NAME;
