// Export and import (see archive.h). Helper process, job threads, root.
//
// Export runs tar in a thread with a private mount namespace: the rootfs
// view (the directory bound, or the overlay / logical volume mounted
// read-only) is put at WORK/rootfs beside the config, so the archive's
// layout needs no renaming of members, and nothing is mounted on the host.
#include "archive.h"
#include "idranges.h"
#include "spawnenv.h"

#include "atomicfile.h"
#include "clone.h"
#include "clone_p.h"
#include "config.h"
#include "fsops.h"
#include "lvm.h"
#include "names.h"
#include "staging.h"
#include "tarscan.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cerrno>
#include <sched.h>
#include <sys/mount.h>
#include <thread>

namespace hutch::storage {

namespace {

constexpr int kFormat = 1;
const char kMetadata[] = "hutch-export.json";


// Runs tar, polling for cancel; the error carries tar's own message.
Status runTar(const QStringList &args, const std::atomic_bool *cancel, QByteArray *output = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    endWithHelper(p);
    p.start(QStringLiteral("tar"), args);
    if (!p.waitForStarted())
        return Error::failed(QStringLiteral("tar: %1").arg(p.errorString()));
    QByteArray out;
    while (!p.waitForFinished(200)) {
        if (output)
            out += p.readAllStandardOutput();
        if (isCancelled(cancel)) {
            p.kill();
            p.waitForFinished();
            return Error::cancelled();
        }
    }
    out += p.readAllStandardOutput();
    if (output)
        *output = out;
    QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    // tar reports a short write as "Wrote only N of M bytes": the filesystem is full.
    if (err.contains(QLatin1String("Wrote only")) && !err.contains(QLatin1String("No space left on device")))
        err = err.section(QLatin1Char('\n'), 0, 0) + QStringLiteral(": No space left on device");
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        const int errnoGuess = err.contains(QLatin1String("No space left on device")) ? ENOSPC : 0;
        return Error{Error::Code::Failed, errnoGuess,
                     QStringLiteral("tar: %1").arg(err.isEmpty() ? QStringLiteral("exit %1").arg(p.exitCode()) : err.section(QLatin1Char('\n'), 0, 2))};
    }
    return std::nullopt;
}

}  // namespace

QStringList tarCreateArgs(const QString &archivePath, const QString &directory)
{
    return {QStringLiteral("--create"), QStringLiteral("--file"), archivePath, QStringLiteral("--auto-compress"),
            QStringLiteral("--xattrs"), QStringLiteral("--xattrs-include=*"), QStringLiteral("--acls"),
            QStringLiteral("--numeric-owner"), QStringLiteral("--sparse"), QStringLiteral("--directory"), directory,
            QStringLiteral(".")};
}

QStringList tarExtractArgs(const QString &archivePath, const QString &directory, const QStringList &members)
{
    QStringList args = {QStringLiteral("--extract"), QStringLiteral("--file"), archivePath,
                        QStringLiteral("--xattrs"), QStringLiteral("--xattrs-include=*"), QStringLiteral("--acls"),
                        QStringLiteral("--numeric-owner"), QStringLiteral("--same-owner"),
                        QStringLiteral("--same-permissions"), QStringLiteral("--directory"), directory};
    if (!members.isEmpty())
        args << QStringLiteral("--") << members;
    return args;
}

Status checkArchiveMembers(const QStringList &members)
{
    for (const QString &m : members) {
        if (m.isEmpty())
            continue;
        if (m.startsWith(QLatin1Char('/')))
            return Error::invalid(QStringLiteral("the archive has an absolute path: \"%1\"").arg(m));
        for (const QString &part : m.split(QLatin1Char('/')))
            if (part == QLatin1String(".."))
                return Error::invalid(QStringLiteral("the archive has a \"..\" path: \"%1\"").arg(m));
    }
    return std::nullopt;
}

Status exportContainer(Runtime &runtime, const QString &name, const QString &archivePath, const Progress &progress,
                       const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("export \"%1\"").arg(name);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    const QString dir = QDir(runtime.store().containerDir(name)).absolutePath();
    const QString configPath = dir + QStringLiteral("/config");
    if (auto err = checkConfigFile(configPath); err && err->code != Error::Code::NotFound)
        return err->wrap(context);
    auto bytes = readFileBeneath(dir, QStringLiteral("config"));
    if (!bytes)
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name)).wrap(context);
    const QByteArray config = *bytes;
    const LoadResult loaded = loadConfigBytes(config, configPath, dir);
    if (auto err = loaded.firstError())
        return err->wrap(context);
    auto location = parseRootfsPath(loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()), dir);
    if (!location)
        return location.error().wrap(context);
    if (runtime.state(name) != QLatin1String("STOPPED"))
        return Error::busy(QStringLiteral("\"%1\" is running; stop it first").arg(name)).wrap(context);

    const QString out = QFileInfo(archivePath).absoluteFilePath();
    QTemporaryDir work(QFileInfo(out).path() + QStringLiteral("/.hutch-export-XXXXXX"));
    if (!work.isValid())
        return Error::failed(QStringLiteral("cannot make a work directory beside \"%1\": %2").arg(out, work.errorString())).wrap(context);
    const QString tmpArchive = work.path() + QStringLiteral("/archive") + out.mid(out.indexOf(QStringLiteral(".tar")));
    const QString tree = work.path() + QStringLiteral("/tree");
    if (auto err = makePath(tree + QStringLiteral("/rootfs"), 0755))
        return err->wrap(context);

    QJsonObject meta{{QStringLiteral("format"), kFormat},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("containerDir"), dir},
                     {QStringLiteral("backend"), kindName(location->kind)},
                     {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    if (auto err = writeFileAtomically(tree + QLatin1Char('/') + QLatin1String(kMetadata), QJsonDocument(meta).toJson()))
        return err->wrap(context);
    if (auto err = writeFileAtomically(tree + QStringLiteral("/config"), config))
        return err->wrap(context);
    auto dirFd = openDirectory(dir);
    auto treeFd = openDirectory(tree);
    if (!dirFd || !treeFd)
        return (!dirFd ? dirFd.error() : treeFd.error()).wrap(context);
    if (auto copied = copyEntries(dirFd->get(), treeFd->get(), containerExtras(dir), cancel); !copied)
        return copied.error().wrap(context);

    // The rootfs view at TREE/rootfs, in a mount namespace of this thread's own.
    say(QStringLiteral("archiving \"%1\" (%2) to %3").arg(name, kindName(location->kind), out));
    Status result;
    std::thread worker([&] {
        if (::unshare(CLONE_NEWNS) < 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0) {
            result = Error::system(errno, QStringLiteral("private mount namespace"));
            return;
        }
        const QByteArray target = QFile::encodeName(tree + QStringLiteral("/rootfs"));
        int rc = 0;
        if (location->kind == BackendKind::Overlay) {
            const QByteArray data = "lowerdir=" + (QStringList{location->path} + location->lowers).join(QLatin1Char(':')).toUtf8();
            rc = ::mount("overlay", target.constData(), "overlay", MS_RDONLY, data.constData());
        } else if (location->kind == BackendKind::Lvm) {
            auto fs = lvm::detectFilesystem(location->path);
            if (!fs) {
                result = fs.error();
                return;
            }
            rc = ::mount(QFile::encodeName(location->path).constData(), target.constData(), fs->toUtf8().constData(),
                         MS_RDONLY, nullptr);
        } else {
            rc = ::mount(QFile::encodeName(location->path).constData(), target.constData(), nullptr, MS_BIND, nullptr);
        }
        if (rc < 0) {
            result = Error::system(errno, QStringLiteral("mount the rootfs view"));
            return;
        }
        result = runTar(tarCreateArgs(tmpArchive, tree), cancel);
        ::umount2(target.constData(), MNT_DETACH);
    });
    worker.join();
    if (result)
        return result->wrap(context);
    QFile archive(tmpArchive);
    if (archive.open(QIODevice::ReadOnly)) {
        if (::fsync(archive.handle()) < 0)
            return Error::system(errno, QStringLiteral("sync")).wrap(context);
    }
    if (::rename(QFile::encodeName(tmpArchive).constData(), QFile::encodeName(out).constData()) < 0)
        return Error::system(errno, QStringLiteral("rename to \"%1\"").arg(out)).wrap(context);
    say(QStringLiteral("exported \"%1\" to %2 (%3 MiB)").arg(name, out).arg(QFileInfo(out).size() >> 20));
    return std::nullopt;
}

Result<QString> importContainer(Runtime &runtime, const QString &archivePath, const ImportOptions &options,
                                const Progress &progress, const std::atomic_bool *cancel)
{
    QString context = QStringLiteral("import \"%1\"").arg(archivePath);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    const QString archive = QFileInfo(archivePath).absoluteFilePath();
    if (!QFileInfo(archive).isFile())
        return Error::notFound(QStringLiteral("no file \"%1\"").arg(archive)).wrap(context);

    // Checks before anything is written: every member's type and place
    // (tarscan.h), the metadata and the config as the stream has them —
    // what is checked is what is used, and nothing is read back through a
    // link tar made.
    auto scanned = scanArchive(archive, {QStringLiteral("./hutch-export.json"), QStringLiteral("./config")}, cancel);
    if (!scanned)
        return scanned.error().wrap(context);
    QStringList members, plain;
    for (const TarMember &m : scanned->members()) {
        members << m.name;
        if (!m.name.startsWith(QLatin1String("./rootfs/")) && m.name != QLatin1String("./"))
            plain << m.name;
    }
    if (auto err = checkArchiveMembers(members))
        return err->wrap(context);
    for (const QString &m : std::as_const(members))
        if (m != QLatin1String("./") && !m.startsWith(QLatin1String("./")))
            return Error::invalid(QStringLiteral("not a Hutch export (member \"%1\")").arg(m.left(200))).wrap(context);
    if (auto err = checkTarMembers(scanned->members(), plain))
        return err->wrap(context);
    for (const char *needed : {"./hutch-export.json", "./config", "./rootfs/"})
        if (!members.contains(QLatin1String(needed)))
            return Error::invalid(QStringLiteral("not a Hutch export (no %1 in it)").arg(QLatin1String(needed))).wrap(context);
    const auto metaBytes = scanned->captured(QStringLiteral("./hutch-export.json"));
    const auto original = scanned->captured(QStringLiteral("./config"));
    if (!metaBytes || !original)
        return Error::invalid(QStringLiteral("the export's %1 is not a file of at most 4 MiB")
                                  .arg(metaBytes ? QStringLiteral("config") : QStringLiteral("hutch-export.json"))).wrap(context);
    const QJsonObject meta = QJsonDocument::fromJson(*metaBytes).object();
    if (meta.value(QStringLiteral("format")).toInt() != kFormat)
        return Error::invalid(QStringLiteral("unknown export format %1").arg(meta.value(QStringLiteral("format")).toInt())).wrap(context);
    const QString originalName = meta.value(QStringLiteral("name")).toString();
    const QString originalDir = meta.value(QStringLiteral("containerDir")).toString();
    const QString name = options.name.isEmpty() ? originalName : options.name;
    context = QStringLiteral("import \"%1\" as \"%2\"").arg(archivePath, name);
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    if (!originalDir.startsWith(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("the export names no container directory")).wrap(context);
    const QString storePath = QDir(runtime.store().path()).absolutePath();
    const QString finalDir = storePath + QLatin1Char('/') + name;
    if (QFileInfo::exists(finalDir))
        return Error::busy(QStringLiteral("a container \"%1\" exists in %2").arg(name, storePath)).wrap(context);
    auto kind = resolveBackend(options.backend, storePath);
    if (!kind)
        return kind.error().wrap(context);
    if (*kind == BackendKind::Overlay)
        return Error::invalid(QStringLiteral("an overlay rootfs is made by a snapshot clone")).wrap(context);

    // The config's keys, as any config reaching the store: a container
    // new to the store, so compared with what a new one may hold.
    bool idmapped = false;
    const QByteArray unmapped = idranges::withoutIdmap(*original, &idmapped);
    if (options.gate)
        if (auto err = options.gate(QByteArray(), unmapped))
            return err->wrap(context);

    auto fresh = NewRootfs::begin(storePath, name, finalDir, *kind);
    if (!fresh)
        return fresh.error().wrap(context);
    auto drop = [&](const Error &e) { return fresh->drop(e).wrap(context); };
    say(QStringLiteral("extracting %1").arg(archive));
    // The rootfs into the backend's directory, the rest beside it.
    QStringList rest;
    for (const QString &m : members)
        if (!m.startsWith(QLatin1String("./rootfs/")) && m != QLatin1String("./") && m != QLatin1String("./hutch-export.json")
            && m != QLatin1String("./config"))
            rest << m;
    if (auto err = runTar(tarExtractArgs(archive, fresh->staging.path(), rest), cancel))
        return drop(*err);
    if (auto err = runTar(tarExtractArgs(archive, fresh->created.fillPath)
                              + QStringList{QStringLiteral("--strip-components=2"), QStringLiteral("--"), QStringLiteral("./rootfs/")},
                          cancel))
        return drop(*err);
    // With its components stripped, "./rootfs/" itself is not extracted:
    // its owner, mode and xattrs come from a one-entry extract.
    {
        QTemporaryDir rootAttrs(fresh->staging.path() + QStringLiteral("/.root-XXXXXX"));
        if (rootAttrs.isValid()
            && !runTar(tarExtractArgs(archive, rootAttrs.path())
                           + QStringList{QStringLiteral("--no-recursion"), QStringLiteral("--"), QStringLiteral("./rootfs/")},
                       cancel)) {
            auto src = openDirectory(rootAttrs.path() + QStringLiteral("/rootfs"));
            auto dst = openDirectory(fresh->created.fillPath);
            if (src && dst)
                if (auto err = copyDirectoryMetadata(src->get(), dst->get()))
                    return drop(*err);
        }
    }
    if (auto err = fresh->backend->finish(fresh->created))
        return drop(*err);

    const QString cfgPath = fresh->staging.path() + QStringLiteral("/config");
    const bool renamed = name != originalName;
    ConfigRewrite rw;
    rw.oldDir = originalDir;
    rw.newDir = finalDir;
    rw.oldName = originalName;
    rw.newName = name;
    rw.keepHostname = rw.keepMacs = !renamed;
    rw.rootfsValue = fresh->created.location.configValue();
    const QByteArray config = rewriteConfig(unmapped, rw);
    const LoadResult check = loadConfigBytes(
        rewritePaths(QString::fromUtf8(config), finalDir, fresh->staging.path()).toUtf8(), QStringLiteral("config"), fresh->staging.path());
    if (auto err = check.firstError())
        return drop(err->wrap(QStringLiteral("the imported config")));
    if (auto err = writeFileAtomically(cfgPath, config))
        return drop(*err);
    if (idmapped)  // unprivileged, with a range of its own
        if (auto err = idranges::makeUnprivileged(runtime.store(), name, nullptr, cfgPath))
            return drop(*err);
    if (renamed) {
        const LoadResult old = loadConfigBytes(*original, QStringLiteral("config"), QString());
        RootfsLocation staged = fresh->created.location;
        staged.path = rewritePaths(staged.path, finalDir, fresh->staging.path());
        if (auto err = setRootfsHostname(staged, old.config.value(QStringLiteral("lxc.uts.name"), originalName), name))
            return drop(*err);
    }
    if (isCancelled(cancel))
        return drop(Error::cancelled());
    if (auto err = fresh->staging.commit(name))
        return drop(*err);
    say(QStringLiteral("imported \"%1\"").arg(name));
    return name;
}

}  // namespace hutch::storage
