// Destroying a container (lxc-destroy): everything it owned goes — its
// directory with the rootfs (a subvolume, overlay upper and work dirs), its
// snapshots, its logical volume. Helper process (root), job threads.
#pragma once

#include "backend.h"
#include "error.h"
#include "launch.h"

#include <QStringList>

namespace hutch::storage {

struct DestroyOptions {
    bool force = false;  // stop it first if it runs
    int stopTimeoutMs = 20000;
};

// NotFound without NAME; Busy when it runs (without force); Conflict when
// overlay clones use its rootfs as their lower layer (the message names them).
// NAME disappears from the store at once (renamed aside), then its files
// are removed.
Status destroyContainer(Runtime &runtime, const QString &name, const DestroyOptions &options = {},
                        const Progress &progress = {});

// The containers and snapshots ("NAME" or "NAME/snaps/snapN") whose overlay
// rootfs has a lower layer in NAME's directory.
QStringList overlayDependents(const QString &storePath, const QString &name);

}  // namespace hutch::storage
