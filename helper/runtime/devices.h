// The container's /dev: a tmpfs with the standard nodes (lxc.autodev), a
// private devpts instance, and the console and ttys bound to the host-side
// ptys the monitor holds. Runs in the child, before pivot_root.
#pragma once

#include "rterror.h"

#include <string>
#include <vector>

namespace hutch::rt {

struct LaunchSpec;

// Mounts the tmpfs on /dev (before lxc.mount.entry, which may mount into it).
Status mountDevTmpfs(int rootFd);
// Creates null, zero, full, random, urandom, tty, the fd links, shm and
// mqueue dirs (after the mount entries).
Status populateDev(int rootFd);
// devpts newinstance on /dev/pts with /dev/ptmx pointing into it.
Status mountDevpts(int rootFd, int ptyMax);
// Binds the console pty onto /dev/console and tty i onto /dev/tty(i+1), in
// lxc.tty.dir when set (with /dev/console and /dev/ttyN as symlinks to it).
// Fails when /dev/console or a /dev/ttyN of the rootfs is a symlink.
Status bindConsoles(int rootFd, const LaunchSpec &spec, const std::string &consolePts,
                    const std::vector<std::string> &ttyPts);

}  // namespace hutch::rt
