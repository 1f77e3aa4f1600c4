// SPDX-License-Identifier: GPL-2.0
#include <cinttypes>
#include <cstdio>

#include "command.h"
#include "format.h"

namespace ipvsadm {

std::string format_largenum(uint64_t n, unsigned format)
{
	char buf[64];
	if (format & FMT_EXACT) {
		// Exact values keep at least one separating blank.
		const int len = std::snprintf(nullptr, 0, "%" PRIu64, n);
		std::snprintf(buf, sizeof(buf), "%*" PRIu64, len <= 8 ? 9 : len + 1, n);
	} else if (n < 100000000ULL) {
		std::snprintf(buf, sizeof(buf), "%9" PRIu64, n);
	} else if (n < 1000000000ULL) {
		std::snprintf(buf, sizeof(buf), "%8" PRIu64 "K", n / 1000);
	} else if (n < 100000000000ULL) {
		std::snprintf(buf, sizeof(buf), "%8" PRIu64 "M", n / 1000000);
	} else if (n < 100000000000000ULL) {
		std::snprintf(buf, sizeof(buf), "%8" PRIu64 "G", n / uint64_t{1000000000});
	} else {
		std::snprintf(buf, sizeof(buf), "%8" PRIu64 "T", n / uint64_t{1000000000000});
	}
	return buf;
}

std::string format_version_header(const Info &info)
{
	char buf[128];
	std::snprintf(buf, sizeof(buf), "IP Virtual Server version %d.%d.%d (size=%d)\n",
		      (info.version >> 16) & 0xff, (info.version >> 8) & 0xff,
		      info.version & 0xff, static_cast<int>(info.conn_tab_size));
	return buf;
}

} // namespace ipvsadm
