#include "devicerules.h"

#include "bpfdevices.h"
#include "uniquefd.h"

#include <fcntl.h>

#include <sstream>

namespace hutch::rt {

namespace {

bool parseNumberOrAny(const std::string &s, long &out)
{
    if (s == "*") {
        out = -1;
        return true;
    }
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stol(s);
    return true;
}

}  // namespace

Result<DeviceRule> parseDeviceRule(const std::string &value, bool allow)
{
    std::istringstream in(value);
    std::string type, numbers, access, extra;
    in >> type >> numbers >> access >> extra;
    const Error bad = Error::msg("expected \"a\" or \"TYPE MAJOR:MINOR ACCESS\" (c 1:3 rwm), not \"" + value + "\"");
    DeviceRule r;
    r.allow = allow;
    if (type.size() != 1 || (type[0] != 'a' && type[0] != 'b' && type[0] != 'c') || !extra.empty())
        return bad;
    r.type = type[0];
    if (numbers.empty()) {
        if (r.type != 'a')
            return bad;
        return r;
    }
    const size_t colon = numbers.find(':');
    if (colon == std::string::npos || !parseNumberOrAny(numbers.substr(0, colon), r.major)
        || !parseNumberOrAny(numbers.substr(colon + 1), r.minor))
        return bad;
    if (!access.empty()) {
        r.access = 0;
        for (char c : access) {
            const unsigned bit = c == 'r' ? kDevRead : c == 'w' ? kDevWrite : c == 'm' ? kDevMknod : 0;
            if (!bit)
                return bad;
            r.access |= bit;
        }
    }
    return r;
}

bool isDeviceSetting(const CgroupSetting &s)
{
    return s.file == "devices.allow" || s.file == "devices.deny";
}

std::vector<CgroupSetting> defaultDeviceSettings()
{
    static const char *const allowed[] = {
        "c *:* m",     "b *:* m",   // mknod of any node; using it is another matter
        "c 1:3 rwm",   // null
        "c 1:5 rwm",   // zero
        "c 1:7 rwm",   // full
        "c 1:8 rwm",   // random
        "c 1:9 rwm",   // urandom
        "c 5:0 rwm",   // tty
        "c 5:1 rwm",   // console
        "c 5:2 rwm",   // ptmx
        "c 136:* rwm", // the ptys
        "c 10:229 rwm",// fuse
        "c 10:200 rwm",// tun
    };
    std::vector<CgroupSetting> out;
    for (bool v2 : {false, true}) {
        out.push_back({"devices.deny", "a", v2});
        for (const char *a : allowed)
            out.push_back({"devices.allow", a, v2});
    }
    return out;
}

Status applyDeviceSettings(Cgroup &cgroup, const CgroupLayout &layout, const std::vector<CgroupSetting> &settings,
                           std::vector<std::string> *skipped)
{
    std::vector<DeviceRule> v1Rules, v2Rules;
    bool anyV2 = false;
    for (const CgroupSetting &s : settings) {
        const std::string ctx = std::string(s.v2 ? "lxc.cgroup2." : "lxc.cgroup.") + s.file + " = \"" + s.value + "\"";
        auto rule = parseDeviceRule(s.value, s.file == "devices.allow");
        if (!rule)
            return rule.error().wrap(ctx);
        if (s.v2) {
            anyV2 = true;
            v2Rules.push_back(*rule);
            continue;
        }
        if (!layout.hasV1("devices")) {
            if (skipped)
                skipped->push_back(ctx + ": no v1 devices hierarchy on this host");
            continue;
        }
        if (auto err = cgroup.set(s))
            return err;
        v1Rules.push_back(*rule);
    }
    if (!anyV2)
        return std::nullopt;
    // A hybrid host checks a device against the v1 devices hierarchy and
    // the v2 programs both, and the container is in both: the same rules
    // in v2 (LXC's common.conf ones are given for both) would only be
    // checked twice. Loading the program costs a start about 0.3 ms.
    if (v2Rules == v1Rules) {
        if (skipped)
            skipped->push_back("lxc.cgroup2.devices.*: the same rules as lxc.cgroup.devices.*, which the v1 devices "
                               "hierarchy enforces already");
        return std::nullopt;
    }
    // The container's v2 cgroup, also on a hybrid host whose v2 hierarchy
    // has no controllers: the device hook of BPF programs works there too.
    std::string v2Path;
    if (!layout.unifiedMount.empty())
        for (const std::string &p : cgroup.paths())
            if (p.rfind(layout.unifiedMount + "/", 0) == 0)
                v2Path = p;
    if (v2Path.empty()) {
        if (skipped)
            skipped->push_back("lxc.cgroup2.devices.*: no cgroup v2 hierarchy on this host");
        return std::nullopt;
    }
    UniqueFd dir(::open(v2Path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        return Error::sys("open " + v2Path).wrap("lxc.cgroup2.devices");
    if (auto err = attachDeviceProgram(dir.get(), v2Rules))
        return err->wrap("lxc.cgroup2.devices");
    return std::nullopt;
}

}  // namespace hutch::rt
