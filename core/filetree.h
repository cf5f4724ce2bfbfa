// A tree of files into and out of the stream of filestream.h, by
// descriptors only: every child is opened relative to its parent's
// descriptor with O_NOFOLLOW, so a symlink met on the way is sent or made
// as a symlink and never followed (a container's "/root/x -> /etc" stays a
// link to the container's /etc, whichever side reads it). Used by the
// helper inside a container's root and by hutchctl and the GUI on the
// user's side.
#pragma once

#include "filestream.h"

#include <functional>
#include <optional>

namespace hutch::files {

// Filesystems whose files are kernel interfaces (proc, sysfs, cgroup,
// debugfs, securityfs, tracefs, bpf, configfs, efivarfs, devpts, ...):
// the helper, being root on the host, must not read or write them for a
// container's user (a shell in the container could not write most).
bool isKernelFilesystem(int fd);

struct PackOptions {
    bool recursive = false;
    // The helper: directories on kernel filesystems are left out, files on
    // them refused.
    bool skipKernelFilesystems = false;
    // Host ids as the stream carries them (an idmap's inverse); identity if empty.
    std::function<quint32(quint32)> uidOut, gidOut;
    // A line for what was left out (devices, fifos, sockets, kernel filesystems).
    std::function<void(const QString &)> note;
};

// Writes the object `fd` refers to (any descriptor, O_PATH included)
// as the tree's top entry `name`. A directory needs `recursive`.
Status pack(Writer &writer, int fd, const QByteArray &name, const PackOptions &options);

// The sum of the file sizes pack would send (for progress).
quint64 measure(int fd, const PackOptions &options);

struct UnpackOptions {
    // Owners: `uid`/`gid` when set, else the stream's; mapped to the host
    // by `uidIn`/`gidIn` (an error for an id the container does not map);
    // no chown at all when !chown (an unprivileged client).
    bool chown = true;
    std::optional<quint32> uid, gid;
    std::function<Result<quint32>(quint32)> uidIn, gidIn;
    std::optional<quint32> fileMode, dirMode;
    quint32 modeMask = 07777;
    bool refuseKernelFilesystems = false;
};

// Reads a whole stream (begin to end mark) and makes its tree: the top
// entry as `parent`/`leaf` (`leaf` empty: the top entry's own name). A file
// is written beside its place and renamed over it (an existing symlink is
// replaced, never written through); a directory that exists is merged into.
Status unpack(Reader &reader, int parent, const QByteArray &leaf, const UnpackOptions &options);

}  // namespace hutch::files
