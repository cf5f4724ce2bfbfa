#include "fsutil.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace hutch::rt {

namespace {

int openat2Call(int dirFd, const char *path, uint64_t flags, uint64_t resolve, mode_t mode = 0)
{
    open_how how{};
    how.flags = flags;
    how.mode = mode;
    how.resolve = resolve;
    return int(syscall(SYS_openat2, dirFd, path, &how, sizeof how));
}

std::vector<std::string> components(const std::string &path)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
        const size_t j = path.find('/', i);
        const std::string c = path.substr(i, j == std::string::npos ? std::string::npos : j - i);
        if (!c.empty() && c != ".")
            out.push_back(c);
        if (j == std::string::npos)
            break;
        i = j + 1;
    }
    return out;
}

}  // namespace

namespace {

Result<UniqueFd> checkedOpen(int dirFd, const std::string &relative, int flags, mode_t mode, uint64_t resolve,
                             const std::string &shown)
{
    UniqueFd fd(openat2Call(dirFd, relative.c_str(), uint64_t(flags | O_CLOEXEC), resolve, mode));
    if (!fd) {
        const int err = errno;
        return Error::sys(err, "open " + shown + (err == ELOOP ? " (a symlink on the way)" : err == EXDEV ? " (outside)" : ""));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        return Error::sys("stat " + shown);
    if (!(flags & O_DIRECTORY) && !S_ISREG(st.st_mode))
        return Error{EINVAL, "open " + shown + ": not a regular file"};
    return fd;
}

}  // namespace

Result<UniqueFd> openBeneath(const std::string &dir, const std::string &relative, int flags, mode_t mode)
{
    UniqueFd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd)
        return Error::sys("open " + dir);
    return checkedOpen(dirFd.get(), relative, flags, mode, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
                       dir + "/" + relative);
}

Result<UniqueFd> openContainerFile(const std::string &dir, const std::string &path, int flags, mode_t mode)
{
    std::string prefix = dir;
    while (prefix.size() > 1 && prefix.back() == '/')
        prefix.pop_back();
    if (!prefix.empty() && path.size() > prefix.size() + 1 && path.compare(0, prefix.size(), prefix) == 0
        && path[prefix.size()] == '/')
        return openBeneath(prefix, path.substr(prefix.size() + 1), flags, mode);
    return checkedOpen(AT_FDCWD, path, flags | O_NOFOLLOW, mode, RESOLVE_NO_MAGICLINKS, path);
}

std::string fdPath(int fd)
{
    return "/proc/self/fd/" + std::to_string(fd);
}

Result<UniqueFd> openInRoot(int rootFd, const std::string &path, Create create, bool noSymlinks)
{
    const uint64_t resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | (noSymlinks ? RESOLVE_NO_SYMLINKS : 0);
    const std::vector<std::string> parts = components(path);
    const std::string shown = "\"" + path + "\"";
    if (parts.empty()) {
        const int fd = openat2Call(rootFd, ".", O_PATH | O_CLOEXEC, resolve);
        if (fd < 0)
            return Error::sys("open " + shown);
        return UniqueFd(fd);
    }
    // Walk component by component so that missing ones can be created; each
    // step is confined to the root by RESOLVE_IN_ROOT from the root fd.
    std::string sofar;
    for (size_t i = 0; i < parts.size(); ++i) {
        sofar += (sofar.empty() ? "" : "/") + parts[i];
        const bool last = i + 1 == parts.size();
        int fd = openat2Call(rootFd, sofar.c_str(), O_PATH | O_CLOEXEC, resolve);
        if (fd >= 0) {
            if (last)
                return UniqueFd(fd);
            ::close(fd);
            continue;
        }
        if (errno != ENOENT || create == Create::No)
            return Error::sys("open " + shown + (sofar != path ? " at \"" + sofar + "\"" : ""));
        // Create the missing component inside its (confined) parent.
        const size_t slash = sofar.rfind('/');
        const std::string parent = slash == std::string::npos ? "." : sofar.substr(0, slash);
        const std::string leaf = parts[i];
        UniqueFd dir(openat2Call(rootFd, parent.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC, resolve));
        if (!dir)
            return Error::sys("open " + shown + " at \"" + parent + "\"");
        if (last && create == Create::File) {
            UniqueFd f(::openat(dir.get(), leaf.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644));
            if (!f && errno != EEXIST)
                return Error::sys("create file " + shown);
        } else if (::mkdirat(dir.get(), leaf.c_str(), 0755) < 0 && errno != EEXIST) {
            return Error::sys("create directory " + shown + " at \"" + sofar + "\"");
        }
        fd = openat2Call(rootFd, sofar.c_str(), O_PATH | O_CLOEXEC, resolve);
        if (fd < 0)
            return Error::sys("open " + shown + " at \"" + sofar + "\"");
        if (last)
            return UniqueFd(fd);
        ::close(fd);
    }
    return Error::msg("open " + shown + ": empty path");
}

Status writeFileAt(int dirFd, const std::string &path, const std::string &content)
{
    UniqueFd fd(::openat(dirFd, path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_TRUNC));
    if (!fd)
        return Error::sys("open " + path);
    const ssize_t n = ::write(fd.get(), content.data(), content.size());
    if (n < 0)
        return Error::sys("write " + path);
    if (size_t(n) != content.size())
        return Error::msg("write " + path + ": short write");
    return std::nullopt;
}

Result<std::string> readFileAt(int dirFd, const std::string &path)
{
    UniqueFd fd(::openat(dirFd, path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::sys("open " + path);
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::sys("read " + path);
        }
        if (n == 0)
            break;
        out.append(buf, size_t(n));
        if (out.size() > (1 << 24))
            return Error::msg("read " + path + ": too large");
    }
    return out;
}

}  // namespace hutch::rt
