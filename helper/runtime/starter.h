// Starting hutch-monitor detached from the caller: fork, setsid, fork again
// (so the monitor is nobody's child and survives the helper), exec with the
// spec on a pipe; then wait for its verdict.
#pragma once

#include "rterror.h"
#include "spec.h"

#include <sys/types.h>

#include <string>

namespace hutch::rt {

// Returns init's pid once the container runs, or the monitor's error
// ("start \"c1\": exec /sbin/init: No such file or directory").
Result<pid_t> startMonitor(const std::string &monitorPath, const LaunchSpec &spec);

}  // namespace hutch::rt
