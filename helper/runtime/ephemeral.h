// Ephemeral containers (lxc.ephemeral = 1, lxc-copy -e): an overlay clone
// that is destroyed when it stops. The monitor does it, because it is the
// one process sure to see the stop (the helper may be restarting): in its
// clean-up, after init, the cgroup and the network are gone and before its
// socket disappears, so whoever sees STOPPED finds the container gone too.
// The helper's start-up sweep destroys those whose monitor died first
// (storage/ephemeral.cpp). Plain C++, runs in hutch-monitor.
#pragma once

#include "rterror.h"

#include <string>

namespace hutch::rt {

// Renames DIR to PARENT/.destroy-NAME-PID (the name is free at once) and
// removes it: symlinks unlinked, never followed; nothing mounted inside is
// crossed.
Status removeContainerDir(const std::string &dir);

}  // namespace hutch::rt
