// Renaming a container (lxc-copy -R): the directory, the paths of its config
// that point into it, its hostname when it was the name. Worker threads, root.
#pragma once

#include "error.h"
#include "store.h"

namespace hutch::storage {

// Renames the stopped container NAME: every path of its config in its
// directory follows, and the hostname when it was NAME. Conflict when NEWNAME
// exists or overlay clones use NAME's rootfs as their lower layer.
Status renameContainer(const Store &store, const QString &name, const QString &newName);

}  // namespace hutch::storage
