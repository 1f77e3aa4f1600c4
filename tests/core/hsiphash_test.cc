// SPDX-License-Identifier: GPL-2.0
// The host double of hsiphash() must be SipHash: checked against published
// SipHash-2-4 vectors and against Python's built-in SipHash-1-3 (CPython
// hashes bytes with siphash13; PYTHONHASHSEED=0 makes its key all zero).
#include <gtest/gtest.h>

#include "core.h"
#include "hsiphash_double.h"

namespace {

const u64 kRefK0 = 0x0706050403020100ULL;  // key bytes 00 .. 07
const u64 kRefK1 = 0x0f0e0d0c0b0a0908ULL;  // key bytes 08 .. 0f

TEST(Hsiphash, SipHash24ReferenceEmptyMessage)
{
	EXPECT_EQ(siphash_cd(nullptr, 0, kRefK0, kRefK1, 2, 4),
		  0x726fdb47dd0e0e31ULL);
}

TEST(Hsiphash, SipHash24ReferenceFifteenBytes)
{
	u8 msg[15];
	for (int i = 0; i < 15; i++)
		msg[i] = i;
	EXPECT_EQ(siphash_cd(msg, sizeof(msg), kRefK0, kRefK1, 2, 4),
		  0xa129ca6149be45e5ULL);
}

TEST(Hsiphash, SipHash13MatchesCPython)
{
	const u8 a[4] = { 1, 2, 3, 4 };
	const u8 z[4] = { 0, 0, 0, 0 };
	EXPECT_EQ(siphash_cd(a, 4, 0, 0, 1, 3), 0xe7b1a066360ba9d4ULL);
	EXPECT_EQ(siphash_cd(z, 4, 0, 0, 1, 3), 0xcc2247b79ac48af0ULL);
}

// The kernel feeds the u32 as its in-memory (little-endian) bytes and
// returns the low 32 bits.
TEST(Hsiphash, U32IsLittleEndianBytesTruncated)
{
	EXPECT_EQ(lvs_hsiphash_u32(0x04030201, 0, 0), 0x360ba9d4u);
	EXPECT_EQ(lvs_hsiphash_u32(0, 0, 0), 0x9ac48af0u);
}

}  // namespace
