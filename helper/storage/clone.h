// Cloning a container (lxc-copy): a full copy, or a copy-on-write snapshot
// clone (overlay over a dir or overlay source, a btrfs snapshot, an lvm
// snapshot). The clone gets its own hostname, new MAC addresses and its
// paths rewritten; it is built in STORE/.staging-NAME-XXXXXX and renamed
// into place at the end, so a cancel or a crash leaves nothing visible.
// Helper process (root), job threads.
#pragma once

#include "backend.h"
#include "error.h"
#include "launch.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <optional>

namespace hutch::storage {

struct CloneOptions {
    bool snapshot = false;     // copy-on-write instead of a full copy
    QString backend;           // full copy: dir, btrfs, lvm or best (empty: as the source;
                               // an overlay source becomes "best"); snapshot: overlay,
                               // btrfs or lvm (empty: what the source allows)
    bool keepHostname = false; // keep lxc.uts.name
    bool keepMacs = false;     // keep lxc.net.N.hwaddr
    bool ephemeral = false;    // lxc.ephemeral = 1: destroyed when it stops
    QString volumeGroup, thinPool;  // lvm
    qint64 sizeBytes = 0;           // lvm
    ConfigGate gate;                // asked with the source's config and the clone's
};

// Clones the stopped container SOURCE to NAME. InvalidArgument for bad
// names or options, NotFound without SOURCE, Busy when SOURCE runs,
// Conflict when NAME exists, Cancelled when *cancel became true; every failure leaves the
// store as it was.
Status cloneContainer(Runtime &runtime, const QString &source, const QString &name, const CloneOptions &options,
                      const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

// How a config changes when its container is copied or moved.
struct ConfigRewrite {
    QString oldDir, newDir;       // the container directories
    QString oldName, newName;     // the container names; newName is lxc.uts.name, unless keepHostname
                                  // (a log named OLDNAME.log in the directory becomes NEWNAME.log)
    bool keepHostname = false;
    bool keepMacs = false;        // else each fixed lxc.net.N.hwaddr gets a new random address
    QString rootfsValue;          // lxc.rootfs.path; empty: only its paths are rewritten
    std::optional<bool> ephemeral;  // set lxc.ephemeral = 1, or remove it
};
// Lossless: only the lines that change are touched. Every value naming a
// path in oldDir (lxc.rootfs.path, lxc.mount.fstab, lxc.log.file,
// lxc.mount.entry, hooks, ...) is moved to newDir.
QByteArray rewriteConfig(const QByteArray &config, const ConfigRewrite &rewrite);
// Replaces oldDir by newDir where it stands as a whole path component.
QString rewritePaths(const QString &value, const QString &oldDir, const QString &newDir);
// 00:16:3e:xx:xx:xx with the x's random (the Xen OUI LXC uses).
QString randomMac();

}  // namespace hutch::storage
