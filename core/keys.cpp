#include "keys.h"

#include "arch.h"
#include "values.h"

#include <QHash>
#include <QRegularExpression>
#include <QSysInfo>

#include <algorithm>

namespace hutch::keys {

namespace {

using VT = ValueType;
constexpr auto Single = Multiplicity::Single;
constexpr auto List = Multiplicity::List;

struct Spec {
    const char *pattern;  // N: a network index; *: one or more free segments
    ValueType type;
    Multiplicity multiplicity;
};

// Every key of lxc.container.conf(5) (LXC 5 and 6). Specific patterns come
// before the wildcards that would also match them (lxc.cgroup.dir before
// lxc.cgroup.*).
constexpr Spec kSpecs[] = {
    {"lxc.arch", VT::Arch, Single},
    {"lxc.uts.name", VT::Hostname, Single},
    {"lxc.signal.halt", VT::Signal, Single},
    {"lxc.signal.reboot", VT::Signal, Single},
    {"lxc.signal.stop", VT::Signal, Single},
    {"lxc.init.cmd", VT::NonEmpty, Single},
    {"lxc.init.cwd", VT::Path, Single},
    {"lxc.init.uid", VT::UnsignedInteger, Single},
    {"lxc.init.gid", VT::UnsignedInteger, Single},
    {"lxc.init.groups", VT::String, Single},
    {"lxc.execute.cmd", VT::NonEmpty, Single},
    {"lxc.ephemeral", VT::Bool, Single},
    {"lxc.proc", VT::ClearOnly, Single},
    {"lxc.proc.*", VT::String, Single},

    {"lxc.net", VT::ClearOnly, Single},
    {"lxc.net.N", VT::ClearOnly, Single},
    {"lxc.net.N.type", VT::NetType, Single},
    {"lxc.net.N.flags", VT::NetFlags, Single},
    {"lxc.net.N.link", VT::InterfaceName, Single},
    {"lxc.net.N.l2proxy", VT::Bool, Single},
    {"lxc.net.N.mtu", VT::Mtu, Single},
    {"lxc.net.N.name", VT::InterfaceName, Single},
    {"lxc.net.N.hwaddr", VT::Mac, Single},
    {"lxc.net.N.ipv4.address", VT::IPv4Address, List},
    {"lxc.net.N.ipv4.gateway", VT::IPv4Gateway, Single},
    {"lxc.net.N.ipv6.address", VT::IPv6Address, List},
    {"lxc.net.N.ipv6.gateway", VT::IPv6Gateway, Single},
    {"lxc.net.N.script.up", VT::Hook, Single},
    {"lxc.net.N.script.down", VT::Hook, Single},
    {"lxc.net.N.veth.mode", VT::VethMode, Single},
    {"lxc.net.N.veth.pair", VT::InterfaceName, Single},
    {"lxc.net.N.veth.ipv4.route", VT::IPv4Address, List},
    {"lxc.net.N.veth.ipv6.route", VT::IPv6Address, List},
    {"lxc.net.N.veth.vlan.id", VT::VlanId, Single},
    {"lxc.net.N.veth.vlan.tagged.id", VT::VlanId, List},
    {"lxc.net.N.macvlan.mode", VT::MacvlanMode, Single},
    {"lxc.net.N.ipvlan.mode", VT::IpvlanMode, Single},
    {"lxc.net.N.ipvlan.isolation", VT::IpvlanIsolation, Single},
    {"lxc.net.N.vlan.id", VT::VlanId, Single},

    {"lxc.pty.max", VT::UnsignedInteger, Single},
    {"lxc.console.buffer.size", VT::Size, Single},
    {"lxc.console.size", VT::Size, Single},
    {"lxc.console.logfile", VT::Path, Single},
    {"lxc.console.rotate", VT::Bool, Single},
    {"lxc.console.path", VT::ConsolePath, Single},
    {"lxc.tty.max", VT::UnsignedInteger, Single},
    {"lxc.tty.dir", VT::TtyDir, Single},
    {"lxc.autodev", VT::Bool, Single},
    {"lxc.autodev.tmpfs.size", VT::UnsignedInteger, Single},

    {"lxc.mount.fstab", VT::Path, Single},
    {"lxc.mount.entry", VT::MountEntry, List},
    {"lxc.mount.auto", VT::MountAuto, List},
    {"lxc.rootfs.path", VT::RootfsPath, Single},
    {"lxc.rootfs.mount", VT::Path, Single},
    {"lxc.rootfs.options", VT::String, Single},
    {"lxc.rootfs.managed", VT::Bool, Single},

    {"lxc.cgroup", VT::ClearOnly, Single},
    {"lxc.cgroup.dir", VT::Path, Single},
    {"lxc.cgroup.dir.container", VT::Path, Single},
    {"lxc.cgroup.dir.container.inner", VT::Path, Single},
    {"lxc.cgroup.dir.monitor", VT::Path, Single},
    {"lxc.cgroup.dir.monitor.pivot", VT::Path, Single},
    {"lxc.cgroup.relative", VT::Bool, Single},
    {"lxc.cgroup.devices.allow", VT::CgroupValue, List},
    {"lxc.cgroup.devices.deny", VT::CgroupValue, List},
    {"lxc.cgroup.*", VT::CgroupValue, Single},
    {"lxc.cgroup2", VT::ClearOnly, Single},
    {"lxc.cgroup2.devices.allow", VT::CgroupValue, List},
    {"lxc.cgroup2.devices.deny", VT::CgroupValue, List},
    {"lxc.cgroup2.*", VT::CgroupValue, Single},

    {"lxc.cap.drop", VT::Capabilities, List},
    {"lxc.cap.keep", VT::CapabilitiesKeep, List},
    {"lxc.namespace.clone", VT::Namespaces, Single},
    {"lxc.namespace.keep", VT::Namespaces, Single},
    {"lxc.namespace.share.*", VT::NonEmpty, Single},
    {"lxc.sysctl", VT::ClearOnly, Single},
    {"lxc.sysctl.*", VT::String, Single},
    {"lxc.prlimit", VT::ClearOnly, Single},
    {"lxc.prlimit.*", VT::Prlimit, Single},

    {"lxc.apparmor.profile", VT::String, Single},
    {"lxc.apparmor.allow_incomplete", VT::Bool, Single},
    {"lxc.apparmor.allow_nesting", VT::Bool, Single},
    {"lxc.apparmor.raw", VT::String, List},
    {"lxc.selinux.context", VT::String, Single},
    {"lxc.selinux.context.keyring", VT::String, Single},
    {"lxc.keyring.session", VT::Bool, Single},
    {"lxc.seccomp.profile", VT::Path, Single},
    {"lxc.seccomp.allow_nesting", VT::Bool, Single},
    {"lxc.seccomp.notify.proxy", VT::String, Single},
    {"lxc.seccomp.notify.cookie", VT::String, Single},
    {"lxc.no_new_privs", VT::Bool, Single},
    {"lxc.idmap", VT::IdMap, List},

    {"lxc.hook", VT::ClearOnly, Single},
    {"lxc.hook.pre-start", VT::Hook, List},
    {"lxc.hook.pre-mount", VT::Hook, List},
    {"lxc.hook.mount", VT::Hook, List},
    {"lxc.hook.autodev", VT::Hook, List},
    {"lxc.hook.start-host", VT::Hook, List},
    {"lxc.hook.start", VT::Hook, List},
    {"lxc.hook.stop", VT::Hook, List},
    {"lxc.hook.post-stop", VT::Hook, List},
    {"lxc.hook.clone", VT::Hook, List},
    {"lxc.hook.destroy", VT::Hook, List},
    {"lxc.hook.version", VT::HookVersion, Single},

    {"lxc.log.level", VT::LogLevel, Single},
    {"lxc.log.file", VT::Path, Single},
    {"lxc.log.syslog", VT::String, Single},
    {"lxc.start.auto", VT::Bool, Single},
    {"lxc.start.delay", VT::UnsignedInteger, Single},
    {"lxc.start.order", VT::Integer, Single},
    {"lxc.monitor.unshare", VT::Bool, Single},
    {"lxc.monitor.signal.pdeath", VT::Signal, Single},
    {"lxc.group", VT::String, List},
    {"lxc.environment", VT::Environment, List},
    {"lxc.environment.runtime", VT::Environment, List},
    {"lxc.environment.hooks", VT::Environment, List},
    {"lxc.sched.core", VT::Bool, Single},
    {"lxc.time.offset.boot", VT::TimeOffset, Single},
    {"lxc.time.offset.monotonic", VT::TimeOffset, Single},
    {"lxc.include", VT::Path, List},
};

// The keys of the table the runtime does not apply (patterns as above).
// Every other key is honoured at start, or belongs to another operation
// (lxc.start.* to autostart, lxc.hook.clone/destroy to clone and destroy,
// lxc.include and lxc.group to the store).
constexpr const char *kNotApplied[] = {
    "lxc.init.cwd", "lxc.init.uid", "lxc.init.gid", "lxc.init.groups", "lxc.proc.*",
    "lxc.net.N.veth.mode", "lxc.net.N.veth.ipv4.route", "lxc.net.N.veth.ipv6.route",
    "lxc.net.N.ipvlan.isolation",
    "lxc.console.path", "lxc.autodev.tmpfs.size",
    "lxc.cgroup.dir", "lxc.cgroup.dir.container", "lxc.cgroup.dir.container.inner", "lxc.cgroup.dir.monitor",
    "lxc.cgroup.dir.monitor.pivot", "lxc.cgroup.relative",
    "lxc.namespace.clone", "lxc.namespace.keep", "lxc.namespace.share.*",
    "lxc.apparmor.raw", "lxc.selinux.context", "lxc.selinux.context.keyring",
    "lxc.seccomp.notify.proxy", "lxc.seccomp.notify.cookie",
    "lxc.hook.pre-start", "lxc.hook.pre-mount", "lxc.hook.mount", "lxc.hook.autodev", "lxc.hook.start-host",
    "lxc.hook.start", "lxc.hook.stop", "lxc.hook.post-stop",
    "lxc.log.syslog", "lxc.monitor.unshare", "lxc.monitor.signal.pdeath",
};

constexpr int kMaxNetworkIndex = 1023;

// Legacy (before LXC 2.1) names that are plain renames.
struct Rename {
    const char *legacy;
    const char *modern;
};
constexpr Rename kRenames[] = {
    {"lxc.id_map", "lxc.idmap"},
    {"lxc.pts", "lxc.pty.max"},
    {"lxc.tty", "lxc.tty.max"},
    {"lxc.devttydir", "lxc.tty.dir"},
    {"lxc.aa_profile", "lxc.apparmor.profile"},
    {"lxc.aa_allow_incomplete", "lxc.apparmor.allow_incomplete"},
    {"lxc.se_context", "lxc.selinux.context"},
    {"lxc.console", "lxc.console.path"},
    {"lxc.mount", "lxc.mount.fstab"},
    {"lxc.rootfs", "lxc.rootfs.path"},
    {"lxc.utsname", "lxc.uts.name"},
    {"lxc.seccomp", "lxc.seccomp.profile"},
    {"lxc.logfile", "lxc.log.file"},
    {"lxc.loglevel", "lxc.log.level"},
    {"lxc.haltsignal", "lxc.signal.halt"},
    {"lxc.rebootsignal", "lxc.signal.reboot"},
    {"lxc.stopsignal", "lxc.signal.stop"},
    {"lxc.syslog", "lxc.log.syslog"},
    {"lxc.init_cmd", "lxc.init.cmd"},
    {"lxc.init_uid", "lxc.init.uid"},
    {"lxc.init_gid", "lxc.init.gid"},
    {"lxc.limit", "lxc.prlimit"},
};
// lxc.limit.RESOURCE → lxc.prlimit.RESOURCE is handled as a prefix.

constexpr const char *kRemoved[] = {"lxc.pivotdir", "lxc.kmsg", "lxc.rootfs.backend"};

// lxc.network.X → lxc.net.N.Y
constexpr Rename kNetworkMembers[] = {
    {"flags", "flags"},
    {"link", "link"},
    {"name", "name"},
    {"hwaddr", "hwaddr"},
    {"mtu", "mtu"},
    {"ipv4", "ipv4.address"},
    {"ipv4.gateway", "ipv4.gateway"},
    {"ipv6", "ipv6.address"},
    {"ipv6.gateway", "ipv6.gateway"},
    {"script.up", "script.up"},
    {"script.down", "script.down"},
    // The name some 2012-era documents used (the Ubuntu LXC guide among them).
    {"lxcscript.up", "script.up"},
    {"lxcscript.down", "script.down"},
    {"veth.pair", "veth.pair"},
    {"macvlan.mode", "macvlan.mode"},
    {"vlan.id", "vlan.id"},
    {"type", "type"},
};

std::optional<QString> networkMember(const QString &legacyMember)
{
    for (const auto &m : kNetworkMembers)
        if (legacyMember == QLatin1String(m.legacy))
            return QString::fromLatin1(m.modern);
    return std::nullopt;
}

bool isIndex(QStringView s)
{
    if (s.isEmpty() || s.size() > 4 || (s.size() > 1 && s.front() == QLatin1Char('0')))
        return false;
    for (QChar c : s)
        if (!c.isDigit() || c.unicode() > '9')
            return false;
    return s.toInt() <= kMaxNetworkIndex;
}

// The free part of a wildcard key must be safe to turn into a file name
// under /proc/sys or a cgroup directory: no "..", no "/", no blanks.
bool isSafeSuffix(QLatin1String pattern, const QStringList &rest)
{
    static const QRegularExpression segment(QStringLiteral("^[A-Za-z0-9_-]+$"));
    for (const QString &s : rest)
        if (!segment.match(s).hasMatch())
            return false;
    if (pattern.startsWith(QLatin1String("lxc.cgroup")))
        return rest.size() >= 2;  // controller.file
    if (pattern == QLatin1String("lxc.prlimit.*")) {
        static const QStringList resources = {
            QStringLiteral("as"),      QStringLiteral("core"),       QStringLiteral("cpu"),
            QStringLiteral("data"),    QStringLiteral("fsize"),      QStringLiteral("locks"),
            QStringLiteral("memlock"), QStringLiteral("msgqueue"),   QStringLiteral("nice"),
            QStringLiteral("nofile"),  QStringLiteral("nproc"),      QStringLiteral("rss"),
            QStringLiteral("rtprio"),  QStringLiteral("rttime"),     QStringLiteral("sigpending"),
            QStringLiteral("stack")};
        return rest.size() == 1 && resources.contains(rest.front());
    }
    if (pattern == QLatin1String("lxc.namespace.share.*")) {
        static const QStringList ns = {QStringLiteral("cgroup"), QStringLiteral("ipc"),
                                       QStringLiteral("mnt"),    QStringLiteral("net"),
                                       QStringLiteral("pid"),    QStringLiteral("time"),
                                       QStringLiteral("user"),   QStringLiteral("uts")};
        return rest.size() == 1 && ns.contains(rest.front());
    }
    return true;
}

struct ParsedSpec {
    const Spec *spec;
    QStringList segments;
};

// The specs grouped by their second segment ("net", "cgroup", ...), parsed
// once: lookup runs for every line of every config read.
const QHash<QString, QList<ParsedSpec>> &specIndex()
{
    static const QHash<QString, QList<ParsedSpec>> index = [] {
        QHash<QString, QList<ParsedSpec>> h;
        for (const Spec &spec : kSpecs) {
            const QStringList segs = QString::fromLatin1(spec.pattern).split(QLatin1Char('.'));
            h[segs.at(1)].append(ParsedSpec{&spec, segs});
        }
        return h;
    }();
    return index;
}

bool matches(const ParsedSpec &p, const QStringList &segs)
{
    const QStringList &pat = p.segments;
    for (qsizetype i = 0; i < pat.size(); ++i) {
        if (pat[i] == QLatin1String("*"))
            return segs.size() > i && isSafeSuffix(QLatin1String(p.spec->pattern), segs.mid(i));
        if (i >= segs.size())
            return false;
        if (pat[i] == QLatin1String("N") ? !isIndex(segs[i]) : pat[i] != segs[i])
            return false;
    }
    return pat.size() == segs.size();
}

Error bad(const QString &what) { return Error::invalid(what); }

Status oneOf(const QString &value, const QStringList &choices, const QString &what)
{
    if (choices.contains(value))
        return std::nullopt;
    return bad(QStringLiteral("\"%1\" is not a %2 (one of: %3)").arg(value, what, choices.join(QStringLiteral(", "))));
}

Status validateMountAuto(const QString &value)
{
    static const QRegularExpression token(QStringLiteral(
        "^(proc(:(mixed|rw))?|sys(:(mixed|ro|rw))?|cgroup(-full)?(:(mixed|ro|rw))?(:force)?"
        "|shmounts:[^:]+(:[^:]+)?)$"));
    const QStringList tokens = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &t : tokens)
        if (!token.match(t).hasMatch())
            return bad(QStringLiteral("\"%1\" is not an lxc.mount.auto option (proc:mixed, sys:ro, cgroup:mixed, ...)").arg(t));
    return std::nullopt;
}

Status validateNamespaces(const QString &value)
{
    static const QStringList names = {QStringLiteral("cgroup"), QStringLiteral("ipc"),
                                      QStringLiteral("mnt"),    QStringLiteral("net"),
                                      QStringLiteral("pid"),    QStringLiteral("time"),
                                      QStringLiteral("user"),   QStringLiteral("uts")};
    for (const QString &n : value.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (auto err = oneOf(n, names, QStringLiteral("namespace")))
            return err;
    return std::nullopt;
}

Status checkResult(const auto &result)
{
    if (!result)
        return result.error();
    return std::nullopt;
}

}  // namespace

std::optional<KeyInfo> lookup(const QString &key)
{
    if (!key.startsWith(QLatin1String("lxc.")))
        return std::nullopt;
    const QStringList segs = key.split(QLatin1Char('.'));
    if (segs.size() < 2)
        return std::nullopt;
    const auto &index = specIndex();
    const auto group = index.find(segs.at(1));
    if (group == index.end())
        return std::nullopt;
    for (const ParsedSpec &p : *group)
        if (matches(p, segs))
            return KeyInfo{QString::fromLatin1(p.spec->pattern), p.spec->type, p.spec->multiplicity};
    return std::nullopt;
}

std::optional<QString> runtimeRefusal(const QString &key, const QString &value)
{
    const auto info = lookup(key);
    if (!info)
        return std::nullopt;  // unknown keys are the parser's business
    if (info->pattern == QLatin1String("lxc.apparmor.profile")) {
        // No AppArmor in the kernels Hutch supports here: only the names
        // that mean "no profile of its own" can be honoured.
        if (value == QLatin1String("unconfined") || value == QLatin1String("generated"))
            return std::nullopt;
        return QStringLiteral("lxc.apparmor.profile = %1: AppArmor is not available on this host; "
                              "only \"unconfined\" and \"generated\" can be honoured").arg(value);
    }
    if (info->pattern == QLatin1String("lxc.keyring.session") && value != QLatin1String("0"))
        return QStringLiteral("lxc.keyring.session is not supported (set it to 0)");
    if (info->pattern == QLatin1String("lxc.arch") && !value.isEmpty()) {
        const arch::Plan plan = arch::plan(value);
        if (plan.kind == arch::Plan::Kind::Unsupported)
            return QStringLiteral("lxc.arch = %1: %2").arg(value, plan.why);
        return std::nullopt;
    }
    // Hutch runs no hooks (the lxc.hook.* that run at start are refused
    // below), so an environment meant only for hooks is refused alike:
    // LXC would hand it to programs that Hutch will not run.
    if (info->pattern == QLatin1String("lxc.environment.hooks") && !value.isEmpty())
        return QStringLiteral("lxc.environment.hooks is not supported (Hutch runs no hooks: lxc.hook.* are refused too)");
    for (const char *p : kNotApplied)
        if (info->pattern == QLatin1String(p))
            return QStringLiteral("%1 is not supported").arg(key);
    return std::nullopt;
}

bool isClearingKey(const QString &key)
{
    const auto info = lookup(key);
    return info && (info->type == VT::ClearOnly || info->multiplicity == List);
}

bool clearedBy(const QString &key, const QString &clearKey)
{
    if (key == clearKey)
        return true;
    if (!key.startsWith(clearKey) || key.at(clearKey.size()) != QLatin1Char('.'))
        return false;
    // "lxc.cgroup =" clears controller settings, not where the cgroup lives;
    // "lxc.hook =" clears the hooks, not their calling convention.
    const auto info = lookup(key);
    if (clearKey == QLatin1String("lxc.cgroup"))
        return info && info->type == VT::CgroupValue;
    if (clearKey == QLatin1String("lxc.hook"))
        return info && info->type == VT::Hook;
    return true;
}

std::optional<LegacyTranslation> translateLegacy(const QString &key)
{
    using K = LegacyTranslation::Kind;
    for (const auto &r : kRenames)
        if (key == QLatin1String(r.legacy))
            return LegacyTranslation{K::Rename, QString::fromLatin1(r.modern)};
    if (key.startsWith(QLatin1String("lxc.limit.")))
        return LegacyTranslation{K::Rename, QStringLiteral("lxc.prlimit.") + key.mid(10)};
    for (const char *removed : kRemoved)
        if (key == QLatin1String(removed))
            return LegacyTranslation{K::Removed, {}};
    if (key == QLatin1String("lxc.network"))
        return LegacyTranslation{K::NetworkClear, QStringLiteral("lxc.net")};
    if (key == QLatin1String("lxc.network.type"))
        return LegacyTranslation{K::NetworkNew, QStringLiteral("type")};
    if (!key.startsWith(QLatin1String("lxc.network.")))
        return std::nullopt;
    const QString rest = key.mid(12);
    // lxc.network.N.member (LXC 1.x/2.0 indexed form)
    const qsizetype dot = rest.indexOf(QLatin1Char('.'));
    if (dot > 0 && isIndex(QStringView(rest).left(dot))) {
        if (auto m = networkMember(rest.mid(dot + 1)))
            return LegacyTranslation{K::NetworkIndexed,
                                     QStringLiteral("lxc.net.") + rest.left(dot) + QLatin1Char('.') + *m};
        return std::nullopt;
    }
    if (auto m = networkMember(rest))
        return LegacyTranslation{K::NetworkMember, *m};
    return std::nullopt;
}

KeyTranslator::Outcome KeyTranslator::translate(const QString &key)
{
    using K = LegacyTranslation::Kind;
    Outcome out;
    const auto legacy = translateLegacy(key);
    if (!legacy) {
        out.modern = key;
        // A modern lxc.net.N takes its index: a later legacy network gets the next.
        if (key.startsWith(QLatin1String("lxc.net."))) {
            const QStringView rest = QStringView(key).mid(8);
            const QStringView index = rest.left(rest.indexOf(QLatin1Char('.')));
            if (isIndex(index))
                m_next = std::max(m_next, index.toInt() + 1);
        }
        return out;
    }
    out.legacy = true;
    switch (legacy->kind) {
    case K::Rename:
        out.modern = legacy->modern;
        break;
    case K::Removed:
        out.removed = true;
        break;
    case K::NetworkClear:
        m_next = 0;
        m_current = -1;
        out.modern = legacy->modern;
        break;
    case K::NetworkNew:
        if (m_next > kMaxNetworkIndex) {
            out.error = QStringLiteral("too many networks");
            break;
        }
        m_current = m_next++;
        out.modern = QStringLiteral("lxc.net.%1.type").arg(m_current);
        break;
    case K::NetworkMember:
        if (m_current < 0) {
            out.error = QStringLiteral("%1 comes before any lxc.network.type").arg(key);
            break;
        }
        out.modern = QStringLiteral("lxc.net.%1.%2").arg(m_current).arg(legacy->modern);
        break;
    case K::NetworkIndexed: {
        out.modern = legacy->modern;
        const int index = legacy->modern.section(QLatin1Char('.'), 2, 2).toInt();
        m_next = std::max(m_next, index + 1);
        break;
    }
    }
    return out;
}

QStringList legacyKeyNames()
{
    QStringList names;
    for (const auto &r : kRenames)
        names << QString::fromLatin1(r.legacy);
    for (const char *removed : kRemoved)
        names << QString::fromLatin1(removed);
    names << QStringLiteral("lxc.network");
    for (const auto &m : kNetworkMembers)
        names << QStringLiteral("lxc.network.") + QLatin1String(m.legacy);
    return names;
}

Status validateCgroupValue(const QString &file, bool v2, const QString &value)
{
    if (auto err = values::validateNoControlChars(value))
        return err;
    using namespace values;
    auto sizeOrMax = [&](bool allowMinusOne) -> Status {
        if (value == QLatin1String("max") || (allowMinusOne && value == QLatin1String("-1")))
            return std::nullopt;
        return checkResult(parseSize(value));
    };
    auto range = [&](int64_t lo, int64_t hi) { return checkResult(parseInteger(value, lo, hi)); };
    auto wrapped = [&](Status s) -> Status {
        if (s)
            return s->wrap(QStringLiteral("%1 %2").arg(v2 ? QStringLiteral("cgroup2") : QStringLiteral("cgroup"), file));
        return s;
    };

    if (file == QLatin1String("devices.allow") || file == QLatin1String("devices.deny"))
        return wrapped(validateDeviceRule(value));
    if (file == QLatin1String("cpuset.cpus") || file == QLatin1String("cpuset.mems"))
        return wrapped(validateCpuList(value));
    if (file == QLatin1String("pids.max"))
        return value == QLatin1String("max") ? std::nullopt : wrapped(range(0, INT32_MAX));
    if (!v2) {
        if (file == QLatin1String("memory.limit_in_bytes") || file == QLatin1String("memory.soft_limit_in_bytes")
            || file == QLatin1String("memory.memsw.limit_in_bytes") || file == QLatin1String("memory.kmem.limit_in_bytes"))
            return wrapped(sizeOrMax(true));
        if (file == QLatin1String("memory.swappiness"))
            return wrapped(range(0, 100));
        if (file == QLatin1String("cpu.shares"))
            return wrapped(range(2, 262144));
        if (file == QLatin1String("cpu.cfs_quota_us"))
            return value == QLatin1String("-1") ? std::nullopt : wrapped(range(1000, INT64_MAX / 1000));
        if (file == QLatin1String("cpu.cfs_period_us"))
            return wrapped(range(1000, 1000000));
        if (file == QLatin1String("blkio.weight"))
            return wrapped(range(10, 1000));
        if (file == QLatin1String("freezer.state"))
            return wrapped(oneOf(value, {QStringLiteral("FROZEN"), QStringLiteral("THAWED")}, QStringLiteral("freezer state")));
    } else {
        if (file == QLatin1String("memory.max") || file == QLatin1String("memory.high")
            || file == QLatin1String("memory.low") || file == QLatin1String("memory.min")
            || file == QLatin1String("memory.swap.max"))
            return wrapped(sizeOrMax(false));
        if (file == QLatin1String("cpu.weight"))
            return wrapped(range(1, 10000));
        if (file == QLatin1String("cpu.weight.nice"))
            return wrapped(range(-20, 19));
        if (file == QLatin1String("cpu.max")) {
            static const QRegularExpression re(QStringLiteral("^(max|[0-9]{1,15})( [0-9]{1,15})?$"));
            if (!re.match(value).hasMatch())
                return wrapped(bad(QStringLiteral("\"%1\" is not QUOTA [PERIOD] (example: 50000 100000, or max)").arg(value)));
            return std::nullopt;
        }
        if (file == QLatin1String("io.weight") || file == QLatin1String("io.bfq.weight")) {
            static const QRegularExpression re(QStringLiteral("^((default|[0-9]+:[0-9]+) )?([0-9]{1,5})$"));
            const auto m = re.match(value);
            if (!m.hasMatch() || m.captured(3).toInt() < 1 || m.captured(3).toInt() > 10000)
                return wrapped(bad(QStringLiteral("\"%1\" is not an I/O weight (1 to 10000, optionally after \"default\" or MAJ:MIN)").arg(value)));
            return std::nullopt;
        }
    }
    if (value.isEmpty())
        return wrapped(bad(QStringLiteral("empty value")));
    return std::nullopt;
}

Status validateValue(const QString &key, const KeyInfo &info, const QString &value)
{
    using namespace values;
    if (auto err = validateNoControlChars(value))
        return err;
    // An empty value resets a key (and clears a list) in LXC.
    if (value.isEmpty())
        return std::nullopt;
    switch (info.type) {
    case VT::String:
        return std::nullopt;
    case VT::NonEmpty:
    case VT::Path:
    case VT::Hook:
    case VT::RootfsPath:
        if (value.trimmed().isEmpty())
            return bad(QStringLiteral("value is blank"));
        return std::nullopt;
    case VT::Integer:
        return checkResult(parseInteger(value, INT32_MIN, INT32_MAX));
    case VT::UnsignedInteger:
        return checkResult(parseInteger(value, 0, INT32_MAX));
    case VT::Size:
        if (value == QLatin1String("auto"))
            return std::nullopt;
        return checkResult(parseSize(value));
    case VT::Bool:
        return checkResult(parseBool(value));
    case VT::Signal:
        return checkResult(parseSignal(value));
    case VT::Capabilities:
        return checkResult(parseCapabilityList(value, false));
    case VT::CapabilitiesKeep:
        return checkResult(parseCapabilityList(value, true));
    case VT::NetType:
        return oneOf(value, {QStringLiteral("veth"), QStringLiteral("macvlan"), QStringLiteral("ipvlan"),
                             QStringLiteral("vlan"), QStringLiteral("phys"), QStringLiteral("empty"),
                             QStringLiteral("none")},
                     QStringLiteral("network type"));
    case VT::NetFlags:
        return oneOf(value, {QStringLiteral("up")}, QStringLiteral("network flag"));
    case VT::InterfaceName:
        return validateInterfaceName(value);
    case VT::Mac:
        return validateMac(value, true);
    case VT::Mtu:
        return checkResult(parseInteger(value, 68, 65535));
    case VT::VlanId:
        return checkResult(parseInteger(value, 0, 4094));
    case VT::MacvlanMode:
        return oneOf(value, {QStringLiteral("private"), QStringLiteral("vepa"), QStringLiteral("bridge"),
                             QStringLiteral("passthru")},
                     QStringLiteral("macvlan mode"));
    case VT::IpvlanMode:
        return oneOf(value, {QStringLiteral("l2"), QStringLiteral("l3"), QStringLiteral("l3s")},
                     QStringLiteral("ipvlan mode"));
    case VT::IpvlanIsolation:
        return oneOf(value, {QStringLiteral("bridge"), QStringLiteral("private"), QStringLiteral("vepa")},
                     QStringLiteral("ipvlan isolation"));
    case VT::VethMode:
        return oneOf(value, {QStringLiteral("bridge"), QStringLiteral("router")}, QStringLiteral("veth mode"));
    case VT::IPv4Address:
        return validateIPv4Address(value);
    case VT::IPv4Gateway:
        return validateIPv4Gateway(value);
    case VT::IPv6Address:
        return validateIPv6Address(value);
    case VT::IPv6Gateway:
        return validateIPv6Gateway(value);
    case VT::MountEntry:
        return checkResult(parseMountEntry(value));
    case VT::MountAuto:
        return validateMountAuto(value);
    case VT::IdMap:
        return checkResult(parseIdMap(value));
    case VT::Hostname:
        return validateHostname(value);
    case VT::Arch:
        return oneOf(value.toLower(),
                     {QStringLiteral("x86"), QStringLiteral("i386"), QStringLiteral("i486"), QStringLiteral("i586"),
                      QStringLiteral("i686"), QStringLiteral("x86_64"), QStringLiteral("amd64"),
                      QStringLiteral("arm"), QStringLiteral("armel"), QStringLiteral("armhf"),
                      QStringLiteral("armv7l"), QStringLiteral("arm64"), QStringLiteral("aarch64"),
                      QStringLiteral("ppc"), QStringLiteral("powerpc"), QStringLiteral("ppc64"),
                      QStringLiteral("ppc64el"), QStringLiteral("ppc64le"), QStringLiteral("s390x"),
                      QStringLiteral("mips"), QStringLiteral("mipsel"), QStringLiteral("mips64"),
                      QStringLiteral("mips64el"), QStringLiteral("riscv64"), QStringLiteral("linux32"),
                      QStringLiteral("linux64")},
                     QStringLiteral("known architecture"));
    case VT::LogLevel: {
        if (parseInteger(value, 0, 8))
            return std::nullopt;
        return oneOf(value.toUpper(),
                     {QStringLiteral("TRACE"), QStringLiteral("DEBUG"), QStringLiteral("INFO"),
                      QStringLiteral("NOTICE"), QStringLiteral("WARN"), QStringLiteral("WARNING"),
                      QStringLiteral("ERROR"), QStringLiteral("CRIT"), QStringLiteral("ALERT"),
                      QStringLiteral("FATAL")},
                     QStringLiteral("log level"));
    }
    case VT::Namespaces:
        return validateNamespaces(value);
    case VT::Environment: {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(=.*)?$"));
        if (!re.match(value).hasMatch())
            return bad(QStringLiteral("\"%1\" is not NAME=value or NAME").arg(value));
        return std::nullopt;
    }
    case VT::TtyDir:
        if (value.contains(QLatin1Char('/')) || value == QLatin1String(".") || value == QLatin1String("..")
            || value.contains(QLatin1Char(' ')))
            return bad(QStringLiteral("\"%1\" must be one directory name under /dev").arg(value));
        return std::nullopt;
    case VT::CgroupValue: {
        const bool v2 = key.startsWith(QLatin1String("lxc.cgroup2."));
        return validateCgroupValue(key.mid(v2 ? 12 : 11), v2, value);
    }
    case VT::Prlimit:
        return validatePrlimit(value);
    case VT::ConsolePath:
        return std::nullopt;
    case VT::HookVersion:
        return checkResult(parseInteger(value, 0, 1));
    case VT::ClearOnly:
        return bad(QStringLiteral("only an empty value is allowed here (it clears the group)"));
    case VT::TimeOffset:
        return checkResult(parseTimeOffset(value));
    }
    return std::nullopt;
}

namespace {

int editDistance(QStringView a, QStringView b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

std::optional<QString> suggest(const QString &unknownKey)
{
    if (unknownKey.size() > 200)
        return std::nullopt;
    const QStringList segs = unknownKey.split(QLatin1Char('.'));
    // The index the user wrote, to put back into lxc.net.N.* candidates.
    QString index = QStringLiteral("0");
    for (const QString &s : segs)
        if (isIndex(s))
            index = s;

    QStringList candidates = legacyKeyNames();
    for (const Spec &spec : kSpecs) {
        QString p = QString::fromLatin1(spec.pattern);
        if (p.endsWith(QLatin1String(".*"))) {
            // Keep the user's free part: lxc.cgruop.memory.max → lxc.cgroup.memory.max
            const qsizetype fixed = p.count(QLatin1Char('.'));
            if (segs.size() > fixed)
                candidates << p.chopped(1) + segs.mid(fixed).join(QLatin1Char('.'));
            continue;
        }
        candidates << p.replace(QStringLiteral(".N"), QLatin1Char('.') + index);
    }
    std::optional<QString> best;
    int bestDistance = std::max(2, int(unknownKey.size()) / 5) + 1;
    for (const QString &c : candidates) {
        const int d = editDistance(unknownKey, c);
        if (d < bestDistance && c != unknownKey && (lookup(c) || translateLegacy(c))) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace hutch::keys
