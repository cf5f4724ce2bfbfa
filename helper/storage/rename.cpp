#include "rename.h"
#include "fsops.h"

#include "atomicfile.h"
#include "clone.h"
#include "config.h"
#include "configdocument.h"
#include "names.h"
#include "destroy.h"
#include "values.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <stdio.h>

namespace hutch::storage {

namespace {


Status renameNoReplace(const QString &from, const QString &to)
{
    if (::renameat2(AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD, QFile::encodeName(to).constData(),
                    RENAME_NOREPLACE) < 0) {
        const int err = errno;
        if (err == EEXIST)
            return Error::conflict(QStringLiteral("\"%1\" exists").arg(to));
        return Error::system(err, QStringLiteral("rename \"%1\" to \"%2\"").arg(from, to));
    }
    return std::nullopt;
}

}  // namespace

Status renameContainer(const Store &store, const QString &name, const QString &newName)
{
    const QString context = QStringLiteral("rename \"%1\" to \"%2\"").arg(name, newName);
    const QStringList dependents = overlayDependents(store.path(), name);
    if (!dependents.isEmpty())
        return Error::conflict(QStringLiteral("overlay clones use its rootfs: %1").arg(dependents.join(QStringLiteral(", "))))
            .wrap(context);
    const QString configPath = store.configPath(name);
    auto read = readFileBeneath(store.containerDir(name), QStringLiteral("config"), 4 * 1024 * 1024);
    if (!read)
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name)).wrap(context);
    const QByteArray before = *read;
    if (QFileInfo::exists(store.containerDir(newName)))
        return Error::conflict(QStringLiteral("a container \"%1\" exists").arg(newName)).wrap(context);
    // Paths in the old directory move with it; the hostname follows when it
    // was the name; the MAC addresses stay (it is the same container).
    ConfigRewrite rewrite;
    rewrite.oldDir = QDir(store.containerDir(name)).absolutePath();
    rewrite.newDir = QDir(store.containerDir(newName)).absolutePath();
    rewrite.oldName = name;
    rewrite.newName = newName;
    rewrite.keepMacs = true;
    const LoadResult loaded = loadConfigBytes(before, configPath, rewrite.oldDir);
    rewrite.keepHostname = loaded.config.value(QStringLiteral("lxc.uts.name"), name) != name
                           || values::validateHostname(newName).has_value();
    const QByteArray after = rewriteConfig(before, rewrite);
    // The config first, then the directory; should the rename fail the old
    // config goes back.
    if (auto err = writeFileAtomically(configPath, after))
        return err->wrap(context);
    if (auto err = renameNoReplace(store.containerDir(name), store.containerDir(newName))) {
        (void)writeFileAtomically(configPath, before);
        return err->wrap(context);
    }
    const QString oldLog = store.containerDir(newName) + QLatin1Char('/') + name + QStringLiteral(".log");
    if (QFileInfo::exists(oldLog))
        QFile::rename(oldLog, store.containerDir(newName) + QLatin1Char('/') + newName + QStringLiteral(".log"));
    return std::nullopt;
}

}  // namespace hutch::storage
