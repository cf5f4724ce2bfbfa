#include "inspect.h"

#include "backend.h"
#include "config.h"
#include "distsetup.h"
#include "idmap.h"
#include "launch.h"
#include "names.h"
#include "store.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <optional>
#include <thread>
#include <vector>

namespace hutch::service {

namespace {

QByteArray readProcFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();  // /proc files have no size: read to the end
}

}  // namespace

bool containerExists(const HelperSettings &settings, const QString &name)
{
    return Store(settings.storePath).contains(name);
}

namespace {

// The entry's part from the config; *cacheable when it depends on the one
// config file only.
QVariantMap describeConfig(const HelperSettings &settings, const QString &name, bool *cacheable)
{
    const Store store(settings.storePath);
    QVariantMap m;
    m.insert(QStringLiteral("name"), name);
    QString problem;
    Config config;
    *cacheable = false;
    if (auto err = validateContainerName(name)) {
        problem = err->message;
    } else if (!QFileInfo(store.configPath(name)).isFile()) {
        problem = QStringLiteral("no config file");
    } else {
        const LoadResult loaded = loadConfigFile(store.configPath(name));
        if (auto err = loaded.firstError())
            problem = err->message;
        config = loaded.config;
        *cacheable = std::none_of(loaded.document.lines().begin(), loaded.document.lines().end(), [](const ConfigLine &l) {
            return l.kind == ConfigLine::Kind::Entry && (l.key == QLatin1String("lxc.include") || l.modernKey == QLatin1String("lxc.include"));
        });
    }
    m.insert(QStringLiteral("broken"), !problem.isEmpty());
    m.insert(QStringLiteral("problem"), problem);
    m.insert(QStringLiteral("hostname"), config.value(QStringLiteral("lxc.uts.name"), name));
    m.insert(QStringLiteral("rootfs"), config.value(QStringLiteral("lxc.rootfs.path"), QString()));
    m.insert(QStringLiteral("autostart"), config.value(QStringLiteral("lxc.start.auto"), QString()) == QLatin1String("1"));
    m.insert(QStringLiteral("ttys"), config.value(QStringLiteral("lxc.tty.max"), QStringLiteral("0")).toUInt());
    // No lxc.idmap: root inside is root on the host (core/idmap.h).
    const auto map = idmap::fromConfig(config);
    m.insert(QStringLiteral("privileged"), !map || map->privileged());
    if (map && !map->privileged())
        m.insert(QStringLiteral("host_root_uid"), qlonglong(*map->hostUid(0)));
    QStringList networks;
    for (int index : config.networkIndices())
        networks << config.value(QStringLiteral("lxc.net.%1.type").arg(index), QString());
    m.insert(QStringLiteral("networks"), networks);
    QString memory;
    for (const ConfigEntry &e : config.entries())
        if (e.key == QLatin1String("lxc.cgroup2.memory.max") || e.key == QLatin1String("lxc.cgroup.memory.limit_in_bytes"))
            memory = e.value;
    m.insert(QStringLiteral("memory_limit"), memory);
    return m;
}

// The entry's part from the monitor and /proc.
void describeRuntime(const HelperSettings &settings, const QString &name, QVariantMap &m)
{
    const MonitorState state = monitorState(settings, name);  // a monitor may run a since-broken config
    m.insert(QStringLiteral("state"), state.state);
    m.insert(QStringLiteral("pid"), state.pid);
    m.insert(QStringLiteral("ipv4"), state.pid > 0 ? ipv4Addresses(state.pid) : QStringList());
    m.insert(QStringLiteral("ipv6"), state.pid > 0 ? ipv6Addresses(state.pid) : QStringList());
}

}  // namespace

QString rootLogin(const HelperSettings &settings, const QString &name)
{
    const Store store(settings.storePath);
    const LoadResult loaded = loadConfigFile(store.configPath(name));
    if (loaded.firstError())
        return QStringLiteral("unknown");
    auto location = storage::parseRootfsPath(loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()),
                                             store.containerDir(name));
    if (!location || location->kind == storage::BackendKind::Lvm)
        return QStringLiteral("unknown");
    // An overlay's upper dir holds root's line once it was changed.
    QString state = templates::rootLoginState(location->path);
    for (const QString &lower : location->lowers)
        if (state == QLatin1String("unknown"))
            state = templates::rootLoginState(lower);
    return state;
}

QVariantMap describeContainer(const HelperSettings &settings, const QString &name)
{
    bool cacheable = false;
    QVariantMap m = describeConfig(settings, name, &cacheable);
    describeRuntime(settings, name, m);
    return m;
}

bool DescribeCache::Stamp::operator==(const Stamp &o) const
{
    return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec
        && mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
}

QVariantMap DescribeCache::describe(const HelperSettings &settings, const QString &name)
{
    std::optional<Stamp> stamp;
    struct stat st {};
    if (!validateContainerName(name)
        && ::stat(QFile::encodeName(Store(settings.storePath).configPath(name)).constData(), &st) == 0
        && S_ISREG(st.st_mode))
        stamp = Stamp{st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
    QVariantMap m;
    bool hit = false;
    if (stamp) {
        QMutexLocker lock(&m_mutex);
        if (auto it = m_entries.constFind(name); it != m_entries.constEnd() && it->stamp == *stamp) {
            m = it->config;
            hit = true;
        }
    }
    if (!hit) {
        bool cacheable = false;
        m = describeConfig(settings, name, &cacheable);
        timespec now{};
        ::clock_gettime(CLOCK_REALTIME, &now);
        const bool settled = stamp && std::max(stamp->mtime.tv_sec, stamp->ctime.tv_sec) + 1 < now.tv_sec;
        QMutexLocker lock(&m_mutex);
        if (cacheable && settled)
            m_entries.insert(name, {*stamp, m});
        else
            m_entries.remove(name);
    }
    describeRuntime(settings, name, m);
    return m;
}

void DescribeCache::keepOnly(const QStringList &names)
{
    const QSet<QString> keep(names.begin(), names.end());
    QMutexLocker lock(&m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = keep.contains(it.key()) ? std::next(it) : m_entries.erase(it);
}

QList<QVariantMap> describeContainers(const HelperSettings &settings, const QStringList &names, DescribeCache &cache)
{
    constexpr qsizetype kPerThread = 32, kMaxThreads = 8;
    std::vector<QVariantMap> out(size_t(names.size()));
    std::atomic<qsizetype> next{0};
    auto work = [&] {
        for (qsizetype i; (i = next++) < names.size();)
            out[size_t(i)] = cache.describe(settings, names.at(i));
    };
    std::vector<std::thread> threads;
    for (qsizetype t = 1; t < std::min(kMaxThreads, (names.size() + kPerThread - 1) / kPerThread); ++t)
        threads.emplace_back(work);
    work();
    for (std::thread &t : threads)
        t.join();
    return QList<QVariantMap>(std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
}

QStringList ipv4Addresses(qint64 pid)
{
    // fib_trie lists each local address as "|-- A.B.C.D" followed by
    // "/32 host LOCAL", once per table.
    const QList<QByteArray> lines = readProcFile(QStringLiteral("/proc/%1/net/fib_trie").arg(pid)).split('\n');
    QStringList out;
    QByteArray last;
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith("|-- ")) {
            last = line.mid(4);
        } else if (line.startsWith("/32 host LOCAL") && !last.isEmpty()) {
            const QString addr = QString::fromLatin1(last);
            if (!addr.startsWith(QLatin1String("127.")) && !out.contains(addr))
                out << addr;
            last.clear();
        }
    }
    return out;
}

QStringList ipv6Addresses(qint64 pid)
{
    // if_inet6: ADDRESS(32 hex) IFINDEX PREFIXLEN SCOPE FLAGS IFNAME
    const QList<QByteArray> lines = readProcFile(QStringLiteral("/proc/%1/net/if_inet6").arg(pid)).split('\n');
    QStringList out;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 6 || f.at(0).size() != 32 || f.at(5) == "lo")
            continue;
        const int scope = f.at(3).toInt(nullptr, 16);
        if (scope == 0x20 || scope == 0x10)
            continue;  // link-local, loopback
        const QByteArray bytes = QByteArray::fromHex(f.at(0));
        char text[INET6_ADDRSTRLEN] = {};
        if (bytes.size() == 16 && ::inet_ntop(AF_INET6, bytes.constData(), text, sizeof text))
            out << QString::fromLatin1(text);
    }
    return out;
}

Result<QVariantMap> containerStats(const HelperSettings &settings, const QString &name)
{
    const MonitorState state = monitorState(settings, name);
    if (!state.running())
        return Error::notFound(QStringLiteral("container \"%1\" is not running").arg(name));
    auto link = MonitorLink::connect(settings, name);
    if (!link)
        return link.error();
    auto figures = link->stats();
    if (!figures)
        return figures.error();
    QVariantMap stats{{QStringLiteral("cpu_ns"), figures->cpuNs},
                      {QStringLiteral("memory"), figures->memory},
                      {QStringLiteral("memory_limit"), figures->memoryLimit},
                      {QStringLiteral("pids"), figures->pids},
                      {QStringLiteral("io_read"), figures->ioRead},
                      {QStringLiteral("io_write"), figures->ioWrite},
                      {QStringLiteral("oom_kills"), figures->oomKills}};
    // /proc/PID/net/dev shows the interfaces of init's network namespace:
    // "IFACE: rx_bytes rx_packets ... (8 receive fields) tx_bytes ...".
    quint64 rx = 0, tx = 0;
    const QList<QByteArray> lines = readProcFile(QStringLiteral("/proc/%1/net/dev").arg(state.pid)).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() == "lo")
            continue;
        const QList<QByteArray> f = line.mid(colon + 1).simplified().split(' ');
        if (f.size() < 9)
            continue;
        rx += f.at(0).toULongLong();
        tx += f.at(8).toULongLong();
    }
    stats.insert(QStringLiteral("net_rx"), rx);
    stats.insert(QStringLiteral("net_tx"), tx);
    return stats;
}

}  // namespace hutch::service
