#include "atomicfile.h"

#include "uniquefd.h"

#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch {

namespace {

Status writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error::system(errno, QStringLiteral("write"));
        }
        p += n;
        left -= n;
    }
    return std::nullopt;
}

}  // namespace

Status writeFileAtomically(const QString &path, const QByteArray &data, mode_t mode)
{
    const QFileInfo info(path);
    const QByteArray dir = QFile::encodeName(info.absolutePath());
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const QString context = QStringLiteral("write \"%1\"").arg(path);

    struct stat st {};
    const bool exists = ::stat(target.constData(), &st) == 0;

    // mkstemp-style name beside the target, so that rename stays in one filesystem.
    QByteArray temp = target + ".tmpXXXXXX";
    UniqueFd fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (!fd) {
        // No directory to write in: the file's place is not found.
        const int err = errno;
        return Error::system(err, QStringLiteral("create temporary file"),
                             err == ENOENT ? Error::Code::NotFound : Error::Code::Failed)
            .wrap(context);
    }

    auto fail = [&](const Error &e) {
        ::unlink(temp.constData());
        return e.wrap(context);
    };
    if (exists) {
        if (::fchmod(fd.get(), st.st_mode & 07777) < 0)
            return fail(Error::system(errno, QStringLiteral("chmod temporary file")));
        // Keeps the owner when we may (root); a user editing his own file keeps it anyway.
        if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid())
            && ::fchown(fd.get(), st.st_uid, st.st_gid) < 0 && errno != EPERM)
            return fail(Error::system(errno, QStringLiteral("chown temporary file")));
    } else if (::fchmod(fd.get(), mode) < 0) {
        return fail(Error::system(errno, QStringLiteral("chmod temporary file")));
    }
    if (auto err = writeAll(fd.get(), data))
        return fail(*err);
    if (::fsync(fd.get()) < 0)
        return fail(Error::system(errno, QStringLiteral("fsync")));
    fd.reset();
    if (::rename(temp.constData(), target.constData()) < 0)
        return fail(Error::system(errno, QStringLiteral("rename into place")));

    UniqueFd dirFd(::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd && ::fsync(dirFd.get()) < 0 && errno != EINVAL)
        return Error::system(errno, QStringLiteral("fsync directory")).wrap(context);
    return std::nullopt;
}

}  // namespace hutch
