// The btrfs backend: the rootfs is a subvolume, CONTAINERDIR/rootfs;
// snapshot clones are subvolume snapshots (instant, sharing every extent),
// and a destroy deletes the subvolume with any nested ones. Everything
// through libbtrfsutil (the ioctls btrfs-progs uses), no programs run.
#include "backends_p.h"
#include "fsops.h"

#include <QFile>
#include <QFileInfo>

#include <btrfsutil.h>

#include <cerrno>
#include <sys/stat.h>

namespace hutch::storage {

namespace {

Error btrfsError(btrfs_util_error rc, const QString &what)
{
    return Error::system(errno, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(btrfs_util_strerror(rc))));
}

class BtrfsBackend : public Backend {
public:
    BackendKind kind() const override { return BackendKind::Btrfs; }

    Result<Created> create(const Target &target) override
    {
        if (!isOnBtrfs(target.stagingDir))
            return Error::invalid(QStringLiteral("the store \"%1\" is not on btrfs")
                                      .arg(QFileInfo(target.finalDir).path()));
        const QString path = target.stagingDir + QStringLiteral("/rootfs");
        const auto rc = btrfs_util_create_subvolume(QFile::encodeName(path).constData(), 0, nullptr, nullptr);
        if (rc != BTRFS_UTIL_OK)
            return btrfsError(rc, QStringLiteral("create subvolume \"%1\"").arg(path));
        if (::chmod(QFile::encodeName(path).constData(), 0755) < 0)
            return Error::system(errno, QStringLiteral("chmod \"%1\"").arg(path));
        Created c;
        c.location.kind = BackendKind::Btrfs;
        c.location.path = target.finalDir + QStringLiteral("/rootfs");
        c.fillPath = path;
        return c;
    }

    Result<RootfsLocation> snapshot(const RootfsLocation &source, const Target &target) override
    {
        if (source.kind != BackendKind::Btrfs && source.kind != BackendKind::Dir)
            return Error::invalid(QStringLiteral("a btrfs snapshot needs a btrfs source, not %1").arg(kindName(source.kind)));
        const QByteArray src = QFile::encodeName(source.path);
        if (btrfs_util_is_subvolume(src.constData()) != BTRFS_UTIL_OK)
            return Error::invalid(QStringLiteral("\"%1\" is not a btrfs subvolume").arg(source.path));
        const QString path = target.stagingDir + QStringLiteral("/rootfs");
        const auto rc = btrfs_util_create_snapshot(src.constData(), QFile::encodeName(path).constData(), 0,
                                                   nullptr, nullptr);
        if (rc != BTRFS_UTIL_OK)
            return btrfsError(rc, QStringLiteral("snapshot \"%1\"").arg(source.path));
        RootfsLocation loc;
        loc.kind = BackendKind::Btrfs;
        loc.path = target.finalDir + QStringLiteral("/rootfs");
        return loc;
    }

    Status destroy(const RootfsLocation &location) override
    {
        const QByteArray p = QFile::encodeName(location.path);
        if (!QFileInfo::exists(location.path))
            return std::nullopt;
        if (btrfs_util_is_subvolume(p.constData()) != BTRFS_UTIL_OK)
            return removeTree(location.path);  // a plain directory after all
        const auto rc = btrfs_util_delete_subvolume(p.constData(), BTRFS_UTIL_DELETE_SUBVOLUME_RECURSIVE);
        if (rc != BTRFS_UTIL_OK)
            return btrfsError(rc, QStringLiteral("delete subvolume \"%1\"").arg(location.path));
        return std::nullopt;
    }
};

}  // namespace

std::unique_ptr<Backend> makeBtrfsBackend()
{
    return std::make_unique<BtrfsBackend>();
}

}  // namespace hutch::storage
