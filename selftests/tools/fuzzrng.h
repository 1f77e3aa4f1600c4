/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The random numbers of the fuzzers (nlfuzz, pktfuzz, syncmsg fuzz):
 * splitmix64, tiny and seedable, so a run is replayed from its seed. Each
 * tool sets fuzz_rng (from the seed, or from the seed and a message's
 * number, so that message alone can be sent again).
 */
#ifndef FUZZRNG_H
#define FUZZRNG_H

#include <stdint.h>

static uint64_t fuzz_rng;

static inline uint64_t next64(void)
{
	uint64_t z = (fuzz_rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform enough in [0, n); 0 for n == 0. */
static inline unsigned int rnd(unsigned int n)
{
	return n ? next64() % n : 0;
}

static inline int one_in(unsigned int n)
{
	return rnd(n) == 0;
}

#endif
