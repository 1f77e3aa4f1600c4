// SPDX-License-Identifier: GPL-2.0
/*
 * Host stand-in for the kernel's hsiphash(), written from the SipHash paper
 * (Aumasson, Bernstein): on 64-bit kernels hsiphash is SipHash with one
 * compression and three finalization rounds, truncated to 32 bits.
 * siphash_cd() keeps the round counts as parameters so the test suite can
 * check it against published SipHash-2-4 vectors as well.
 */
#include "hsiphash_double.h"

static u64 rotl(u64 x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static void sipround(u64 v[4])
{
	v[0] += v[1];
	v[1] = rotl(v[1], 13);
	v[1] ^= v[0];
	v[0] = rotl(v[0], 32);
	v[2] += v[3];
	v[3] = rotl(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = rotl(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = rotl(v[1], 17);
	v[1] ^= v[2];
	v[2] = rotl(v[2], 32);
}

static void compress(u64 v[4], u64 m, int c)
{
	int i;

	v[3] ^= m;
	for (i = 0; i < c; i++)
		sipround(v);
	v[0] ^= m;
}

u64 siphash_cd(const u8 *data, size_t len, u64 k0, u64 k1, int c, int d)
{
	u64 v[4] = {
		0x736f6d6570736575ULL ^ k0, 0x646f72616e646f6dULL ^ k1,
		0x6c7967656e657261ULL ^ k0, 0x7465646279746573ULL ^ k1,
	};
	u64 b = (u64)len << 56;
	size_t i, full = len - len % 8;
	int j;

	for (i = 0; i < full; i += 8) {
		u64 m = 0;

		for (j = 7; j >= 0; j--)
			m = m << 8 | data[i + j];
		compress(v, m, c);
	}
	for (j = 0; i + j < len; j++)
		b |= (u64)data[i + j] << (8 * j);
	compress(v, b, c);
	v[2] ^= 0xff;
	for (j = 0; j < d; j++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* The kernel hashes the u32 in memory order: little-endian bytes. */
u32 lvs_hsiphash_u32(u32 v, u64 k0, u64 k1)
{
	u8 bytes[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

	return (u32)siphash_cd(bytes, sizeof(bytes), k0, k1, 1, 3);
}
