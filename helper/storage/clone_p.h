// Shared by clone, snapshots and import: making a rootfs in a staging
// directory from another one.
#pragma once

#include "backend.h"

#include <atomic>

namespace hutch::storage {

// A new rootfs for `target` of backend `kind`: a copy-on-write snapshot of
// `source` (snapshot = true) or a full copy of its files. On failure what
// was made outside the staging directory (a logical volume) is removed.
Result<RootfsLocation> makeRootfsFrom(const RootfsLocation &source, const QString &sourceDir, const Target &target,
                                      BackendKind kind, bool snapshot, const Progress &progress,
                                      const std::atomic_bool *cancel);

// Writes the new hostname into the rootfs's /etc/hostname and replaces the
// old one in /etc/hosts, as LXC's clone does (only files that exist, never
// through a symlink). `stagingLocation` has the paths as they are now; for
// an overlay the files are written to the upper layer. An lvm rootfs is
// left as it is.
Status setRootfsHostname(const RootfsLocation &stagingLocation, const QString &oldName, const QString &newName);

// The kind a snapshot of `source` gets when none is asked for.
BackendKind snapshotKindFor(BackendKind source);

// Entries of a container directory that are not its rootfs, its snapshots,
// its logs or leftovers: what a clone copies beside the config (fstab,
// hooks, ...).
QList<QByteArray> containerExtras(const QString &containerDir);

}  // namespace hutch::storage
