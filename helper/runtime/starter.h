// Starting hutch-monitor detached from the caller: posix_spawn in a new
// session, the monitor forks once more (so it is nobody's child and
// survives the helper), the spec goes on a socket; then wait for its
// verdict. A plain start takes a monitor started ahead (starter.cpp's
// Spare), and the next one is started while its container starts.
#pragma once

#include "rterror.h"
#include "spec.h"

#include <sys/types.h>

#include <string>

namespace hutch::rt {

// Returns init's pid once the container runs, or the monitor's error
// ("start \"c1\": exec /sbin/init: No such file or directory").
// INITCOPY >= 0: a sealed copy of hutch-monitor (sealedCopy) that an
// executed command's init runs from, handed to the monitor as --init-fd;
// otherwise the container's init copies the monitor itself.
Result<pid_t> startMonitor(const std::string &monitorPath, const LaunchSpec &spec, int initCopy = -1);

// Starts the spare monitor now, so that the first start finds one too (the
// helper, as it begins to serve). It ends with this process.
void startSpareMonitor(const std::string &monitorPath);

}  // namespace hutch::rt
