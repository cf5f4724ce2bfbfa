#include "spec.h"

#include "protocol.h"

#include <cstdio>
#include <string_view>
#include <type_traits>

namespace hutch::rt {

namespace {

// Plain appends, no string streams: the monitor links this file, and
// streams bring libstdc++'s locales into every monitor's memory.
class Writer {
public:
    void put(const char *key, const std::string &v) { line(key, escapeField(v)); }
    void put(const char *key, long long v) { line(key, std::to_string(v)); }
    void put(const char *key, uint64_t v) { line(key, std::to_string(v)); }
    std::string str() const { return m_out; }

private:
    void line(const char *key, const std::string &v)
    {
        m_out.append(key).append(1, ' ').append(v).append(1, '\n');
    }
    std::string m_out;
};

Result<long long> toInt(const std::string &key, const std::string &v)
{
    try {
        size_t end = 0;
        const long long n = std::stoll(v, &end);
        if (end == v.size())
            return n;
    } catch (...) {
    }
    return Error::msg("spec: " + key + ": not a number: " + v);
}

// The unsigned fields reach 2^64-1 (RLIM_INFINITY), past what stoll reads;
// stoull would take "-1" as that, so a sign is refused first.
Result<uint64_t> toUnsigned(const std::string &key, const std::string &v)
{
    if (!v.empty() && v.front() >= '0' && v.front() <= '9') {
        try {
            size_t end = 0;
            const unsigned long long n = std::stoull(v, &end);
            if (end == v.size())
                return uint64_t(n);
        } catch (...) {
        }
    }
    return Error::msg("spec: " + key + ": not an unsigned number: " + v);
}

std::string rangeText(const IdRange &r)
{
    return std::to_string(r.inside) + " " + std::to_string(r.outside) + " " + std::to_string(r.count);
}

Result<IdRange> parseRange(const std::string &key, const std::string &v)
{
    IdRange r;
    unsigned long long a = 0, b = 0, c = 0;
    char tail = 0;
    if (std::sscanf(v.c_str(), "%llu %llu %llu%c", &a, &b, &c, &tail) != 3 || a > UINT32_MAX || b > UINT32_MAX
        || c == 0 || c > UINT32_MAX)
        return Error::msg("spec: " + key + ": not a range: " + v);
    r.inside = uint32_t(a);
    r.outside = uint32_t(b);
    r.count = uint32_t(c);
    return r;
}

}  // namespace

namespace {

uint32_t toHost(const std::vector<IdRange> &map, uint32_t inside)
{
    if (map.empty())
        return inside;
    for (const IdRange &r : map)
        if (inside >= r.inside && inside - r.inside < r.count)
            return r.outside + (inside - r.inside);
    return 65534;
}

}  // namespace

uint32_t LaunchSpec::hostUid(uint32_t inside) const { return toHost(uidMap, inside); }
uint32_t LaunchSpec::hostGid(uint32_t inside) const { return toHost(gidMap, inside); }

std::string LaunchSpec::serialize() const
{
    Writer w;
    w.put("name", name);
    w.put("dir", containerDir);
    w.put("rootfs", rootfs);
    if (!rootfsType.empty()) {
        w.put("rootfs.source", rootfsSource);
        w.put("rootfs.type", rootfsType);
        w.put("rootfs.data", rootfsData);
    }
    for (const IdRange &r : uidMap)
        w.put("idmap.u", rangeText(r));
    for (const IdRange &r : gidMap)
        w.put("idmap.g", rangeText(r));
    if (idmapRootfs)
        w.put("idmap.rootfs", 1LL);
    w.put("hostname", hostname);
    for (const auto &a : init)
        w.put("init", a);
    for (const auto &e : env)
        w.put("env", e);
    for (const auto &m : mounts)
        w.put("mount", m);
    for (const auto &m : mountAuto)
        w.put("mount.auto", m);
    w.put("autodev", (long long)autodev);
    w.put("ttys", (long long)ttys);
    w.put("pty.max", (long long)ptyMax);
    w.put("tty.dir", ttyDir);
    for (int c : capDrop)
        w.put("cap.drop", (long long)c);
    for (int c : capKeep)
        w.put("cap.keep", (long long)c);
    w.put("cap.keep.set", (long long)capKeepSet);
    if (!seccompProfile.empty())
        w.put("seccomp.profile", seccompProfile);
    w.put("seccomp.nesting", (long long)seccompAllowNesting);
    w.put("no_new_privs", (long long)noNewPrivs);
    for (const auto &[k, v] : sysctls) {
        w.put("sysctl.key", k);
        w.put("sysctl.value", v);
    }
    for (const auto &p : prlimits) {
        w.put("prlimit.resource", (long long)p.resource);
        w.put("prlimit.soft", p.soft);
        w.put("prlimit.hard", p.hard);
    }
    for (const auto &c : cgroup) {
        w.put("cgroup.file", c.file);
        w.put("cgroup.value", c.value);
        w.put("cgroup.v2", (long long)c.v2);
    }
    w.put("cgroup.base", cgroupBase);
    w.put("signal.halt", (long long)haltSignal);
    w.put("signal.reboot", (long long)rebootSignal);
    w.put("signal.stop", (long long)stopSignal);
    w.put("log.file", logFile);
    w.put("log.level", (long long)logLevel);
    w.put("console.buffer", consoleBufferSize);
    w.put("console.logfile", consoleLogFile);
    w.put("console.logsize", consoleLogSize);
    w.put("console.rotate", (long long)consoleRotate);
    w.put("socket", socketPath);
    w.put("execute", (long long)execute);
    if (ephemeral)
        w.put("ephemeral", 1LL);
    if (personality >= 0)
        w.put("personality", (long long)personality);
    if (schedCore)
        w.put("sched.core", 1LL);
    if (timeNamespace) {
        w.put("time.boot", (long long)bootOffsetNs);
        w.put("time.monotonic", (long long)monotonicOffsetNs);
    }
    w.put("net.share", (long long)shareHostNet);
    for (const NetDevice &d : net) {
        w.put("net.index", (long long)d.index);  // begins a device
        w.put("net.type", d.type);
        w.put("net.link", d.link);
        w.put("net.name", d.name);
        w.put("net.hwaddr", d.hwaddr);
        w.put("net.mtu", (long long)d.mtu);
        w.put("net.up", (long long)d.up);
        for (const auto &a : d.ipv4)
            w.put("net.ipv4", a);
        for (const auto &a : d.ipv6)
            w.put("net.ipv6", a);
        w.put("net.ipv4.gateway", d.ipv4Gateway);
        w.put("net.ipv6.gateway", d.ipv6Gateway);
        w.put("net.veth.pair", d.vethPair);
        w.put("net.macvlan.mode", d.macvlanMode);
        w.put("net.ipvlan.mode", d.ipvlanMode);
        w.put("net.vlan.id", (long long)d.vlanId);
        if (d.l2proxy)
            w.put("net.l2proxy", 1LL);
        if (d.vethVlanId >= 0)
            w.put("net.veth.vlan.id", (long long)d.vethVlanId);
        for (int id : d.vethVlanTagged)
            w.put("net.veth.vlan.tagged", (long long)id);
        w.put("net.script.up", d.scriptUp);
        w.put("net.script.down", d.scriptDown);
    }
    return w.str();
}

Result<LaunchSpec> LaunchSpec::parse(const std::string &text)
{
    LaunchSpec s;
    std::string pendingSysctl;
    // Line by line, as getline reads them: no empty line after the last '\n'.
    for (size_t at = 0; at < text.size();) {
        size_t end = text.find('\n', at);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(at, end - at);
        at = end + 1;
        const size_t sp = line.find(' ');
        const std::string key = line.substr(0, sp);
        const std::string v = sp == std::string::npos ? std::string() : unescapeField(line.substr(sp + 1));
        auto num = [&]() { return toInt(key, v); };
        auto setInt = [&](auto &into) -> Status {
            using T = std::remove_reference_t<decltype(into)>;
            if constexpr (std::is_same_v<T, uint64_t>) {
                auto n = toUnsigned(key, v);
                if (!n)
                    return n.error();
                into = *n;
            } else {
                auto n = num();
                if (!n)
                    return n.error();
                into = static_cast<T>(*n);
            }
            return std::nullopt;
        };
        Status err;
        if (key == "name") s.name = v;
        else if (key == "dir") s.containerDir = v;
        else if (key == "rootfs") s.rootfs = v;
        else if (key == "rootfs.source") s.rootfsSource = v;
        else if (key == "rootfs.type") s.rootfsType = v;
        else if (key == "rootfs.data") s.rootfsData = v;
        else if (key == "idmap.u" || key == "idmap.g") {
            auto r = parseRange(key, v);
            if (!r)
                return r.error();
            (key == "idmap.u" ? s.uidMap : s.gidMap).push_back(*r);
        }
        else if (key == "idmap.rootfs") err = setInt(s.idmapRootfs);
        else if (key == "hostname") s.hostname = v;
        else if (key == "init") s.init.push_back(v);
        else if (key == "env") s.env.push_back(v);
        else if (key == "mount") s.mounts.push_back(v);
        else if (key == "mount.auto") s.mountAuto.push_back(v);
        else if (key == "autodev") err = setInt(s.autodev);
        else if (key == "ttys") err = setInt(s.ttys);
        else if (key == "pty.max") err = setInt(s.ptyMax);
        else if (key == "tty.dir") s.ttyDir = v;
        else if (key == "cap.drop") { int c = 0; err = setInt(c); s.capDrop.push_back(c); }
        else if (key == "cap.keep") { int c = 0; err = setInt(c); s.capKeep.push_back(c); }
        else if (key == "cap.keep.set") err = setInt(s.capKeepSet);
        else if (key == "seccomp.profile") s.seccompProfile = v;
        else if (key == "seccomp.nesting") err = setInt(s.seccompAllowNesting);
        else if (key == "no_new_privs") err = setInt(s.noNewPrivs);
        else if (key == "sysctl.key") pendingSysctl = v;
        else if (key == "sysctl.value") s.sysctls.emplace_back(pendingSysctl, v);
        else if (key == "prlimit.resource") { s.prlimits.emplace_back(); err = setInt(s.prlimits.back().resource); }
        else if (key == "prlimit.soft" && !s.prlimits.empty()) err = setInt(s.prlimits.back().soft);
        else if (key == "prlimit.hard" && !s.prlimits.empty()) err = setInt(s.prlimits.back().hard);
        else if (key == "cgroup.file") s.cgroup.push_back({v, {}, false});
        else if (key == "cgroup.value" && !s.cgroup.empty()) s.cgroup.back().value = v;
        else if (key == "cgroup.v2" && !s.cgroup.empty()) err = setInt(s.cgroup.back().v2);
        else if (key == "cgroup.base") s.cgroupBase = v;
        else if (key == "signal.halt") err = setInt(s.haltSignal);
        else if (key == "signal.reboot") err = setInt(s.rebootSignal);
        else if (key == "signal.stop") err = setInt(s.stopSignal);
        else if (key == "log.file") s.logFile = v;
        else if (key == "log.level") err = setInt(s.logLevel);
        else if (key == "console.buffer") err = setInt(s.consoleBufferSize);
        else if (key == "console.logfile") s.consoleLogFile = v;
        else if (key == "console.logsize") err = setInt(s.consoleLogSize);
        else if (key == "console.rotate") err = setInt(s.consoleRotate);
        else if (key == "socket") s.socketPath = v;
        else if (key == "execute") err = setInt(s.execute);
        else if (key == "ephemeral") err = setInt(s.ephemeral);
        else if (key == "personality") err = setInt(s.personality);
        else if (key == "sched.core") err = setInt(s.schedCore);
        else if (key == "time.boot") { s.timeNamespace = true; err = setInt(s.bootOffsetNs); }
        else if (key == "time.monotonic") { s.timeNamespace = true; err = setInt(s.monotonicOffsetNs); }
        else if (key == "net.share") err = setInt(s.shareHostNet);
        else if (key == "net.index") { s.net.emplace_back(); err = setInt(s.net.back().index); }
        else if (key.rfind("net.", 0) == 0 && !s.net.empty()) {
            NetDevice &d = s.net.back();
            if (key == "net.type") d.type = v;
            else if (key == "net.link") d.link = v;
            else if (key == "net.name") d.name = v;
            else if (key == "net.hwaddr") d.hwaddr = v;
            else if (key == "net.mtu") err = setInt(d.mtu);
            else if (key == "net.up") err = setInt(d.up);
            else if (key == "net.ipv4") d.ipv4.push_back(v);
            else if (key == "net.ipv6") d.ipv6.push_back(v);
            else if (key == "net.ipv4.gateway") d.ipv4Gateway = v;
            else if (key == "net.ipv6.gateway") d.ipv6Gateway = v;
            else if (key == "net.veth.pair") d.vethPair = v;
            else if (key == "net.macvlan.mode") d.macvlanMode = v;
            else if (key == "net.ipvlan.mode") d.ipvlanMode = v;
            else if (key == "net.vlan.id") err = setInt(d.vlanId);
            else if (key == "net.l2proxy") err = setInt(d.l2proxy);
            else if (key == "net.veth.vlan.id") err = setInt(d.vethVlanId);
            else if (key == "net.veth.vlan.tagged") { int id = 0; err = setInt(id); d.vethVlanTagged.push_back(id); }
            else if (key == "net.script.up") d.scriptUp = v;
            else if (key == "net.script.down") d.scriptDown = v;
            else return Error::msg("spec: unknown key \"" + key + "\"");
        }
        else if (!key.empty()) return Error::msg("spec: unknown key \"" + key + "\"");
        if (err)
            return *err;
    }
    if (s.name.empty() || s.rootfs.empty() || s.init.empty() || s.socketPath.empty())
        return Error::msg("spec: name, rootfs, init and socket are required");
    return s;
}

}  // namespace hutch::rt
