// Our uapi header must be numerically identical to the kernel's linux/ip_vs.h:
// that identity is what makes lvs.ko and ip_vs interchangeable for clients.
#include <gtest/gtest.h>
#include <string>

extern "C" {
#include "abi_names.h"
extern const lvs_abi_entry lvs_abi_ours[];
extern const unsigned long lvs_abi_ours_count;
extern const unsigned long lvs_abi_ours_flags_size;
extern const char *lvs_abi_ours_name;
extern const lvs_abi_entry lvs_abi_kernel[];
extern const unsigned long lvs_abi_kernel_count;
extern const unsigned long lvs_abi_kernel_flags_size;
extern const char *lvs_abi_kernel_name;
}

TEST(UapiAbi, EveryConstantMatchesTheKernelHeader)
{
	ASSERT_EQ(lvs_abi_ours_count, lvs_abi_kernel_count);
	ASSERT_GT(lvs_abi_ours_count, 100u);
	for (unsigned long i = 0; i < lvs_abi_ours_count; i++) {
		SCOPED_TRACE(lvs_abi_ours[i].name);
		EXPECT_STREQ(lvs_abi_ours[i].name, lvs_abi_kernel[i].name);
		EXPECT_EQ(lvs_abi_ours[i].value, lvs_abi_kernel[i].value);
	}
}

TEST(UapiAbi, FamilyNameAndFlagsLayoutMatch)
{
	EXPECT_EQ(std::string(lvs_abi_ours_name), "IPVS");
	EXPECT_EQ(std::string(lvs_abi_ours_name), std::string(lvs_abi_kernel_name));
	EXPECT_EQ(lvs_abi_ours_flags_size, lvs_abi_kernel_flags_size);
}
