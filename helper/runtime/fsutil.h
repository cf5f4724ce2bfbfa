// Opening paths inside a container's rootfs without following a symlink
// out of it: openat2(RESOLVE_IN_ROOT) resolves every component as if the
// rootfs were "/", so "../../etc" or a symlink to "/etc" stays inside.
// The O_PATH fds returned are used as mount targets through /proc/self/fd/N.
#pragma once

#include "rterror.h"
#include "uniquefd.h"

#include <string>
#include <sys/types.h>

namespace hutch::rt {

enum class Create { No, Dir, File };

// Opens `path` (relative to the root `rootFd`, leading '/' ignored) as an
// O_PATH fd, confined to the root. With create, missing components are made
// as directories (and the last one as a directory or an empty file).
// With noSymlinks, any symlink on the way is an error (ELOOP): used for the
// targets that must be real, such as /proc, /sys and /dev.
Result<UniqueFd> openInRoot(int rootFd, const std::string &path, Create create = Create::No,
                            bool noSymlinks = false);

// Opens `relative` below the directory `dir` (opened by path: the trusted
// part, a container's directory in the store) with openat2 and
// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS: no symlink
// and no ".." anywhere below `dir` (ELOOP, EXDEV). Without O_DIRECTORY in
// `flags` the result must be a regular file (EINVAL otherwise: a fifo or a
// device in its place). The error names the path.
Result<UniqueFd> openBeneath(const std::string &dir, const std::string &relative, int flags, mode_t mode = 0);
// A file of the container's: an absolute `path` below `dir` (its
// directory) as openBeneath opens it; elsewhere (a path an administrator
// chose, /usr/share/lxc/...) with O_NOFOLLOW on its last component.
Result<UniqueFd> openContainerFile(const std::string &dir, const std::string &path, int flags, mode_t mode = 0);

// "/proc/self/fd/N", for mount(2) targets and sources.
std::string fdPath(int fd);

// Writes a whole small file (sysctl, cgroup and /proc files) with
// O_NOFOLLOW; `dirFd` may be AT_FDCWD.
Status writeFileAt(int dirFd, const std::string &path, const std::string &content);

// Reads a whole small file.
Result<std::string> readFileAt(int dirFd, const std::string &path);

}  // namespace hutch::rt
