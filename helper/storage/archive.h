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

// Writes the stopped container NAME as an archive into `fd` (a file, a
// pipe or a socket, written from where it is), compressed with
// `compression` (xz, gz, zst or none), as tar makes it: nothing is stored
// on the way (see archive.cpp). Members sorted by name.
Status exportContainer(Runtime &runtime, const QString &name, int fd, const QString &compression,
                       const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);
// The same into a new file `archivePath` (removed on failure), its
// compression from its name (.tar, .tar.gz, .tar.xz, .tar.zst).
Status exportContainer(Runtime &runtime, const QString &name, const QString &archivePath,
                       const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

struct ImportOptions {
    QString name;      // empty: the name in the archive
    QString backend;   // dir, btrfs, lvm or best (empty: best)
    // A stream's compression (xz, gz, zst; empty or none: a plain tar);
    // a file's is told by its first bytes.
    QString compression;
    // Asked with an empty `before` (a container new to the store) and the
    // archive's config, before anything is written.
    ConfigGate gate;
};

// Makes a container from an export read from `fd`; returns its name. A
// new name gets a new hostname and MAC addresses, as a clone; the same
// name keeps them. Built in staging and renamed into place. `fd` is a
// file (read from its start; a first pass takes its config and metadata,
// wherever they are in it) or a pipe or socket (streamed: the config and
// metadata must come first, as an export puts them). The archive is
// checked member by member before tar extracts a byte of it
// (archivestream.h, tarscan.h): absolute paths, "..", block devices,
// devices other than every container's, members beneath links, a config
// or other file outside rootfs/ that is not a plain file are refused; the
// config used is the one read from the stream, never read back from the
// disk. Nothing is left on failure or cancel, nor a copy of the archive.
Result<QString> importContainer(Runtime &runtime, int fd, const ImportOptions &options = {},
                                const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);
// The same from the file `archivePath`.
Result<QString> importContainer(Runtime &runtime, const QString &archivePath, const ImportOptions &options = {},
                                const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

// The argv of an export's tar, archive on its standard output (tested without running it).
QStringList tarCreateArgs(const QString &compression, const QString &directory);
// xz, gz, zst or none from an archive's name; empty for another name.
QString compressionOfName(const QString &archivePath);

}  // namespace hutch::storage
