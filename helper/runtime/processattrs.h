// What a container's processes carry besides their namespaces and cgroup:
// the offsets of its time namespace (lxc.time.offset.*), its core
// scheduling cookie (lxc.sched.core) and its personality (lxc.arch).
#pragma once

#include "rterror.h"

#include <sys/types.h>

#include <cstdint>

namespace hutch::rt {

struct LaunchSpec;

// Runs in the monitor, right before the clone of init: a new time namespace
// for this process's children (unshare(CLONE_NEWTIME) leaves the monitor
// itself where it is) with the offsets written while no process is in it
// yet, as the kernel requires. Each init (a reboot's too) gets a fresh one.
Status prepareTimeNamespace(int64_t bootNs, int64_t monotonicNs);

// Runs in init's child before exec: a new core-scheduling cookie for this
// process, which its descendants inherit (PR_SCHED_CORE_CREATE). An error
// names the kernel's missing CONFIG_SCHED_CORE where that is why.
Status createCoreSchedulingCookie();
// Runs in an attached process before exec: the cookie of the container's init.
Status shareCoreSchedulingCookie(pid_t init);

// Before exec, in init and in attached processes: personality(PERSONA),
// PER_LINUX32 for an i386 container on amd64; a no-op for -1.
Status applyPersonality(int persona);

}  // namespace hutch::rt
