#include "idranges.h"

#include "atomicfile.h"
#include "config.h"
#include "configdocument.h"
#include "idmap.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSet>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>

namespace hutch::idranges {

namespace {

struct RootRange {
    uint32_t start = 0, count = 0;
};

// root's first range of at least a container's size: "root:100000:65536".
RootRange rootRangeIn(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> p = line.trimmed().split(':');
        if (p.size() != 3 || (p[0] != "root" && p[0] != "0"))
            continue;
        bool ok1 = false, ok2 = false;
        const qulonglong start = p[1].toULongLong(&ok1), count = p[2].toULongLong(&ok2);
        if (ok1 && ok2 && count >= idmap::kRangeSize && start + count <= 0xffffffffULL)
            return {uint32_t(start), uint32_t(count)};
    }
    return {};
}

struct Record {
    QString name;
    uint32_t uidBase = 0, gidBase = 0;
    qint64 time = 0;
};

QString recordPath(const Store &store) { return store.path() + QStringLiteral("/.idranges"); }

QList<Record> readRecords(const Store &store)
{
    QList<Record> out;
    QFile f(recordPath(store));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> p = line.simplified().split(' ');
        if (p.size() == 5 && p[0] == "range")
            out.push_back({QString::fromUtf8(p[1]), p[2].toUInt(), p[3].toUInt(), p[4].toLongLong()});
    }
    return out;
}

bool ownPoolRecorded(const Store &store)
{
    QFile f(recordPath(store));
    return f.open(QIODevice::ReadOnly) && f.readAll().contains("\npool ");
}

// Host uid ranges the store's configs map (LXC-made containers included).
QList<QPair<uint64_t, uint64_t>> mappedUidRanges(const Store &store)
{
    QList<QPair<uint64_t, uint64_t>> out;
    auto entries = store.list();
    if (!entries)
        return out;
    for (const StoreEntry &e : *entries) {
        if (e.broken)
            continue;
        const LoadResult loaded = loadConfigFile(store.configPath(e.name));
        auto map = idmap::fromConfig(loaded.config);
        if (!map)
            continue;
        for (const idmap::Range &r : map->uids)
            out.push_back({r.outside, uint64_t(r.outside) + r.count});
    }
    return out;
}

}  // namespace

Pool pool(const QString &subuid, const QString &subgid)
{
    const RootRange u = rootRangeIn(subuid), g = rootRangeIn(subgid);
    if (u.count && g.count)
        return {u.start, u.count, g.start, g.count, QStringLiteral("/etc/subuid and /etc/subgid")};
    const uint32_t n = kOwnPoolRanges * idmap::kRangeSize;
    return {kOwnPoolStart, n, kOwnPoolStart, n, QStringLiteral("Hutch's own pool")};
}

Result<Allocation> allocate(const Store &store, const QString &name, const Pool &pool)
{
    // The store directory itself is the lock: nothing more on disk.
    const int lock = ::open(QFile::encodeName(store.path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock < 0)
        return Error::system(errno, QStringLiteral("id ranges: open %1").arg(store.path()));
    ::flock(lock, LOCK_EX);
    auto unlock = qScopeGuard([lock] { ::close(lock); });  // closing releases the lock

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<Record> kept;
    QSet<QString> names;
    if (auto entries = store.list())
        for (const StoreEntry &e : *entries)
            names.insert(e.name);
    for (const Record &r : readRecords(store))
        if (names.contains(r.name) || now - r.time < 24 * 3600)  // made, or still being made
            kept.push_back(r);
    const auto mapped = mappedUidRanges(store);
    const uint32_t ranges = std::min(pool.uidCount, pool.gidCount) / idmap::kRangeSize;
    for (uint32_t i = 0; i < ranges; ++i) {
        const uint64_t uid = uint64_t(pool.uidStart) + uint64_t(i) * idmap::kRangeSize;
        const uint32_t gid = pool.gidStart + i * idmap::kRangeSize;
        const bool recorded = std::any_of(kept.begin(), kept.end(), [&](const Record &r) { return r.uidBase == uid; });
        const bool inConfig = std::any_of(mapped.begin(), mapped.end(), [&](const auto &m) {
            return m.first < uid + idmap::kRangeSize && uid < m.second;
        });
        if (recorded || inConfig)
            continue;
        kept.push_back({name, uint32_t(uid), gid, now});
        const bool own = pool.source == QLatin1String("Hutch's own pool");
        const bool newPool = own && !ownPoolRecorded(store);
        QByteArray text = "# Host id ranges of unprivileged containers (helper/idranges.h): range NAME UID GID TIME\n";
        if (own)
            text += "\npool " + QByteArray::number(pool.uidStart) + ' ' + QByteArray::number(pool.uidCount) + '\n';
        for (const Record &r : kept)
            text += "range " + r.name.toUtf8() + ' ' + QByteArray::number(r.uidBase) + ' '
                    + QByteArray::number(r.gidBase) + ' ' + QByteArray::number(r.time) + '\n';
        if (auto err = writeFileAtomically(recordPath(store), text, 0600))
            return err->wrap(QStringLiteral("id ranges"));
        return Allocation{uint32_t(uid), gid, newPool};
    }
    return Error::busy(QStringLiteral("id ranges: all %1 ranges of %2 are in use").arg(ranges).arg(pool.source));
}

QByteArray withoutIdmap(const QByteArray &config, bool *idmapped)
{
    *idmapped = false;
    ConfigDocument doc = ConfigDocument::fromBytes(config);
    const qsizetype at = doc.lastIndexOf(QStringLiteral("lxc.rootfs.options"));
    if (at < 0 || doc.lastIndexOf(QStringLiteral("lxc.idmap")) < 0)
        return config;
    QStringList options = doc.lines().at(at).value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (options.removeAll(QStringLiteral("idmap=container")) == 0)
        return config;  // shifted on disk: its map belongs to its files
    *idmapped = true;
    doc.remove(QStringLiteral("lxc.idmap"));
    if (options.isEmpty())
        doc.removeAt(at);
    else
        doc.setValueAt(at, options.join(QLatin1Char(',')));
    return doc.toBytes();
}

Status makeUnprivileged(const Store &store, const QString &name, QString *note, const QString &configPath,
                        std::optional<std::pair<uint32_t, uint32_t>> sharedUser)
{
    const Pool p = pool();
    auto a = allocate(store, name, p);
    if (!a)
        return a.error();
    if (note && a->newPool)
        *note = QStringLiteral("no range for root in /etc/subuid and /etc/subgid: Hutch uses its own host ids "
                               "%1-%2 for unprivileged containers (recorded in %3)")
                    .arg(p.uidStart)
                    .arg(uint64_t(p.uidStart) + p.uidCount - 1)
                    .arg(recordPath(store));
    const QString path = configPath.isEmpty() ? store.configPath(name) : configPath;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("make \"%1\" unprivileged: read %2: %3").arg(name, path, f.errorString()));
    ConfigDocument doc = ConfigDocument::fromBytes(f.readAll());
    f.close();
    const QStringList lines = sharedUser
                                  ? idmap::configValuesSharing(a->uidBase, a->gidBase, sharedUser->first, sharedUser->second)
                                  : idmap::configValues(a->uidBase, a->gidBase);
    for (const QString &v : lines)
        doc.append(QStringLiteral("lxc.idmap"), v);
    // Other rootfs options (an LV's) stay; idmap=container joins them.
    const qsizetype at = doc.lastIndexOf(QStringLiteral("lxc.rootfs.options"));
    QStringList options = at < 0 ? QStringList() : doc.lines().at(at).value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!options.contains(QStringLiteral("idmap=container")))
        options << QStringLiteral("idmap=container");
    doc.set(QStringLiteral("lxc.rootfs.options"), options.join(QLatin1Char(',')));
    const QByteArray text = doc.toBytes();
    if (auto err = writeFileAtomically(path, text, 0600))
        return err->wrap(QStringLiteral("make \"%1\" unprivileged").arg(name));
    return std::nullopt;
}

}  // namespace hutch::idranges
