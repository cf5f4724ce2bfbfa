#include "mounts.h"

#include "cgroupfs.h"
#include "fsutil.h"
#include "spec.h"
#include "userns.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

namespace hutch::rt {

namespace {

Status doMount(const std::string &source, int targetFd, const std::string &type, unsigned long flags,
               const std::string &data, const std::string &what)
{
    const std::string target = fdPath(targetFd);
    if (::mount(source.empty() ? nullptr : source.c_str(), target.c_str(), type.empty() ? nullptr : type.c_str(),
                flags, data.empty() ? nullptr : data.c_str())
        < 0)
        return Error::sys("mount " + what);
    return std::nullopt;
}

// A bind mount only takes ro/nosuid/... on a remount of the new mount.
Status remountBind(int targetFd, unsigned long flags, const std::string &what)
{
    const std::string target = fdPath(targetFd);
    if (::mount(nullptr, target.c_str(), nullptr, MS_REMOUNT | MS_BIND | flags, nullptr) < 0)
        return Error::sys("remount " + what);
    return std::nullopt;
}

Status bindReadOnly(int rootFd, const std::string &path)
{
    auto fd = openInRoot(rootFd, path);
    if (!fd) {
        if (fd.error().sysErrno == ENOENT)
            return std::nullopt;  // nothing to protect
        return fd.error();
    }
    const std::string p = fdPath(fd->get());
    if (::mount(p.c_str(), p.c_str(), nullptr, MS_BIND, nullptr) < 0)
        return Error::sys("bind " + path);
    // The fd still names the covered dentry: open again to get the new mount.
    auto again = openInRoot(rootFd, path);
    if (!again)
        return again.error();
    return remountBind(again->get(), MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, path + " read-only");
}

// What runc hides in /proc and /sys: kernel memory, the keyrings of the
// whole machine, timers and scheduler state of host processes, firmware.
// A file is covered by /dev/null, a directory by an empty read-only tmpfs.
// Paths the kernel does not have are skipped.
Status maskPath(int rootFd, const std::string &path)
{
    auto fd = openInRoot(rootFd, path);
    if (!fd)
        return fd.error().sysErrno == ENOENT ? std::nullopt : Status(fd.error().wrap("mask /" + path));
    struct stat st{};
    if (::fstat(fd->get(), &st) < 0)
        return Error::sys("mask /" + path);
    const std::string target = fdPath(fd->get());
    const int r = S_ISDIR(st.st_mode)
                      ? ::mount("tmpfs", target.c_str(), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0,mode=555")
                      : ::mount("/dev/null", target.c_str(), nullptr, MS_BIND, nullptr);
    if (r < 0)
        return Error::sys("mask /" + path);
    return std::nullopt;
}

// Only sysctls that belong to the container's own namespaces: others would
// change the host.
bool isNamespacedSysctl(const std::string &key)
{
    static const char *const prefixes[] = {"net.", "kernel.shm", "kernel.msg", "kernel.sem", "fs.mqueue.",
                                           "kernel.hostname", "kernel.domainname"};
    return std::any_of(std::begin(prefixes), std::end(prefixes),
                       [&](const char *p) { return key.rfind(p, 0) == 0; });
}

Status applySysctls(int procFd, const LaunchSpec &spec)
{
    for (const auto &[key, value] : spec.sysctls) {
        if (!isNamespacedSysctl(key))
            return Error::msg("lxc.sysctl." + key + ": not a namespaced setting; it would change the host");
        if (key.find("..") != std::string::npos || key.find('/') != std::string::npos)
            return Error::msg("lxc.sysctl." + key + ": bad name");
        std::string path = "sys/" + key;
        std::replace(path.begin() + 4, path.end(), '.', '/');
        if (auto err = writeFileAt(procFd, path, value))
            return err->wrap("lxc.sysctl." + key + " = " + value);
    }
    return std::nullopt;
}

Status mountProc(int rootFd, const LaunchSpec &spec, bool mixed)
{
    auto target = openInRoot(rootFd, "proc", Create::Dir, true);
    if (!target)
        return target.error().wrap("mount /proc");
    if (auto err = doMount("proc", target->get(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "", "/proc"))
        return err;
    {
        auto procDir = openInRoot(rootFd, "proc", Create::No, true);
        if (!procDir)
            return procDir.error();
        UniqueFd dir(::openat(procDir->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!dir)
            return Error::sys("open /proc");
        if (auto err = applySysctls(dir.get(), spec))
            return err;
    }
    if (mixed) {
        // /proc/sys read-only, except the container's own network settings;
        // the machine-wide parts read-only or hidden.
        for (const char *ro : {"proc/sysrq-trigger", "proc/bus", "proc/fs", "proc/irq"})
            if (auto err = bindReadOnly(rootFd, ro))
                return err;
        for (const char *masked : {"proc/kcore", "proc/keys", "proc/timer_list", "proc/sched_debug", "proc/acpi",
                                   "proc/scsi", "proc/latency_stats"})
            if (auto err = maskPath(rootFd, masked))
                return err;
        auto net = openInRoot(rootFd, "proc/sys/net");
        if (auto err = bindReadOnly(rootFd, "proc/sys"))
            return err;
        if (net) {
            auto netAfter = openInRoot(rootFd, "proc/sys/net");
            if (netAfter) {
                const std::string src = fdPath(net->get());
                if (::mount(src.c_str(), fdPath(netAfter->get()).c_str(), nullptr, MS_BIND, nullptr) < 0)
                    return Error::sys("bind /proc/sys/net writable");
            }
        }
    }
    return std::nullopt;
}

Status mountSys(int rootFd, const std::string &mode)
{
    auto target = openInRoot(rootFd, "sys", Create::Dir, true);
    if (!target)
        return target.error().wrap("mount /sys");
    const unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    // Read-write first: the sysfs superblock is shared with the mounts made
    // below, and a read-only one could not give them write access.
    if (auto err = doMount("sysfs", target->get(), "sysfs", flags, "", "/sys")) {
        // A user namespace sharing the host's network namespace (lxc.net
        // type none) may not mount a sysfs of its own: the host's, bound
        // (and made read-only below unless rw).
        if (err->sysErrno != EPERM || ::mount("/sys", fdPath(target->get()).c_str(), nullptr, MS_BIND | MS_REC, nullptr) < 0)
            return err;
        if (mode != "rw")
            if (auto again = openInRoot(rootFd, "sys", Create::No, true))
                return remountBind(again->get(), MS_RDONLY | flags, "/sys read-only");
        return std::nullopt;
    }
    if (mode == "rw")
        return std::nullopt;
    if (mode == "mixed") {
        // sys:mixed as LXC mounts it: the container's own network devices
        // stay writable (a sysfs of its network namespace shows only those).
        if (auto net = openInRoot(rootFd, "sys/devices/virtual/net")) {
            const std::string p = fdPath(net->get());
            if (::mount("sysfs", p.c_str(), "sysfs", flags, nullptr) < 0)
                return Error::sys("mount /sys/devices/virtual/net");
            auto inner = openInRoot(rootFd, "sys/devices/virtual/net/devices/virtual/net");
            if (!inner)
                return inner.error().wrap("mount /sys/devices/virtual/net");
            auto outer = openInRoot(rootFd, "sys/devices/virtual/net");
            if (!outer || ::mount(fdPath(inner->get()).c_str(), fdPath(outer->get()).c_str(), nullptr, MS_BIND, nullptr) < 0)
                return Error::sys("bind /sys/devices/virtual/net");
        }
    }
    if (auto err = maskPath(rootFd, "sys/firmware"))
        return err;
    auto again = openInRoot(rootFd, "sys", Create::No, true);
    if (!again)
        return again.error();
    return remountBind(again->get(), MS_RDONLY | flags, "/sys read-only");
}

std::string basename(const std::string &path)
{
    const size_t s = path.rfind('/');
    return s == std::string::npos ? path : path.substr(s + 1);
}

// The cgroup view of the container: its cgroup namespace makes its own
// cgroup the root of each hierarchy, so mounting them read-write exposes
// only the container's subtree.
Status mountCgroups(int rootFd, const std::string &mode, const CgroupLayout &layout)
{
    const unsigned long ro = mode == "ro" ? MS_RDONLY : 0;
    const unsigned long common = MS_NOSUID | MS_NODEV | MS_NOEXEC;
    auto target = openInRoot(rootFd, "sys/fs/cgroup", Create::No, true);
    if (!target)
        return target.error().wrap("mount cgroups (needs /sys mounted)");
    if (layout.kind == CgroupLayout::Kind::V2)
        return doMount("cgroup2", target->get(), "cgroup2", common | ro, "", "/sys/fs/cgroup");
    if (auto err = doMount("tmpfs", target->get(), "tmpfs", common, "mode=755,size=64k", "/sys/fs/cgroup tmpfs"))
        return err;
    auto mountOne = [&](const std::string &dir, const std::string &type, const std::string &options) -> Status {
        auto d = openInRoot(rootFd, "sys/fs/cgroup/" + dir, Create::Dir, true);
        if (!d)
            return d.error();
        return doMount(type, d->get(), type, common | ro, options, "/sys/fs/cgroup/" + dir);
    };
    for (const auto &h : layout.v1) {
        std::string options;
        for (const auto &c : h.controllers)
            options += (options.empty() ? "" : ",") + c;
        if (auto err = mountOne(basename(h.mount), "cgroup", options))
            return err;
    }
    if (!layout.systemdMount.empty())
        if (auto err = mountOne(basename(layout.systemdMount), "cgroup", "none,name=systemd"))
            return err;
    if (!layout.unifiedMount.empty())
        if (auto err = mountOne("unified", "cgroup2", ""))
            return err;
    auto again = openInRoot(rootFd, "sys/fs/cgroup", Create::No, true);
    if (!again)
        return again.error();
    return remountBind(again->get(), MS_RDONLY | common, "/sys/fs/cgroup read-only");
}

}  // namespace

Result<UniqueFd> prepareRootfs(const LaunchSpec &spec, int treeFd)
{
    const std::string &rootfs = spec.rootfs;
    // Nothing we mount may propagate back to the host.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) < 0)
        return Error::sys("make / a slave mount");
    UniqueFd probe(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!probe)
        return Error::sys("open rootfs \"" + rootfs + "\"");
    const std::string p = fdPath(probe.get());
    if (treeFd >= 0) {
        if (auto err = attachRootfs(treeFd, rootfs))
            return *err;
    } else if (!spec.rootfsType.empty()) {
        if (::mount(spec.rootfsSource.c_str(), p.c_str(), spec.rootfsType.c_str(), 0,
                    spec.rootfsData.empty() ? nullptr : spec.rootfsData.c_str())
            < 0)
            return Error::sys("mount " + spec.rootfsType + " rootfs on \"" + rootfs + "\" (" + spec.rootfsData + ")");
    } else if (::mount(p.c_str(), p.c_str(), nullptr, MS_BIND | MS_REC, nullptr) < 0) {
        return Error::sys("bind rootfs \"" + rootfs + "\" onto itself");
    }
    // The fd opened before the bind names the directory below it; a new
    // open finds the mount.
    UniqueFd fd(::open(rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        return Error::sys("open rootfs \"" + rootfs + "\"");
    if (::mount(nullptr, fdPath(fd.get()).c_str(), nullptr, MS_REC | MS_PRIVATE, nullptr) < 0)
        return Error::sys("make rootfs mount private");
    return fd;
}

Status mountAuto(int rootFd, const LaunchSpec &spec, const CgroupLayout &layout)
{
    std::string proc, sys, cgroup;
    for (const std::string &token : spec.mountAuto) {
        const size_t colon = token.find(':');
        const std::string what = token.substr(0, colon);
        std::string mode = colon == std::string::npos ? "" : token.substr(colon + 1);
        if (mode.size() > 6 && mode.compare(mode.size() - 6, 6, ":force") == 0)
            mode.resize(mode.size() - 6);
        if (what == "proc")
            proc = mode.empty() ? "mixed" : mode;
        else if (what == "sys")
            sys = mode.empty() ? "ro" : mode;
        else if (what == "cgroup" || what == "cgroup-full")
            cgroup = mode.empty() ? "mixed" : mode;
    }
    if (!proc.empty()) {
        if (auto err = mountProc(rootFd, spec, proc != "rw"))
            return err;
    } else if (!spec.sysctls.empty()) {
        return Error::msg("lxc.sysctl needs /proc: add proc to lxc.mount.auto");
    }
    if (!sys.empty())
        if (auto err = mountSys(rootFd, sys))
            return err;
    if (!cgroup.empty()) {
        if (sys.empty())
            return Error::msg("lxc.mount.auto cgroup needs sys as well");
        if (auto err = mountCgroups(rootFd, cgroup, layout))
            return err;
    }
    return std::nullopt;
}

MountOptions parseMountOptions(const std::string &options)
{
    struct Flag {
        const char *name;
        bool clear;
        unsigned long flag;
    };
    static const Flag flags[] = {
        {"ro", false, MS_RDONLY},        {"rw", true, MS_RDONLY},          {"nosuid", false, MS_NOSUID},
        {"suid", true, MS_NOSUID},       {"nodev", false, MS_NODEV},       {"dev", true, MS_NODEV},
        {"noexec", false, MS_NOEXEC},    {"exec", true, MS_NOEXEC},        {"sync", false, MS_SYNCHRONOUS},
        {"async", true, MS_SYNCHRONOUS}, {"dirsync", false, MS_DIRSYNC},   {"noatime", false, MS_NOATIME},
        {"atime", true, MS_NOATIME},     {"nodiratime", false, MS_NODIRATIME}, {"diratime", true, MS_NODIRATIME},
        {"relatime", false, MS_RELATIME}, {"norelatime", true, MS_RELATIME}, {"strictatime", false, MS_STRICTATIME},
        {"bind", false, MS_BIND},        {"rbind", false, MS_BIND | MS_REC}, {"remount", false, MS_REMOUNT},
        {"silent", false, MS_SILENT},    {"defaults", false, 0},            {"lazytime", false, MS_LAZYTIME},
        {"nosymfollow", false, MS_NOSYMFOLLOW}, {"symfollow", true, MS_NOSYMFOLLOW},
    };
    static const Flag propagation[] = {
        {"private", false, MS_PRIVATE}, {"rprivate", false, MS_PRIVATE | MS_REC},
        {"slave", false, MS_SLAVE},     {"rslave", false, MS_SLAVE | MS_REC},
        {"shared", false, MS_SHARED},   {"rshared", false, MS_SHARED | MS_REC},
        {"unbindable", false, MS_UNBINDABLE}, {"runbindable", false, MS_UNBINDABLE | MS_REC},
    };
    MountOptions out;
    for (const std::string &opt : cgroupfs::split(options, ',')) {
        if (opt.empty())
            continue;
        if (opt == "create=dir") { out.createDir = true; continue; }
        if (opt == "create=file") { out.createFile = true; continue; }
        if (opt == "optional") { out.optional = true; continue; }
        if (opt == "relative") { out.relative = true; continue; }
        if (opt == "move") { out.move = true; continue; }
        bool known = false;
        for (const Flag &f : flags)
            if (opt == f.name) {
                out.flags = f.clear ? out.flags & ~f.flag : out.flags | f.flag;
                known = true;
            }
        for (const Flag &f : propagation)
            if (opt == f.name) {
                out.propagation |= f.flag;
                known = true;
            }
        if (!known)
            out.data += (out.data.empty() ? "" : ",") + opt;
    }
    return out;
}

Status mountEntries(int rootFd, const LaunchSpec &spec)
{
    for (const std::string &line : spec.mounts) {
        const std::vector<std::string> w = cgroupfs::splitWs(line);
        const std::string source = w.size() > 0 ? w[0] : std::string(), type = w.size() > 2 ? w[2] : std::string(),
                          options = w.size() > 3 ? w[3] : std::string();
        std::string target = w.size() > 1 ? w[1] : std::string();
        if (target.empty() || type.empty())
            return Error::msg("mount entry \"" + line + "\": needs source, target and type");
        const MountOptions o = parseMountOptions(options);
        // LXC writes targets as host paths under the rootfs; any absolute
        // path is taken inside the container.
        if (target.rfind(spec.rootfs, 0) == 0)
            target = target.substr(spec.rootfs.size());
        const std::string what = "entry \"" + line + "\"";
        auto fail = [&](const Error &e) -> Status {
            if (o.optional)
                return std::nullopt;
            return e.wrap(what);
        };
        auto t = openInRoot(rootFd, target, o.createFile ? Create::File : o.createDir ? Create::Dir : Create::No);
        if (!t)
            return fail(t.error());
        std::string src = source;
        UniqueFd srcFd;
        if (o.move) {
            // The source mount, opened at its root: inside the rootfs with
            // "relative", else the host path as this namespace sees it.
            auto s = o.relative ? openInRoot(rootFd, source)
                                : Result<UniqueFd>(UniqueFd(::open(source.c_str(), O_PATH | O_CLOEXEC)));
            if (!s || !*s)
                return fail(s ? Error::sys("open source " + source) : s.error().wrap("source"));
            if (::mount(fdPath(s->get()).c_str(), fdPath(t->get()).c_str(), nullptr, MS_MOVE, nullptr) < 0)
                return fail(Error::sys(errno == EINVAL ? "move " + source + " (it must be a mount point)" : "move " + source));
            if (o.flags & ~(MS_BIND | MS_REC)) {
                auto again = openInRoot(rootFd, target);
                if (!again)
                    return fail(again.error());
                if (auto err = remountBind(again->get(), o.flags & ~(MS_BIND | MS_REC), target))
                    return fail(*err);
            }
        } else if (o.flags & MS_BIND) {
            if (o.relative) {
                auto s = openInRoot(rootFd, source);
                if (!s)
                    return fail(s.error().wrap("source"));
                srcFd = std::move(*s);
                src = fdPath(srcFd.get());
            }
            const unsigned long bindFlags = MS_BIND | (o.flags & MS_REC);
            if (::mount(src.c_str(), fdPath(t->get()).c_str(), nullptr, bindFlags, nullptr) < 0)
                return fail(Error::sys("bind " + source));
            const unsigned long extra = o.flags & ~(MS_BIND | MS_REC);
            if (extra) {
                auto again = openInRoot(rootFd, target);
                if (!again)
                    return fail(again.error());
                if (auto err = remountBind(again->get(), extra, target))
                    return fail(*err);
            }
        } else if (auto err = doMount(src, t->get(), type, o.flags, o.data, target)) {
            return fail(*err);
        }
        if (o.propagation) {
            auto again = openInRoot(rootFd, target);
            if (again && ::mount(nullptr, fdPath(again->get()).c_str(), nullptr, o.propagation, nullptr) < 0)
                return fail(Error::sys("set propagation of " + target));
        }
    }
    return std::nullopt;
}

Status pivotInto(int rootFd)
{
    if (::fchdir(rootFd) < 0)
        return Error::sys("chdir into rootfs");
    // pivot_root(".", "."): the old root ends up on top of the new one and
    // is detached at once; no directory for it is needed in the rootfs.
    if (::syscall(SYS_pivot_root, ".", ".") < 0)
        return Error::sys("pivot_root");
    if (::umount2(".", MNT_DETACH) < 0)
        return Error::sys("detach the old root");
    if (::chdir("/") < 0)
        return Error::sys("chdir /");
    return std::nullopt;
}

}  // namespace hutch::rt
