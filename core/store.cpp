#include "store.h"

#include "config.h"
#include "names.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch {

Status checkConfigFile(const QString &path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) < 0)
        return errno == ENOENT ? Error::notFound(QStringLiteral("no config file %1").arg(path))
                               : Error::system(errno, QStringLiteral("config file %1").arg(path));
    if (S_ISLNK(st.st_mode))
        return Error::invalid(QStringLiteral("%1 is a symlink; a container's config must be a regular file owned by root")
                                  .arg(path));
    if (!S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("%1 is not a regular file").arg(path));
    if (st.st_uid != ::geteuid())
        return Error::invalid(QStringLiteral("%1 is owned by uid %2, not by root; a container's config must be root's")
                                  .arg(path).arg(st.st_uid));
    return std::nullopt;
}


Store::Store(QString path) : m_path(std::move(path)) {}

QString Store::containerDir(const QString &name) const
{
    return m_path + QLatin1Char('/') + name;
}

QString Store::configPath(const QString &name) const
{
    return containerDir(name) + QStringLiteral("/config");
}

QString Store::rootfsPath(const QString &name) const
{
    return containerDir(name) + QStringLiteral("/rootfs");
}

StoreEntry Store::inspect(const QString &name) const
{
    StoreEntry e;
    e.name = name;
    e.path = containerDir(name);
    if (auto err = validateContainerName(name)) {
        e.broken = true;
        e.problem = err->message;
        return e;
    }
    const QString config = configPath(name);
    const QFileInfo info(config);
    if (!info.exists()) {
        e.broken = true;
        e.problem = QStringLiteral("no config file");
        return e;
    }
    const LoadResult loaded = loadConfigFile(config);
    if (auto err = loaded.firstError()) {
        e.broken = true;
        e.problem = err->message;
    }
    return e;
}

Result<QStringList> Store::names() const
{
    // Plain readdir: QDir would hide the difference between an empty store
    // and one we may not read.
    DIR *dir = ::opendir(QFile::encodeName(m_path).constData());
    if (!dir) {
        if (errno == ENOENT)
            return QStringList();  // no store yet: no containers
        return Error::system(errno, QStringLiteral("open store \"%1\"").arg(m_path));
    }
    QStringList names;
    while (const dirent *d = ::readdir(dir)) {
        if (d->d_name[0] == '.')
            continue;
        if (d->d_type != DT_DIR && d->d_type != DT_UNKNOWN)
            continue;  // symlinks and files are not containers
        const QString name = QFile::decodeName(d->d_name);
        if (d->d_type == DT_UNKNOWN && !contains(name))
            continue;
        names << name;
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

bool Store::contains(const QString &name) const
{
    const QFileInfo info(containerDir(name));
    return info.isDir() && !info.isSymLink();
}

Result<QList<StoreEntry>> Store::list() const
{
    auto all = names();
    if (!all)
        return all.error();
    QList<StoreEntry> entries;
    for (const QString &name : std::as_const(*all))
        entries.append(inspect(name));
    return entries;
}

Result<StoreEntry> Store::entry(const QString &name) const
{
    if (auto err = validateContainerName(name))
        return *err;
    if (!contains(name))
        return Error::notFound(QStringLiteral("no container \"%1\" in %2").arg(name, m_path));
    return inspect(name);
}

}  // namespace hutch
