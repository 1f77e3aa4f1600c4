// SPDX-License-Identifier: GPL-2.0
// Splitting -R input into lines and tokens.
#include <cstdio>
#include <gtest/gtest.h>

#include "restore_reader.h"

namespace ipvsadm {
namespace {

using Tokens = std::vector<std::string>;

std::vector<Tokens> read_all(const std::string &text)
{
	FILE *f = fmemopen(const_cast<char *>(text.data()), text.size(), "r");
	RestoreReader r(f);
	std::vector<Tokens> out;
	while (auto t = r.next_line())
		out.push_back(*t);
	fclose(f);
	return out;
}

TEST(RestoreReader, BlanksAndLines)
{
	EXPECT_EQ(tokenize_restore_line("  -A\t-t  10.0.0.1:80\r"),
		  (Tokens{"-A", "-t", "10.0.0.1:80"}));
	auto lines = read_all("-A -t 10.0.0.1:80\n\n   \n-C");
	ASSERT_EQ(lines.size(), 4u);	// the last line needs no LF
	EXPECT_EQ(lines[0].size(), 3u);
	EXPECT_TRUE(lines[1].empty());
	EXPECT_TRUE(lines[2].empty());
	EXPECT_EQ(lines[3], Tokens{"-C"});
	EXPECT_TRUE(read_all("").empty());
}

TEST(RestoreReader, IpvsadmTokensAreDropped)
{
	EXPECT_EQ(tokenize_restore_line("ipvsadm -A -t 10.0.0.1:80"),
		  (Tokens{"-A", "-t", "10.0.0.1:80"}));
	EXPECT_EQ(tokenize_restore_line("/sbin/ipvsadm -C"), (Tokens{"/sbin/ipvsadm", "-C"}));
}

TEST(RestoreReader, HashStartsAComment)
{
	EXPECT_TRUE(tokenize_restore_line("# ipvsadm.rules").empty());
	EXPECT_EQ(tokenize_restore_line("-A -t 10.0.0.1:80 # web"),
		  (Tokens{"-A", "-t", "10.0.0.1:80"}));
	EXPECT_EQ(tokenize_restore_line("-C#x"), Tokens{"-C"});
}

} // namespace
} // namespace ipvsadm
