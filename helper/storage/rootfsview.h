// Reading a rootfs whatever its backing store: a dir or btrfs rootfs is a
// directory already; an overlay or a logical volume is mounted read-only in
// a private mount namespace of a thread made for the purpose, so the host
// never sees the mount and nothing stays mounted if the helper is killed.
#pragma once

#include "backend.h"

#include <functional>

namespace hutch::storage {

// Runs fn(path) with the rootfs's files under `path` (in the calling thread
// for dir and btrfs, else in the private thread). Programs fn starts inherit
// the view.
Status withReadableRootfs(const RootfsLocation &location, const QString &containerDir,
                          const std::function<Status(const QString &path)> &fn);

}  // namespace hutch::storage
