// Staging directories (see staging.h). Helper process, root.
#include "staging.h"

#include "fsops.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::storage {

namespace {

QByteArray randomSuffix()
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QByteArray s(6, 'x');
    for (char &c : s)
        c = chars[QRandomGenerator::system()->bounded(int(sizeof chars - 1))];
    return s;
}

Status removeAt(const QString &parent, const QString &dirName)
{
    const QString path = parent + QLatin1Char('/') + dirName;
    if (auto err = detachMountsBelow(path))
        return err;
    return removeTree(path);
}

}  // namespace

Result<Staging> Staging::create(const QString &parentDir, const QString &name)
{
    Staging s;
    s.m_parent = QDir(parentDir).absolutePath();
    if (auto err = makePath(s.m_parent))
        return *err;
    auto parentFd = openDirectory(s.m_parent);
    if (!parentFd)
        return parentFd.error();
    s.m_parentFd = std::move(*parentFd);
    QByteArray path = QFile::encodeName(s.m_parent) + "/.staging-" + QFile::encodeName(name) + "-XXXXXX";
    if (!::mkdtemp(path.data()))
        return Error::system(errno, QStringLiteral("create staging directory in \"%1\"").arg(s.m_parent));
    s.m_dirName = path.mid(path.lastIndexOf('/') + 1);
    s.m_path = QFile::decodeName(path);
    UniqueFd fd(::openat(s.m_parentFd.get(), s.m_dirName.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) {
        const int err = errno;
        ::unlinkat(s.m_parentFd.get(), s.m_dirName.constData(), AT_REMOVEDIR);
        return Error::system(err, QStringLiteral("open staging directory"));
    }
    s.m_fd = std::move(fd);
    return s;
}

Staging::Staging(Staging &&other) noexcept
    : m_parentFd(std::move(other.m_parentFd)), m_fd(std::move(other.m_fd)), m_parent(std::move(other.m_parent)),
      m_path(std::move(other.m_path)), m_dirName(std::move(other.m_dirName)), m_done(other.m_done)
{
    other.m_done = true;
}

Staging::~Staging()
{
    if (m_done)
        return;
    // Left behind, it is swept at the helper's next start; said in its log
    // so that whatever kept it is found.
    if (auto err = discard())
        qWarning("staging directory %s/%s not removed: %s", qPrintable(m_parent), m_dirName.constData(),
                 qPrintable(err->message));
}

Status Staging::discard()
{
    if (m_done)
        return std::nullopt;
    m_done = true;
    m_fd.reset();
    return removeAt(m_parent, QFile::decodeName(m_dirName));
}

Status Staging::commit(const QString &finalName, mode_t mode)
{
    if (m_done)
        return Error::failed(QStringLiteral("staging directory already gone"));
    if (::fchmod(m_fd.get(), mode) < 0)
        return Error::system(errno, QStringLiteral("chmod staging directory"));
    // Everything on disk before the name appears: a crash leaves a staging
    // directory or a complete result, never a partial one under its name.
    if (::syncfs(m_fd.get()) < 0)
        return Error::system(errno, QStringLiteral("sync"));
    const QByteArray target = QFile::encodeName(finalName);
    if (::renameat2(m_parentFd.get(), m_dirName.constData(), m_parentFd.get(), target.constData(), RENAME_NOREPLACE) < 0) {
        const int err = errno;
        if (err == EEXIST)
            return Error{Error::Code::Conflict, err, QStringLiteral("\"%1\" exists in %2").arg(finalName, m_parent)};
        return Error::system(err, QStringLiteral("rename into place"));
    }
    m_done = true;
    if (::fsync(m_parentFd.get()) < 0 && errno != EINVAL)
        return Error::system(errno, QStringLiteral("sync \"%1\"").arg(m_parent));
    return std::nullopt;
}

Result<QString> moveAsideForRemoval(const QString &parentDir, const QString &name)
{
    auto parentFd = openDirectory(parentDir);
    if (!parentFd)
        return parentFd.error();
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QByteArray aside = ".destroy-" + QFile::encodeName(name) + '-' + randomSuffix();
        if (::renameat2(parentFd->get(), QFile::encodeName(name).constData(), parentFd->get(), aside.constData(),
                        RENAME_NOREPLACE) == 0) {
            ::fsync(parentFd->get());
            return parentDir + QLatin1Char('/') + QFile::decodeName(aside);
        }
        if (errno != EEXIST)
            return Error::system(errno, QStringLiteral("move \"%1\" aside").arg(name));
    }
    return Error::failed(QStringLiteral("move \"%1\" aside: no free name").arg(name));
}

QStringList sweepLeftovers(const QString &storePath)
{
    QStringList report;
    auto sweep = [&](const QString &dir, const QStringList &patterns) {
        const QStringList names = QDir(dir).entryList(patterns, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks);
        for (const QString &n : names) {
            if (auto err = removeAt(dir, n))
                report << QStringLiteral("could not remove %1/%2: %3").arg(dir, n, err->message);
            else
                report << QStringLiteral("removed %1/%2").arg(dir, n);
        }
    };
    sweep(storePath, {QStringLiteral(".staging-*"), QStringLiteral(".destroy-*")});
    const QStringList containers = QDir(storePath).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QString &c : containers) {
        const QString dir = storePath + QLatin1Char('/') + c;
        sweep(dir, {QStringLiteral(".restore-*"), QStringLiteral(".staging-*")});
        if (QFileInfo(dir + QStringLiteral("/snaps")).isDir())
            sweep(dir + QStringLiteral("/snaps"), {QStringLiteral(".staging-*"), QStringLiteral(".destroy-*")});
    }
    return report;
}

Result<NewRootfs> NewRootfs::begin(const QString &storePath, const QString &name, const QString &finalDir,
                                  BackendKind kind)
{
    auto staging = Staging::create(storePath, name);
    if (!staging)
        return staging.error();
    Target target;
    target.name = name;
    target.stagingDir = staging->path();
    target.finalDir = finalDir;
    auto backend = makeBackend(kind);
    auto created = backend->create(target);
    if (!created)
        return created.error();
    return NewRootfs{std::move(*staging), kind, std::move(backend), std::move(*created)};
}

Error NewRootfs::drop(const Error &e)
{
    (void)backend->finish(created);
    if (kind == BackendKind::Lvm)
        (void)backend->destroy(created.location);
    return e;
}

}  // namespace hutch::storage
