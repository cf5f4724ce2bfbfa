// The environment of the programs the helper runs as root (tar, xz, lvm,
// nft, dnsmasq, debootstrap): a fixed PATH and the C locale, nothing of the
// helper's own environment (a service manager's or a caller's variables,
// LD_PRELOAD, TAR_OPTIONS, XZ_DEFAULTS...). Helper process.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>

#include <csignal>
#include <sys/prctl.h>
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

}  // namespace hutch
