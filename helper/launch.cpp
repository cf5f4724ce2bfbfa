#include "launch.h"

#include "hostlimits.h"
#include "idmap.h"

#include "arch.h"
#include "backend.h"
#include "config.h"
#include "fsops.h"
#include "keys.h"
#include "monitorlink.h"
#include "names.h"
#include "starter.h"
#include "values.h"
#include "protocol.h"
#include "seccompprofile.h"
#include "devicerules.h"
#include "init.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace hutch {

namespace {

std::string s(const QString &q) { return q.toStdString(); }


Result<int> resourceNumber(const QString &name)
{
    static const QHash<QString, int> resources = {
        {QStringLiteral("as"), RLIMIT_AS},         {QStringLiteral("core"), RLIMIT_CORE},
        {QStringLiteral("cpu"), RLIMIT_CPU},       {QStringLiteral("data"), RLIMIT_DATA},
        {QStringLiteral("fsize"), RLIMIT_FSIZE},   {QStringLiteral("locks"), RLIMIT_LOCKS},
        {QStringLiteral("memlock"), RLIMIT_MEMLOCK}, {QStringLiteral("msgqueue"), RLIMIT_MSGQUEUE},
        {QStringLiteral("nice"), RLIMIT_NICE},     {QStringLiteral("nofile"), RLIMIT_NOFILE},
        {QStringLiteral("nproc"), RLIMIT_NPROC},   {QStringLiteral("rss"), RLIMIT_RSS},
        {QStringLiteral("rtprio"), RLIMIT_RTPRIO}, {QStringLiteral("rttime"), RLIMIT_RTTIME},
        {QStringLiteral("sigpending"), RLIMIT_SIGPENDING}, {QStringLiteral("stack"), RLIMIT_STACK}};
    const auto it = resources.find(name);
    if (it == resources.end())
        return Error::invalid(QStringLiteral("unknown resource \"%1\"").arg(name));
    return *it;
}

// "00:16:3e:xx:xx:xx": each xx from a hash of the container name and the
// interface, so the MAC is random-looking but the same at every start.
QString resolveMac(const QString &pattern, const QString &name, int index)
{
    const QByteArray hash = QCryptographicHash::hash((name + QLatin1Char('/') + QString::number(index)).toUtf8(),
                                                     QCryptographicHash::Sha256);
    QStringList octets = pattern.split(QLatin1Char(':'));
    for (int i = 0; i < octets.size(); ++i)
        if (octets[i].compare(QLatin1String("xx"), Qt::CaseInsensitive) == 0)
            octets[i] = QStringLiteral("%1").arg(quint8(hash.at(i)), 2, 16, QLatin1Char('0'));
    return octets.join(QLatin1Char(':'));
}

Result<std::vector<rt::NetDevice>> networkDevices(const Config &c, const QString &name, bool *shareHostNet)
{
    std::vector<rt::NetDevice> out;
    *shareHostNet = false;
    for (int n : c.networkIndices()) {
        const QString prefix = QStringLiteral("lxc.net.%1.").arg(n);
        auto get = [&](const char *key) { return c.value(prefix + QLatin1String(key), QString()); };
        rt::NetDevice d;
        d.index = n;
        d.type = s(get("type"));
        if (d.type.empty())
            return Error::invalid(QStringLiteral("%1type is missing").arg(prefix));
        if (d.type == "none") {
            *shareHostNet = true;
            continue;
        }
        d.link = s(get("link"));
        d.name = s(get("name"));
        if (const QString mac = get("hwaddr"); !mac.isEmpty())
            d.hwaddr = s(resolveMac(mac, name, n));
        d.mtu = get("mtu").toInt();
        d.up = get("flags") == QLatin1String("up");
        for (const QString &a : c.values(prefix + QStringLiteral("ipv4.address")))
            d.ipv4.push_back(s(a));
        for (const QString &a : c.values(prefix + QStringLiteral("ipv6.address")))
            d.ipv6.push_back(s(a));
        d.ipv4Gateway = s(get("ipv4.gateway"));
        d.ipv6Gateway = s(get("ipv6.gateway"));
        d.vethPair = s(get("veth.pair"));
        d.macvlanMode = s(get("macvlan.mode"));
        d.ipvlanMode = s(get("ipvlan.mode"));
        d.vlanId = get("vlan.id").toInt();
        if (const QString proxy = get("l2proxy"); !proxy.isEmpty()) {
            auto on = values::parseBool(proxy);
            if (!on)
                return on.error().wrap(prefix + QStringLiteral("l2proxy"));
            d.l2proxy = *on;
        }
        const QString vethVlan = get("veth.vlan.id");
        const QStringList tagged = c.values(prefix + QStringLiteral("veth.vlan.tagged.id"));
        if ((!vethVlan.isEmpty() || !tagged.isEmpty()) && d.type != "veth")
            return Error::invalid(QStringLiteral("%1veth.vlan.*: only a veth has them (type is %2)")
                                      .arg(prefix, QString::fromStdString(d.type)));
        if (!vethVlan.isEmpty())
            d.vethVlanId = vethVlan.toInt();
        for (const QString &t : tagged)
            d.vethVlanTagged.push_back(t.toInt());
        d.scriptUp = s(get("script.up"));
        d.scriptDown = s(get("script.down"));
        out.push_back(std::move(d));
    }
    if (*shareHostNet && !out.empty())
        return Error::invalid(QStringLiteral("lxc.net: type none shares the host's network and cannot be combined with other interfaces"));
    return out;
}

// Whether the container's own config file clears KEY with an empty value
// ("lxc.cap.drop =", "lxc.seccomp.profile ="): the way to turn a default off.
bool clearedInFile(const LoadResult &loaded, const QString &key)
{
    for (const ConfigLine &l : loaded.document.lines()) {
        if (l.kind != ConfigLine::Kind::Entry || !l.value.trimmed().isEmpty())
            continue;
        const auto legacy = keys::translateLegacy(l.key);
        if (l.key == key || (legacy && legacy->kind == keys::LegacyTranslation::Kind::Rename && legacy->modern == key))
            return true;
    }
    return false;
}

// lxc.cap.drop / lxc.cap.keep, with LXC's common.conf drop list when the
// config says neither.
Status capabilitySpec(const LoadResult &loaded, rt::LaunchSpec &spec)
{
    const Config &c = loaded.config;
    const QStringList drop = c.values(QStringLiteral("lxc.cap.drop"));
    const QStringList keep = c.values(QStringLiteral("lxc.cap.keep"));
    if (!drop.isEmpty() && !keep.isEmpty())
        return Error::invalid(QStringLiteral("lxc.cap.drop and lxc.cap.keep are both set: use one of them, as LXC requires"));
    QStringList effectiveDrop = drop;
    if (drop.isEmpty() && keep.isEmpty() && !clearedInFile(loaded, QStringLiteral("lxc.cap.drop")))
        effectiveDrop = {QStringLiteral("mac_admin mac_override sys_time sys_module sys_rawio")};
    for (const QString &v : effectiveDrop) {
        auto caps = values::parseCapabilityList(v, false);
        if (!caps)
            return caps.error().wrap(QStringLiteral("lxc.cap.drop"));
        spec.capDrop.insert(spec.capDrop.end(), caps->begin(), caps->end());
    }
    for (const QString &v : keep) {
        auto caps = values::parseCapabilityList(v, true);
        if (!caps)
            return caps.error().wrap(QStringLiteral("lxc.cap.keep"));
        spec.capKeepSet = true;
        spec.capKeep.insert(spec.capKeep.end(), caps->begin(), caps->end());
    }
    return std::nullopt;
}

// lxc.seccomp.profile (Hutch's default policy when unset, none when
// cleared), lxc.seccomp.allow_nesting, lxc.no_new_privs.
Status seccompSpec(const LoadResult &loaded, const QString &dir, rt::LaunchSpec &spec)
{
    const Config &c = loaded.config;
    const auto profile = c.value(QStringLiteral("lxc.seccomp.profile"));
    if (profile) {
        const QString path = QDir(dir).absoluteFilePath(*profile);
        // No symlink followed (below the container's directory, nor on an
        // administrator's path elsewhere).
        auto text = storage::readFileBeneath(dir, path);
        if (!text)
            return text.error().wrap(QStringLiteral("lxc.seccomp.profile"));
        spec.seccompProfile = text->toStdString();
        if (auto parsed = rt::parseSeccompProfile(spec.seccompProfile); !parsed)
            return Error::invalid(QStringLiteral("lxc.seccomp.profile: %1: %2").arg(path, QString::fromStdString(parsed.error().message)));
    } else if (!clearedInFile(loaded, QStringLiteral("lxc.seccomp.profile"))) {
        spec.seccompProfile = rt::defaultSeccompProfile();
    }
    for (auto [key, into] : {std::pair{"lxc.seccomp.allow_nesting", &spec.seccompAllowNesting},
                             std::pair{"lxc.no_new_privs", &spec.noNewPrivs}}) {
        if (const auto v = c.value(QString::fromLatin1(key))) {
            auto on = values::parseBool(*v);
            if (!on)
                return on.error().wrap(QString::fromLatin1(key));
            *into = *on;
        }
    }
    return std::nullopt;
}

// lxc.arch, lxc.sched.core, lxc.time.offset.*: what init's process carries
// (runtime/processattrs.h).
Status processSpec(const Config &c, rt::LaunchSpec &spec)
{
    if (const auto a = c.value(QStringLiteral("lxc.arch"))) {
        const arch::Plan plan = arch::plan(*a);
        if (plan.kind == arch::Plan::Kind::Unsupported)
            return Error::invalid(QStringLiteral("lxc.arch = %1: %2").arg(*a, plan.why));
        if (plan.kind == arch::Plan::Kind::Linux32)
            spec.personality = PER_LINUX32;
    }
    if (const auto core = c.value(QStringLiteral("lxc.sched.core"))) {
        auto on = values::parseBool(*core);
        if (!on)
            return on.error().wrap(QStringLiteral("lxc.sched.core"));
        spec.schedCore = *on;
    }
    for (auto [key, into] : {std::pair{"lxc.time.offset.boot", &spec.bootOffsetNs},
                             std::pair{"lxc.time.offset.monotonic", &spec.monotonicOffsetNs}}) {
        const auto v = c.value(QString::fromLatin1(key));
        if (!v || v->isEmpty())
            continue;
        auto ns = values::parseTimeOffset(*v);
        if (!ns)
            return ns.error().wrap(QString::fromLatin1(key));
        *into = *ns;
        spec.timeNamespace = true;
    }
    return std::nullopt;
}

uint64_t rlimitValue(const QString &v)
{
    return v == QLatin1String("unlimited") ? RLIM_INFINITY : v.toULongLong();
}

}  // namespace

QString monitorSocketPath(const HelperSettings &settings, const QString &name)
{
    return settings.runtimePath + QLatin1Char('/') + name + QStringLiteral(".sock");
}

Result<LoadedContainer> loadContainer(const Store &store, const QString &name)
{
    if (auto err = validateContainerName(name))
        return *err;
    if (auto err = checkConfigFile(store.configPath(name)))
        return err->code == Error::Code::NotFound
            ? Error::notFound(QStringLiteral("no container \"%1\" in %2").arg(name, store.path()))
            : *err;
    LoadedContainer container;
    container.m_name = name;
    container.m_loaded = loadConfigFile(store.configPath(name));
    if (auto err = container.m_loaded.firstError())
        return *err;
    return container;
}

Result<rt::LaunchSpec> buildLaunchSpec(const Store &store, const LoadedContainer &container,
                                       const HelperSettings &settings)
{
    const QString &name = container.name();
    const QString dir = store.containerDir(name);
    const LoadResult &loaded = container.loaded();
    const Config &c = loaded.config;
    // Every key is applied or the start is refused (keys.h).
    for (const ConfigEntry &e : c.entries())
        if (const auto why = keys::runtimeRefusal(e.key, e.value))
            return Error::invalid(QStringLiteral("%1:%2: %3").arg(QFileInfo(e.file).fileName()).arg(e.line).arg(*why));

    rt::LaunchSpec spec;
    spec.name = s(name);
    spec.containerDir = s(dir);
    // The rootfs through its backing store (helper/storage/backend.h): a
    // directory, or a filesystem the container's init mounts in its own
    // mount namespace (overlay, lvm).
    auto location = storage::parseRootfsPath(c.value(QStringLiteral("lxc.rootfs.path"), QString()), dir);
    if (!location)
        return location.error();
    // lxc.idmap (core/idmap.h): a user namespace. "idmap=container" in
    // lxc.rootfs.options, as LXC 5 writes it: the rootfs is mounted idmapped
    // (without it, an LXC-made unprivileged rootfs is shifted on disk).
    auto map = idmap::fromConfig(c);
    if (!map)
        return map.error();
    for (const idmap::Range &r : map->uids)
        spec.uidMap.push_back({r.inside, r.outside, r.count});
    for (const idmap::Range &r : map->gids)
        spec.gidMap.push_back({r.inside, r.outside, r.count});
    QStringList rootfsOptions = c.value(QStringLiteral("lxc.rootfs.options"), QString()).split(QLatin1Char(','), Qt::SkipEmptyParts);
    spec.idmapRootfs = rootfsOptions.removeAll(QStringLiteral("idmap=container")) > 0;
    if (spec.idmapRootfs && map->privileged())
        return Error::invalid(QStringLiteral("lxc.rootfs.options: idmap=container needs lxc.idmap"));
    auto rootfs = storage::rootfsMountFor(*location, dir, c.value(QStringLiteral("lxc.rootfs.mount"), QString()),
                                          rootfsOptions.join(QLatin1Char(',')));
    if (!rootfs)
        return rootfs.error();
    spec.rootfs = s(QFileInfo(rootfs->mountPoint).canonicalFilePath());
    spec.rootfsSource = s(rootfs->source);
    spec.rootfsType = s(rootfs->type);
    spec.rootfsData = s(rootfs->data);
    spec.hostname = s(c.value(QStringLiteral("lxc.uts.name"), name));
    const QString init = c.value(QStringLiteral("lxc.init.cmd"), QStringLiteral("/sbin/init"));
    for (const QString &a : init.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        spec.init.push_back(s(a));
    // lxc.environment is for init and hooks, lxc.environment.runtime for
    // init alone (LXC 6); hooks are refused (keys::runtimeRefusal).
    for (const char *key : {"lxc.environment", "lxc.environment.runtime"})
        for (const QString &e : c.values(QLatin1String(key)))
            spec.env.push_back(s(e));
    for (const QString &m : c.values(QStringLiteral("lxc.mount.entry")))
        spec.mounts.push_back(s(m));
    if (const auto fstab = c.value(QStringLiteral("lxc.mount.fstab"))) {
        auto text = storage::readFileBeneath(dir, QDir(dir).absoluteFilePath(*fstab));
        if (!text)
            return text.error().wrap(QStringLiteral("lxc.mount.fstab"));
        int lineNo = 0;
        for (const QByteArray &raw : text->split('\n')) {
            ++lineNo;
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            if (auto m = values::parseMountEntry(line); !m)
                return m.error().wrap(QStringLiteral("%1:%2").arg(*fstab).arg(lineNo));
            spec.mounts.push_back(s(line));
        }
    }
    for (const QString &m : c.values(QStringLiteral("lxc.mount.auto")))
        for (const QString &token : m.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            spec.mountAuto.push_back(s(token));
    spec.autodev = c.value(QStringLiteral("lxc.autodev"), QStringLiteral("1")) != QLatin1String("0");
    // Sizes the host pays for, capped also for configs written before the
    // caps (core/hostlimits.h).
    for (const char *key : {"lxc.tty.max", "lxc.console.buffer.size", "lxc.console.size"})
        if (auto err = hostlimits::checkHostCost(QLatin1String(key), c.value(QLatin1String(key), QString())))
            return *err;
    spec.ttys = c.value(QStringLiteral("lxc.tty.max"), QStringLiteral("0")).toInt();
    spec.ttyDir = s(c.value(QStringLiteral("lxc.tty.dir"), QString()));
    spec.ptyMax = c.value(QStringLiteral("lxc.pty.max"), QStringLiteral("0")).toInt();
    if (auto err = capabilitySpec(loaded, spec))
        return *err;
    if (auto err = seccompSpec(loaded, dir, spec))
        return *err;
    for (const ConfigEntry &e : c.withPrefix(QStringLiteral("lxc.sysctl.")))
        spec.sysctls.emplace_back(s(e.key.mid(11)), s(e.value));
    for (const ConfigEntry &e : c.withPrefix(QStringLiteral("lxc.prlimit."))) {
        auto res = resourceNumber(e.key.mid(12));
        if (!res)
            return res.error().wrap(e.key);
        const QStringList parts = e.value.split(QLatin1Char(':'));
        spec.prlimits.push_back({*res, rlimitValue(parts.front()), rlimitValue(parts.back())});
    }
    for (const ConfigEntry &e : c.withPrefix(QStringLiteral("lxc.cgroup"))) {
        const bool v2 = e.key.startsWith(QLatin1String("lxc.cgroup2."));
        if (!v2 && !e.key.startsWith(QLatin1String("lxc.cgroup.")))
            continue;
        const auto info = keys::lookup(e.key);
        if (!info || info->type != keys::ValueType::CgroupValue)
            continue;  // lxc.cgroup.dir and friends
        spec.cgroup.push_back({s(e.key.mid(v2 ? 12 : 11)), s(e.value), v2});
    }
    // No device rule in the config: LXC's common.conf ones.
    if (std::none_of(spec.cgroup.begin(), spec.cgroup.end(), rt::isDeviceSetting)) {
        const auto rules = rt::defaultDeviceSettings();
        spec.cgroup.insert(spec.cgroup.begin(), rules.begin(), rules.end());
    }
    auto signal = [&](const char *key, int fallback) -> Result<int> {
        const auto v = c.value(QString::fromLatin1(key));
        if (!v)
            return fallback;
        return values::parseSignal(*v);
    };
    auto halt = signal("lxc.signal.halt", SIGPWR);
    auto reboot = signal("lxc.signal.reboot", SIGINT);
    auto stop = signal("lxc.signal.stop", SIGKILL);
    if (!halt || !reboot || !stop)
        return Error::invalid(QStringLiteral("bad lxc.signal.* value"));
    spec.haltSignal = *halt;
    spec.rebootSignal = *reboot;
    spec.stopSignal = *stop;
    spec.logFile = s(c.value(QStringLiteral("lxc.log.file"), dir + QLatin1Char('/') + name + QStringLiteral(".log")));
    if (const auto level = c.value(QStringLiteral("lxc.log.level"))) {
        static const QStringList names = {QStringLiteral("TRACE"), QStringLiteral("DEBUG"), QStringLiteral("INFO"),
                                          QStringLiteral("NOTICE"), QStringLiteral("WARN"), QStringLiteral("ERROR"),
                                          QStringLiteral("CRIT"), QStringLiteral("ALERT"), QStringLiteral("FATAL")};
        const int byName = names.indexOf(level->toUpper() == QLatin1String("WARNING") ? QStringLiteral("WARN") : level->toUpper());
        spec.logLevel = byName >= 0 ? byName : level->toInt();
    }
    if (const auto size = c.value(QStringLiteral("lxc.console.buffer.size")); size && *size != QLatin1String("auto")) {
        auto bytes = values::parseSize(*size);
        if (!bytes)
            return bytes.error().wrap(QStringLiteral("lxc.console.buffer.size"));
        spec.consoleBufferSize = uint64_t(*bytes);
    }
    spec.consoleLogFile = s(c.value(QStringLiteral("lxc.console.logfile"), QString()));
    if (const auto size = c.value(QStringLiteral("lxc.console.size")); size && *size != QLatin1String("auto")) {
        auto bytes = values::parseSize(*size);
        if (!bytes)
            return bytes.error().wrap(QStringLiteral("lxc.console.size"));
        spec.consoleLogSize = uint64_t(*bytes);
    }
    spec.consoleRotate = c.value(QStringLiteral("lxc.console.rotate"), QStringLiteral("0")) == QLatin1String("1");
    spec.socketPath = s(monitorSocketPath(settings, name));
    // lxc.ephemeral: the monitor removes the container when it stops.
    if (const auto eph = c.value(QStringLiteral("lxc.ephemeral"))) {
        auto on = values::parseBool(*eph);
        if (!on)
            return on.error().wrap(QStringLiteral("lxc.ephemeral"));
        spec.ephemeral = *on;
    }
    if (auto err = processSpec(c, spec))
        return *err;
    auto net = networkDevices(c, name, &spec.shareHostNet);
    if (!net)
        return net.error();
    spec.net = std::move(*net);
    return spec;
}

Runtime::Runtime(HelperSettings settings, QString monitorPath)
    : m_settings(std::move(settings)), m_monitorPath(std::move(monitorPath))
{
}

Result<qint64> Runtime::start(const QString &name)
{
    auto container = loadContainer(store(), name);
    if (!container)
        return container.error().wrap(QStringLiteral("start \"%1\"").arg(name));
    return launch(*container, {});
}

Result<qint64> Runtime::start(const LoadedContainer &container)
{
    return launch(container, {});
}

namespace {

// One sealed copy of hutch-monitor per helper process, made at the first
// execute and handed to every executed command's monitor: the init of each
// runs from it instead of copying the binary again (a few MB) on every
// execute. Made again when the binary on disk changes (an update). -1 if
// it cannot be made: the container's init then copies the binary itself.
int sharedInitCopy(const std::string &monitorPath)
{
    static std::mutex mutex;
    static UniqueFd copy;
    static struct stat made {};
    std::lock_guard<std::mutex> lock(mutex);
    UniqueFd binary(::open(monitorPath.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat now {};
    if (!binary || ::fstat(binary.get(), &now) < 0)
        return -1;
    if (copy && now.st_dev == made.st_dev && now.st_ino == made.st_ino && now.st_size == made.st_size
        && now.st_mtim.tv_sec == made.st_mtim.tv_sec && now.st_mtim.tv_nsec == made.st_mtim.tv_nsec)
        return copy.get();
    auto fresh = rt::sealedCopy(binary.get());
    if (!fresh)
        return -1;
    copy = std::move(*fresh);
    made = now;
    return copy.get();
}

}  // namespace

Result<qint64> Runtime::execute(const QString &name, const QStringList &argv)
{
    if (argv.isEmpty() || argv.front().isEmpty())
        return Error::invalid(QStringLiteral("execute \"%1\": no command").arg(name));
    for (const QString &a : argv)
        if (a.contains(QChar(0)))
            return Error::invalid(QStringLiteral("execute \"%1\": an argument contains a NUL byte").arg(name));
    auto container = loadContainer(store(), name);
    if (!container)
        return container.error().wrap(QStringLiteral("start \"%1\"").arg(name));
    return launch(*container, [&](rt::LaunchSpec &spec) {
        spec.init.clear();
        for (const QString &a : argv)
            spec.init.push_back(s(a));
        spec.execute = true;
    }, sharedInitCopy(s(m_monitorPath)));
}

Result<qint64> Runtime::launch(const LoadedContainer &container, const std::function<void(rt::LaunchSpec &)> &adjust,
                               int initCopy)
{
    auto spec = buildLaunchSpec(store(), container, m_settings);
    if (!spec)
        return spec.error().wrap(QStringLiteral("start \"%1\"").arg(container.name()));
    if (adjust)
        adjust(*spec);
    return launch(*spec, initCopy);
}

Result<qint64> Runtime::start(const rt::LaunchSpec &spec)
{
    return launch(spec, -1);
}

Result<qint64> Runtime::launch(const rt::LaunchSpec &spec, int initCopy)
{
    if (!QDir().mkpath(m_settings.runtimePath))
        return Error::failed(QStringLiteral("cannot create %1").arg(m_settings.runtimePath));
    QFile::setPermissions(m_settings.runtimePath, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    auto pid = rt::startMonitor(s(m_monitorPath), spec, initCopy);
    if (!pid)
        return toError(pid.error());
    return qint64(*pid);
}

void Runtime::prepareStarts()
{
    rt::startSpareMonitor(s(m_monitorPath));
}

QString Runtime::state(const QString &name)
{
    return monitorState(m_settings, name).state;
}

}  // namespace hutch
