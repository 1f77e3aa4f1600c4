/* SPDX-License-Identifier: GPL-2.0 */
/* The Internet checksum (RFC 1071) of N bytes at P, in network order. */
#ifndef INET_CSUM_H
#define INET_CSUM_H

#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>

static inline uint16_t csum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;

	for (; n > 1; p += 2, n -= 2)
		s += p[0] << 8 | p[1];
	if (n)
		s += p[0] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons(~s);
}

#endif
