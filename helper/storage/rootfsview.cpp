// Read-only views of a rootfs (see rootfsview.h). Helper process: the view
// thread unshares its mount namespace (only that thread's: CLONE_NEWNS
// implies CLONE_FS, which a thread may unshare), so its mounts die with it.
#include "rootfsview.h"

#include "lvm.h"

#include <QFile>

#include <cerrno>
#include <sched.h>
#include <sys/mount.h>
#include <thread>

namespace hutch::storage {

Status withReadableRootfs(const RootfsLocation &location, const QString &containerDir,
                          const std::function<Status(const QString &path)> &fn)
{
    if (location.kind == BackendKind::Dir || location.kind == BackendKind::Btrfs)
        return fn(location.path);

    // The container's own mount point: in this namespace only.
    const QString mountPoint = containerDir + QStringLiteral("/rootfs");
    QString source, type, data;
    if (location.kind == BackendKind::Overlay) {
        // No upper dir: a read-only overlay, the upper as its top layer.
        source = type = QStringLiteral("overlay");
        data = QStringLiteral("lowerdir=") + (QStringList{location.path} + location.lowers).join(QLatin1Char(':'));
    } else {
        auto fs = lvm::detectFilesystem(location.path);
        if (!fs)
            return fs.error();
        source = location.path;
        type = *fs;
    }
    Status result;
    std::thread view([&] {
        if (::unshare(CLONE_NEWNS) < 0) {
            result = Error::system(errno, QStringLiteral("unshare mount namespace"));
            return;
        }
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0) {
            result = Error::system(errno, QStringLiteral("make mounts private"));
            return;
        }
        if (::mount(QFile::encodeName(source).constData(), QFile::encodeName(mountPoint).constData(),
                    type.toUtf8().constData(), MS_RDONLY, data.isEmpty() ? nullptr : data.toUtf8().constData())
            < 0) {
            result = Error::system(errno, QStringLiteral("mount %1 rootfs read-only on \"%2\"").arg(type, mountPoint));
            return;
        }
        result = fn(mountPoint);
        ::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH);
    });
    view.join();
    return result;
}

}  // namespace hutch::storage
