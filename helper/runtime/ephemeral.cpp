#include "ephemeral.h"

#include "uniquefd.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace hutch::rt {

namespace {

bool isMountRoot(int dirFd, const char *name)
{
    struct statx stx {};
    if (::statx(dirFd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_TYPE, &stx) < 0)
        return false;
    return (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) && (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

Status removeAt(int parentFd, const char *name, dev_t device, int depth)
{
    struct stat st {};
    if (::fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return errno == ENOENT ? Status() : Error::sys(std::string("stat ") + name);
    if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(parentFd, name, 0) < 0 && errno != ENOENT)
            return Error::sys(std::string("unlink ") + name);
        return std::nullopt;
    }
    if (st.st_dev != device || isMountRoot(parentFd, name))
        return Error::msg(std::string(name) + ": another filesystem is mounted there");
    if (depth > 256)
        return Error::msg(std::string(name) + ": too deep");
    UniqueFd fd(::openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::sys(std::string("open ") + name);
    std::vector<std::string> children;
    {
        UniqueFd listFd(::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0));
        DIR *dir = listFd ? ::fdopendir(listFd.get()) : nullptr;
        if (!dir)
            return Error::sys(std::string("list ") + name);
        listFd.release();
        while (const dirent *d = ::readdir(dir))
            if (std::strcmp(d->d_name, ".") != 0 && std::strcmp(d->d_name, "..") != 0)
                children.emplace_back(d->d_name);
        ::closedir(dir);
    }
    for (const std::string &c : children)
        if (auto err = removeAt(fd.get(), c.c_str(), device, depth + 1))
            return err->wrap(name);
    if (::unlinkat(parentFd, name, AT_REMOVEDIR) < 0)
        return Error::sys(std::string("rmdir ") + name);
    return std::nullopt;
}

}  // namespace

Status removeContainerDir(const std::string &dir)
{
    const size_t slash = dir.rfind('/');
    if (dir.empty() || dir[0] != '/' || slash == std::string::npos || slash + 1 >= dir.size())
        return Error::msg("remove \"" + dir + "\": not an absolute path");
    const std::string parent = slash == 0 ? "/" : dir.substr(0, slash);
    const std::string name = dir.substr(slash + 1);
    UniqueFd parentFd(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!parentFd)
        return Error::sys("open \"" + parent + "\"");
    struct stat pst {};
    if (::fstat(parentFd.get(), &pst) < 0)
        return Error::sys("stat \"" + parent + "\"");
    const std::string aside = ".destroy-" + name + "-" + std::to_string(::getpid());
    if (::renameat2(parentFd.get(), name.c_str(), parentFd.get(), aside.c_str(), RENAME_NOREPLACE) < 0)
        return Error::sys("move \"" + dir + "\" aside");
    ::fsync(parentFd.get());
    if (auto err = removeAt(parentFd.get(), aside.c_str(), pst.st_dev, 0))
        return err->wrap("remove \"" + dir + "\"");
    return std::nullopt;
}

}  // namespace hutch::rt
