// lxc.arch (and a template's -a): how a container of one architecture runs
// on this host. A 32-bit sibling of the host's architecture runs natively
// under personality(PER_LINUX32) (i386 on amd64, armhf on arm64), so that
// uname -m inside says i686 or armv7l as LXC arranges it; any other
// architecture runs only through qemu-user-static registered with
// binfmt_misc (with the F flag, so the interpreter works inside a rootfs).
#pragma once

#include <QString>

#include <functional>

namespace hutch::arch {

struct Plan {
    enum class Kind { Native, Linux32, Emulated, Unsupported };
    Kind kind = Kind::Unsupported;
    QString debian;  // the Debian name of the container's architecture (debootstrap --arch)
    QString why;     // Unsupported: what is missing
};

// The Debian name of an lxc.arch value ("i686" → "i386", "aarch64" →
// "arm64", "linux32" → the host's 32-bit sibling); empty when unknown.
QString debianName(const QString &lxcArch, const QString &hostDebian);

// The host's Debian architecture (from QSysInfo).
QString hostDebianName();

// The qemu-user name of a Debian architecture ("armhf" → "arm").
QString qemuName(const QString &debian);

// Whether /proc/sys/fs/binfmt_misc/qemu-NAME is registered, enabled and fixed
// (flag F). Empty when usable, else why not.
QString binfmtProblem(const QString &qemu);

// How lxc.arch = VALUE runs on a host of HOSTDEBIAN architecture; BINFMT
// answers binfmtProblem (tests pass their own).
Plan plan(const QString &lxcArch, const QString &hostDebian = hostDebianName(),
          const std::function<QString(const QString &)> &binfmt = binfmtProblem);

}  // namespace hutch::arch
