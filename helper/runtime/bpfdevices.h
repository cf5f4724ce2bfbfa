// Device rules on cgroup v2: a BPF_PROG_TYPE_CGROUP_DEVICE program, built
// here instruction by instruction (as LXC and crun build theirs, without
// libbpf), loaded and attached to the container's cgroup. The program stays
// attached as long as the cgroup exists. Runs in hutch-monitor.
#pragma once

#include "devicerules.h"
#include "rterror.h"

#include <linux/bpf.h>

#include <cstdint>
#include <vector>

namespace hutch::rt {

// The instructions for rules in LXC's order: later
// rules win over earlier ones, and a device no rule names is allowed.
std::vector<bpf_insn> deviceProgram(const std::vector<DeviceRule> &rules);

// Loads the program and attaches it (BPF_F_ALLOW_MULTI, so that a nested
// systemd can add its own below) to the cgroup directory `cgroupFd`.
Status attachDeviceProgram(int cgroupFd, const std::vector<DeviceRule> &rules);

}  // namespace hutch::rt
