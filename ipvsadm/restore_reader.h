// SPDX-License-Identifier: GPL-2.0
// Splits -R input into command lines the way ipvsadm 1.31 does: tokens are
// separated by blanks (space, tab, CR), lines by LF, every token that is
// exactly "ipvsadm" is dropped (so `ipvsadm -A ...` lines from scripts work).
// Unlike 1.31, whose comment handling never triggers, '#' starts a comment
// that runs to the end of the line, as its own documentation says.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipvsadm {

class RestoreReader {
public:
	explicit RestoreReader(std::FILE *in) : in_(in) {}
	RestoreReader(const RestoreReader &) = delete;
	RestoreReader &operator=(const RestoreReader &) = delete;
	~RestoreReader();

	// The next line's tokens (possibly none, for a blank line), or nullopt
	// at the end of input.
	std::optional<std::vector<std::string>> next_line();

private:
	std::FILE *in_;
	char *buf_ = nullptr;	// getline's
	size_t cap_ = 0;
	bool eof_ = false;
};

// The tokens of one line (no LF inside).
std::vector<std::string> tokenize_restore_line(std::string_view line);

} // namespace ipvsadm
