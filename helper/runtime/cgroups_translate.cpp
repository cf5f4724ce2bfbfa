#include "cgroups_translate.h"

#include "cgroupfs.h"

#include <algorithm>

namespace hutch::rt::cgroupfs {

std::optional<Rename> renameOf(const std::string &file, bool fromV2)
{
    static const struct {
        const char *v1, *v2;
        Rename::Conv conv;
    } kTable[] = {
        {"memory.limit_in_bytes", "memory.max", Rename::Size},
        {"memory.soft_limit_in_bytes", "memory.low", Rename::Size},
        {"cpu.shares", "cpu.weight", Rename::Shares},
        {"freezer.state", "cgroup.freeze", Rename::Freeze},
    };
    for (const auto &r : kTable)
        if (file == (fromV2 ? r.v2 : r.v1))
            return Rename{fromV2 ? r.v1 : r.v2, r.conv};
    if (file.starts_with("pids.") || file.starts_with("cpuset."))
        return Rename{file, Rename::Same};
    // hugetlb.2MB.limit_in_bytes <-> hugetlb.2MB.max (and .rsvd. alike)
    const std::string from = fromV2 ? ".max" : ".limit_in_bytes", to = fromV2 ? ".limit_in_bytes" : ".max";
    if (file.starts_with("hugetlb.") && file.ends_with(from))
        return Rename{file.substr(0, file.size() - from.size()) + to, Rename::Size};
    return std::nullopt;
}

Result<uint64_t> number(const std::string &value, uint64_t min, uint64_t max)
{
    uint64_t n = 0;
    if (!parseU64(value, n) || n < min || n > max)
        return Error::msg("\"" + value + "\" is not a number from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
}

// A value converted into the other version (toV2: from the v1 file's form).
Result<std::string> convert(Rename::Conv conv, const std::string &value, bool toV2)
{
    switch (conv) {
    case Rename::Same:
        return value;
    case Rename::Size:
        return normSize(value, toV2);
    case Rename::Shares: {
        if (toV2) {
            uint64_t shares = 0;  // the kernel clamps shares to 2..262144 as well
            if (!parseU64(value, shares))
                return Error::msg("\"" + value + "\" is not a number");
            shares = std::clamp<uint64_t>(shares, 2, 262144);
            return std::to_string(1 + (shares - 2) * 9999 / 262142);
        }
        auto w = number(value, 1, 10000);
        if (!w)
            return w.error();
        return std::to_string(2 + ((*w - 1) * 262142 + 9998) / 9999);
    }
    case Rename::Freeze:
        if (toV2 && (value == "FROZEN" || value == "FREEZING"))
            return std::string("1");
        if (toV2 && value == "THAWED")
            return std::string("0");
        if (!toV2 && (value == "1" || value == "0"))
            return std::string(value == "1" ? "FROZEN" : "THAWED");
        return Error::msg("invalid freezer state \"" + value + "\"");
    }
    return value;
}

Result<std::string> blkioToIo(const std::string &v)
{
    auto w = number(v, 10, 1000);
    if (!w)
        return w.error();
    return std::to_string(1 + ((*w - 10) * 9999 + 495) / 990);
}

Result<std::string> ioToBlkio(const std::string &v)
{
    auto w = number(v, 1, 10000);
    if (!w)
        return w.error();
    return std::to_string(10 + ((*w - 1) * 990 + 4999) / 9999);
}

Result<Setting> v1ToV2(const std::string &file, const std::string &value)
{
    if (file == "devices.allow" || file == "devices.deny")
        return Setting{file, value};
    if (auto r = renameOf(file, false)) {
        auto v = convert(r->conv, value, true);
        if (!v)
            return v.error();
        return Setting{r->other, *v};
    }
    if (file == "blkio.weight") {
        auto v = blkioToIo(value);
        if (!v)
            return v.error();
        return Setting{"io.weight", "default " + *v};
    }
    if (file == "blkio.weight_device") {
        const auto w = splitWs(value);
        auto v = w.size() == 2 ? blkioToIo(w[1]) : Result<std::string>(Error::msg("expected \"MAJOR:MINOR WEIGHT\""));
        if (!v)
            return v.error();
        return Setting{"io.weight", w[0] + " " + *v};
    }
    return Error::msg("no cgroup v2 equivalent of " + file + " follows from its value alone", ErrorCode::InvalidArgument);
}

// The controller that holds the same settings in the other version.
std::string otherController(const std::string &c, bool fromV2)
{
    if (fromV2)
        return c == "io" ? "blkio" : c == "cgroup" ? "freezer" : c;
    return c == "blkio" ? "io" : c == "cpuacct" ? "cpu" : c == "freezer" ? "cgroup" : c;
}

// Written by the runtime itself, never by a configuration.
bool managedFile(const std::string &f)
{
    return f == "cgroup.procs" || f == "cgroup.threads" || f == "cgroup.kill" || f == "cgroup.events";
}

}  // namespace hutch::rt::cgroupfs
