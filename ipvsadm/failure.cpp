// SPDX-License-Identifier: GPL-2.0
#include "failure.h"

#include <cerrno>
#include <cstdio>

namespace ipvsadm {

namespace {

struct Exit {
	int code;
	bool to_stdout;
};

// Indexed by Failure::Kind.
constexpr Exit kExits[] = {
	{ 2, false },	// Usage
	{ 255, false },	// TryHelp
	{ 255, false },	// Popt
	{ 255, false },	// Kernel
	{ 1, false },	// Listing
	{ 2, false },	// Init
	{ 0, true },	// Help
	{ 0, true },	// Version
};

} // namespace

Failure lvs_failure(const std::string &what, const std::string &feature, Op op,
		    std::error_code ec)
{
	std::string text;
	switch (ec.value()) {
	case ENOENT:
		text = "ipvsadm: " + what + " needs lvs.ko: the loaded IPVS (the kernel's ip_vs) "
		       "has no " + feature;
		break;
	case EPROTONOSUPPORT:
		text = "ipvsadm: " + what + " needs lvs.ko with " + feature +
		       ": the loaded one has none";
		break;
	default:
		text = ipvs_strerror(op, ec);
	}
	return {Failure::Listing, text + "\n"};
}

int report(const Failure &f)
{
	const Exit &e = kExits[f.kind];
	std::fwrite(f.text.data(), 1, f.text.size(), e.to_stdout ? stdout : stderr);
	return e.code;
}

} // namespace ipvsadm
