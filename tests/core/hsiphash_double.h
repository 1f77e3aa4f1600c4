/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LVS_TESTS_HSIPHASH_DOUBLE_H
#define _LVS_TESTS_HSIPHASH_DOUBLE_H

#include "../../kmod/sched/core/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Generic SipHash-c-d (c compression, d finalization rounds). */
u64 siphash_cd(const u8 *data, size_t len, u64 k0, u64 k1, int c, int d);

#ifdef __cplusplus
}
#endif

#endif
