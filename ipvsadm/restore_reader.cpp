// SPDX-License-Identifier: GPL-2.0
#include "restore_reader.h"

#include <cstdlib>

namespace ipvsadm {

namespace {

bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

} // namespace

std::vector<std::string> tokenize_restore_line(std::string_view line)
{
	std::vector<std::string> tokens;
	size_t hash = line.find('#');
	if (hash != std::string_view::npos)
		line = line.substr(0, hash);

	const char *p = line.data(), *const end = p + line.size();
	while (p < end) {
		while (p < end && blank(*p))
			p++;
		const char *start = p;
		while (p < end && !blank(*p))
			p++;
		const std::string_view tok(start, p - start);
		if (!tok.empty() && tok != "ipvsadm")
			tokens.emplace_back(tok);
	}
	return tokens;
}

RestoreReader::~RestoreReader()
{
	free(buf_);
}

std::optional<std::vector<std::string>> RestoreReader::next_line()
{
	// A last line without LF still counts; an empty tail does not.
	// Nothing is read after the end (a terminal would wait for more).
	if (eof_)
		return std::nullopt;
	ssize_t n = getline(&buf_, &cap_, in_);
	if (n <= 0) {
		eof_ = true;
		return std::nullopt;
	}
	if (buf_[n - 1] == '\n')
		n--;
	else
		eof_ = true;
	return tokenize_restore_line(std::string_view(buf_, static_cast<size_t>(n)));
}

} // namespace ipvsadm
