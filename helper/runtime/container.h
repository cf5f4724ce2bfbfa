// The container's init process from clone to exec. Runs in the child of
// hutch-monitor, in new mount, PID, UTS, IPC and network namespaces; once
// the monitor has set up the host side it joins its cgroup itself
// (Cgroup::joinSelf, or clone3 put it there) and then unshares a new cgroup
// namespace, before any mount (mounts.h).
#pragma once

#include "cgroups.h"
#include "spec.h"

#include <string>
#include <vector>

namespace hutch::rt {

struct ChildSetup {
    const LaunchSpec *spec = nullptr;
    const CgroupLayout *layout = nullptr;
    std::string consolePts;              // host path of the console pty's slave
    std::vector<std::string> ttyPts;     // the same for tty1..N
    int syncFd = -1;                     // socket to the monitor, close-on-exec
    Cgroup *cgroup = nullptr;            // joined by the child itself (Cgroup::joinSelf)
    bool v2Joined = false;               // clone3 put it into the v2 cgroup already
};

// Waits for the monitor's go, sets up everything and execs init. On failure
// writes the error message to syncFd and exits 1; on success the monitor
// sees syncFd close (exec closed it) without a message.
[[noreturn]] void runContainerInit(const ChildSetup &setup);

}  // namespace hutch::rt
