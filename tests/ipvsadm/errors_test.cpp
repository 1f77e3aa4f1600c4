// SPDX-License-Identifier: GPL-2.0
// Kernel errors in 1.31's words, which depend on the failed operation.
#include <cerrno>
#include <gtest/gtest.h>

#include "errors.h"
#include "failure.h"

namespace ipvsadm {
namespace {

TEST(Errors, SameErrnoDifferentWords)
{
	EXPECT_EQ(ipvs_strerror(Op::DelService, ESRCH), "No such service");
	EXPECT_EQ(ipvs_strerror(Op::AddDest, ESRCH), "Service not defined");
	EXPECT_EQ(ipvs_strerror(Op::AddService, EEXIST), "Service already exists");
	EXPECT_EQ(ipvs_strerror(Op::AddDest, EEXIST), "Destination already exists");
	EXPECT_EQ(ipvs_strerror(Op::UpdateDest, ENOENT), "No such destination");
	EXPECT_EQ(ipvs_strerror(Op::AddService, ENOENT), "Scheduler or persistence engine not found");
	EXPECT_EQ(ipvs_strerror(Op::StartDaemon, EEXIST), "Daemon has already run");
	EXPECT_EQ(ipvs_strerror(Op::StopDaemon, ESRCH), "No daemon is running");
}

TEST(Errors, GenericWordsAndFallback)
{
	EXPECT_EQ(ipvs_strerror(Op::Init, EPERM), "Permission denied (you must be root)");
	EXPECT_EQ(ipvs_strerror(Op::AddService, EINVAL),
		  "Invalid operation.  Possibly wrong module version, address not unicast, ...");
	EXPECT_EQ(ipvs_strerror(Op::Init, ENOPROTOOPT), "Protocol not available");
	// Not in the table: the C library's text.
	EXPECT_EQ(ipvs_strerror(Op::SetTimeout, ENODEV), "No such device");
	EXPECT_EQ(ipvs_strerror(Op::GetServices, EEXIST), "File exists");
}

// Every way out, with 1.31's exit code (the texts here are empty: nothing
// is printed).
TEST(Errors, ExitCodeOfEachFailure)
{
	EXPECT_EQ(report({Failure::Usage, ""}), 2);
	EXPECT_EQ(report({Failure::TryHelp, ""}), 255);
	EXPECT_EQ(report({Failure::Popt, ""}), 255);
	EXPECT_EQ(report({Failure::Kernel, ""}), 255);
	EXPECT_EQ(report({Failure::Listing, ""}), 1);
	EXPECT_EQ(report({Failure::Init, ""}), 2);
	EXPECT_EQ(report({Failure::Help, ""}), 0);
	EXPECT_EQ(report({Failure::Version, ""}), 0);
}

} // namespace
} // namespace ipvsadm
