// Container cgroups, v1 + v2 + hybrid. Runs in hutch-monitor (root, in the
// host's mount and cgroup namespaces): it creates BASE/NAME before the
// container's init exists, moves init in, and removes the cgroup after init
// is gone. Every file is opened relative to a directory fd of the cgroup,
// with O_NOFOLLOW, and file names are validated first.
//
// Translation between the versions, when a setting names a controller that
// lives in the other one (the values are decimal bytes; sizes like 512M are
// converted first, K/M/G/T/P/E binary):
//   memory.limit_in_bytes       <-> memory.max            (-1 <-> max)
//   memory.soft_limit_in_bytes  <-> memory.low            (-1 <-> max, as runc)
//   memory.memsw.limit_in_bytes  -> memory.swap.max = memsw - memory.max; when
//                                   memory.max is "max", memsw as is (a bound
//                                   on swap alone, the closest v2 can say)
//   memory.swap.max              -> memory.memsw.limit_in_bytes = limit + swap;
//                                   an error when memory.limit_in_bytes is
//                                   unlimited (v1 refuses memsw < limit)
//   cpu.shares                  <-> cpu.weight            systemd's formula
//                                   1 + (shares-2)*9999/262142, and its exact
//                                   inverse (rounded up, so weight round-trips)
//   cpu.cfs_quota_us/_period_us <-> cpu.max "QUOTA PERIOD" (-1 <-> max; the
//                                   other half is read from the cgroup, period
//                                   100000 by default)
//   blkio.weight(_device)       <-> io.weight             10..1000 <-> 1..10000
//                                   linearly (runc's 1 + (w-10)*9999/990),
//                                   rounded: 500 -> 4950, not the v2 default 100
//   hugetlb.SZ.limit_in_bytes   <-> hugetlb.SZ.max; freezer.state <-> cgroup.freeze
//   pids.*, cpuset.*                same names
#include "cgroups.h"

#include "cgroupfs.h"
#include "cgroups_translate.h"
#include "uniquefd.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>
#include <string_view>
#include <thread>
#include <utility>

namespace hutch::rt {

using namespace cgroupfs;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

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


// ---------------------------------------------------------------- cgroup

struct Cgroup::Impl {
    struct Hier {
        bool v2 = false;
        std::vector<std::string> controllers;  // v1
        std::string basePath, path;            // MOUNT/BASE, MOUNT/BASE/NAME
        UniqueFd base, dir;                          // closed once destroyed
    };
    struct Write {
        std::string file;
        bool v2;
        std::string value;
    };
    using Plan = std::vector<Write>;

    CgroupLayout layout;
    std::string name;
    std::vector<Hier> hiers;  // the v2 one first (it tracks every process), then v1

    const Hier *v2Hier() const { return !hiers.empty() && hiers[0].v2 ? &hiers[0] : nullptr; }
    const Hier *v1For(const std::string &ctrl) const
    {
        for (const auto &h : hiers)
            if (!h.v2 && std::find(h.controllers.begin(), h.controllers.end(), ctrl) != h.controllers.end())
                return &h;
        return nullptr;
    }
    bool availableIn(const std::string &ctrl, bool v2) const
    {
        if (v2)
            return ctrl == "cgroup" ? v2Hier() != nullptr : layout.hasV2(ctrl);
        return v1For(ctrl) != nullptr;
    }
    // Where FILE, named for version v2, is written as is; null when its
    // controller is not in that version here.
    const Hier *native(const std::string &file, bool v2) const
    {
        if (!availableIn(controllerOf(file), v2))
            return nullptr;
        return v2 ? v2Hier() : v1For(controllerOf(file));
    }
    Status alive() const
    {
        for (const auto &h : hiers)
            if (!h.dir)
                return Error::msg("cgroup \"" + name + "\" has been destroyed");
        return std::nullopt;
    }
    // Refuses a controller in neither version.
    Status known(const std::string &file, bool v2) const
    {
        const std::string c = controllerOf(file);
        if (availableIn(c, v2) || availableIn(otherController(c, v2), !v2))
            return std::nullopt;
        return Error::msg("cgroup controller \"" + c + "\" is not available on this machine",
                          ErrorCode::NotFound);
    }

    Result<std::string> readRaw(const std::string &file, bool v2) const
    {
        const Hier *h = native(file, v2);
        if (!h)
            return Error::msg("cgroup controller \"" + controllerOf(file) + "\" is not available on this machine",
                          ErrorCode::NotFound);
        auto r = readAt(h->dir.get(), h->path, file);
        if (!r)
            return r.error();
        return trim(*r);
    }
    Status writeRaw(const Write &w) const
    {
        const Hier *h = native(w.file, w.v2);
        if (!h)
            return Error::msg("cgroup controller \"" + controllerOf(w.file) + "\" is not available on this machine",
                          ErrorCode::NotFound);
        return writeAt(h->dir.get(), h->path, w.file, w.value);
    }

    Result<Plan> planSet(const std::string &file, bool v2, const std::string &value) const;
    Result<Plan> planV2OnV1(const std::string &file, const std::string &value) const;
    Result<Plan> planV1OnV2(const std::string &file, const std::string &value) const;
    Result<std::string> get(const std::string &file, bool v2) const;
    Status make(Hier &h, const std::string &mount, const std::vector<std::string> &segs, bool adopt,
                std::vector<std::pair<UniqueFd, std::string>> &made);
    Status setFrozen(bool frozen) const;
    Status collectAll(std::set<pid_t> &pids) const
    {
        for (const auto &h : hiers)
            if (h.dir)
                if (auto err = collectPids(h.dir.get(), h.path, 0, pids))
                    return err;
        return std::nullopt;
    }
};

Result<Cgroup::Impl::Plan> Cgroup::Impl::planSet(const std::string &file, bool v2, const std::string &value) const
{
    if (native(file, v2)) {
        if (!isSizeFile(file))
            return Plan{{file, v2, value}};
        auto v = normSize(value, v2);
        if (!v)
            return v.error();
        return Plan{{file, v2, *v}};
    }
    if (auto err = known(file, v2))
        return *err;
    if (auto r = renameOf(file, v2)) {
        auto v = convert(r->conv, value, !v2);
        if (!v)
            return v.error();
        return Plan{{r->other, !v2, *v}};
    }
    return v2 ? planV2OnV1(file, value) : planV1OnV2(file, value);
}

// A v2 setting on a machine whose controller is on v1.
Result<Cgroup::Impl::Plan> Cgroup::Impl::planV2OnV1(const std::string &file, const std::string &value) const
{
    const auto w = splitWs(value);
    if (file == "memory.swap.max") {
        // v1 limits memory + swap, and refuses a memsw limit below the memory limit.
        uint64_t swap = 0, mem = 0;
        if (value == "max" || value == "-1")
            return Plan{{"memory.memsw.limit_in_bytes", false, "-1"}};
        if (!parseSize(value, swap))
            return Error::msg("invalid size \"" + value + "\"");
        auto lim = readRaw("memory.limit_in_bytes", false);
        if (!lim)
            return lim.error();
        if (!parseU64(*lim, mem) || mem >= kUnlimited)
            return Error::msg("cgroup v1 limits memory + swap: set memory.max first");
        return Plan{{"memory.memsw.limit_in_bytes", false, swap >= kUnlimited ? "-1" : std::to_string(mem + swap)}};
    }
    if (file == "cpu.max") {
        // "QUOTA [PERIOD]": the period first, unless the quota is lifted.
        uint64_t n = 0;
        if (w.empty() || w.size() > 2 || (w.size() == 2 && !parseU64(w[1], n)) || (w[0] != "max" && !parseU64(w[0], n)))
            return Error::msg("expected \"QUOTA [PERIOD]\" or \"max [PERIOD]\"");
        Plan plan;
        if (w.size() == 2)
            plan.push_back({"cpu.cfs_period_us", false, w[1]});
        const Write quota{"cpu.cfs_quota_us", false, w[0] == "max" ? "-1" : w[0]};
        plan.insert(w[0] == "max" ? plan.begin() : plan.end(), quota);
        return plan;
    }
    if (file == "io.weight") {
        if (w.size() == 1 || (w.size() == 2 && w[0] == "default")) {
            auto v = ioToBlkio(w.back());
            if (!v)
                return v.error();
            return Plan{{"blkio.weight", false, *v}};
        }
        if (w.size() == 2 && w[0].find(':') != std::string::npos) {
            auto v = ioToBlkio(w[1]);
            if (!v)
                return v.error();
            return Plan{{"blkio.weight_device", false, w[0] + " " + *v}};
        }
        return Error::msg("expected \"WEIGHT\", \"default WEIGHT\" or \"MAJOR:MINOR WEIGHT\"");
    }
    return Error::msg("no cgroup v1 equivalent of " + file, ErrorCode::InvalidArgument);
}

// A v1 setting on a machine whose controller is on v2.
Result<Cgroup::Impl::Plan> Cgroup::Impl::planV1OnV2(const std::string &file, const std::string &value) const
{
    if (file == "memory.memsw.limit_in_bytes") {
        uint64_t memsw = 0, mem = 0;
        if (value == "-1" || value == "max")
            return Plan{{"memory.swap.max", true, "max"}};
        if (!parseSize(value, memsw))
            return Error::msg("invalid size \"" + value + "\"");
        auto cur = readRaw("memory.max", true);
        if (!cur)
            return cur.error();
        if (!parseU64(*cur, mem))  // no memory limit: bound the swap alone
            return Plan{{"memory.swap.max", true, std::to_string(memsw)}};
        if (memsw < mem)
            return Error::msg("below the memory limit (" + *cur + ")");
        return Plan{{"memory.swap.max", true, std::to_string(memsw - mem)}};
    }
    if (file == "cpu.cfs_quota_us" || file == "cpu.cfs_period_us") {
        // cpu.max holds both; the other half is what the cgroup has now.
        auto cur = readRaw("cpu.max", true);
        if (!cur)
            return cur.error();
        const auto w = splitWs(*cur);
        std::string quota = w.size() > 0 ? w[0] : "max", period = w.size() > 1 ? w[1] : "100000";
        int64_t n = 0;
        if (!parseI64(value, n) || (n <= 0 && (file == "cpu.cfs_period_us" || n != -1)))
            return Error::msg("\"" + value + "\" is not a positive number of microseconds"
                              + (file == "cpu.cfs_quota_us" ? " or -1" : ""));
        (file == "cpu.cfs_quota_us" ? quota : period) = n < 0 ? "max" : value;
        return Plan{{"cpu.max", true, quota + " " + period}};
    }
    if (file == "blkio.weight") {
        auto v = blkioToIo(value);
        if (!v)
            return v.error();
        return Plan{{"io.weight", true, "default " + *v}};
    }
    if (file == "blkio.weight_device") {
        const auto w = splitWs(value);
        auto v = w.size() == 2 ? blkioToIo(w[1]) : Result<std::string>(Error::msg("expected \"MAJOR:MINOR WEIGHT\""));
        if (!v)
            return v.error();
        return Plan{{"io.weight", true, w[0] + " " + *v}};
    }
    return Error::msg("no cgroup v2 equivalent of " + file, ErrorCode::InvalidArgument);
}

// Reads FILE named for version v2, translated back into that version's form.
Result<std::string> Cgroup::Impl::get(const std::string &file, bool v2) const
{
    if (native(file, v2))
        return readRaw(file, v2);
    if (auto err = known(file, v2))
        return *err;
    if (auto r = renameOf(file, v2)) {
        auto raw = readRaw(r->other, !v2);
        if (!raw)
            return raw.error();
        return convert(r->conv, *raw, v2);
    }
    // The files whose value is made of two others.
    auto two = [&](const char *a, const char *b, bool fromV2) -> Result<std::pair<std::string, std::string>> {
        auto x = readRaw(a, fromV2), y = readRaw(b, fromV2);
        if (!x || !y)
            return !x ? x.error() : y.error();
        return std::pair{*x, *y};
    };
    uint64_t x = 0, y = 0;
    if (v2 && file == "memory.swap.max") {
        auto p = two("memory.memsw.limit_in_bytes", "memory.limit_in_bytes", false);
        if (!p)
            return p.error();
        if (!parseU64(p->first, x) || x >= kUnlimited)
            return std::string("max");
        if (!parseU64(p->second, y) || y >= kUnlimited || y > x)
            return p->first;
        return std::to_string(x - y);
    }
    if (!v2 && file == "memory.memsw.limit_in_bytes") {
        auto p = two("memory.swap.max", "memory.max", true);
        if (!p)
            return p.error();
        if (!parseU64(p->first, x))
            return std::string("-1");
        return parseU64(p->second, y) ? std::to_string(x + y) : p->first;
    }
    if (v2 && file == "cpu.max") {
        auto p = two("cpu.cfs_quota_us", "cpu.cfs_period_us", false);
        if (!p)
            return p.error();
        return (p->first.starts_with("-") ? std::string("max") : p->first) + " " + p->second;
    }
    if (!v2 && (file == "cpu.cfs_quota_us" || file == "cpu.cfs_period_us")) {
        auto cur = readRaw("cpu.max", true);
        if (!cur)
            return cur.error();
        const auto w = splitWs(*cur);
        if (w.size() != 2)
            return Error::msg("unexpected cpu.max \"" + *cur + "\"");
        if (file == "cpu.cfs_period_us")
            return w[1];
        return w[0] == "max" ? std::string("-1") : w[0];
    }
    if (v2 && file == "io.weight") {
        auto cur = readRaw("blkio.weight", false);
        if (!cur)
            return cur.error();
        auto v = blkioToIo(*cur);
        if (!v)
            return v.error();
        return "default " + *v;
    }
    if (!v2 && file == "blkio.weight") {
        auto cur = readRaw("io.weight", true);  // "default 100\n8:0 200\n"
        if (!cur)
            return cur.error();
        const auto w = splitWs(*cur);
        return ioToBlkio(w.size() >= 2 && w[0] == "default" ? w[1] : w.empty() ? std::string() : w[0]);
    }
    return Error::msg(std::string("no cgroup ") + (v2 ? "v1" : "v2") + " equivalent of " + file,
                      ErrorCode::InvalidArgument);
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
Status Cgroup::Impl::make(Hier &h, const std::string &mount, const std::vector<std::string> &segs, bool adopt,
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
    return cg;
}

Cgroup::~Cgroup() = default;

Status Cgroup::apply(const std::vector<CgroupSetting> &settings)
{
    for (const auto &s : settings)
        if (auto err = set(s))
            return err;
    return std::nullopt;
}

Status Cgroup::set(const CgroupSetting &setting)
{
    const std::string ctx = "cgroup setting " + setting.file + " = \"" + setting.value + "\"";
    if (!safeFileName(setting.file))
        return Error::msg("invalid file name (letters, digits, '_' and '.', with a '.' not first)").wrap(ctx);
    if (managedFile(setting.file))
        return Error::msg("managed by the runtime, not a setting").wrap(ctx);
    const std::string value = trim(setting.value);
    if (value.find_first_of(std::string("\n\0", 2)) != std::string::npos)
        return Error::msg("the value must be one line").wrap(ctx);
    if (auto err = d->alive())
        return err->wrap(ctx);
    auto plan = d->planSet(setting.file, setting.v2, value);
    if (!plan)
        return plan.error().wrap(ctx);
    for (const auto &w : *plan)
        if (auto err = d->writeRaw(w))
            return err->wrap(ctx);
    return std::nullopt;
}

Result<std::string> Cgroup::get(const std::string &file, bool v2) const
{
    const std::string ctx = "cgroup " + file;
    if (!safeFileName(file))
        return Error::msg("invalid file name").wrap(ctx);
    if (auto err = d->alive())
        return err->wrap(ctx);
    auto r = d->get(file, v2);
    if (!r)
        return r.error().wrap(ctx);
    return r;
}

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

int Cgroup::v2Fd() const
{
    const Impl::Hier *h = d->v2Hier();
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

// ---------------------------------------------------------------- freezer

namespace {

// v1 has no event for "frozen": poll freezer.state, which reads FREEZING
// until every task is stopped. Writing FROZEN again makes the kernel retry
// the tasks it could not freeze yet.
Status freezeV1(int dir, const std::string &path, bool frozen)
{
    const std::string want = frozen ? "FROZEN" : "THAWED";
    const auto deadline = Clock::now() + 5s;
    for (;;) {
        if (auto err = writeAt(dir, path, "freezer.state", want))
            return err;
        auto state = readAt(dir, path, "freezer.state");
        if (!state)
            return state.error();
        if (trim(*state) == want)
            return std::nullopt;
        if (Clock::now() >= deadline) {
            if (frozen)  // not left half frozen
                (void)writeAt(dir, path, "freezer.state", "THAWED");
            return Error::msg(path + "/freezer.state is still " + trim(*state) + " after 5 s");
        }
        std::this_thread::sleep_for(10ms);
    }
}

// cgroup.events: "populated 0|1" and "frozen 0|1".
struct Events {
    bool populated = false, frozen = false;
};

Result<Events> readEvents(int fd, const std::string &path)
{
    auto text = readFd(fd, path);
    if (!text)
        return text.error();
    Events e;
    for (const auto &line : split(*text, '\n')) {
        const auto w = splitWs(line);
        if (w.size() == 2 && w[0] == "populated")
            e.populated = w[1] == "1";
        else if (w.size() == 2 && w[0] == "frozen")
            e.frozen = w[1] == "1";
    }
    return e;
}

// v2: cgroup.events signals POLLPRI when "frozen" changes (each read re-arms
// it). An empty cgroup may keep a stale "frozen 1" after being thawed (seen
// on 6.18 when its last tasks die while frozen: the kernel re-evaluates the
// parent only when all its descendants count as frozen); new tasks follow
// cgroup.freeze, so thawing an empty cgroup has nothing to wait for.
Status freezeV2(int dir, const std::string &path, bool frozen)
{
    if (auto err = writeAt(dir, path, "cgroup.freeze", frozen ? "1" : "0"))
        return err;
    const std::string events = path + "/cgroup.events";
    UniqueFd fd(::openat(dir, "cgroup.events", O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return Error::sys("open " + events);
    const auto deadline = Clock::now() + 5s;
    for (;;) {
        auto state = readEvents(fd.get(), events);
        if (!state)
            return state.error();
        if (state->frozen == frozen || (!frozen && !state->populated))
            return std::nullopt;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            if (frozen)
                (void)writeAt(dir, path, "cgroup.freeze", "0");
            return Error::msg(events + ": not " + (frozen ? "frozen" : "thawed") + " after 5 s");
        }
        pollfd p{fd.get(), POLLPRI, 0};
        ::poll(&p, 1, int(std::min<long long>(left, 100)));  // bounded: a missed event costs 100 ms
    }
}

}  // namespace

Status Cgroup::Impl::setFrozen(bool frozen) const
{
    if (const Hier *h = v1For("freezer"))
        return freezeV1(h->dir.get(), h->path, frozen);
    if (const Hier *h = v2Hier())
        return freezeV2(h->dir.get(), h->path, frozen);
    return Error::msg("neither the v1 freezer nor cgroup v2 is mounted");
}

Status Cgroup::freeze()
{
    const std::string ctx = "freeze cgroup \"" + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    if (auto err = d->setFrozen(true))
        return err->wrap(ctx);
    return std::nullopt;
}

Status Cgroup::thaw()
{
    const std::string ctx = "thaw cgroup \"" + d->name + "\"";
    if (auto err = d->alive())
        return err->wrap(ctx);
    if (auto err = d->setFrozen(false))
        return err->wrap(ctx);
    return std::nullopt;
}

bool Cgroup::isFrozen() const
{
    if (d->alive())
        return false;
    if (const Impl::Hier *h = d->v1For("freezer")) {
        auto state = readAt(h->dir.get(), h->path, "freezer.state");
        return state && trim(*state) == "FROZEN";
    }
    if (const Impl::Hier *h = d->v2Hier()) {
        // Asked to freeze, and done (a stale "frozen 1" without the ask is not frozen: see freezeV2).
        auto asked = readAt(h->dir.get(), h->path, "cgroup.freeze");
        UniqueFd fd(::openat(h->dir.get(), "cgroup.events", O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        auto state = fd ? readEvents(fd.get(), h->path + "/cgroup.events") : Result<Events>(Events{});
        return asked && trim(*asked) == "1" && state && state->frozen;
    }
    return false;
}

// ---------------------------------------------------------------- stats

Result<CgroupStats> Cgroup::stats() const
{
    if (auto err = d->alive())
        return err->wrap("stats of cgroup \"" + d->name + "\"");
    // A missing or unreadable file counts as 0: stats are for display.
    auto text = [](const Impl::Hier *h, const char *file) {
        auto r = h ? readAt(h->dir.get(), h->path, file) : Result<std::string>(std::string());
        return r ? *r : std::string();
    };
    auto num = [&](const Impl::Hier *h, const char *file) {
        uint64_t n = 0;
        return parseU64(trim(text(h, file)), n) ? n : 0;
    };
    // "key value" lines (cpu.stat) or "key=value" words (io.stat).
    auto keyed = [&](const Impl::Hier *h, const char *file, const std::string &key) {
        uint64_t sum = 0, n = 0;
        const auto w = splitWs(text(h, file));
        for (size_t i = 0; i < w.size(); ++i) {
            if (w[i] == key && i + 1 < w.size() && parseU64(w[i + 1], n))
                sum += n;
            else if (w[i].starts_with(key + "=") && parseU64(std::string_view(w[i]).substr(key.size() + 1), n))
                sum += n;
        }
        return sum;
    };
    const Impl::Hier *v2 = d->v2Hier();
    auto v2With = [&](const char *ctrl) { return d->layout.hasV2(ctrl) ? v2 : nullptr; };
    CgroupStats s;
    if (const auto *h = d->v1For("cpuacct"))
        s.cpuUsageNs = num(h, "cpuacct.usage");
    else if (v2)  // cpu.stat usage_usec exists in every v2 cgroup, controller or not
        s.cpuUsageNs = keyed(v2, "cpu.stat", "usage_usec") * 1000;
    if (const auto *h = d->v1For("memory")) {
        s.memoryBytes = num(h, "memory.usage_in_bytes");
        s.memoryLimit = num(h, "memory.limit_in_bytes");
        if (s.memoryLimit >= kUnlimited)
            s.memoryLimit = 0;
        s.oomKills = keyed(h, "memory.oom_control", "oom_kill");
    } else if (const auto *h = v2With("memory")) {
        s.memoryBytes = num(h, "memory.current");
        s.memoryLimit = num(h, "memory.max");  // "max" reads as 0
        s.oomKills = keyed(h, "memory.events", "oom_kill");
    }
    if (const auto *h = d->v1For("pids") ? d->v1For("pids") : v2With("pids")) {
        s.pids = num(h, "pids.current");
    } else if (auto procs = processes()) {
        s.pids = procs->size();
    }
    if (const auto *h = d->v1For("blkio")) {
        // "8:0 Read 4096" lines per device; _recursive counts the container's sub-cgroups too.
        std::string t = text(h, "blkio.throttle.io_service_bytes_recursive");
        if (t.empty())
            t = text(h, "blkio.throttle.io_service_bytes");
        const auto w = splitWs(t);
        uint64_t n = 0;
        for (size_t i = 0; i + 2 < w.size(); ++i) {
            if (w[i].find(':') == std::string::npos || !parseU64(w[i + 2], n))
                continue;
            if (w[i + 1] == "Read")
                s.ioReadBytes += n;
            else if (w[i + 1] == "Write")
                s.ioWriteBytes += n;
        }
    } else if (const auto *h = v2With("io")) {
        s.ioReadBytes = keyed(h, "io.stat", "rbytes");
        s.ioWriteBytes = keyed(h, "io.stat", "wbytes");
    }
    return s;
}

// ---------------------------------------------------------------- teardown

Status Cgroup::killAll()
{
    const std::string ctx = "kill cgroup \"" + d->name + "\"";
    const auto deadline = Clock::now() + 10s;
    for (;;) {
        std::set<pid_t> pids;
        if (auto err = d->collectAll(pids))
            return err->wrap(ctx);
        if (pids.empty())
            return std::nullopt;
        if (Clock::now() >= deadline)
            return Error::msg(ctx + ": " + std::to_string(pids.size()) + " processes still there after 10 s");
        // cgroup.kill (5.14+) kills the v2 subtree at once, racing forks included.
        if (const Impl::Hier *h = d->v2Hier(); h && h->dir)
            (void)writeAt(h->dir.get(), h->path, "cgroup.kill", "1");
        // Then one by one, for v1-only members and older kernels. A pidfd is
        // opened before membership is checked again, so that a pid reused
        // meanwhile by a process outside the cgroup is never signalled.
        struct Victim {
            pid_t pid;
            UniqueFd fd;
            bool gone;
        };
        std::vector<Victim> victims;
        for (pid_t pid : pids) {
#ifdef SYS_pidfd_open
            UniqueFd fd(int(::syscall(SYS_pidfd_open, pid, 0)));
#else
            UniqueFd fd;
            errno = ENOSYS;
#endif
            const bool gone = !fd && errno == ESRCH;
            victims.push_back({pid, std::move(fd), gone});
        }
        std::set<pid_t> still;
        if (auto err = d->collectAll(still))
            return err->wrap(ctx);
        for (const auto &v : victims) {
            if (v.gone || !still.count(v.pid))
                continue;
#ifdef SYS_pidfd_send_signal
            if (v.fd) {
                ::syscall(SYS_pidfd_send_signal, v.fd.get(), SIGKILL, nullptr, 0);
                continue;
            }
#endif
            ::kill(v.pid, SIGKILL);  // no pidfd on this kernel
        }
        // Tasks frozen by the v1 freezer die only once thawed (the SIGKILL
        // is pending by now, so they do not run again). v2 frozen tasks do
        // die, but the flag would freeze whatever joins the cgroup next.
        if (const Impl::Hier *h = d->v1For("freezer"); h && h->dir) {
            auto state = readAt(h->dir.get(), h->path, "freezer.state");
            if (state && trim(*state) != "THAWED")
                (void)writeAt(h->dir.get(), h->path, "freezer.state", "THAWED");
        }
        if (const Impl::Hier *h = d->v2Hier(); h && h->dir) {
            auto flag = readAt(h->dir.get(), h->path, "cgroup.freeze");
            if (flag && trim(*flag) == "1")
                (void)writeAt(h->dir.get(), h->path, "cgroup.freeze", "0");
        }
        std::this_thread::sleep_for(10ms);
    }
}

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
