// SPDX-License-Identifier: GPL-2.0
// printf into a std::string: the listings are specified as printf formats
// (widths, left alignment), so they are written as such.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>

namespace ipvsadm {

[[gnu::format(printf, 1, 2)]] inline std::string strf(const char *fmt, ...)
{
	// One pass into a stack buffer for a listing's short lines; a
	// second, sized one only for longer text.
	char buf[256];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	const int n = std::vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return {};
	}
	if (static_cast<size_t>(n) < sizeof(buf)) {
		va_end(ap2);
		return std::string(buf, n);
	}
	std::string s(n, '\0');
	std::vsnprintf(s.data(), s.size() + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

} // namespace ipvsadm
