#include "starter.h"

#include "fdio.h"
#include "protocol.h"
#include "uniquefd.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

extern char **environ;

namespace hutch::rt {

Result<pid_t> startMonitor(const std::string &monitorPath, const LaunchSpec &spec, int initCopy)
{
    // The spec travels on a socket: a monitor gone before reading it gives
    // EPIPE there, where a pipe would raise SIGPIPE in the helper.
    int specPipe[2], statusPipe[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, specPipe) < 0)
        return Error::sys("socketpair");
    UniqueFd specRead(specPipe[0]), specWrite(specPipe[1]);
    if (::pipe2(statusPipe, O_CLOEXEC) < 0)
        return Error::sys("pipe");
    UniqueFd statusRead(statusPipe[0]), statusWrite(statusPipe[1]);
    // Above 4, so that placing one at 3 cannot overwrite the other.
    UniqueFd specHigh(::fcntl(specRead.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd statusHigh(::fcntl(statusWrite.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd initHigh(initCopy >= 0 ? ::fcntl(initCopy, F_DUPFD_CLOEXEC, 10) : -1);
    if (!specHigh || !statusHigh || (initCopy >= 0 && !initHigh))
        return Error::sys("dup");

    // posix_spawn (a vfork: no copy of this process's memory map, which for
    // the helper is a large Qt process with threads) runs hutch-monitor in
    // a session of its own with fds 3 and 4 for it and nothing else of
    // ours; the monitor then forks once more (--detach) and that first
    // process exits at once, so that the monitor is nobody's child here.
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_adddup2(&fa, specHigh.get(), 3);
    posix_spawn_file_actions_adddup2(&fa, statusHigh.get(), 4);
    if (initHigh)
        posix_spawn_file_actions_adddup2(&fa, initHigh.get(), 5);
    posix_spawn_file_actions_addclosefrom_np(&fa, initHigh ? 6 : 5);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&fa, 0, 1);
    posix_spawn_file_actions_adddup2(&fa, 0, 2);
    posix_spawn_file_actions_addchdir_np(&fa, "/");
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {const_cast<char *>("hutch-monitor"), const_cast<char *>("--detach"),
                    const_cast<char *>("--spec-fd"), const_cast<char *>("3"),
                    const_cast<char *>("--status-fd"), const_cast<char *>("4"),
                    nullptr, nullptr, nullptr};
    if (initHigh) {
        argv[6] = const_cast<char *>("--init-fd");
        argv[7] = const_cast<char *>("5");
    }
    // The environment goes along: lxc.environment names variables to pass.
    pid_t first = -1;
    const int spawned = ::posix_spawn(&first, monitorPath.c_str(), &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    specHigh.reset();
    statusHigh.reset();
    initHigh.reset();
    if (spawned != 0)
        return Error::sys(spawned, "run " + monitorPath);
    specRead.reset();
    statusWrite.reset();
    // The spec goes out while the first process forks and exits (a spec is
    // far below the socket's buffer, so this does not wait for the monitor);
    // a monitor that died early leaves EPIPE, and its answer below says why.
    const int writeErr = sendAll(specWrite.get(), spec.serialize());
    specWrite.reset();
    int status = 0;
    while (::waitpid(first, &status, 0) < 0 && errno == EINTR) {
    }
    if (writeErr && writeErr != EPIPE)
        return Error::sys(writeErr, "send the spec to hutch-monitor");
    std::string verdict;
    if (const int err = readAll(statusRead.get(), &verdict))
        return Error::sys(err, "read hutch-monitor's answer");
    const std::string context = "start \"" + spec.name + "\"";
    if (verdict.rfind("ok ", 0) == 0)
        return pid_t(std::stol(verdict.substr(3)));
    if (verdict.rfind("err ", 0) == 0)
        return parseErrorReply(verdict).wrap(context);
    return Error::msg("hutch-monitor (" + monitorPath + ") failed to run").wrap(context);
}

}  // namespace hutch::rt
