// The minimal init of an application container (lxc-execute's init.lxc):
// PID 1 that mounts /proc, /dev/shm and /dev/mqueue if missing, runs one
// command, forwards signals to it, reaps every zombie, and exits with the
// command's status (128 + N when a signal N ended it).
//
// It runs from a sealed memfd copy of hutch-monitor ("hutch-monitor --init
// CMD..."), so /proc/1/exe never leads to the host's binary.
#pragma once

#include "rterror.h"
#include "uniquefd.h"

namespace hutch::rt {

int runMinimalInit(char **argv);

// A sealed, read-only in-memory copy of the running executable, to exec as
// the container's init.
Result<UniqueFd> sealedCopyOfSelf();
// The same of the executable open at FD (the helper keeps one of
// hutch-monitor for every execute: sealed, no container can change it).
Result<UniqueFd> sealedCopy(int fd);
// FD is such a copy: a memfd sealed against writing and resizing.
bool isSealedCopy(int fd);

}  // namespace hutch::rt
