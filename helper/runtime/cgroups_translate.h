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
bool managedFile(const std::string &f);

}  // namespace hutch::rt::cgroupfs
