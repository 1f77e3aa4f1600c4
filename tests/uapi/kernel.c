/* The kernel's linux/ip_vs.h view of the same constants (the reference). */
#include <linux/ip_vs.h>
#include "abi_names.h"

#define ENTRY(n) { #n, (long long)(n) },
const struct lvs_abi_entry lvs_abi_kernel[] = { LVS_ABI_CONSTANTS(ENTRY) };
const unsigned long lvs_abi_kernel_count = sizeof(lvs_abi_kernel) / sizeof(lvs_abi_kernel[0]);
const unsigned long lvs_abi_kernel_flags_size = sizeof(struct ip_vs_flags);
const char *lvs_abi_kernel_name = IPVS_GENL_NAME;
