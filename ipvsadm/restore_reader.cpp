// SPDX-License-Identifier: GPL-2.0
#include "restore_reader.h"

namespace ipvsadm {

std::vector<std::string> tokenize_restore_line(std::string_view line)
{
	std::vector<std::string> tokens;
	size_t hash = line.find('#');
	if (hash != std::string_view::npos)
		line = line.substr(0, hash);

	constexpr std::string_view blanks = " \t\r";
	size_t pos = 0;
	while (pos < line.size()) {
		size_t start = line.find_first_not_of(blanks, pos);
		if (start == std::string_view::npos)
			break;
		size_t end = line.find_first_of(blanks, start);
		if (end == std::string_view::npos)
			end = line.size();
		std::string_view tok = line.substr(start, end - start);
		if (tok != "ipvsadm")
			tokens.emplace_back(tok);
		pos = end;
	}
	return tokens;
}

std::optional<std::vector<std::string>> RestoreReader::next_line()
{
	if (eof_)
		return std::nullopt;
	std::string line;
	int c;
	while ((c = std::getc(in_)) != EOF && c != '\n')
		line.push_back(static_cast<char>(c));
	if (c == EOF) {
		eof_ = true;
		// A last line without LF still counts; an empty tail does not.
		if (line.empty())
			return std::nullopt;
	}
	return tokenize_restore_line(line);
}

} // namespace ipvsadm
