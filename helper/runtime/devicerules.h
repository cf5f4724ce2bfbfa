// Device access rules (lxc.cgroup.devices.allow/deny, lxc.cgroup2.devices.*)
// applied where the host keeps them: the lxc.cgroup.* rules on the v1
// devices hierarchy, the lxc.cgroup2.* rules as a BPF cgroup-device program
// on the container's v2 cgroup (bpfdevices.h). A rule for a hierarchy the
// host does not have is skipped, as LXC skips it. Runs in hutch-monitor,
// after the cgroup is made and before init is cloned.
#pragma once

#include "cgroups.h"
#include "rterror.h"

#include <string>
#include <vector>

namespace hutch::rt {

// One rule as the devices controller writes it: "a", "c 1:3 rwm", "b *:* m".
struct DeviceRule {
    bool allow = false;
    char type = 'a';      // 'a' (every device), 'b' or 'c'
    long major = -1;      // -1: any
    long minor = -1;
    unsigned access = 7;  // kDevRead | kDevWrite | kDevMknod
    bool operator==(const DeviceRule &) const = default;
};
constexpr unsigned kDevMknod = 1, kDevRead = 2, kDevWrite = 4;

Result<DeviceRule> parseDeviceRule(const std::string &value, bool allow);

// Whether a cgroup setting is a device rule (devices.allow / devices.deny).
bool isDeviceSetting(const CgroupSetting &s);

// LXC's common.conf rules, for a config that names none: deny everything;
// allow mknod of any char and block node (package installs make nodes)
// and the use of null, zero, full, random, urandom, tty, console, ptmx,
// the ptys, fuse and tun. Both as lxc.cgroup and lxc.cgroup2 settings.
std::vector<CgroupSetting> defaultDeviceSettings();

// Applies the device settings, in order, to the container's cgroup. `log`
// hears about the ones skipped.
Status applyDeviceSettings(Cgroup &cgroup, const CgroupLayout &layout, const std::vector<CgroupSetting> &settings,
                           std::vector<std::string> *skipped);

}  // namespace hutch::rt
