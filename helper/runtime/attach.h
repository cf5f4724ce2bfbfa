// Running a program inside a running container (lxc-attach). The monitor
// forks; the child joins the container's cgroup (done by the monitor) and
// its namespaces through a pidfd of init, allocates a pty in the
// container's own devpts (or uses the plain sockets it was given), then
// forks the program, which is the one that lands in the container's PID
// namespace. The middle process waits for it and ends the same way, so the
// monitor learns the exit status from its own child.
#pragma once

#include "rterror.h"
#include "spec.h"

#include <sys/types.h>

#include <string>
#include <vector>

namespace hutch::rt {

struct AttachRequest {
    bool pty = true;             // a new terminal, or plain sockets for scripts
    bool keepEnv = false;        // keep the caller's environment (lxc-attach --keep-env)
    unsigned short rows = 24, cols = 80;
    std::vector<std::string> argv;
    std::vector<std::string> env;  // NAME=value: the caller's (keep) or extra ones (clear)

    std::string serialize() const;  // "attach MODE ENV ROWS COLS\narg ...\nenv ..."
    static Result<AttachRequest> parse(const std::string &text);
};

// The environment the program gets: with clear, only container=lxc, a PATH,
// HOME, TERM and the request's extra variables; with keep, the request's
// variables plus container=lxc.
std::vector<std::string> attachEnvironment(const AttachRequest &request);

// Closes every descriptor of this process except `keep` (negatives
// ignored): what a process forked from the monitor does before it goes
// into a container.
void closeAllFdsBut(std::vector<int> keep);

// Runs in the monitor's forked child. stdioFds: for pipe mode, the child's
// ends of the stdin+stdout and stderr sockets. syncFd: receives "g" once
// the monitor has put this process into the cgroup; answers "ok" (with the
// pty master for pty mode) or "err MESSAGE".
[[noreturn]] void runAttached(const AttachRequest &request, const LaunchSpec &spec, pid_t init, int syncFd,
                              int ioFd, int errFd);

}  // namespace hutch::rt
