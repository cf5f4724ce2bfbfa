// The container's filesystem view. Everything here runs in the child,
// after clone (new mount and PID namespaces) and after it has joined its
// cgroup and entered a new cgroup namespace (container.cpp), before
// pivot_root; every target inside the rootfs is opened with openInRoot,
// never by string.
#pragma once

#include "cgroups.h"
#include "rterror.h"
#include "uniquefd.h"

#include <string>
#include <vector>

namespace hutch::rt {

struct LaunchSpec;

// Makes the host's mounts invisible to changes (rslave /), binds the rootfs
// onto itself so it is a mount point — or, when spec.rootfsType is set,
// mounts that filesystem (an overlay, a logical volume) on it, in this
// mount namespace only: it goes away with the container — and returns an
// O_PATH fd of it. With TREEFD >= 0 (an idmapped rootfs the monitor made,
// userns.h) that tree is attached there instead.
Result<UniqueFd> prepareRootfs(const LaunchSpec &spec, int treeFd = -1);

// lxc.mount.auto: proc (mixed: /proc/sys and /proc/sysrq-trigger read-only
// but /proc/sys/net writable), sys (ro, mixed = ro, rw), cgroup (the
// container's cgroup namespace view, rw, ro or mixed). lxc.sysctl values are
// written right after /proc is mounted, before it is made read-only.
Status mountAuto(int rootFd, const LaunchSpec &spec, const CgroupLayout &layout);

// lxc.mount.entry lines (fstab syntax, LXC's extra options create=dir,
// create=file, optional, relative).
Status mountEntries(int rootFd, const LaunchSpec &spec);

// pivot_root into the rootfs and detach the old root.
Status pivotInto(int rootFd);

// Parsed fstab options: mount flags and the rest as filesystem data.
struct MountOptions {
    unsigned long flags = 0;
    unsigned long propagation = 0;
    std::string data;
    bool createDir = false, createFile = false, optional = false, relative = false;
    // "move": the source is a mount (in the container's mount namespace, so
    // the host keeps its own) moved onto the target (MS_MOVE), not a new one.
    bool move = false;
};
MountOptions parseMountOptions(const std::string &options);

}  // namespace hutch::rt
