#include "devices.h"

#include "fsutil.h"
#include "spec.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace hutch::rt {

namespace {

Result<UniqueFd> openDevDir(int rootFd)
{
    auto dev = openInRoot(rootFd, "dev", Create::No, true);
    if (!dev)
        return dev.error().wrap("/dev");
    UniqueFd dir(::openat(dev->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        return Error::sys("open /dev");
    return dir;
}

Status bindOnto(const std::string &source, int rootFd, const std::string &target)
{
    // The target must be a real file, not a symlink that could send the
    // bind elsewhere.
    auto t = openInRoot(rootFd, target, Create::File, true);
    if (!t)
        return t.error().wrap("bind " + source);
    if (::mount(source.c_str(), fdPath(t->get()).c_str(), nullptr, MS_BIND, nullptr) < 0)
        return Error::sys("bind " + source + " onto /" + target);
    return std::nullopt;
}

}  // namespace

Status mountDevTmpfs(int rootFd)
{
    auto dev = openInRoot(rootFd, "dev", Create::Dir, true);
    if (!dev)
        return dev.error().wrap("mount /dev");
    if (::mount("none", fdPath(dev->get()).c_str(), "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=500000") < 0)
        return Error::sys("mount tmpfs on /dev");
    return std::nullopt;
}

Status populateDev(int rootFd)
{
    auto dev = openDevDir(rootFd);
    if (!dev)
        return dev.error();
    struct Node {
        const char *name;
        unsigned major, minor;
    };
    static const Node nodes[] = {{"null", 1, 3}, {"zero", 1, 5},    {"full", 1, 7},
                                 {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
    const mode_t oldMask = ::umask(0);
    for (const Node &n : nodes) {
        if (::mknodat(dev->get(), n.name, S_IFCHR | 0666, makedev(n.major, n.minor)) == 0 || errno == EEXIST)
            continue;
        if (errno != EPERM) {
            ::umask(oldMask);
            return Error::sys(std::string("mknod /dev/") + n.name);
        }
        // No mknod (a user namespace): bind the host's node instead.
        ::umask(oldMask);
        if (auto err = bindOnto(std::string("/dev/") + n.name, rootFd, std::string("dev/") + n.name))
            return err;
        ::umask(0);
    }
    ::umask(oldMask);
    static const char *const links[][2] = {{"fd", "/proc/self/fd"},
                                           {"stdin", "/proc/self/fd/0"},
                                           {"stdout", "/proc/self/fd/1"},
                                           {"stderr", "/proc/self/fd/2"}};
    for (const auto &l : links)
        if (::symlinkat(l[1], dev->get(), l[0]) < 0 && errno != EEXIST)
            return Error::sys(std::string("symlink /dev/") + l[0]);
    for (const char *d : {"shm", "mqueue", "pts"})
        if (::mkdirat(dev->get(), d, 0755) < 0 && errno != EEXIST)
            return Error::sys(std::string("mkdir /dev/") + d);
    if (::fchmodat(dev->get(), "shm", 01777, 0) < 0)
        return Error::sys("chmod /dev/shm");
    return std::nullopt;
}

Status mountDevpts(int rootFd, int ptyMax)
{
    auto pts = openInRoot(rootFd, "dev/pts", Create::Dir, true);
    if (!pts)
        return pts.error().wrap("mount /dev/pts");
    // lxc.pty.max: how many ptys the container's own instance hands out.
    const std::string options = "newinstance,ptmxmode=0666,mode=0620,gid=5"
                                + (ptyMax > 0 ? ",max=" + std::to_string(ptyMax) : std::string());
    if (::mount("devpts", fdPath(pts->get()).c_str(), "devpts", MS_NOSUID | MS_NOEXEC, options.c_str())
        < 0)
        return Error::sys("mount devpts on /dev/pts");
    auto dev = openDevDir(rootFd);
    if (!dev)
        return dev.error();
    // /dev/ptmx must reach this instance, not the host's.
    if (::unlinkat(dev->get(), "ptmx", 0) < 0 && errno != ENOENT) {
        auto ptmx = openInRoot(rootFd, "dev/ptmx", Create::File, true);
        if (!ptmx)
            return ptmx.error();
        auto inner = openInRoot(rootFd, "dev/pts/ptmx", Create::No, true);
        if (!inner)
            return inner.error();
        if (::mount(fdPath(inner->get()).c_str(), fdPath(ptmx->get()).c_str(), nullptr, MS_BIND, nullptr) < 0)
            return Error::sys("bind /dev/pts/ptmx onto /dev/ptmx");
        return std::nullopt;
    }
    if (::symlinkat("pts/ptmx", dev->get(), "ptmx") < 0)
        return Error::sys("symlink /dev/ptmx");
    return std::nullopt;
}

Status bindConsoles(int rootFd, const LaunchSpec &spec, const std::string &consolePts,
                    const std::vector<std::string> &ttyPts)
{
    auto dev = openDevDir(rootFd);
    if (!dev)
        return dev.error();
    auto place = [&](const std::string &source, const std::string &name) -> Status {
        if (spec.ttyDir.empty())
            return bindOnto(source, rootFd, "dev/" + name);
        if (::mkdirat(dev->get(), spec.ttyDir.c_str(), 0755) < 0 && errno != EEXIST)
            return Error::sys("mkdir /dev/" + spec.ttyDir);
        if (auto err = bindOnto(source, rootFd, "dev/" + spec.ttyDir + "/" + name))
            return err;
        // /dev/console → lxc/console: whatever stood there goes (a node or link in our tmpfs).
        if (::unlinkat(dev->get(), name.c_str(), 0) < 0 && errno != ENOENT)
            return Error::sys("replace /dev/" + name);
        if (::symlinkat((spec.ttyDir + "/" + name).c_str(), dev->get(), name.c_str()) < 0)
            return Error::sys("symlink /dev/" + name);
        return std::nullopt;
    };
    if (auto err = place(consolePts, "console"))
        return err;
    for (size_t i = 0; i < ttyPts.size(); ++i)
        if (auto err = place(ttyPts[i], "tty" + std::to_string(i + 1)))
            return err;
    return std::nullopt;
}

}  // namespace hutch::rt
