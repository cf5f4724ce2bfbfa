#include "starter.h"

#include "fdio.h"
#include "protocol.h"
#include "uniquefd.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

namespace hutch::rt {

Result<pid_t> startMonitor(const std::string &monitorPath, const LaunchSpec &spec)
{
    int specPipe[2], statusPipe[2];
    if (::pipe2(specPipe, O_CLOEXEC) < 0)
        return Error::sys("pipe");
    UniqueFd specRead(specPipe[0]), specWrite(specPipe[1]);
    if (::pipe2(statusPipe, O_CLOEXEC) < 0)
        return Error::sys("pipe");
    UniqueFd statusRead(statusPipe[0]), statusWrite(statusPipe[1]);

    const pid_t first = ::fork();
    if (first < 0)
        return Error::sys("fork");
    if (first == 0) {
        // Only async-signal-safe calls from here: the caller may have threads.
        ::setsid();
        const pid_t second = ::fork();
        if (second != 0)
            ::_exit(second < 0 ? 1 : 0);
        // fds 3 and 4 for the monitor, nothing else of the caller's.
        if (::dup2(specRead.get(), 3) < 0 || ::dup2(statusWrite.get(), 4) < 0)
            ::_exit(127);
        ::syscall(SYS_close_range, 5U, ~0U, 0U);
        const int null = ::open("/dev/null", O_RDWR);
        if (null >= 0) {
            ::dup2(null, 0);
            ::dup2(null, 1);
            ::dup2(null, 2);
            if (null > 4)
                ::close(null);
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::chdir("/");
        char *const argv[] = {const_cast<char *>("hutch-monitor"), const_cast<char *>("--spec-fd"),
                              const_cast<char *>("3"), const_cast<char *>("--status-fd"),
                              const_cast<char *>("4"), nullptr};
        ::execv(monitorPath.c_str(), argv);
        ::_exit(127);
    }
    specRead.reset();
    statusWrite.reset();
    int status = 0;
    while (::waitpid(first, &status, 0) < 0 && errno == EINTR) {
    }
    if (const int err = writeAll(specWrite.get(), spec.serialize()))
        return Error::sys(err, "send the spec to hutch-monitor");
    specWrite.reset();
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
