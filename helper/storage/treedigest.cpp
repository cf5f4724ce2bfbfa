// Tree digests (see treedigest.h).
#include "treedigest.h"

#include "fsops.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace hutch::storage {

namespace {

struct Walk {
    DigestOptions options;
    QHash<QPair<quint64, quint64>, QString> links;
    QStringList lines;
    quint64 allocated = 0;
};

QString xattrsOf(const QByteArray &path)
{
    ssize_t size = ::llistxattr(path.constData(), nullptr, 0);
    if (size <= 0)
        return {};
    QByteArray names(size, '\0');
    size = ::llistxattr(path.constData(), names.data(), size_t(names.size()));
    if (size <= 0)
        return {};
    names.truncate(size);
    QList<QByteArray> list = names.split('\0');
    std::sort(list.begin(), list.end());
    QStringList out;
    for (const QByteArray &n : list) {
        if (n.isEmpty())
            continue;
        const ssize_t vsize = ::lgetxattr(path.constData(), n.constData(), nullptr, 0);
        QByteArray value(qMax<ssize_t>(vsize, 0), '\0');
        const ssize_t got = vsize > 0 ? ::lgetxattr(path.constData(), n.constData(), value.data(), size_t(vsize)) : 0;
        value.truncate(qMax<ssize_t>(got, 0));
        out << QString::fromUtf8(n) + QLatin1Char('=') + QString::fromLatin1(value.toHex());
    }
    return out.join(QLatin1Char(','));
}

Result<QByteArray> contentHash(int dirFd, const QByteArray &name)
{
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, QStringLiteral("open"));
    QCryptographicHash h(QCryptographicHash::Sha256);
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error::system(errno, QStringLiteral("read"));
        if (n == 0)
            break;
        h.addData(QByteArrayView(buf, n));
    }
    return h.result().toHex();
}

Status walk(Walk &w, int dirFd, const QString &relative, int depth)
{
    if (depth > 256)
        return Error::failed(QStringLiteral("too deep"));
    UniqueFd listFd(::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *dir = listFd ? ::fdopendir(listFd.get()) : nullptr;
    if (!dir)
        return Error::system(errno, QStringLiteral("list \"%1\"").arg(relative));
    listFd.release();
    QList<QByteArray> names;
    while (const dirent *d = ::readdir(dir))
        if (qstrcmp(d->d_name, ".") != 0 && qstrcmp(d->d_name, "..") != 0)
            names << QByteArray(d->d_name);
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : std::as_const(names)) {
        const QString path = relative + QLatin1Char('/') + QFile::decodeName(name);
        struct stat st {};
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) < 0)
            return Error::system(errno, QStringLiteral("stat \"%1\"").arg(path));
        w.allocated += quint64(st.st_blocks) * 512;
        QString type, extra;
        switch (st.st_mode & S_IFMT) {
        case S_IFDIR: type = QStringLiteral("d"); break;
        case S_IFREG: {
            type = QStringLiteral("f");
            auto hash = contentHash(dirFd, name);
            if (!hash)
                return hash.error().wrap(path);
            extra = QString::number(st.st_size) + QLatin1Char(':') + QString::fromLatin1(*hash);
            break;
        }
        case S_IFLNK: {
            type = QStringLiteral("l");
            QByteArray target(4096, '\0');
            const ssize_t n = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
            target.truncate(qMax<ssize_t>(n, 0));
            extra = QFile::decodeName(target);
            break;
        }
        case S_IFCHR: type = QStringLiteral("c"); break;
        case S_IFBLK: type = QStringLiteral("b"); break;
        case S_IFIFO: type = QStringLiteral("p"); break;
        case S_IFSOCK: type = QStringLiteral("s"); break;
        default: type = QStringLiteral("?"); break;
        }
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
            extra = QStringLiteral("%1:%2").arg(major(st.st_rdev)).arg(minor(st.st_rdev));
        QString link;
        if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
            const auto key = qMakePair(quint64(st.st_dev), quint64(st.st_ino));
            auto it = w.links.constFind(key);
            if (it == w.links.constEnd())
                it = w.links.insert(key, path);
            link = QStringLiteral("link=") + *it;
        }
        QString line = QStringLiteral("%1 %2 %3 %4:%5 %6 [%7] %8")
                           .arg(path, type)
                           .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'))
                           .arg(st.st_uid)
                           .arg(st.st_gid)
                           .arg(extra, xattrsOf("/proc/self/fd/" + QByteArray::number(dirFd) + '/' + name), link);
        if (w.options.times && !S_ISLNK(st.st_mode))
            line += QStringLiteral(" mtime=%1.%2").arg(st.st_mtim.tv_sec).arg(st.st_mtim.tv_nsec);
        w.lines << line;
        if (S_ISDIR(st.st_mode)) {
            UniqueFd sub(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!sub)
                return Error::system(errno, QStringLiteral("open \"%1\"").arg(path));
            if (auto err = walk(w, sub.get(), path, depth + 1))
                return err;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<TreeDigest> digestTree(const QString &root, const DigestOptions &options)
{
    auto fd = openDirectory(root);
    if (!fd)
        return fd.error();
    Walk w;
    w.options = options;
    struct stat st {};
    ::fstat(fd->get(), &st);
    w.lines << QStringLiteral(". d %1 %2:%3 [%4]")
                   .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'))
                   .arg(st.st_uid)
                   .arg(st.st_gid)
                   .arg(xattrsOf("/proc/self/fd/" + QByteArray::number(fd->get())));
    if (auto err = walk(w, fd->get(), QString(), 0))
        return err->wrap(QStringLiteral("digest \"%1\"").arg(root));
    TreeDigest d;
    d.lines = w.lines;
    d.entries = quint64(w.lines.size());
    d.allocatedBytes = w.allocated;
    d.sha256 = QCryptographicHash::hash(w.lines.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256).toHex();
    return d;
}

QStringList digestDifference(const TreeDigest &a, const TreeDigest &b, int max)
{
    const QSet<QString> sa(a.lines.begin(), a.lines.end()), sb(b.lines.begin(), b.lines.end());
    QStringList out;
    for (const QString &l : a.lines)
        if (!sb.contains(l) && out.size() < max)
            out << QStringLiteral("- ") + l;
    for (const QString &l : b.lines)
        if (!sa.contains(l) && out.size() < max)
            out << QStringLiteral("+ ") + l;
    return out;
}

}  // namespace hutch::storage
