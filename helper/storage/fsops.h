// File tree operations of the storage code, all relative to directory fds
// and never following a symlink: a container's rootfs is full of links
// that point to "/..." and mean the container's files, which here would be
// the host's. Runs in the helper (root), on job threads.
#pragma once

#include "error.h"
#include "uniquefd.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

#include <sys/types.h>

namespace hutch::storage {

inline bool isCancelled(const std::atomic_bool *cancel) { return cancel && cancel->load(); }

// Opens an existing directory by absolute path (O_PATH is not enough for
// listing: this is a real O_RDONLY|O_DIRECTORY fd), refusing a symlink as
// the last component.
Result<UniqueFd> openDirectory(const QString &path);
// Opens NAME below dirFd as a directory, refusing a symlink.
Result<UniqueFd> openDirectoryAt(int dirFd, const QByteArray &name);
// mkdir NAME under dirFd with exactly `mode` (the umask does not apply) and
// an fd on it.
Result<UniqueFd> makeDirectoryAt(int dirFd, const QByteArray &name, mode_t mode);
// mkdir -p, each new directory `mode`.
Status makePath(const QString &path, mode_t mode = 0755);

// Removes NAME under parentFd and everything below it. Symlinks are
// unlinked, never followed. A btrfs subvolume inside the tree is deleted as
// a subvolume; anything mounted inside the tree is left alone with an error.
Status removeTreeAt(int parentFd, const QByteArray &name);
// The same by absolute path; a missing path is success.
Status removeTree(const QString &path);

struct CopyStats {
    quint64 files = 0, directories = 0, symlinks = 0, specials = 0, hardlinks = 0;
    quint64 bytes = 0;       // apparent size of regular files copied
    quint64 reflinked = 0;   // files shared with FICLONE instead of copied
};

// Copies the contents of srcDir into dstDir (an existing, empty directory)
// and then gives dstDir srcDir's owner, mode, xattrs and times: owners and
// modes, xattrs (POSIX ACLs are the system.posix_acl_* xattrs, so they
// come along), hardlinks inside the tree, device nodes, fifos and sockets,
// symlinks (not followed), times, and sparse files: a file is reflinked
// (FICLONE) when the filesystem can, else its data ranges are copied with
// copy_file_range and its holes stay holes. A directory of another
// filesystem below srcDir (a mount) is an error, except that btrfs
// subvolumes are copied as ordinary directories.
Result<CopyStats> copyTreeContents(int srcDirFd, int dstDirFd, const std::atomic_bool *cancel = nullptr,
                                   const std::function<void(const CopyStats &)> &progress = {});
Result<CopyStats> copyTree(const QString &srcDir, const QString &dstDir, const std::atomic_bool *cancel = nullptr,
                           const std::function<void(const CopyStats &)> &progress = {});

// Copies the named entries of srcDir (each a whole tree) into dstDir, as
// copyTreeContents does, without touching dstDir itself.
Result<CopyStats> copyEntries(int srcDirFd, int dstDirFd, const QList<QByteArray> &names,
                              const std::atomic_bool *cancel = nullptr);

// Copies owner, mode, xattrs and times of one directory onto another.
Status copyDirectoryMetadata(int srcDirFd, int dstDirFd);

// Reads a whole regular file below dirFd (O_NOFOLLOW), at most maxBytes.
Result<QByteArray> readFileAt(int dirFd, const QByteArray &name, qint64 maxBytes = 16 * 1024 * 1024);

// Reads a whole regular file at `path` (absolute, or relative to `dir`)
// without following symlinks: below `dir` with openat2 RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS when the path is in it (a container's directory:
// its config, fstab, snapshots' files), else with O_NOFOLLOW on the last
// component (rt::openContainerFile). NotFound when it is not there,
// InvalidArgument for a symlink, a way out or not a regular file.
Result<QByteArray> readFileBeneath(const QString &dir, const QString &path, qint64 maxBytes = 16 * 1024 * 1024);

// Whether `path` is the root of a mount (statx STATX_ATTR_MOUNT_ROOT).
bool isMountRoot(const QString &path);

// Unmounts (detaches) every mount at or below `path`, deepest first, as
// read from /proc/self/mountinfo. Used before removing a staging directory
// that a killed helper may have left with something mounted in it.
Status detachMountsBelow(const QString &path);

}  // namespace hutch::storage
