// Translation of cgroup settings between v1 and v2 names and values (the
// table is at the top of cgroups_settings.cpp). Internal to the cgroup manager.
#pragma once

#include "rterror.h"

#include <cstdint>
#include <optional>
#include <string>

namespace hutch::rt::cgroupfs {

// A file with the same meaning under another name in the other version.
struct Rename {
    enum Conv { Same, Size, Shares, Freeze };
    std::string other;
    Conv conv;
};

std::optional<Rename> renameOf(const std::string &file, bool fromV2);
Result<uint64_t> number(const std::string &value, uint64_t min, uint64_t max);
Result<std::string> convert(Rename::Conv conv, const std::string &value, bool toV2);
Result<std::string> blkioToIo(const std::string &v);
Result<std::string> ioToBlkio(const std::string &v);
std::string otherController(const std::string &c, bool fromV2);

// A v1 setting as the v2 setting that means the same, where that follows
// from the value alone (no state of a cgroup needed): the table above,
// blkio weights, device rules (LXC's lxc.cgroup2.devices.* take the same
// rules). Also hutchctl check-config --update's translation of
// lxc.cgroup.* into lxc.cgroup2.* (LXC 7 has no cgroup v1).
struct Setting {
    std::string file, value;
};
Result<Setting> v1ToV2(const std::string &file, const std::string &value);
bool managedFile(const std::string &f);

}  // namespace hutch::rt::cgroupfs
