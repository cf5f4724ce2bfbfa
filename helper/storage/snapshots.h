// Snapshots of one container (lxc-snapshot), stored as LXC stores them:
// STORE/NAME/snaps/snapN/{config, rootfs (or delta0 for an overlay), ts,
// comment}. A dir rootfs is copied, a btrfs one snapshotted as a subvolume,
// an overlay's upper layer copied (its lower layers are shared). Restore
// puts the snapshot's rootfs and config back in place of the container's.
// Helper process (root), job threads; the container must be stopped.
#pragma once

#include "backend.h"
#include "error.h"
#include "launch.h"

#include <QDateTime>
#include <QList>

#include <atomic>

namespace hutch::storage {

struct SnapshotInfo {
    QString name;       // snapN
    QString timestamp;  // as in the ts file: "2024:05:01 12:30:00"
    QString comment;
    QString path;       // STORE/NAME/snaps/snapN
};

// Makes the next snapN; returns its name.
Result<QString> createSnapshot(Runtime &runtime, const QString &name, const QString &comment = {},
                               const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);
// Oldest first (by number).
Result<QList<SnapshotInfo>> listSnapshots(const Store &store, const QString &name);
// NAME's rootfs, config and files become the snapshot's again (the
// snapshot stays). The old rootfs is swapped out atomically.
// `gate`: asked with the current config and the snapshot's, first.
Status restoreSnapshot(Runtime &runtime, const QString &name, const QString &snapshot,
                       const Progress &progress = {}, const std::atomic_bool *cancel = nullptr,
                       const ConfigGate &gate = {});
Status deleteSnapshot(Runtime &runtime, const QString &name, const QString &snapshot);

}  // namespace hutch::storage
