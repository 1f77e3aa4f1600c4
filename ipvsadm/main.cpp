// SPDX-License-Identifier: GPL-2.0
// ipvsadm: connect to IPVS (loading ip_vs if needed, as 1.31 does), then run
// the command line.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "errors.h"
#include "format.h"
#include "run.h"

using namespace ipvsadm;

namespace {

// The legacy sockopt IPVS answered before netlink; 1.31 falls back to it
// when the family is missing, and reports that attempt's errno.
constexpr int kSoGetInfo = 64 + 1024 + 64 + 1;
// ipvsadm 1.31 needs at least IPVS 1.1.4.
constexpr uint32_t kMinVersion = (1 << 16) | (1 << 8) | 4;

std::error_code legacy_error()
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		return errno_code(errno);
	char info[64];
	socklen_t len = sizeof(info);
	int e = getsockopt(fd, IPPROTO_IP, kSoGetInfo, info, &len) ? errno : EINVAL;
	close(fd);
	return errno_code(e);
}

struct Session {
	std::optional<Client> client;
	Info info;
};

// Connect and read GET_INFO; on failure the error 1.31 would report.
std::error_code try_init(Session &s)
{
	auto c = Client::connect();
	if (!c)
		return legacy_error();
	auto info = c->get_info();
	if (!info)
		return info.error();
	s.info = *info;
	s.client.emplace(std::move(*c));
	return {};
}

bool modprobe_ipvs()
{
	const pid_t child = fork();
	if (child == 0) {
		char *const argv[] = { const_cast<char *>("/sbin/modprobe"),
				       const_cast<char *>("--"),
				       const_cast<char *>("ip_vs"), nullptr };
		execv(argv[0], argv);
		_exit(1);
	}
	if (child < 0)
		return false;
	int status;
	if (waitpid(child, &status, 0) == -1 || !WIFEXITED(status) || WEXITSTATUS(status))
		return false;
	return true;
}

Status run(int argc, char **argv)
{
	Session s;
	if (std::error_code e = try_init(s)) {
		if (!modprobe_ipvs() || (e = try_init(s)))
			return Failure{Failure::Init,
				"Can't initialize ipvs: " + ipvs_strerror(Op::Init, e) +
				"\nAre you sure that IP Virtual Server is built in the kernel or as module?\n"};
	}

	if (s.info.version < kMinVersion)
		std::fprintf(stderr,
			     "Warning: IPVS version mismatch: \n"
			     "  Kernel compiled with IPVS version %u.%u.%u\n"
			     "  ipvsadm v1.31  requires minimum IPVS version 1.1.4\n\n",
			     (s.info.version >> 16) & 0xff, (s.info.version >> 8) & 0xff,
			     s.info.version & 0xff);

	Runner runner(*s.client, s.info, argv[0]);
	if (argc == 1)
		return runner.list_all(FMT_NONE);
	return runner.run_argv(std::vector<std::string>(argv, argv + argc));
}

} // namespace

int main(int argc, char **argv)
{
	const Status s = run(argc, argv);
	return s ? 0 : report(s.error());
}
