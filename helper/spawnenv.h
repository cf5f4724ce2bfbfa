// The environment of the programs the helper runs as root (tar, xz, lvm,
// nft, dnsmasq, debootstrap): a fixed PATH and the C locale, nothing of the
// helper's own environment (a service manager's or a caller's variables,
// LD_PRELOAD, TAR_OPTIONS, XZ_DEFAULTS...). Helper process.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hutch {

inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return env;
}

// A program the helper runs for a job (tar, xz, debootstrap, lvm) ends
// with the helper: one killed mid-job (SIGKILL, a crash) leaves no tar
// writing on into a staging directory that the next helper sweeps. The
// kernel sends the signal when the thread that started the program ends;
// each of these is waited for on that thread.
inline void endWithHelper(QProcess &process)
{
    const pid_t helper = ::getpid();
    process.setChildProcessModifier([helper] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (::getppid() != helper)
            ::_exit(127);  // the helper was gone before the line above
    });
}

// A program that drops its privileges (dnsmasq becomes its own user)
// loses PR_SET_PDEATHSIG with them, so endWithHelper() cannot end it. Here
// the child forks, before its exec, a guard that keeps nothing but two
// pidfds, the helper's and the program's: when the helper ends (SIGKILL, a
// crash) the guard sends the program SIGTERM (SIGKILL after 5 s); when the
// program ends first, the guard ends too. Only async-signal-safe calls
// between the fork and the exec.
inline void guardedByHelper(QProcess &process)
{
    const pid_t helper = ::getpid();
    process.setChildProcessModifier([helper] {
        const pid_t program = ::getpid();
        const int helperFd = int(::syscall(SYS_pidfd_open, helper, 0));
        if (helperFd < 0 || ::getppid() != helper)
            ::_exit(127);  // the helper was gone already: helperFd may name another
        const pid_t guard = ::fork();
        if (guard < 0)
            ::_exit(127);
        if (guard == 0) {
            const int programFd = int(::syscall(SYS_pidfd_open, program, 0));
            if (programFd < 0)
                ::_exit(0);
            const unsigned low = unsigned(helperFd < programFd ? helperFd : programFd);
            const unsigned high = unsigned(helperFd < programFd ? programFd : helperFd);
            if (low > 0)
                ::syscall(SYS_close_range, 0u, low - 1, 0u);
            if (high > low + 1)
                ::syscall(SYS_close_range, low + 1, high - 1, 0u);
            ::syscall(SYS_close_range, high + 1, ~0u, 0u);
            pollfd ends[2] = {{helperFd, POLLIN, 0}, {programFd, POLLIN, 0}};
            while (::poll(ends, 2, -1) < 0 && errno == EINTR) {
            }
            if (ends[1].revents == 0) {
                ::syscall(SYS_pidfd_send_signal, programFd, SIGTERM, nullptr, 0u);
                pollfd gone{programFd, POLLIN, 0};
                if (::poll(&gone, 1, 5000) == 0)
                    ::syscall(SYS_pidfd_send_signal, programFd, SIGKILL, nullptr, 0u);
            }
            ::_exit(0);
        }
        ::close(helperFd);
    });
}

}  // namespace hutch
