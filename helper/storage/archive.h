// Export a container to a tarball and import it back (lxc-backup/restore
// done as one file): the archive holds hutch-export.json (format, name,
// original directory, backend), the config, the container directory's
// other files (fstab, hooks) and rootfs/ — the rootfs as the container
// sees it (an overlay merged, a logical volume's files). GNU tar writes
// and reads it with xattrs, ACLs, numeric owners, sparse files, hardlinks
// and device nodes; the compression follows the file name (.tar, .tar.gz,
// .tar.xz, .tar.zst). Helper process (root), job threads.
#pragma once

#include "backend.h"
#include "error.h"
#include "launch.h"

#include <atomic>

namespace hutch::storage {

// Writes the stopped container NAME to `archivePath` (through a temporary
// file beside it, renamed at the end; nothing is left on failure).
Status exportContainer(Runtime &runtime, const QString &name, const QString &archivePath,
                       const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

struct ImportOptions {
    QString name;      // empty: the name in the archive
    QString backend;   // dir, btrfs, lvm or best (empty: best)
    // Asked with an empty `before` (a container new to the store) and the
    // archive's config, before anything is written.
    ConfigGate gate;
};

// Makes a container from an export; returns its name. A new name gets a
// new hostname and MAC addresses, as a clone; the same name keeps them.
// Built in staging and renamed into place. Before anything is written the
// archive is listed (tarscan.h) and refused for absolute paths, "..",
// block devices, devices other than every container's, members beneath
// links, a config or other file outside rootfs/ that is not a plain file;
// the config is taken from that listing, never read back from the disk.
Result<QString> importContainer(Runtime &runtime, const QString &archivePath, const ImportOptions &options = {},
                                const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

// The argv of the tar runs (tested without running them).
QStringList tarCreateArgs(const QString &archivePath, const QString &directory);
QStringList tarExtractArgs(const QString &archivePath, const QString &directory, const QStringList &members = {});
// Checks a member list (tar --list output): every name relative, no "..".
Status checkArchiveMembers(const QStringList &members);

}  // namespace hutch::storage
