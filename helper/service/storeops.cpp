#include "storeops.h"

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

namespace hutch::service {

namespace {

Error busy(const QString &message) { return {Error::Code::Busy, 0, message}; }

Status renameNoReplace(const QString &from, const QString &to)
{
    if (::renameat2(AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD, QFile::encodeName(to).constData(),
                    RENAME_NOREPLACE) < 0) {
        const int err = errno;
        if (err == EEXIST)
            return busy(QStringLiteral("\"%1\" exists").arg(to));
        return Error::system(err, QStringLiteral("rename \"%1\" to \"%2\"").arg(from, to));
    }
    return std::nullopt;
}

}  // namespace

QList<QVariantMap> templateSchemas()
{
    auto option = [](const char *name, const char *type, const QVariant &def, const char *description) {
        return QVariantMap{{QStringLiteral("name"), QString::fromLatin1(name)},
                           {QStringLiteral("type"), QString::fromLatin1(type)},
                           {QStringLiteral("default"), def},
                           {QStringLiteral("description"), QString::fromLatin1(description)}};
    };
    QVariantMap ttys = option("ttys", "uint", 4u, "number of ttys (lxc.tty.max), each with a shell or getty");
    ttys.insert(QStringLiteral("min"), 0u);
    ttys.insert(QStringLiteral("max"), 63u);
    const QVariantList options = {
        ttys,
        option("login", "bool", false, "getty and login on the console and ttys instead of a root shell"),
        option("hostname", "string", QString(), "hostname (lxc.uts.name); the container name when empty"),
    };
    return {QVariantMap{{QStringLiteral("name"), QStringLiteral("busybox")},
                        {QStringLiteral("description"), QStringLiteral("a minimal container from the host's static busybox")},
                        {QStringLiteral("options"), options}}};
}

Result<templates::BusyboxOptions> checkTemplateOptions(const QString &templateName, const QVariantMap &options)
{
    if (templateName != QLatin1String("busybox"))
        return Error::invalid(QStringLiteral("unknown template \"%1\" (known: busybox)").arg(templateName.left(64)));
    templates::BusyboxOptions o;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QVariant &v = it.value();
        const int type = v.metaType().id();
        if (it.key() == QLatin1String("ttys")) {
            const bool integer = type == QMetaType::Int || type == QMetaType::UInt || type == QMetaType::LongLong
                                 || type == QMetaType::ULongLong || type == QMetaType::Short
                                 || type == QMetaType::UShort || type == QMetaType::UChar;
            const qlonglong n = v.toLongLong();
            if (!integer || n < 0 || n > 63)
                return Error::invalid(QStringLiteral("template option ttys must be a number from 0 to 63"));
            o.ttys = int(n);
        } else if (it.key() == QLatin1String("login")) {
            if (type != QMetaType::Bool)
                return Error::invalid(QStringLiteral("template option login must be a boolean"));
            o.login = v.toBool();
        } else if (it.key() == QLatin1String("hostname")) {
            if (type != QMetaType::QString)
                return Error::invalid(QStringLiteral("template option hostname must be a string"));
            o.hostname = v.toString();
            if (!o.hostname.isEmpty())
                if (auto err = values::validateHostname(o.hostname))
                    return err->wrap(QStringLiteral("template option hostname"));
        } else {
            return Error::invalid(QStringLiteral("unknown option \"%1\" of template busybox (known: ttys, login, "
                                                 "hostname)").arg(it.key().left(64)));
        }
    }
    return o;
}

Status createContainer(const Store &store, const QString &name, const templates::BusyboxOptions &options,
                       const StepReport &report, const std::atomic_bool *cancel)
{
    // The busybox template reports 8 steps; each moves the bar on.
    int step = 0;
    auto progress = [&](const QString &line) { report(line, ++step / 8.0); };
    return templates::createBusybox(store, name, options, progress, cancel);
}

Status renameContainer(const Store &store, const QString &name, const QString &newName)
{
    const QString context = QStringLiteral("rename \"%1\" to \"%2\"").arg(name, newName);
    const QStringList dependents = storage::overlayDependents(store.path(), name);
    if (!dependents.isEmpty())
        return busy(QStringLiteral("overlay clones use its rootfs: %1").arg(dependents.join(QStringLiteral(", "))))
            .wrap(context);
    const QString configPath = store.configPath(name);
    QFile f(configPath);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name)).wrap(context);
    const QByteArray before = f.read(4 * 1024 * 1024);
    f.close();
    if (QFileInfo::exists(store.containerDir(newName)))
        return busy(QStringLiteral("a container \"%1\" exists").arg(newName)).wrap(context);
    // Paths in the old directory move with it; the hostname follows when it
    // was the name; the MAC addresses stay (it is the same container).
    storage::ConfigRewrite rewrite;
    rewrite.oldDir = QDir(store.containerDir(name)).absolutePath();
    rewrite.newDir = QDir(store.containerDir(newName)).absolutePath();
    rewrite.oldName = name;
    rewrite.newName = newName;
    rewrite.keepMacs = true;
    const LoadResult loaded = loadConfigBytes(before, configPath, rewrite.oldDir);
    rewrite.keepHostname = loaded.config.value(QStringLiteral("lxc.uts.name"), name) != name
                           || values::validateHostname(newName).has_value();
    const QByteArray after = storage::rewriteConfig(before, rewrite);
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

}  // namespace hutch::service
