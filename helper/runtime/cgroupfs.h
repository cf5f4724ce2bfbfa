// Reading and writing cgroup files, relative to directory fds and without
// following symlinks; small parsers for their contents. Internal to the
// cgroup manager (cgroups*.cpp, cgroups_p.h).
#pragma once

#include "rterror.h"
#include "uniquefd.h"

#include <sys/types.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hutch::rt::cgroupfs {

inline constexpr uint64_t kUnlimited = uint64_t(1) << 62;  // v1 reads 9223372036854771712 for "no limit"
inline constexpr int kMaxDepth = 64;                        // sub-cgroups a container may nest

std::string trim(std::string_view s);
std::vector<std::string> splitWs(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
bool parseU64(std::string_view s, uint64_t &out);
bool parseI64(std::string_view s, int64_t &out);
bool parseSize(std::string_view s, uint64_t &out);
Result<std::string> normSize(const std::string &value, bool toV2);
bool isSizeFile(const std::string &file);
bool safeFileName(const std::string &f);
Result<std::string> readFd(int fd, const std::string &path);
Result<std::string> readAt(int dirfd, const std::string &dirPath, const std::string &file);
Result<std::string> readPath(const std::string &path);
Status writeAt(int dirfd, const std::string &dirPath, const std::string &file, const std::string &value);
UniqueFd openDir(int dirfd, const std::string &name);
Result<std::vector<std::string>> subdirs(int dirfd, const std::string &path);
Status collectPids(int dirfd, const std::string &path, int depth, std::set<pid_t> &pids);
Status removeTree(int parentfd, const std::string &parentPath, const std::string &name, int depth);
inline std::string controllerOf(const std::string &file) { return file.substr(0, file.find('.')); }

}  // namespace hutch::rt::cgroupfs
