// The user namespace of an unprivileged container (lxc.idmap): its maps,
// the idmapped rootfs, the ptys and ids its root owns. Plain C++: runs in
// hutch-monitor and in the processes it forks.
#pragma once

#include "rterror.h"
#include "spec.h"

#include <sys/types.h>

namespace hutch::rt {

// Runs in the monitor, after the clone and before the child's go: writes
// /proc/PID/uid_map and gid_map (setgroups stays allowed, as LXC leaves it
// for root-owned containers: the monitor is root in the parent namespace).
Status writeIdMaps(pid_t pid, const LaunchSpec &spec);

// Runs in the monitor, before the clone, for a container with a user
// namespace: moves the monitor into a mount namespace of its own (a slave
// of the host's) with a devpts instance of its own on /dev/pts, so that the
// console and tty ptys it opens can be given to the container's root (the
// host's devpts may be read-only, or shared with host logins).
Status privateDevpts();

// Runs in the monitor: makes the pty slave at PATH the container root's
// (host uid of container uid 0, host gid of the container's tty group 5),
// as a terminal of the container's own devpts would be.
Status givePtyToContainer(const std::string &path, const LaunchSpec &spec);

// Runs in the monitor, after the clone: a detached mount of the rootfs
// (a clone of the directory, or the filesystem of lxc.rootfs.path mounted
// afresh), idmapped to the user namespace of PID. The child attaches it
// over the rootfs directory in its own mount namespace (attachRootfs).
Result<UniqueFd> idmappedRootfs(const LaunchSpec &spec, pid_t pid);

// Runs in the child, in its mount namespace: mounts the detached tree over
// the rootfs directory; the caller then opens the rootfs again.
Status attachRootfs(int treeFd, const std::string &rootfs);

// Runs in a process that has just entered (or created) the container's user
// namespace: takes uid and gid 0 of the namespace and no supplementary
// groups. Before this the process is an unmapped id there.
Status becomeContainerRoot();

}  // namespace hutch::rt
