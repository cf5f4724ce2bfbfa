// File tree operations (see fsops.h). Helper process, job threads, root.
#include "fsops.h"

#include "fsutil.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>

#include <btrfsutil.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace hutch::storage {

namespace {

constexpr int kMaxDepth = 256;
constexpr quint64 kBtrfsFirstFreeObjectId = 256;  // a subvolume's root inode

QString nameOf(const QByteArray &name) { return QFile::decodeName(name); }

// Path of NAME under dirFd usable with the l*xattr calls: /proc/self/fd/N
// is a magic link to the directory, and the last component is not followed.
QByteArray procPath(int dirFd, const QByteArray &name)
{
    return "/proc/self/fd/" + QByteArray::number(dirFd) + '/' + name;
}

Result<std::vector<QByteArray>> listDirectory(int dirFd)
{
    UniqueFd listFd(::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *dir = listFd ? ::fdopendir(listFd.get()) : nullptr;
    if (!dir)
        return Error::system(errno, QStringLiteral("list directory"));
    listFd.release();  // owned by dir now
    std::vector<QByteArray> children;
    errno = 0;
    while (const dirent *d = ::readdir(dir)) {
        if (std::strcmp(d->d_name, ".") != 0 && std::strcmp(d->d_name, "..") != 0)
            children.emplace_back(d->d_name);
    }
    const int err = errno;
    ::closedir(dir);
    if (err)
        return Error::system(err, QStringLiteral("list directory"));
    std::sort(children.begin(), children.end());
    return children;
}

bool mountRootAt(int dirFd, const QByteArray &name)
{
    struct statx stx {};
    if (::statx(dirFd, name.constData(), AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_TYPE, &stx) < 0)
        return false;
    return (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) && (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

bool isBtrfsSubvolumeAt(int dirFd, const QByteArray &name, const struct stat &st)
{
    if (st.st_ino != kBtrfsFirstFreeObjectId)
        return false;
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct statfs sf {};
    return fd && ::fstatfs(fd.get(), &sf) == 0 && sf.f_type == BTRFS_SUPER_MAGIC;
}

Status removeTreeImpl(int parentFd, const QByteArray &name, dev_t parentDev, int depth)
{
    const QString what = QStringLiteral("remove \"%1\"").arg(nameOf(name));
    struct stat st {};
    if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        return errno == ENOENT ? Status() : Error::system(errno, what);
    if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(parentFd, name.constData(), 0) < 0 && errno != ENOENT)
            return Error::system(errno, what);
        return std::nullopt;
    }
    // A bind mount of the same filesystem has the same st_dev: ask statx.
    if (mountRootAt(parentFd, name))
        return Error::failed(QStringLiteral("%1: something is mounted there").arg(what));
    if (st.st_dev != parentDev) {
        if (!isBtrfsSubvolumeAt(parentFd, name, st))
            return Error::failed(QStringLiteral("%1: another filesystem is there").arg(what));
        // A subvolume (with any nested ones) goes as a whole.
        const auto rc = btrfs_util_delete_subvolume_fd(parentFd, name.constData(),
                                                       BTRFS_UTIL_DELETE_SUBVOLUME_RECURSIVE);
        if (rc != BTRFS_UTIL_OK)
            return Error::system(errno, QStringLiteral("%1: delete subvolume: %2")
                                            .arg(what, QString::fromUtf8(btrfs_util_strerror(rc))));
        return std::nullopt;
    }
    if (depth > kMaxDepth)
        return Error::failed(QStringLiteral("%1: too deep").arg(what));
    UniqueFd fd(::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, what);
    auto children = listDirectory(fd.get());
    if (!children)
        return children.error().wrap(what);
    Status first;
    for (const QByteArray &child : *children) {
        auto err = removeTreeImpl(fd.get(), child, st.st_dev, depth + 1);
        if (err && !first)
            first = err->wrap(what);
    }
    if (first)
        return first;
    if (::unlinkat(parentFd, name.constData(), AT_REMOVEDIR) < 0)
        return Error::system(errno, what);
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Copy.

Status copyXattrsFd(int src, int dst)
{
    ssize_t size = ::flistxattr(src, nullptr, 0);
    if (size < 0)
        return errno == ENOTSUP ? Status() : Error::system(errno, QStringLiteral("list xattrs"));
    QByteArray names(size, '\0');
    size = ::flistxattr(src, names.data(), size_t(names.size()));
    if (size < 0)
        return Error::system(errno, QStringLiteral("list xattrs"));
    names.truncate(size);
    for (const QByteArray &n : names.split('\0')) {
        if (n.isEmpty())
            continue;
        ssize_t vsize = ::fgetxattr(src, n.constData(), nullptr, 0);
        if (vsize < 0)
            return Error::system(errno, QStringLiteral("read xattr %1").arg(nameOf(n)));
        QByteArray value(vsize, '\0');
        vsize = ::fgetxattr(src, n.constData(), value.data(), size_t(value.size()));
        if (vsize < 0)
            return Error::system(errno, QStringLiteral("read xattr %1").arg(nameOf(n)));
        if (::fsetxattr(dst, n.constData(), value.constData(), size_t(vsize), 0) < 0)
            return Error::system(errno, QStringLiteral("write xattr %1").arg(nameOf(n)));
    }
    return std::nullopt;
}

Status copyXattrsPath(const QByteArray &src, const QByteArray &dst)
{
    ssize_t size = ::llistxattr(src.constData(), nullptr, 0);
    if (size < 0)
        return errno == ENOTSUP ? Status() : Error::system(errno, QStringLiteral("list xattrs"));
    QByteArray names(size, '\0');
    size = ::llistxattr(src.constData(), names.data(), size_t(names.size()));
    if (size < 0)
        return Error::system(errno, QStringLiteral("list xattrs"));
    names.truncate(size);
    for (const QByteArray &n : names.split('\0')) {
        if (n.isEmpty())
            continue;
        ssize_t vsize = ::lgetxattr(src.constData(), n.constData(), nullptr, 0);
        if (vsize < 0)
            return Error::system(errno, QStringLiteral("read xattr %1").arg(nameOf(n)));
        QByteArray value(vsize, '\0');
        vsize = ::lgetxattr(src.constData(), n.constData(), value.data(), size_t(value.size()));
        if (vsize < 0)
            return Error::system(errno, QStringLiteral("read xattr %1").arg(nameOf(n)));
        if (::lsetxattr(dst.constData(), n.constData(), value.constData(), size_t(vsize), 0) < 0)
            return Error::system(errno, QStringLiteral("write xattr %1").arg(nameOf(n)));
    }
    return std::nullopt;
}

// Owner first (chown clears set-id bits and file capabilities), then the
// mode, then xattrs (security.capability, ACLs), times last.
Status applyMetadataFd(int src, int dst, const struct stat &st)
{
    if (::fchown(dst, st.st_uid, st.st_gid) < 0)
        return Error::system(errno, QStringLiteral("chown"));
    if (::fchmod(dst, st.st_mode & 07777) < 0)
        return Error::system(errno, QStringLiteral("chmod"));
    if (auto err = copyXattrsFd(src, dst))
        return err;
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (::futimens(dst, times) < 0)
        return Error::system(errno, QStringLiteral("set times"));
    return std::nullopt;
}

Status applyMetadataAt(int srcDirFd, int dstDirFd, const QByteArray &name, const struct stat &st)
{
    const char *n = name.constData();
    if (::fchownat(dstDirFd, n, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) < 0)
        return Error::system(errno, QStringLiteral("chown"));
    if (!S_ISLNK(st.st_mode) && ::fchmodat(dstDirFd, n, st.st_mode & 07777, 0) < 0)
        return Error::system(errno, QStringLiteral("chmod"));
    if (auto err = copyXattrsPath(procPath(srcDirFd, name), procPath(dstDirFd, name)))
        return err;
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (::utimensat(dstDirFd, n, times, AT_SYMLINK_NOFOLLOW) < 0)
        return Error::system(errno, QStringLiteral("set times"));
    return std::nullopt;
}

Status copyRange(int src, int dst, off_t from, off_t to, const std::atomic_bool *cancel)
{
    bool plain = false;
    std::vector<char> buffer;
    off_t pos = from;
    while (pos < to) {
        if (isCancelled(cancel))
            return Error::cancelled();
        const size_t chunk = size_t(std::min<off_t>(to - pos, 64 << 20));
        if (!plain) {
            loff_t in = pos, out = pos;
            const ssize_t n = ::copy_file_range(src, &in, dst, &out, chunk, 0);
            if (n > 0) {
                pos += n;
                continue;
            }
            if (n == 0)
                return Error::failed(QStringLiteral("the file shrank while it was copied"));
            if (errno == EINTR)
                continue;
            if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
                return Error::system(errno, QStringLiteral("copy data"));
            plain = true;
            buffer.resize(1 << 20);
        }
        const ssize_t n = ::pread(src, buffer.data(), std::min(chunk, buffer.size()), pos);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read"));
        if (n == 0)
            return Error::failed(QStringLiteral("the file shrank while it was copied"));
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::pwrite(dst, buffer.data() + done, size_t(n - done), pos + done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return Error::system(errno, QStringLiteral("write"));
            done += w;
        }
        pos += n;
    }
    return std::nullopt;
}

struct CopyJob {
    int dstRootFd = -1;
    QHash<QPair<quint64, quint64>, QByteArray> links;  // (dev, ino) -> first copy, relative to dst root
    CopyStats stats;
    const std::atomic_bool *cancel = nullptr;
    const std::function<void(const CopyStats &)> *progress = nullptr;
    quint64 lastReport = 0;

    void report()
    {
        const quint64 count = stats.files + stats.directories + stats.symlinks + stats.specials;
        if (progress && *progress && count - lastReport >= 1000) {
            lastReport = count;
            (*progress)(stats);
        }
    }
};

Status copyRegular(CopyJob &job, int srcDirFd, int dstDirFd, const QByteArray &name, const struct stat &st)
{
    UniqueFd src(::openat(srcDirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
    if (!src)
        return Error::system(errno, QStringLiteral("open"));
    UniqueFd dst(::openat(dstDirFd, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!dst)
        return Error::system(errno, QStringLiteral("create"));
    if (st.st_size > 0) {
        if (::ioctl(dst.get(), FICLONE, src.get()) == 0) {
            ++job.stats.reflinked;
        } else {
            // Data ranges only: holes stay holes.
            off_t pos = 0;
            while (pos < st.st_size) {
                const off_t data = ::lseek(src.get(), pos, SEEK_DATA);
                if (data < 0) {
                    if (errno == ENXIO)
                        break;  // a hole up to the end
                    if (auto err = copyRange(src.get(), dst.get(), pos, st.st_size, job.cancel))
                        return err;
                    break;
                }
                off_t hole = ::lseek(src.get(), data, SEEK_HOLE);
                if (hole < 0)
                    hole = st.st_size;
                if (auto err = copyRange(src.get(), dst.get(), data, std::min<off_t>(hole, st.st_size), job.cancel))
                    return err;
                pos = hole;
            }
            if (::ftruncate(dst.get(), st.st_size) < 0)
                return Error::system(errno, QStringLiteral("set size"));
        }
    }
    job.stats.bytes += quint64(st.st_size);
    ++job.stats.files;
    return applyMetadataFd(src.get(), dst.get(), st);
}

Status copyDirectory(CopyJob &job, int srcFd, int dstFd, const QByteArray &relative, int depth);

Status copyEntry(CopyJob &job, int srcDirFd, int dstDirFd, const QByteArray &relative, const QByteArray &name,
                 int depth)
{
    struct stat st {};
    if (::fstatat(srcDirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        return Error::system(errno, QStringLiteral("stat"));
    const QByteArray path = relative.isEmpty() ? name : relative + '/' + name;
    const auto key = qMakePair(quint64(st.st_dev), quint64(st.st_ino));
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
        const auto it = job.links.constFind(key);
        if (it != job.links.constEnd()) {
            if (::linkat(job.dstRootFd, it->constData(), dstDirFd, name.constData(), 0) < 0)
                return Error::system(errno, QStringLiteral("link to \"%1\"").arg(nameOf(*it)));
            ++job.stats.hardlinks;
            return std::nullopt;
        }
    }
    switch (st.st_mode & S_IFMT) {
    case S_IFDIR: {
        if (mountRootAt(srcDirFd, name))
            return Error::failed(QStringLiteral("something is mounted there"));
        if (depth > kMaxDepth)
            return Error::failed(QStringLiteral("too deep"));
        auto src = openDirectoryAt(srcDirFd, name);
        if (!src)
            return src.error();
        auto dst = makeDirectoryAt(dstDirFd, name, 0700);
        if (!dst)
            return dst.error();
        ++job.stats.directories;
        if (auto err = copyDirectory(job, src->get(), dst->get(), path, depth + 1))
            return err;
        return applyMetadataFd(src->get(), dst->get(), st);
    }
    case S_IFREG:
        if (auto err = copyRegular(job, srcDirFd, dstDirFd, name, st))
            return err;
        break;
    case S_IFLNK: {
        QByteArray target(qsizetype(PATH_MAX), '\0');
        const ssize_t n = ::readlinkat(srcDirFd, name.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return Error::system(errno, QStringLiteral("read link"));
        target.truncate(n);
        if (::symlinkat(target.constData(), dstDirFd, name.constData()) < 0)
            return Error::system(errno, QStringLiteral("create link"));
        ++job.stats.symlinks;
        if (auto err = applyMetadataAt(srcDirFd, dstDirFd, name, st))
            return err;
        break;
    }
    case S_IFCHR:
    case S_IFBLK:
    case S_IFIFO:
    case S_IFSOCK:
        if (::mknodat(dstDirFd, name.constData(), (st.st_mode & S_IFMT) | 0600, st.st_rdev) < 0)
            return Error::system(errno, QStringLiteral("create node"));
        ++job.stats.specials;
        if (auto err = applyMetadataAt(srcDirFd, dstDirFd, name, st))
            return err;
        break;
    default:
        return Error::failed(QStringLiteral("unknown file type"));
    }
    if (st.st_nlink > 1)
        job.links.insert(key, path);
    return std::nullopt;
}

Status copyDirectory(CopyJob &job, int srcFd, int dstFd, const QByteArray &relative, int depth)
{
    auto children = listDirectory(srcFd);
    if (!children)
        return children.error();
    for (const QByteArray &child : *children) {
        if (isCancelled(job.cancel))
            return Error::cancelled();
        if (auto err = copyEntry(job, srcFd, dstFd, relative, child, depth)) {
            // The innermost failure names its path; outer levels add nothing.
            if (err->message.startsWith(QLatin1Char('"')) || err->code == Error::Code::Cancelled)
                return err;
            const QByteArray path = relative.isEmpty() ? child : relative + '/' + child;
            return err->wrap(QStringLiteral("\"%1\"").arg(nameOf(path)));
        }
        job.report();
    }
    return std::nullopt;
}

}  // namespace

Result<UniqueFd> openDirectory(const QString &path)
{
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, QStringLiteral("open \"%1\"").arg(path));
    return fd;
}

Result<UniqueFd> openDirectoryAt(int dirFd, const QByteArray &name)
{
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, QStringLiteral("open \"%1\"").arg(nameOf(name)));
    return fd;
}

Result<UniqueFd> makeDirectoryAt(int dirFd, const QByteArray &name, mode_t mode)
{
    const QString what = QStringLiteral("create directory \"%1\"").arg(nameOf(name));
    if (::mkdirat(dirFd, name.constData(), 0700) < 0)
        return Error::system(errno, what);
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, what);
    if (::fchmod(fd.get(), mode) < 0)
        return Error::system(errno, what);
    return fd;
}

Status makePath(const QString &path, mode_t mode)
{
    QString sofar;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        sofar += QLatin1Char('/') + part;
        const QByteArray p = QFile::encodeName(sofar);
        if (::mkdir(p.constData(), mode) == 0) {
            if (::chmod(p.constData(), mode) < 0)
                return Error::system(errno, QStringLiteral("create \"%1\"").arg(sofar));
        } else if (errno != EEXIST) {
            return Error::system(errno, QStringLiteral("create \"%1\"").arg(sofar));
        }
    }
    return std::nullopt;
}

Status removeTreeAt(int parentFd, const QByteArray &name)
{
    struct stat parent {};
    if (::fstat(parentFd, &parent) < 0)
        return Error::system(errno, QStringLiteral("remove \"%1\"").arg(nameOf(name)));
    return removeTreeImpl(parentFd, name, parent.st_dev, 0);
}

Status removeTree(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    const qsizetype slash = p.lastIndexOf('/');
    if (!p.startsWith('/') || slash < 0 || slash == p.size() - 1)
        return Error::invalid(QStringLiteral("remove \"%1\": not an absolute path").arg(path));
    auto parent = openDirectory(QFile::decodeName(slash == 0 ? QByteArray("/") : p.left(slash)));
    if (!parent) {
        if (parent.error().sysErrno == ENOENT)
            return std::nullopt;
        return parent.error().wrap(QStringLiteral("remove \"%1\"").arg(path));
    }
    return removeTreeAt(parent->get(), p.mid(slash + 1));
}

Result<CopyStats> copyTreeContents(int srcDirFd, int dstDirFd, const std::atomic_bool *cancel,
                                   const std::function<void(const CopyStats &)> &progress)
{
    CopyJob job;
    job.dstRootFd = dstDirFd;
    job.cancel = cancel;
    job.progress = &progress;
    if (auto err = copyDirectory(job, srcDirFd, dstDirFd, QByteArray(), 0))
        return *err;
    if (auto err = copyDirectoryMetadata(srcDirFd, dstDirFd))
        return *err;
    if (progress)
        progress(job.stats);
    return job.stats;
}

Result<CopyStats> copyEntries(int srcDirFd, int dstDirFd, const QList<QByteArray> &names,
                              const std::atomic_bool *cancel)
{
    CopyJob job;
    job.dstRootFd = dstDirFd;
    job.cancel = cancel;
    for (const QByteArray &name : names) {
        if (isCancelled(cancel))
            return Error::cancelled();
        if (auto err = copyEntry(job, srcDirFd, dstDirFd, QByteArray(), name, 0))
            return err->wrap(QStringLiteral("copy \"%1\"").arg(nameOf(name)));
    }
    return job.stats;
}

Result<CopyStats> copyTree(const QString &srcDir, const QString &dstDir, const std::atomic_bool *cancel,
                           const std::function<void(const CopyStats &)> &progress)
{
    auto src = openDirectory(srcDir);
    if (!src)
        return src.error();
    auto dst = openDirectory(dstDir);
    if (!dst)
        return dst.error();
    auto stats = copyTreeContents(src->get(), dst->get(), cancel, progress);
    if (!stats)
        return stats.error().wrap(QStringLiteral("copy \"%1\" to \"%2\"").arg(srcDir, dstDir));
    return stats;
}

Status copyDirectoryMetadata(int srcDirFd, int dstDirFd)
{
    struct stat st {};
    if (::fstat(srcDirFd, &st) < 0)
        return Error::system(errno, QStringLiteral("stat"));
    return applyMetadataFd(srcDirFd, dstDirFd, st);
}

namespace {

// The rest of a regular file's bytes, at most maxBytes.
Result<QByteArray> readAll(int fd, const QString &what, qint64 maxBytes)
{
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        return Error::system(errno, what);
    if (!S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("%1: not a regular file").arg(what));
    if (st.st_size > maxBytes)
        return Error::invalid(QStringLiteral("%1: larger than %2 bytes").arg(what).arg(maxBytes));
    QByteArray data;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, what);
        if (n == 0)
            break;
        data.append(buf, n);
        if (data.size() > maxBytes)
            return Error::invalid(QStringLiteral("%1: larger than %2 bytes").arg(what).arg(maxBytes));
    }
    return data;
}

}  // namespace

Result<QByteArray> readFileAt(int dirFd, const QByteArray &name, qint64 maxBytes)
{
    const QString what = QStringLiteral("read \"%1\"").arg(nameOf(name));
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, what);
    return readAll(fd.get(), what, maxBytes);
}

Result<QByteArray> readFileBeneath(const QString &dir, const QString &path, qint64 maxBytes)
{
    const QString absolute = QDir::isAbsolutePath(path) ? QDir::cleanPath(path) : QDir::cleanPath(dir + QLatin1Char('/') + path);
    auto fd = rt::openContainerFile(QFile::encodeName(QDir::cleanPath(dir)).toStdString(), QFile::encodeName(absolute).toStdString(),
                                 O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (!fd) {
        const int err = fd.error().sysErrno;
        return Error{err == ENOENT ? Error::Code::NotFound : err == ELOOP || err == EXDEV || err == EINVAL ? Error::Code::InvalidArgument
                                                                                                            : Error::Code::Failed,
                     err, QString::fromStdString(fd.error().message)};
    }
    return readAll(fd->get(), QStringLiteral("read \"%1\"").arg(absolute), maxBytes);
}

bool isMountRoot(const QString &path)
{
    return mountRootAt(AT_FDCWD, QFile::encodeName(path));
}

Status detachMountsBelow(const QString &path)
{
    QFile f(QStringLiteral("/proc/self/mountinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("read /proc/self/mountinfo: %1").arg(f.errorString()));
    const QByteArray prefix = QFile::encodeName(path);
    QList<QByteArray> found;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 5)
            continue;
        // Field 5 is the mount point with ' ', '\t', '\n' and '\' as octal escapes.
        QByteArray point;
        const QByteArray &raw = fields[4];
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 3 < raw.size()) {
                bool ok = false;
                const int c = raw.mid(i + 1, 3).toInt(&ok, 8);
                if (ok) {
                    point += char(c);
                    i += 3;
                    continue;
                }
            }
            point += raw[i];
        }
        if (point == prefix || point.startsWith(prefix + '/'))
            found << point;
    }
    std::sort(found.begin(), found.end(), [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    for (const QByteArray &p : found)
        if (::umount2(p.constData(), MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
            return Error::system(errno, QStringLiteral("unmount \"%1\"").arg(QFile::decodeName(p)));
    return std::nullopt;
}

}  // namespace hutch::storage
