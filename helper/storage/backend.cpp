// lxc.rootfs.path, the runtime's view of a rootfs, and backend selection.
#include "backend.h"

#include "backends_p.h"
#include "lvm.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <linux/magic.h>
#include <sys/statfs.h>

namespace hutch::storage {

namespace {

Status checkPath(const QString &path, const QString &what, bool forMountOptions)
{
    if (path.isEmpty() || !path.startsWith(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("%1 \"%2\" is not an absolute path").arg(what, path));
    for (const QChar c : path)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return Error::invalid(QStringLiteral("%1 \"%2\" contains a control character").arg(what, path));
    if (forMountOptions && (path.contains(QLatin1Char(',')) || path.contains(QLatin1Char('\\'))))
        return Error::invalid(QStringLiteral("%1 \"%2\": ',' and '\\' cannot be passed to overlayfs").arg(what, path));
    return std::nullopt;
}

}  // namespace

QString kindName(BackendKind kind)
{
    switch (kind) {
    case BackendKind::Dir: return QStringLiteral("dir");
    case BackendKind::Overlay: return QStringLiteral("overlay");
    case BackendKind::Btrfs: return QStringLiteral("btrfs");
    case BackendKind::Lvm: return QStringLiteral("lvm");
    }
    return QStringLiteral("dir");
}

Result<BackendKind> parseKindName(const QString &name)
{
    if (name == QLatin1String("dir"))
        return BackendKind::Dir;
    if (name == QLatin1String("overlay") || name == QLatin1String("overlayfs"))
        return BackendKind::Overlay;
    if (name == QLatin1String("btrfs"))
        return BackendKind::Btrfs;
    if (name == QLatin1String("lvm"))
        return BackendKind::Lvm;
    return Error::invalid(QStringLiteral("unknown backing store \"%1\" (dir, overlay, btrfs, lvm or best)").arg(name));
}

QString RootfsLocation::workDir() const
{
    return QFileInfo(path).path() + QStringLiteral("/olwork");
}

QString RootfsLocation::configValue() const
{
    if (kind == BackendKind::Overlay)
        return QStringLiteral("overlay:") + lowers.join(QLatin1Char(':')) + QLatin1Char(':') + path;
    return kindName(kind) + QLatin1Char(':') + path;
}

QStringList RootfsLocation::ownedPaths() const
{
    if (kind == BackendKind::Overlay)
        return {path, workDir()};
    return {path};
}

Result<RootfsLocation> parseRootfsPath(const QString &value, const QString &containerDir)
{
    RootfsLocation loc;
    const QString what = QStringLiteral("lxc.rootfs.path");
    if (value.isEmpty()) {
        loc.path = containerDir + QStringLiteral("/rootfs");
        return loc;
    }
    if (value.startsWith(QLatin1Char('/'))) {
        loc.path = value;
        if (auto err = checkPath(value, what, false))
            return *err;
        return loc;
    }
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return Error::invalid(QStringLiteral("%1 \"%2\": neither an absolute path nor TYPE:PATH").arg(what, value));
    const QString prefix = value.left(colon);
    const QString rest = value.mid(colon + 1);
    auto kind = parseKindName(prefix);
    if (!kind)
        return Error::invalid(QStringLiteral("%1 \"%2\": backing store \"%3\" is not supported "
                                             "(dir, overlay, btrfs, lvm)").arg(what, value, prefix));
    loc.kind = *kind;
    if (loc.kind == BackendKind::Overlay) {
        // overlay:LOWER[:LOWER...]:UPPER, as LXC writes it.
        QStringList parts = rest.split(QLatin1Char(':'));
        if (parts.size() < 2)
            return Error::invalid(QStringLiteral("%1 \"%2\": overlay needs LOWER:UPPER").arg(what, value));
        loc.path = parts.takeLast();
        loc.lowers = parts;
        for (const QString &p : std::as_const(loc.lowers))
            if (auto err = checkPath(p, QStringLiteral("overlay lower dir"), true))
                return err->wrap(what);
        if (auto err = checkPath(loc.path, QStringLiteral("overlay upper dir"), true))
            return err->wrap(what);
        return loc;
    }
    loc.path = rest;
    if (auto err = checkPath(rest, what, false))
        return *err;
    return loc;
}

Result<RootfsMount> rootfsMountFor(const RootfsLocation &location, const QString &containerDir,
                                   const QString &mountPointOverride, const QString &options)
{
    RootfsMount m;
    auto isDir = [](const QString &p) { return QFileInfo(p).isDir(); };
    switch (location.kind) {
    case BackendKind::Dir:
    case BackendKind::Btrfs:
        if (!isDir(location.path))
            return Error::notFound(QStringLiteral("lxc.rootfs.path: \"%1\" is not a directory").arg(location.path));
        m.mountPoint = location.path;
        return m;
    case BackendKind::Overlay: {
        m.mountPoint = mountPointOverride.isEmpty() ? containerDir + QStringLiteral("/rootfs") : mountPointOverride;
        for (const QString &p : location.lowers + QStringList{location.path, location.workDir(), m.mountPoint})
            if (!isDir(p))
                return Error::notFound(QStringLiteral("overlay rootfs: \"%1\" is not a directory").arg(p));
        m.source = QStringLiteral("overlay");
        m.type = QStringLiteral("overlay");
        m.data = QStringLiteral("lowerdir=%1,upperdir=%2,workdir=%3")
                     .arg(location.lowers.join(QLatin1Char(':')), location.path, location.workDir());
        break;
    }
    case BackendKind::Lvm: {
        m.mountPoint = mountPointOverride.isEmpty() ? containerDir + QStringLiteral("/rootfs") : mountPointOverride;
        if (!isDir(m.mountPoint))
            return Error::notFound(QStringLiteral("lvm rootfs: mount point \"%1\" is not a directory").arg(m.mountPoint));
        auto type = lvm::detectFilesystem(location.path);
        if (!type)
            return type.error().wrap(QStringLiteral("lvm rootfs"));
        m.source = location.path;
        m.type = *type;
        break;
    }
    }
    if (!options.isEmpty()) {
        if (options.contains(QLatin1Char('\n')))
            return Error::invalid(QStringLiteral("lxc.rootfs.options: bad value"));
        m.data += (m.data.isEmpty() ? QString() : QStringLiteral(",")) + options;
    }
    return m;
}

Status Backend::finish(const Created &)
{
    return std::nullopt;
}

std::unique_ptr<Backend> makeBackend(BackendKind kind)
{
    switch (kind) {
    case BackendKind::Dir: return makeDirBackend();
    case BackendKind::Overlay: return makeOverlayBackend();
    case BackendKind::Btrfs: return makeBtrfsBackend();
    case BackendKind::Lvm: return makeLvmBackend();
    }
    return makeDirBackend();
}

bool isOnBtrfs(const QString &path)
{
    QString p = QDir::cleanPath(path);
    while (!p.isEmpty()) {
        struct statfs sf {};
        if (::statfs(QFile::encodeName(p).constData(), &sf) == 0)
            return sf.f_type == BTRFS_SUPER_MAGIC;
        if (errno != ENOENT || p == QLatin1String("/"))
            return false;
        p = QFileInfo(p).path();
    }
    return false;
}

Result<BackendKind> resolveBackend(const QString &name, const QString &storePath)
{
    if (name.isEmpty() || name == QLatin1String("best"))
        return isOnBtrfs(storePath) ? BackendKind::Btrfs : BackendKind::Dir;
    return parseKindName(name);
}

}  // namespace hutch::storage
