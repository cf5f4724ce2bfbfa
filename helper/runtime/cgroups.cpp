// Container cgroups: the layout, and a container's cgroup made, joined and
// removed. Runs in hutch-monitor (root, in the host's mount and cgroup
// namespaces): it creates BASE/NAME before the container's init exists,
// moves init in, and removes the cgroup after init is gone. Every file is
// opened relative to a directory fd of the cgroup, with O_NOFOLLOW, and file
// names are validated first. What differs between v1 and v2 is behind
// CgroupBackend (cgroups_p.h); which one serves each concern on a hybrid host
// is chosen once, in choose().
#include "cgroups.h"

#include "cgroupfs.h"
#include "cgroups_p.h"
#include "cgroups_translate.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace hutch::rt {

using namespace cgroupfs;

// ---------------------------------------------------------------- layout

Result<CgroupLayout> CgroupLayout::detect()
{
    auto text = readPath("/proc/self/mountinfo");
    if (!text)
        return text.error().wrap("detect cgroups");
    auto layout = fromMountinfo(*text);
    if (layout && !layout->unifiedMount.empty()) {
        if (auto c = readPath(layout->unifiedMount + "/cgroup.controllers"))
            layout->v2Controllers = splitWs(*c);
    }
    return layout;
}

// Lines are "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE
// SOURCE SUPEROPTIONS"; the super options of a v1 mount list its controllers.
Result<CgroupLayout> CgroupLayout::fromMountinfo(const std::string &text)
{
    // Options of a v1 mount that are not controllers.
    static const std::set<std::string> kFlags = {"rw", "ro", "noprefix", "clone_children", "xattr",
                                                 "cpuset_v2_mode", "favordynmods", "nofavordynmods",
                                                 "all", "none"};
    // Octal escapes of mountinfo (\040 for a space).
    auto unescape = [](const std::string &s) {
        std::string o;
        for (size_t i = 0; i < s.size(); ++i) {
            auto oct = [&](size_t j) { return j < s.size() && s[j] >= '0' && s[j] <= '7'; };
            if (s[i] == '\\' && oct(i + 1) && oct(i + 2) && oct(i + 3)) {
                o += char((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
                i += 3;
            } else {
                o += s[i];
            }
        }
        return o;
    };
    CgroupLayout layout;
    std::vector<std::pair<std::string, std::string>> v1Keys;  // (MAJ:MIN, root) of each kept hierarchy
    std::string unifiedRoot;
    for (const auto &line : split(text, '\n')) {
        const auto f = splitWs(line);
        const auto dash = std::find(f.begin() + std::min<size_t>(f.size(), 6), f.end(), "-");
        if (f.size() < 10 || f.end() - dash < 4)
            continue;
        const std::string &fstype = dash[1], &dev = f[2], &root = f[3];
        const std::string mount = unescape(f[4]);
        if (fstype == "cgroup2") {
            // The first one, unless a later one shows the whole hierarchy.
            if (layout.unifiedMount.empty() || (unifiedRoot != "/" && root == "/")) {
                layout.unifiedMount = mount;
                unifiedRoot = root;
            }
        } else if (fstype == "cgroup") {
            std::vector<std::string> ctrls;
            for (const auto &o : split(dash[3], ','))
                if (!o.empty() && !kFlags.count(o) && o.find('=') == std::string::npos)
                    ctrls.push_back(o);
            if (ctrls.empty()) {
                // A named hierarchy: only systemd's matters (the root one if seen).
                if (dash[3].find("name=systemd") != std::string::npos && (layout.systemdMount.empty() || root == "/"))
                    layout.systemdMount = mount;
                continue;
            }
            std::sort(ctrls.begin(), ctrls.end());
            // The same hierarchy mounted twice (bind mounts): keep one, the root if seen.
            const auto k = std::find_if(v1Keys.begin(), v1Keys.end(), [&](auto &p) { return p.first == dev; });
            if (k == v1Keys.end()) {
                layout.v1.push_back({mount, ctrls});
                v1Keys.emplace_back(dev, root);
            } else if (k->second != "/" && root == "/") {
                layout.v1[size_t(k - v1Keys.begin())] = {mount, ctrls};
                k->second = root;
            }
        }
    }
    if (layout.v1.empty() && layout.unifiedMount.empty())
        return Error::msg("detect cgroups: no cgroup mount in mountinfo");
    layout.kind = layout.v1.empty() ? Kind::V2 : layout.unifiedMount.empty() ? Kind::V1 : Kind::Hybrid;
    return layout;
}

bool CgroupLayout::hasV1(const std::string &controller) const
{
    return std::any_of(v1.begin(), v1.end(), [&](const V1Hierarchy &h) {
        return std::find(h.controllers.begin(), h.controllers.end(), controller) != h.controllers.end();
    });
}

bool CgroupLayout::hasV2(const std::string &controller) const
{
    return !unifiedMount.empty()
        && std::find(v2Controllers.begin(), v2Controllers.end(), controller) != v2Controllers.end();
}

// ---------------------------------------------------------------- the cgroup's hierarchies

const CgroupHier *Cgroup::Impl::v1For(const std::string &ctrl) const
{
    for (const auto &h : hiers)
        if (!h.v2 && std::find(h.controllers.begin(), h.controllers.end(), ctrl) != h.controllers.end())
            return &h;
    return nullptr;
}

bool Cgroup::Impl::availableIn(const std::string &ctrl, bool v2) const
{
    if (v2)
        return ctrl == "cgroup" ? v2Hier() != nullptr : layout.hasV2(ctrl);
    return v1For(ctrl) != nullptr;
}

const CgroupHier *Cgroup::Impl::native(const std::string &file, bool v2) const
{
    if (!availableIn(controllerOf(file), v2))
        return nullptr;
    return v2 ? v2Hier() : v1For(controllerOf(file));
}

Status Cgroup::Impl::alive() const
{
    for (const auto &h : hiers)
        if (!h.dir)
            return Error::msg("cgroup \"" + name + "\" has been destroyed");
    return std::nullopt;
}

Status Cgroup::Impl::known(const std::string &file, bool v2) const
{
    const std::string c = controllerOf(file);
    if (availableIn(c, v2) || availableIn(otherController(c, v2), !v2))
        return std::nullopt;
    return Error::msg("cgroup controller \"" + c + "\" is not available on this machine", ErrorCode::NotFound);
}

Status Cgroup::Impl::collectAll(std::set<pid_t> &pids) const
{
    for (const auto &h : hiers)
        if (h.dir)
            if (auto err = collectPids(h.dir.get(), h.path, 0, pids))
                return err;
    return std::nullopt;
}

// On a v1 host everything is v1, on a v2 host v2; on a hybrid one a
// controller is on a v1 hierarchy or in the unified one, and the backend
// follows it. The CPU figure needs no controller on v2 (cpu.stat's
// usage_usec is in every v2 cgroup); pids fall back to counting members.
void Cgroup::Impl::choose()
{
    const CgroupHier *v2 = v2Hier();
    auto pick = [&](const char *v1Ctrl, const char *v2Ctrl) -> CgroupServer {
        if (const CgroupHier *h = v1For(v1Ctrl))
            return {&cgroupV1(), h};
        if (v2 && (!v2Ctrl || layout.hasV2(v2Ctrl)))
            return {&cgroupV2(), v2};
        return {};
    };
    freezer = pick("freezer", nullptr);
    cpu = pick("cpuacct", nullptr);
    memory = pick("memory", "memory");
    pids = pick("pids", "pids");
    io = pick("blkio", "io");
}

// ---------------------------------------------------------------- lifecycle

namespace {

// v1 cpuset: a cgroup with empty cpus or mems takes no task; copy the parent's.
Status copyCpuset(int parent, const std::string &parentPath, int child, const std::string &childPath)
{
    for (const char *f : {"cpuset.cpus", "cpuset.mems"}) {
        auto mine = readAt(child, childPath, f);
        if (!mine)
            return mine.error();
        if (!trim(*mine).empty())
            continue;
        auto theirs = readAt(parent, parentPath, f);
        if (!theirs)
            return theirs.error();
        if (auto err = writeAt(child, childPath, f, trim(*theirs)))
            return err;
    }
    return std::nullopt;
}

// v2: a controller reaches BASE/NAME only if BASE and each ancestor enable it
// for their children. Best effort: one that cannot be enabled (a process
// sitting in an ancestor, the no-internal-process rule) is left off, and a
// setting for it later fails naming the missing file. The root's own
// subtree_control belongs to the init system and is not touched.
void enableControllers(int dir, const std::string &path)
{
    auto avail = readAt(dir, path, "cgroup.controllers"), on = readAt(dir, path, "cgroup.subtree_control");
    if (!avail || !on)
        return;
    const auto enabled = splitWs(*on);
    for (const auto &c : splitWs(*avail))
        if (std::find(enabled.begin(), enabled.end(), c) == enabled.end())
            (void)writeAt(dir, path, "cgroup.subtree_control", "+" + c);
}

}  // namespace

// Makes MOUNT/BASE.../NAME in one hierarchy; what it creates goes to `made`.
Status Cgroup::Impl::make(CgroupHier &h, const std::string &mount, const std::vector<std::string> &segs, bool adopt,
                          std::vector<std::pair<UniqueFd, std::string>> &made)
{
    const bool cpuset = !h.v2 && std::find(h.controllers.begin(), h.controllers.end(), "cpuset") != h.controllers.end();
    UniqueFd cur(::open(mount.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!cur)
        return Error::sys("open " + mount);
    std::string path = mount;
    for (size_t i = 0; i <= segs.size(); ++i) {
        const bool last = i == segs.size();
        const std::string &seg = last ? name : segs[i];
        const std::string sub = path + "/" + seg;
        if (::mkdirat(cur.get(), seg.c_str(), 0755) == 0)
            made.emplace_back(UniqueFd(::fcntl(cur.get(), F_DUPFD_CLOEXEC, 0)), seg);
        else if (errno != EEXIST || (last && !adopt))
            return Error::sys("mkdir " + sub);
        UniqueFd next = openDir(cur.get(), seg);
        if (!next)
            return Error::sys("open " + sub);
        if (cpuset)
            if (auto err = copyCpuset(cur.get(), path, next.get(), sub))
                return err;
        if (h.v2 && !last)
            enableControllers(next.get(), sub);
        if (last) {
            h.base = std::move(cur);
            h.dir = std::move(next);
            h.basePath = path;
            h.path = sub;
        } else {
            cur = std::move(next);
            path = sub;
        }
    }
    return std::nullopt;
}

Result<std::unique_ptr<Cgroup>> Cgroup::create(const CgroupLayout &layout, const std::string &name,
                                               const std::string &base, bool adopt)
{
    const std::string ctx = "create cgroup \"" + name + "\"";
    if (name.empty() || name == "." || name == ".." || name.size() > 255 || name.find_first_of(std::string("/\n\0", 3)) != std::string::npos)
        return Error::msg(ctx + ": invalid name (one path component, not \".\" or \"..\")");
    const auto segs = split(base, '/');
    for (const auto &s : segs)
        if (s.empty() || s == "." || s == ".." || s.size() > 255 || s.find_first_of(std::string("\n\0", 2)) != std::string::npos)
            return Error::msg(ctx + ": invalid base \"" + base + "\" (a relative path without \".\" or \"..\")");

    std::unique_ptr<Cgroup> cg(new Cgroup);
    cg->d = std::make_unique<Impl>();
    Impl &d = *cg->d;
    d.layout = layout;
    d.name = name;
    std::vector<std::string> mounts;
    if (!layout.unifiedMount.empty()) {
        d.hiers.push_back({true, {}, {}, {}, {}, {}});
        mounts.push_back(layout.unifiedMount);
    }
    for (const auto &v1 : layout.v1) {
        if (v1.controllers.empty())
            continue;
        d.hiers.push_back({false, v1.controllers, {}, {}, {}, {}});
        mounts.push_back(v1.mount);
    }
    if (!layout.systemdMount.empty()) {
        // Membership only: "name=systemd" matches no controller a setting names.
        d.hiers.push_back({false, {"name=systemd"}, {}, {}, {}, {}});
        mounts.push_back(layout.systemdMount);
    }
    if (d.hiers.empty())
        return Error::msg(ctx + ": no cgroup hierarchy");

    std::vector<std::pair<UniqueFd, std::string>> made;  // undone, newest first, if a step fails
    for (size_t i = 0; i < d.hiers.size(); ++i) {
        if (auto err = d.make(d.hiers[i], mounts[i], segs, adopt, made)) {
            for (auto it = made.rbegin(); it != made.rend(); ++it)
                ::unlinkat(it->first.get(), it->second.c_str(), AT_REMOVEDIR);  // a shared BASE stays busy
            return err->wrap(ctx);
        }
    }
    d.choose();
    return cg;
}

Cgroup::~Cgroup() = default;

Status Cgroup::addProcess(pid_t pid)
{
    const std::string ctx = "add process " + std::to_string(pid) + " to cgroup \"" + d->name + "\"";
    if (pid <= 0)  // 0 would move the monitor itself
        return Error::msg("invalid pid").wrap(ctx);
    if (auto err = d->alive())
        return err->wrap(ctx);
    for (const auto &h : d->hiers)
        if (auto err = writeAt(h.dir.get(), h.path, "cgroup.procs", std::to_string(pid)))
            return err->wrap(ctx);
    return std::nullopt;
}

Status Cgroup::joinSelf(bool v2Joined)
{
    const std::string ctx = "join cgroup \"" + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    for (const auto &h : d->hiers) {
        if (h.v2 && v2Joined)
            continue;
        // v2 has no lock-free way for a process: its cgroup.procs it is.
        if (auto err = writeAt(h.dir.get(), h.path, h.v2 ? "cgroup.procs" : "tasks", "0"))
            return err->wrap(ctx);
    }
    return std::nullopt;
}

Status Cgroup::delegateTo(uid_t uid, gid_t gid)
{
    const std::string ctx = "delegate cgroup \"" + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    for (const auto &h : d->hiers) {
        if (::fchown(h.dir.get(), uid, gid) < 0)
            return Error::sys(ctx + ": chown " + h.path);
        for (const char *file : {"cgroup.procs", "tasks", "cgroup.subtree_control", "cgroup.threads",
                                 "cgroup.clone_children"})
            if (::fchownat(h.dir.get(), file, uid, gid, 0) < 0 && errno != ENOENT)
                return Error::sys(ctx + ": chown " + h.path + "/" + file);
    }
    return std::nullopt;
}

int Cgroup::v2Fd() const
{
    const CgroupHier *h = d->v2Hier();
    return h && h->dir ? h->dir.get() : -1;
}

Result<std::vector<pid_t>> Cgroup::processes() const
{
    const std::string ctx = "list processes of cgroup \"" + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    std::set<pid_t> pids;
    const auto &h = d->hiers.front();
    if (auto err = collectPids(h.dir.get(), h.path, 0, pids))
        return err->wrap(ctx);
    return std::vector<pid_t>(pids.begin(), pids.end());
}

// ---------------------------------------------------------------- teardown

Status Cgroup::destroy()
{
    for (auto &h : d->hiers) {
        if (!h.base)
            continue;  // done by an earlier call
        if (auto err = removeTree(h.base.get(), h.basePath, d->name, 0))
            return err->wrap("destroy cgroup \"" + d->name + "\"");
        h.dir.reset();
        h.base.reset();
    }
    return std::nullopt;
}

std::vector<std::string> Cgroup::paths() const
{
    std::vector<std::string> out;
    for (const auto &h : d->hiers)
        out.push_back(h.path);
    return out;
}

void Cgroup::removeBaseIfEmpty(const CgroupLayout &layout, const std::string &base)
{
    if (base.empty() || base.find("..") != std::string::npos || base.front() == '/')
        return;
    // rmdir fails on a cgroup with children or tasks: only empty ones go.
    for (const auto &h : layout.v1)
        ::rmdir((h.mount + "/" + base).c_str());
    for (const std::string &mount : {layout.unifiedMount, layout.systemdMount})
        if (!mount.empty())
            ::rmdir((mount + "/" + base).c_str());
}

}  // namespace hutch::rt
