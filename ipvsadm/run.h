// SPDX-License-Identifier: GPL-2.0
// Carries out parsed commands against the kernel and prints what ipvsadm
// 1.31 prints: the one place where errors become its wording and exit codes.
#pragma once

#include <string>
#include <vector>

#include "client.h"
#include "command.h"
#include "errors.h"
#include "model.h"

namespace ipvsadm {

// Leaving the program with this code (stdout is flushed by exit()).
struct Exit {
	int code;
};

class Runner {
public:
	Runner(Client &client, const Info &info, std::string program)
		: client_(client), info_(info), program_(std::move(program)) {}

	// ipvsadm with no arguments.
	void list_all(unsigned format);
	// One argv; returns the exit code (or throws Exit).
	int run_argv(const std::vector<std::string> &argv);

private:
	// 0 or -1, as 1.31's process_options returns.
	int execute(const Command &c, bool restoring);
	int restore();
	void list_service(const Service &key, unsigned format);
	void list_conns(unsigned format);
	void list_timeouts(unsigned format);
	void list_daemons(unsigned format);
	// A service's real servers, or the error printed and Exit{1}.
	std::vector<Dest> dests_of(const Service &s);
	// Sends the queued -R changes and prints their errors; returns the
	// result of the last change queued (flushed now or before).
	int flush_pending();

	Client &client_;
	Info info_;
	std::string program_;
	// 1.31 words an error after the last library call; FLUSH leaves it.
	Op last_op_ = Op::Init;
	std::vector<Op> pending_ops_;
	int last_pending_result_ = 0;
};

// Writes to stdout / stderr through stdio, as 1.31 does, so the interleaving
// of the two streams is the same.
void out(const std::string &s);
void err(const std::string &s);

} // namespace ipvsadm
