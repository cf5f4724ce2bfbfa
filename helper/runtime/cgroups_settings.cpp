// A container's cgroup settings (lxc.cgroup.* and lxc.cgroup2.*), written
// in hutch-monitor: at start, and live when the helper asks. A file is
// written as is where its controller lives in the version it names, else
// translated into the other version's files.
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
#include "cgroups.h"

#include "cgroupfs.h"
#include "cgroups_p.h"
#include "cgroups_translate.h"

namespace hutch::rt {

using namespace cgroupfs;

Result<std::string> Cgroup::Impl::readRaw(const std::string &file, bool v2) const
{
    const CgroupHier *h = native(file, v2);
    if (!h)
        return Error::msg("cgroup controller \"" + controllerOf(file) + "\" is not available on this machine",
                          ErrorCode::NotFound);
    auto r = readAt(h->dir.get(), h->path, file);
    if (!r)
        return r.error();
    return trim(*r);
}

Status Cgroup::Impl::writeRaw(const Write &w) const
{
    const CgroupHier *h = native(w.file, w.v2);
    if (!h)
        return Error::msg("cgroup controller \"" + controllerOf(w.file) + "\" is not available on this machine",
                          ErrorCode::NotFound);
    return writeAt(h->dir.get(), h->path, w.file, w.value);
}

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
    if (file.starts_with("blkio.weight")) {
        auto v = v1ToV2(file, value);
        if (!v)
            return v.error();
        return Plan{{v->file, true, v->value}};
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

}  // namespace hutch::rt
