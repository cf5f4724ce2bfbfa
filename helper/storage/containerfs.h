// Files inside a container, running or stopped (PushFile, PullFile,
// ListFiles, MakeDirectory, DeleteFile). Every path is resolved within the
// container's root by openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS): a
// symlink to "/etc" is the container's /etc, ".." stops at its "/". Below
// that, everything goes by descriptors with O_NOFOLLOW (core/filetree.h).
// Owners are the container's ids, mapped through lxc.idmap when the config
// has one and the ids on disk are shifted; with an idmapped rootfs
// (idmap=container) a stopped container's files are taken as they are on
// disk, and a running one's are written as its root through the idmapped
// mount. Kernel filesystems (the container's /proc, /sys, cgroups) are
// neither read nor written: the helper is root on the host there.
// Helper process (root), job and worker threads.
#pragma once

#include "error.h"
#include "filestream.h"
#include "uniquefd.h"
#include "values.h"

#include <QList>
#include <QString>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <optional>

namespace hutch::storage {

// lxc.idmap lines: container ids to host ids and back. Empty: identity.
struct IdMapping {
    QList<values::IdMap> maps;
    // A container id on the host; an error when the map leaves it out.
    Result<quint32> toHost(QChar kind, quint32 id) const;
    // A host id as the container sees it (65534, the overflow id, if unmapped).
    quint32 toContainer(QChar kind, quint32 id) const;
};

// The container's root for `fn`: a running one's through /proc/PID/root
// (`pid`: its init; its mounts as it sees them), a stopped one's rootfs
// (an overlay or a logical volume mounted read-write in a private mount
// namespace of a thread made for the purpose, gone with it). `configPath`
// gives the rootfs and the idmap.
Status withContainerRoot(const QString &containerDir, const QString &configPath, qint64 pid,
                         const std::function<Status(int root, const IdMapping &ids)> &fn);

// A path inside the container as the methods take it: absolute, no NUL,
// at most 4096 bytes.
Status checkContainerPath(const QString &path);

struct PushOptions {
    std::optional<quint32> uid, gid;  // container ids (default: its root, 0)
    std::optional<quint32> mode;      // files' mode (default: the stream's)
    bool parents = false;             // make missing parent directories
};
// Reads the stream on `channel` into PATH: an existing directory there
// receives the tree under its top name, else the top entry becomes PATH.
Status pushFiles(int root, const IdMapping &ids, const QString &path, files::Channel &channel,
                 const PushOptions &options);

// Writes PATH (a directory needs `recursive`) as a stream to `channel`.
// `total`, when given, gets the bytes of file data first (for progress).
Status pullFiles(int root, const IdMapping &ids, const QString &path, bool recursive, files::Channel &channel,
                 const std::function<void(quint64 total)> &total = {},
                 const std::function<void(const QString &)> &note = {});

// The entries of the directory PATH: name, type ("file", "directory",
// "symlink", "other"), size, mode, uid, gid (container ids), mtime, target.
Result<QList<QVariantMap>> listFiles(int root, const IdMapping &ids, const QString &path);
// A directory owned by the container's root, mode 0755.
Status makeDirectory(int root, const IdMapping &ids, const QString &path, bool parents);
// Removes PATH (a directory needs `recursive`; never crosses into another
// filesystem, never "/").
Status removeFiles(int root, const QString &path, bool recursive);

}  // namespace hutch::storage
