// SPDX-License-Identifier: GPL-2.0
// Carries out parsed commands against the kernel and prints what ipvsadm
// 1.31 prints. Kernel errors become 1.31's wording here, where the failed
// operation is known; the Failure goes back to main, which prints it.
#pragma once

#include <string>
#include <vector>

#include "client.h"
#include "command.h"
#include "errors.h"
#include "failure.h"
#include "model.h"

namespace ipvsadm {

class Runner {
public:
	Runner(Client &client, const Info &info, std::string program)
		: client_(client), info_(info), program_(std::move(program)) {}

	// ipvsadm with no arguments.
	Status list_all(unsigned format);
	// One argv.
	Status run_argv(const std::vector<std::string> &argv);

private:
	Status execute(const Command &c, bool restoring);
	Status restore();
	Status list_service(const Service &key, unsigned format);
	// -c from /proc/net/ip_vs_conn, as 1.31; with filters, from lvs.ko.
	Status list_conns(unsigned format);
	Status list_filtered_conns(const Command &c);
	Status delete_conns(const Command &c);
	Status list_timeouts(unsigned format);
	Status list_daemons(unsigned format);
	// A service's real servers, in listing order.
	Result<std::vector<Dest>> dests_of(const Service &s, unsigned format);
	// The services with their servers (the title first, for text).
	Status print_services(const std::vector<Service> &services, unsigned format);
	// The Failure for a kernel error after last_op_.
	Failure kernel_failure(std::error_code ec, Failure::Kind kind) const;
	// Sends the queued -R changes and prints their errors; returns the
	// outcome of the last change queued (flushed now or before).
	Status flush_pending();

	Client &client_;
	Info info_;
	std::string program_;
	// 1.31 words an error after the last library call; FLUSH leaves it.
	Op last_op_ = Op::Init;
	std::vector<Op> pending_ops_;
	bool last_pending_failed_ = false;
};

// How lvs.ko's connection control fails, exit 1: for --delete-conns, and
// for -c with a filter.
Failure delete_conns_failure(std::error_code ec);
Failure filtered_conns_failure(std::error_code ec);

// Writes to stdout / stderr through stdio, as 1.31 does, so the interleaving
// of the two streams is the same.
void out(const std::string &s);
void err(const std::string &s);

} // namespace ipvsadm
