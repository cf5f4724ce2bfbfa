// Backing stores: where a container's rootfs lives and how it is made,
// snapshotted and removed. lxc.rootfs.path carries LXC's prefixes:
//   dir:/var/lib/hutch/web/rootfs
//   btrfs:/var/lib/hutch/web/rootfs                      (a subvolume)
//   overlay:/var/lib/hutch/base/rootfs:/var/lib/hutch/web/delta0
//                                    (lower:upper; work dir "olwork" beside the upper)
//   lvm:/dev/vg0/web                                     (a logical volume with a filesystem)
// One small interface, one file per backend (as crun's cgroup managers).
// Helper process (root), job threads.
#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace hutch::storage {

// Progress lines of a long operation, for the job's log.
using Progress = std::function<void(const QString &line)>;

// The service's gate for config text about to reach the store (see
// helper/service/configgate.h): called with the text it replaces (or what a
// new container may hold without more authorization) and the text to be
// written, before anything is written; an error stops the operation.
// Empty: no gate (storage tests, root's own tools).
using ConfigGate = std::function<Status(const QByteArray &before, const QByteArray &after)>;

enum class BackendKind { Dir, Overlay, Btrfs, Lvm };

QString kindName(BackendKind kind);
// "dir", "overlay" (or LXC's older "overlayfs"), "btrfs", "lvm".
Result<BackendKind> parseKindName(const QString &name);

struct RootfsLocation {
    BackendKind kind = BackendKind::Dir;
    QString path;        // dir, btrfs: the rootfs directory; overlay: the upper dir; lvm: the device
    QStringList lowers;  // overlay: the lower dirs, top first

    // overlay: the work dir, "olwork" beside the upper dir (as LXC).
    QString workDir() const;
    // The lxc.rootfs.path value.
    QString configValue() const;
    // Every host path the rootfs is made of (the lowers belong to others).
    QStringList ownedPaths() const;
};

// Parses lxc.rootfs.path. An empty value means CONTAINERDIR/rootfs; a plain
// absolute path is a directory. Paths must be absolute and, for overlay,
// free of ',' and '\' (they go into mount options) — ':' separates layers.
Result<RootfsLocation> parseRootfsPath(const QString &value, const QString &containerDir);

// How the runtime gets the rootfs: a directory bound as it is (type empty),
// or a filesystem mounted on mountPoint inside the container's own mount
// namespace (overlay, a logical volume).
struct RootfsMount {
    QString mountPoint;  // the directory the container sees as "/"
    QString source, type, data;
};
// lxc.rootfs.mount overrides the mount point (CONTAINERDIR/rootfs by default);
// lxc.rootfs.options are extra mount options.
Result<RootfsMount> rootfsMountFor(const RootfsLocation &location, const QString &containerDir,
                                   const QString &mountPointOverride = {}, const QString &options = {});

// Where a backend builds: the staging directory of a container being made
// and the directory it will be renamed to (the paths in its config).
struct Target {
    QString name;         // the container's name (an LVM volume is named after it)
    QString stagingDir;   // exists, empty or partly filled
    QString finalDir;     // STORE/NAME, not yet existing
    qint64 sizeBytes = 0; // lvm: volume size (0: 1 GiB, as LXC)
    QString fsType;       // lvm: filesystem to make (default ext4)
    QString volumeGroup;  // lvm: default "lxc", as LXC
    QString thinPool;     // lvm: used when it exists in the group (default "lxc")
};

class Backend {
public:
    virtual ~Backend() = default;
    virtual BackendKind kind() const = 0;

    // A new, empty rootfs. fillPath is where to put its files now (the
    // staging path of a directory or subvolume, a mount for lvm); finish()
    // is called when they are there.
    struct Created {
        RootfsLocation location;  // final paths, for the config
        QString fillPath;
    };
    virtual Result<Created> create(const Target &target) = 0;
    virtual Status finish(const Created &created);

    // A copy-on-write clone of `source` (overlay: any directory rootfs as the
    // lower layer; btrfs: a subvolume snapshot; lvm: a volume snapshot).
    virtual Result<RootfsLocation> snapshot(const RootfsLocation &source, const Target &target) = 0;

    // Removes what the rootfs is made of (never an overlay's lower layers).
    virtual Status destroy(const RootfsLocation &location) = 0;
};

std::unique_ptr<Backend> makeBackend(BackendKind kind);

// "best": btrfs when the store is on btrfs, else dir; other names as they
// are. The store need not exist yet (its nearest existing parent decides).
Result<BackendKind> resolveBackend(const QString &name, const QString &storePath);

// Whether `path` (or its nearest existing parent) is on btrfs.
bool isOnBtrfs(const QString &path);

}  // namespace hutch::storage
