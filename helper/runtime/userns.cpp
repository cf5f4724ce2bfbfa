#include "userns.h"

#include "cgroupfs.h"
#include "fsutil.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hutch::rt {

namespace {

std::string mapText(const std::vector<IdRange> &ranges)
{
    std::string out;
    for (const IdRange &r : ranges)
        out += std::to_string(r.inside) + " " + std::to_string(r.outside) + " " + std::to_string(r.count) + "\n";
    return out;
}

Status writeProcFile(pid_t pid, const char *file, const std::string &content)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/" + file;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd)
        return Error::sys("open " + path);
    // The kernel takes a map in one write only.
    if (::write(fd.get(), content.data(), content.size()) != ssize_t(content.size()))
        return Error::sys("write " + path + " (" + content.substr(0, content.find('\n')) + ")");
    return std::nullopt;
}

// "lowerdir=/a:/b,upperdir=/c,workdir=/d,ro": fsconfig calls for a new superblock.
Status configureFs(int fsFd, const std::string &source, const std::string &data)
{
    if (!source.empty() && ::fsconfig(fsFd, FSCONFIG_SET_STRING, "source", source.c_str(), 0) < 0)
        return Error::sys("source " + source);
    for (const std::string &opt : cgroupfs::split(data, ',')) {
        if (opt.empty() || opt == "idmap=container")
            continue;
        const size_t eq = opt.find('=');
        const int r = eq == std::string::npos
                          ? ::fsconfig(fsFd, FSCONFIG_SET_FLAG, opt.c_str(), nullptr, 0)
                          : ::fsconfig(fsFd, FSCONFIG_SET_STRING, opt.substr(0, eq).c_str(), opt.substr(eq + 1).c_str(), 0);
        if (r < 0)
            return Error::sys("option " + opt);
    }
    if (::fsconfig(fsFd, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) < 0)
        return Error::sys("create the filesystem");
    return std::nullopt;
}

Result<UniqueFd> idmapTree(const std::string &path, int usernsFd)
{
    UniqueFd tree(::open_tree(AT_FDCWD, path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE));
    if (!tree)
        return Error::sys("open_tree \"" + path + "\"");
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = uint64_t(usernsFd);
    if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) < 0)
        return Error::sys("idmap \"" + path + "\" (mount_setattr; does the filesystem support idmapped mounts?)");
    return tree;
}

std::string parentOf(const std::string &path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

// While it lives, this thread's filesystem ids are the container root's
// host ids, with the capabilities of the monitor (root) still effective:
// setfsuid clears the file capabilities from the effective set, capset
// raises them again from the permitted set. Going back to fsuid 0 restores
// them by itself.
class ContainerRootCreds {
public:
    explicit ContainerRootCreds(const LaunchSpec &spec)
    {
        ::setfsgid(spec.hostGid(0));
        ::setfsuid(spec.hostUid(0));
        if (uid_t(::setfsuid(uid_t(-1))) != spec.hostUid(0) || gid_t(::setfsgid(gid_t(-1))) != spec.hostGid(0)) {
            m_error = Error::msg("set fsuid and fsgid to the container's root");
            return;
        }
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3]{};
        if (::syscall(SYS_capget, &header, caps) < 0) {
            m_error = Error::sys("capget");
            return;
        }
        for (auto &c : caps)
            c.effective = c.permitted;
        if (::syscall(SYS_capset, &header, caps) < 0)
            m_error = Error::sys("capset");
    }
    ~ContainerRootCreds()
    {
        ::setfsuid(0);
        ::setfsgid(0);
    }
    ContainerRootCreds(const ContainerRootCreds &) = delete;
    ContainerRootCreds &operator=(const ContainerRootCreds &) = delete;
    const Status &error() const { return m_error; }

private:
    Status m_error;
};

// An overlay cannot itself be idmapped (EINVAL on these kernels), but its
// layers can (5.19 and later): each lower directory, and the directory
// holding upper and work (they must share a mount), idmapped, and the
// overlay made of them through /proc/self/fd paths. What root inside
// writes lands in the upper layer with plain ownership on disk. The
// overlay writes its upper layer with the credentials of whoever created
// it: made as host root, an id the upper layer's map leaves out, it could
// not make its work directory and came up read-only. So it is made with the
// container root's filesystem ids (ContainerRootCreds).
Result<UniqueFd> overlayOfIdmappedLayers(const LaunchSpec &spec, int usernsFd)
{
    std::vector<UniqueFd> held;
    std::string lower, upper, work, rest;
    for (const std::string &opt : cgroupfs::split(spec.rootfsData, ',')) {
        if (opt.rfind("lowerdir=", 0) == 0)
            lower = opt.substr(9);
        else if (opt.rfind("upperdir=", 0) == 0)
            upper = opt.substr(9);
        else if (opt.rfind("workdir=", 0) == 0)
            work = opt.substr(8);
        else if (!opt.empty() && opt != "idmap=container")
            rest += "," + opt;
    }
    if (lower.empty() || upper.empty() || work.empty() || parentOf(upper) != parentOf(work))
        return Error::msg("overlay rootfs \"" + spec.rootfsData + "\": needs lowerdir, and upperdir and workdir side by side");
    auto fdPathOf = [](int fd) { return "/proc/self/fd/" + std::to_string(fd); };
    std::string lowers;
    for (const std::string &l : cgroupfs::split(lower, ':')) {
        auto t = idmapTree(l, usernsFd);
        if (!t)
            return t.error();
        lowers += (lowers.empty() ? "" : ":") + fdPathOf(t->get());
        held.push_back(std::move(*t));
    }
    auto top = idmapTree(parentOf(upper), usernsFd);
    if (!top)
        return top.error();
    const std::string data = "lowerdir=" + lowers + ",upperdir=" + fdPathOf(top->get()) + upper.substr(parentOf(upper).size())
                             + ",workdir=" + fdPathOf(top->get()) + work.substr(parentOf(work).size()) + rest;
    const ContainerRootCreds creds(spec);
    if (creds.error())
        return creds.error()->wrap("overlay");
    UniqueFd fs(::fsopen("overlay", FSOPEN_CLOEXEC));
    if (!fs)
        return Error::sys("fsopen overlay");
    if (auto err = configureFs(fs.get(), "overlay", data))
        return err->wrap("overlay");
    UniqueFd tree(::fsmount(fs.get(), FSMOUNT_CLOEXEC, 0));
    if (!tree)
        return Error::sys("fsmount overlay");
    return tree;
}

}  // namespace

Status writeIdMaps(pid_t pid, const LaunchSpec &spec)
{
    if (auto err = writeProcFile(pid, "uid_map", mapText(spec.uidMap)))
        return err->wrap("lxc.idmap");
    if (auto err = writeProcFile(pid, "gid_map", mapText(spec.gidMap)))
        return err->wrap("lxc.idmap");
    return std::nullopt;
}

Status privateDevpts()
{
    if (::unshare(CLONE_NEWNS) < 0)
        return Error::sys("monitor: unshare mount namespace");
    // Nothing mounted here reaches the host; host mounts still reach us.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) < 0)
        return Error::sys("monitor: make / a slave mount");
    if (::mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") < 0)
        return Error::sys("monitor: mount a devpts instance on /dev/pts");
    // /dev/ptmx of the host may be a node of the host's instance: ours is pts/ptmx.
    if (::mount("/dev/pts/ptmx", "/dev/ptmx", nullptr, MS_BIND, nullptr) < 0)
        return Error::sys("monitor: bind /dev/pts/ptmx onto /dev/ptmx");
    return std::nullopt;
}

Status givePtyToContainer(const std::string &path, const LaunchSpec &spec)
{
    if (::chown(path.c_str(), spec.hostUid(0), spec.hostGid(5)) < 0)
        return Error::sys("give " + path + " to the container's root");
    return std::nullopt;
}

Result<UniqueFd> idmappedRootfs(const LaunchSpec &spec, pid_t pid)
{
    const std::string what = "idmapped rootfs \"" + spec.rootfs + "\"";
    const std::string nsPath = "/proc/" + std::to_string(pid) + "/ns/user";
    UniqueFd userns(::open(nsPath.c_str(), O_RDONLY | O_CLOEXEC));
    if (!userns)
        return Error::sys(what + ": open " + nsPath);
    if (spec.rootfsType == "overlay") {
        auto tree = overlayOfIdmappedLayers(spec, userns.get());
        if (!tree)
            return tree.error().wrap(what);
        return tree;
    }
    if (spec.rootfsType.empty()) {
        auto tree = idmapTree(spec.rootfs, userns.get());
        if (!tree)
            return tree.error().wrap(what);
        return tree;
    }
    // A filesystem of its own (a logical volume): mounted afresh, then idmapped.
    UniqueFd fs(::fsopen(spec.rootfsType.c_str(), FSOPEN_CLOEXEC));
    if (!fs)
        return Error::sys(what + ": fsopen " + spec.rootfsType);
    if (auto err = configureFs(fs.get(), spec.rootfsSource, spec.rootfsData))
        return err->wrap(what + ": " + spec.rootfsType);
    UniqueFd tree(::fsmount(fs.get(), FSMOUNT_CLOEXEC, 0));
    if (!tree)
        return Error::sys(what + ": fsmount");
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = uint64_t(userns.get());
    if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) < 0)
        return Error::sys(what + ": mount_setattr (does the filesystem support idmapped mounts?)");
    return tree;
}

Status attachRootfs(int treeFd, const std::string &rootfs)
{
    if (::move_mount(treeFd, "", AT_FDCWD, rootfs.c_str(), MOVE_MOUNT_F_EMPTY_PATH) < 0)
        return Error::sys("attach the idmapped rootfs on \"" + rootfs + "\"");
    return std::nullopt;
}

Status becomeContainerRoot()
{
    if (::setresgid(0, 0, 0) < 0)
        return Error::sys("setresgid 0 in the user namespace");
    if (::setgroups(0, nullptr) < 0)
        return Error::sys("setgroups in the user namespace");
    if (::setresuid(0, 0, 0) < 0)
        return Error::sys("setresuid 0 in the user namespace");
    return std::nullopt;
}

}  // namespace hutch::rt
