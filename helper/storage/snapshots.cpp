// Snapshots (see snapshots.h). Helper process, job threads, root.
#include "snapshots.h"

#include "atomicfile.h"
#include "clone.h"
#include "clone_p.h"
#include "config.h"
#include "fsops.h"
#include "names.h"
#include "staging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::storage {

namespace {


const QRegularExpression &snapName()
{
    static const QRegularExpression re(QStringLiteral("^snap(\\d{1,9})$"));
    return re;
}

struct Loaded {
    QByteArray bytes;
    RootfsLocation location;
};

Result<Loaded> loadContainer(const QString &dir, const QString &what)
{
    const QString configPath = dir + QStringLiteral("/config");
    if (auto err = checkConfigFile(configPath); err && err->code != Error::Code::NotFound)
        return err->wrap(what);
    auto bytes = readFileBeneath(dir, QStringLiteral("config"));
    if (!bytes)
        return Error::notFound(QStringLiteral("no %1 (%2)").arg(what, bytes.error().message));
    Loaded l;
    l.bytes = *bytes;
    const LoadResult loaded = loadConfigBytes(l.bytes, configPath, dir);
    if (auto err = loaded.firstError())
        return err->wrap(what);
    auto loc = parseRootfsPath(loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()), dir);
    if (!loc)
        return loc.error().wrap(what);
    l.location = *loc;
    return l;
}

// Checks shared by every verb: a valid, existing, stopped container.
Status checkStopped(Runtime &runtime, const QString &name, bool mustBeStopped = true)
{
    if (auto err = validateContainerName(name))
        return err;
    if (!QFileInfo(runtime.store().configPath(name)).isFile())
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name));
    if (mustBeStopped && runtime.state(name) != QLatin1String("STOPPED"))
        return Error::busy(QStringLiteral("\"%1\" is running; stop it first").arg(name));
    return std::nullopt;
}

// The rootfs of a snapshot or restore built in target from `from`.
Result<RootfsLocation> copyRootfs(const RootfsLocation &from, const QString &fromDir, const Target &target,
                                  const Progress &progress, const std::atomic_bool *cancel)
{
    switch (from.kind) {
    case BackendKind::Dir:
        return makeRootfsFrom(from, fromDir, target, BackendKind::Dir, false, progress, cancel);
    case BackendKind::Btrfs:
        return makeRootfsFrom(from, fromDir, target, BackendKind::Btrfs, true, progress, cancel);
    case BackendKind::Overlay: {
        // Only the upper layer is the container's own.
        auto staging = openDirectory(target.stagingDir);
        if (!staging)
            return staging.error();
        auto upper = makeDirectoryAt(staging->get(), "delta0", 0755);
        if (!upper)
            return upper.error();
        auto src = openDirectory(from.path);
        if (!src)
            return src.error();
        if (progress)
            progress(QStringLiteral("copying the overlay's upper layer"));
        if (auto copied = copyTreeContents(src->get(), upper->get(), cancel); !copied)
            return copied.error();
        for (const char *d : {"olwork", "rootfs"}) {
            struct stat st {};
            if (::fstatat(staging->get(), d, &st, AT_SYMLINK_NOFOLLOW) == 0)
                continue;
            if (auto made = makeDirectoryAt(staging->get(), d, qstrcmp(d, "olwork") == 0 ? 0700 : 0755); !made)
                return made.error();
        }
        RootfsLocation loc = from;
        loc.path = target.finalDir + QStringLiteral("/delta0");
        return loc;
    }
    case BackendKind::Lvm:
        break;
    }
    return Error::invalid(QStringLiteral("snapshots of an lvm rootfs are not supported yet"));
}

QStringList snapshotNames(const QString &snapsDir)
{
    QStringList names;
    for (const QString &n : QDir(snapsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks))
        if (snapName().match(n).hasMatch())
            names << n;
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a.mid(4).toLongLong() < b.mid(4).toLongLong();
    });
    return names;
}

}  // namespace

Result<QString> createSnapshot(Runtime &runtime, const QString &name, const QString &comment,
                               const Progress &progress, const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("snapshot \"%1\"").arg(name);
    if (auto err = checkStopped(runtime, name))
        return err->wrap(context);
    for (const QChar c : comment)
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            return Error::invalid(QStringLiteral("the comment contains a control character")).wrap(context);
    const QString dir = QDir(runtime.store().containerDir(name)).absolutePath();
    auto container = loadContainer(dir, QStringLiteral("config of \"%1\"").arg(name));
    if (!container)
        return container.error().wrap(context);
    const QString snapsDir = dir + QStringLiteral("/snaps");
    const QStringList existing = snapshotNames(snapsDir);
    const QString snap = QStringLiteral("snap%1").arg(existing.isEmpty() ? 0 : existing.last().mid(4).toLongLong() + 1);
    const QString snapDir = snapsDir + QLatin1Char('/') + snap;

    auto staging = Staging::create(snapsDir, snap);
    if (!staging)
        return staging.error().wrap(context);
    Target target;
    target.name = name + QLatin1Char('_') + snap;
    target.stagingDir = staging->path();
    target.finalDir = snapDir;
    auto rootfs = copyRootfs(container->location, dir, target, progress, cancel);
    if (!rootfs)
        return rootfs.error().wrap(context);
    auto sourceFd = openDirectory(dir);
    if (!sourceFd)
        return sourceFd.error().wrap(context);
    if (auto copied = copyEntries(sourceFd->get(), staging->fd(), containerExtras(dir), cancel); !copied)
        return copied.error().wrap(context);

    ConfigRewrite rw;
    rw.oldDir = dir;
    rw.newDir = snapDir;
    rw.keepHostname = rw.keepMacs = true;
    rw.rootfsValue = rootfs->configValue();
    if (auto err = writeFileAtomically(staging->path() + QStringLiteral("/config"), rewriteConfig(container->bytes, rw)))
        return err->wrap(context);
    // LXC's ts format.
    const QByteArray ts = QDateTime::currentDateTime().toString(QStringLiteral("yyyy:MM:dd HH:mm:ss")).toUtf8();
    if (auto err = writeFileAtomically(staging->path() + QStringLiteral("/ts"), ts))
        return err->wrap(context);
    if (!comment.isEmpty())
        if (auto err = writeFileAtomically(staging->path() + QStringLiteral("/comment"), comment.toUtf8() + '\n'))
            return err->wrap(context);
    if (isCancelled(cancel))
        return Error::cancelled().wrap(context);
    if (auto err = staging->commit(snap))
        return err->wrap(context);
    if (progress)
        progress(QStringLiteral("made %1 of \"%2\"").arg(snap, name));
    return snap;
}

Result<QList<SnapshotInfo>> listSnapshots(const Store &store, const QString &name)
{
    if (auto err = validateContainerName(name))
        return *err;
    const QString dir = QDir(store.containerDir(name)).absolutePath();
    if (!QFileInfo(dir).isDir())
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name));
    QList<SnapshotInfo> out;
    for (const QString &n : snapshotNames(dir + QStringLiteral("/snaps"))) {
        SnapshotInfo info;
        info.name = n;
        info.path = dir + QStringLiteral("/snaps/") + n;
        // Below the container's directory, no symlink followed: a comment
        // goes back to the caller.
        if (auto ts = readFileBeneath(dir, QStringLiteral("snaps/") + n + QStringLiteral("/ts"), 64))
            info.timestamp = QString::fromUtf8(*ts).trimmed();
        if (auto comment = readFileBeneath(dir, QStringLiteral("snaps/") + n + QStringLiteral("/comment"), 64 * 1024))
            info.comment = QString::fromUtf8(*comment).trimmed();
        out << info;
    }
    return out;
}

Status restoreSnapshot(Runtime &runtime, const QString &name, const QString &snapshot, const Progress &progress,
                       const std::atomic_bool *cancel, const ConfigGate &gate)
{
    const QString context = QStringLiteral("restore \"%1\" from %2").arg(name, snapshot);
    if (auto err = checkStopped(runtime, name))
        return err->wrap(context);
    if (!snapName().match(snapshot).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a snapshot name (snapN)").arg(snapshot)).wrap(context);
    const QString dir = QDir(runtime.store().containerDir(name)).absolutePath();
    const QString snapDir = dir + QStringLiteral("/snaps/") + snapshot;
    auto snap = loadContainer(snapDir, QStringLiteral("snapshot %1").arg(snapshot));
    if (!snap)
        return snap.error().code == Error::Code::NotFound
            ? Error::notFound(QStringLiteral("\"%1\" has no snapshot %2").arg(name, snapshot)).wrap(context)
            : snap.error().wrap(context);

    // The snapshot's config replaces the container's: through the gate,
    // against the config as it is now (an administrator may have removed
    // a hook since), before anything is written.
    if (gate) {
        auto current = loadContainer(dir, QStringLiteral("config of \"%1\"").arg(name));
        if (!current)
            return current.error().wrap(context);
        ConfigRewrite preview;
        preview.oldDir = snapDir;
        preview.newDir = dir;
        preview.keepHostname = preview.keepMacs = true;
        if (auto err = gate(current->bytes, rewriteConfig(snap->bytes, preview)))
            return err->wrap(context);
    }

    // Built beside the container's files, then swapped in.
    auto staging = Staging::create(dir, QStringLiteral("restore"));
    if (!staging)
        return staging.error().wrap(context);
    Target target;
    target.name = name;
    target.stagingDir = staging->path();
    target.finalDir = dir;
    auto rootfs = copyRootfs(snap->location, snapDir, target, progress, cancel);
    if (!rootfs)
        return rootfs.error().wrap(context);
    auto snapFd = openDirectory(snapDir);
    if (!snapFd)
        return snapFd.error().wrap(context);
    const QList<QByteArray> extras = containerExtras(snapDir);
    if (auto copied = copyEntries(snapFd->get(), staging->fd(), extras, cancel); !copied)
        return copied.error().wrap(context);
    ConfigRewrite rw;
    rw.oldDir = snapDir;
    rw.newDir = dir;
    rw.keepHostname = rw.keepMacs = true;
    rw.rootfsValue = rootfs->configValue();
    if (auto err = writeFileAtomically(staging->path() + QStringLiteral("/config"), rewriteConfig(snap->bytes, rw)))
        return err->wrap(context);
    if (isCancelled(cancel))
        return Error::cancelled().wrap(context);
    if (::syncfs(staging->fd()) < 0)
        return Error::system(errno, QStringLiteral("sync")).wrap(context);

    // The swap: each piece atomically (RENAME_EXCHANGE when the container
    // has it, a plain rename when not); what was there ends in staging and
    // goes with it.
    auto dirFd = openDirectory(dir);
    if (!dirFd)
        return dirFd.error().wrap(context);
    QList<QByteArray> pieces = {rootfs->kind == BackendKind::Overlay ? QByteArray("delta0") : QByteArray("rootfs")};
    pieces += extras;
    pieces << "config";
    for (const QByteArray &p : pieces) {
        struct stat st {};
        const bool exists = ::fstatat(dirFd->get(), p.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
        const unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
        if (::renameat2(staging->fd(), p.constData(), dirFd->get(), p.constData(), flags) < 0)
            return Error::system(errno, QStringLiteral("put \"%1\" in place").arg(QFile::decodeName(p))).wrap(context);
    }
    ::fsync(dirFd->get());
    if (progress)
        progress(QStringLiteral("restored \"%1\" from %2").arg(name, snapshot));
    if (auto err = staging->discard())
        return err->wrap(QStringLiteral("%1: remove the old rootfs").arg(context));
    return std::nullopt;
}

Status deleteSnapshot(Runtime &runtime, const QString &name, const QString &snapshot)
{
    const QString context = QStringLiteral("delete snapshot %1 of \"%2\"").arg(snapshot, name);
    if (auto err = checkStopped(runtime, name, false))
        return err->wrap(context);
    if (!snapName().match(snapshot).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not a snapshot name (snapN)").arg(snapshot)).wrap(context);
    const QString snapsDir = QDir(runtime.store().containerDir(name)).absolutePath() + QStringLiteral("/snaps");
    if (!QFileInfo(snapsDir + QLatin1Char('/') + snapshot).isDir())
        return Error::notFound(QStringLiteral("\"%1\" has no snapshot %2").arg(name, snapshot)).wrap(context);
    auto aside = moveAsideForRemoval(snapsDir, snapshot);
    if (!aside)
        return aside.error().wrap(context);
    if (auto err = removeTree(*aside))
        return err->wrap(context);
    return std::nullopt;
}

}  // namespace hutch::storage
