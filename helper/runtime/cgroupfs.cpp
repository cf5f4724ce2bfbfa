#include "cgroupfs.h"

#include "fdio.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

namespace hutch::rt::cgroupfs {

using namespace std::chrono_literals;

std::string trim(std::string_view s)
{
    const auto b = s.find_first_not_of(" \t\n");
    if (b == std::string_view::npos)
        return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\n") - b + 1));
}

std::vector<std::string> splitWs(std::string_view s)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        const size_t b = s.find_first_not_of(" \t\n", i);
        if (b == std::string_view::npos)
            break;
        const size_t e = std::min(s.find_first_of(" \t\n", b), s.size());
        out.emplace_back(s.substr(b, e - b));
        i = e;
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char sep)
{
    std::vector<std::string> out;
    size_t b = 0;
    for (;;) {
        const size_t e = s.find(sep, b);
        out.emplace_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (e == std::string_view::npos)
            return out;
        b = e + 1;
    }
}

bool parseU64(std::string_view s, uint64_t &out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parseI64(std::string_view s, int64_t &out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "512M", "1g", "2GiB", "1024" -> bytes; binary units as the kernel's memparse.
bool parseSize(std::string_view s, uint64_t &out)
{
    size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9')
        ++n;
    if (!parseU64(s.substr(0, n), out))
        return false;
    std::string_view unit = s.substr(n);
    if (unit.empty())
        return true;
    static constexpr std::string_view kUnits = "KMGTPE";
    const auto shift = kUnits.find(char(unit[0] & ~0x20));
    if (shift == std::string_view::npos)
        return false;
    unit.remove_prefix(1);
    if (!unit.empty() && unit != "B" && unit != "iB")
        return false;
    const unsigned bits = 10 * unsigned(shift + 1);
    if (out > (UINT64_MAX >> bits))
        return false;
    out <<= bits;
    return true;
}

// A memory size for the version written: "-1"/"max"/huge mean no limit.
Result<std::string> normSize(const std::string &value, bool toV2)
{
    uint64_t bytes = 0;
    if (value == "-1" || value == "max" || (parseSize(value, bytes) && bytes >= kUnlimited && toV2))
        return std::string(toV2 ? "max" : "-1");
    if (!parseSize(value, bytes))
        return Error::msg("invalid size \"" + value + "\"");
    return std::to_string(bytes);
}

// memory.* and hugetlb.* limits take sizes (512M); other files take values as is.
bool isSizeFile(const std::string &file)
{
    if (!file.starts_with("memory.") && !file.starts_with("hugetlb."))
        return false;
    const std::string last = file.substr(file.rfind('.') + 1);
    return last == "limit_in_bytes" || last == "max" || last == "high" || last == "low" || last == "min";
}

// Only [A-Za-z0-9_.], with a '.', not first: no path can be smuggled in.
bool safeFileName(const std::string &f)
{
    if (f.empty() || f[0] == '.' || f.find('.') == std::string::npos || f.size() > 255)
        return false;
    return std::all_of(f.begin(), f.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
}


// The whole file from its start (cgroup files are re-read through one fd
// when polled).
Result<std::string> readFd(int fd, const std::string &path)
{
    if (::lseek(fd, 0, SEEK_SET) < 0)
        return Error::sys("seek " + path);
    std::string out;
    if (const int err = hutch::readAll(fd, &out))
        return Error::sys(err, "read " + path);
    return out;
}

Result<std::string> readAt(int dirfd, const std::string &dirPath, const std::string &file)
{
    UniqueFd fd(::openat(dirfd, file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return Error::sys("open " + dirPath + "/" + file);
    return readFd(fd.get(), dirPath + "/" + file);
}

Result<std::string> readPath(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return Error::sys("open " + path);
    return readFd(fd.get(), path);
}

// One write(2): the kernel takes a cgroup value whole or not at all.
Status writeAt(int dirfd, const std::string &dirPath, const std::string &file, const std::string &value)
{
    const std::string path = dirPath + "/" + file;
    UniqueFd fd(::openat(dirfd, file.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return Error::sys("open " + path);
    ssize_t n;
    do
        n = ::write(fd.get(), value.data(), value.size());
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return Error::sys("write " + path);
    if (size_t(n) != value.size())
        return Error::msg("write " + path + ": short write");
    return std::nullopt;
}

UniqueFd openDir(int dirfd, const std::string &name)
{
    return UniqueFd(::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
}

// The names of the sub-cgroups of a cgroup directory.
Result<std::vector<std::string>> subdirs(int dirfd, const std::string &path)
{
    UniqueFd self(::openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *dir = self ? ::fdopendir(self.get()) : nullptr;
    if (!dir)
        return Error::sys("open directory " + path);
    self.release();
    std::vector<std::string> out;
    while (const dirent *e = ::readdir(dir)) {
        const std::string n = e->d_name;
        struct stat st {};
        if (n == "." || n == "..")
            continue;
        if (e->d_type == DT_DIR
            || (e->d_type == DT_UNKNOWN && ::fstatat(dirfd, n.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)))
            out.push_back(n);
    }
    ::closedir(dir);
    return out;
}

// Adds the pids of a cgroup and its sub-cgroups to `pids`. A sub-cgroup that
// vanishes meanwhile (the container removing it) is skipped.
Status collectPids(int dirfd, const std::string &path, int depth, std::set<pid_t> &pids)
{
    if (depth > kMaxDepth)
        return Error::msg(path + ": sub-cgroups nested deeper than " + std::to_string(kMaxDepth));
    auto procs = readAt(dirfd, path, "cgroup.procs");
    if (!procs)
        return procs.error();
    for (const auto &w : splitWs(*procs)) {
        int64_t pid = 0;
        if (parseI64(w, pid) && pid > 0)
            pids.insert(pid_t(pid));
    }
    auto subs = subdirs(dirfd, path);
    if (!subs)
        return subs.error();
    for (const auto &s : *subs) {
        UniqueFd sub = openDir(dirfd, s);
        if (!sub && errno == ENOENT)
            continue;
        if (!sub)
            return Error::sys("open " + path + "/" + s);
        if (auto err = collectPids(sub.get(), path + "/" + s, depth + 1, pids))
            return err;
    }
    return std::nullopt;
}

// rmdir parent/name after its sub-cgroups. EBUSY is retried for a second: a
// cgroup stays busy for a moment after its last task is reaped.
Status removeTree(int parentfd, const std::string &parentPath, const std::string &name, int depth)
{
    const std::string path = parentPath + "/" + name;
    if (depth > kMaxDepth)
        return Error::msg(path + ": sub-cgroups nested deeper than " + std::to_string(kMaxDepth));
    // Most have no sub-cgroups (a container that made none): one rmdir,
    // before the directory is read (a stop does this in every hierarchy).
    if (::unlinkat(parentfd, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT)
        return std::nullopt;
    UniqueFd dir = openDir(parentfd, name);
    if (!dir)
        return errno == ENOENT ? std::nullopt : Status(Error::sys("open " + path));
    auto subs = subdirs(dir.get(), path);
    if (!subs)
        return subs.error();
    for (const auto &s : *subs)
        if (auto err = removeTree(dir.get(), path, s, depth + 1))
            return err;
    for (int attempt = 0;; ++attempt) {
        if (::unlinkat(parentfd, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT)
            return std::nullopt;
        if (errno != EBUSY || attempt >= 100)
            return Error::sys("rmdir " + path);
        std::this_thread::sleep_for(10ms);
    }
}

}  // namespace hutch::rt::cgroupfs
