/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only header kmod/sched/core/ includes from outside: kernel types when built
 * into lvs.ko, <stdint.h> equivalents when built into the host test suite.
 * Nothing in kmod/sched/core/ locks, allocates or sleeps, so this is all it needs.
 */
#ifndef _LVS_CORE_TYPES_H
#define _LVS_CORE_TYPES_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/siphash.h>

/* ip_vs_mh hashes a host-order u32 with hsiphash(); call the very same. */
static inline u32 lvs_hsiphash_u32(u32 v, u64 k0, u64 k1)
{
	hsiphash_key_t key = { .key = { k0, k1 } };

	return hsiphash(&v, sizeof(v), &key);
}

#else /* host test build */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/*
 * Test double of the kernel's hsiphash() on a 4-byte input, written from
 * the SipHash specification (64-bit kernels run SipHash-1-3 for hsiphash).
 * Lives in tests/core/, never in lvs.ko.
 */
u32 lvs_hsiphash_u32(u32 v, u64 k0, u64 k1);

#endif /* __KERNEL__ */

#endif /* _LVS_CORE_TYPES_H */
