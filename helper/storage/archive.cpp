// Export and import (see archive.h). Helper process, job threads, root.
//
// Export runs tar in a thread with a private mount namespace: a tmpfs
// there holds the tree tar archives (hutch-export.json, the config and the
// container directory's files) and the rootfs view (the directory bound,
// or the overlay / logical volume mounted read-only) at TREE/rootfs, so
// the archive's layout needs no renaming of members, and nothing is
// written or mounted on the host: tar writes straight into the caller's
// descriptor (a file, or a pipe to an import on another host). Members
// are sorted by name, so an export's config and hutch-export.json come
// before rootfs/ and an import can check them before it extracts.
//
// Import reads the caller's descriptor as a stream (archivestream.h):
// nothing of the archive is stored on the way.
#include "archive.h"
#include "archivestream.h"
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
#include "uniquefd.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/mount.h>
#include <thread>

namespace hutch::storage {

namespace {

constexpr int kFormat = 1;
const char kMetadata[] = "hutch-export.json";


// Runs tar, polling for cancel; the error carries tar's own message.
// `stdoutFd`: tar's standard output (its archive with --file -), else ours.
Status runTar(const QStringList &args, const std::atomic_bool *cancel, QByteArray *output = nullptr, int stdoutFd = -1)
{
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    const pid_t helper = ::getpid();
    // In the child, after QProcess set its streams: tar ends with the
    // helper (as endWithHelper), and writes into `stdoutFd` when given
    // (dup2 clears close-on-exec).
    p.setChildProcessModifier([helper, stdoutFd] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (::getppid() != helper)
            ::_exit(127);
        if (stdoutFd >= 0)
            ::dup2(stdoutFd, STDOUT_FILENO);
    });
    if (stdoutFd >= 0)
        p.setStandardOutputFile(QProcess::nullDevice());
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

QStringList tarCreateArgs(const QString &compression, const QString &directory)
{
    QStringList args = {QStringLiteral("--create"), QStringLiteral("--file"), QStringLiteral("-"),
                        QStringLiteral("--xattrs"), QStringLiteral("--xattrs-include=*"), QStringLiteral("--acls"),
                        QStringLiteral("--numeric-owner"), QStringLiteral("--sparse"), QStringLiteral("--sort=name"),
                        QStringLiteral("--directory"), directory, QStringLiteral(".")};
    static const QHash<QString, QString> flags = {{QStringLiteral("xz"), QStringLiteral("--xz")},
                                                  {QStringLiteral("gz"), QStringLiteral("--gzip")},
                                                  {QStringLiteral("zst"), QStringLiteral("--zstd")}};
    if (flags.contains(compression))
        args.insert(3, flags.value(compression));
    return args;
}

QString compressionOfName(const QString &archivePath)
{
    for (const auto &[suffix, kind] : {std::pair{".tar.xz", "xz"}, std::pair{".tar.gz", "gz"},
                                       std::pair{".tar.zst", "zst"}, std::pair{".tar", "none"}})
        if (archivePath.endsWith(QLatin1String(suffix)))
            return QLatin1String(kind);
    return {};
}

Status exportContainer(Runtime &runtime, const QString &name, int fd, const QString &compression, const Progress &progress,
                       const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("export \"%1\"").arg(name);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    if (compressionOfName(QStringLiteral(".tar.") + compression).isEmpty() && compression != QLatin1String("none"))
        return Error::invalid(QStringLiteral("unknown compression \"%1\" (xz, gz, zst or none)").arg(compression.left(16))).wrap(context);
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
    auto dirFd = openDirectory(dir);
    if (!dirFd)
        return dirFd.error().wrap(context);

    const QJsonObject meta{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("containerDir"), dir},
                           {QStringLiteral("backend"), kindName(location->kind)},
                           {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    say(QStringLiteral("archiving \"%1\" (%2)").arg(name, kindName(location->kind)));
    // A thread of its own with a private mount namespace: the tree on a
    // tmpfs mounted there over the runtime directory (nothing of it is on
    // the host; rootfs paths are in the store, not under it), the rootfs
    // view at TREE/rootfs; both go with the thread.
    Status result;
    std::thread worker([&] {
        auto steps = [&]() -> Status {
            if (::unshare(CLONE_NEWNS) < 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0)
                return Error::system(errno, QStringLiteral("private mount namespace"));
            const QString tree = QDir(runtime.settings().runtimePath).absolutePath();
            if (::mount("tmpfs", QFile::encodeName(tree).constData(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0)
                return Error::system(errno, QStringLiteral("a tmpfs for the export's tree"));
            if (auto err = makePath(tree + QStringLiteral("/rootfs"), 0755))
                return err;
            if (auto err = writeFileAtomically(tree + QLatin1Char('/') + QLatin1String(kMetadata), QJsonDocument(meta).toJson()))
                return err;
            if (auto err = writeFileAtomically(tree + QStringLiteral("/config"), config))
                return err;
            auto treeFd = openDirectory(tree);
            if (!treeFd)
                return treeFd.error();
            if (auto copied = copyEntries(dirFd->get(), treeFd->get(), containerExtras(dir), cancel); !copied)
                return copied.error();
            const QByteArray target = QFile::encodeName(tree + QStringLiteral("/rootfs"));
            int rc = 0;
            if (location->kind == BackendKind::Overlay) {
                const QByteArray data = "lowerdir=" + (QStringList{location->path} + location->lowers).join(QLatin1Char(':')).toUtf8();
                rc = ::mount("overlay", target.constData(), "overlay", MS_RDONLY, data.constData());
            } else if (location->kind == BackendKind::Lvm) {
                auto fs = lvm::detectFilesystem(location->path);
                if (!fs)
                    return fs.error();
                rc = ::mount(QFile::encodeName(location->path).constData(), target.constData(), fs->toUtf8().constData(),
                             MS_RDONLY, nullptr);
            } else {
                rc = ::mount(QFile::encodeName(location->path).constData(), target.constData(), nullptr, MS_BIND, nullptr);
            }
            if (rc < 0)
                return Error::system(errno, QStringLiteral("mount the rootfs view"));
            QStringList args = tarCreateArgs(compression, tree);
            struct stat st {};
            if (::fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
                // A stream (a copy between hosts): written in records of
                // 1 MiB, not of 10 KiB, into a pipe that holds one (best
                // effort); the importer drops the padding after the end blocks.
                args.insert(1, QStringLiteral("--record-size=1M"));
                if (S_ISFIFO(st.st_mode))
                    ::fcntl(fd, F_SETPIPE_SZ, 1 << 20);
            }
            return runTar(args, cancel, nullptr, fd);
        };
        result = steps();
    });
    worker.join();
    if (result)
        return result->wrap(context);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::fsync(fd) < 0)
        return Error::system(errno, QStringLiteral("sync the archive")).wrap(context);
    say(QStringLiteral("exported \"%1\"").arg(name));
    return std::nullopt;
}

Status exportContainer(Runtime &runtime, const QString &name, const QString &archivePath, const Progress &progress,
                       const std::atomic_bool *cancel)
{
    const QString compression = compressionOfName(archivePath);
    if (compression.isEmpty())
        return Error::invalid(QStringLiteral("\"%1\" must end in .tar, .tar.gz, .tar.xz or .tar.zst").arg(archivePath));
    const QByteArray path = QFile::encodeName(archivePath);
    UniqueFd fd(::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd)
        return Error::system(errno, QStringLiteral("create \"%1\"").arg(archivePath));
    if (auto err = exportContainer(runtime, name, fd.get(), compression, progress, cancel)) {
        ::unlink(path.constData());  // ours, and incomplete
        return err;
    }
    return std::nullopt;
}

Result<QString> importContainer(Runtime &runtime, int fd, const ImportOptions &options, const Progress &progress,
                                const std::atomic_bool *cancel)
{
    QString context = QStringLiteral("import");
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    const QStringList capture = {QStringLiteral("./hutch-export.json"), QStringLiteral("./config")};
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        return Error::system(errno, QStringLiteral("the archive's descriptor")).wrap(context);
    // Every member is checked as it passes (tarscan.h): relative, no "..",
    // nothing beneath a link, no block device, only every container's
    // character devices, hard links to earlier members; outside rootfs/
    // plain files and directories only; all under "./" (tar strips that
    // one component, so the archive's "./" never touches the staging
    // directory's owner and mode).
    auto plainOutsideRootfs = [](const QString &member) {
        return member != QLatin1String("./") && !member.startsWith(QLatin1String("./rootfs/"));
    };
    auto underDot = [](const TarMember &m) -> Status {
        if (m.name == QLatin1String("./") || (m.name.startsWith(QLatin1String("./")) && m.name.size() > 2))
            return std::nullopt;
        return Error::invalid(QStringLiteral("not a Hutch export (member \"%1\")").arg(m.name.left(200)));
    };
    ArchiveStream stream(fd, TarMemberRules(plainOutsideRootfs), capture, underDot, cancel);
    std::optional<QByteArray> metaBytes, original;
    if (S_ISREG(st.st_mode)) {
        // A file may come from an older Hutch, its members in directory
        // order: its config and metadata are taken by a first pass.
        auto scanned = scanArchive(QStringLiteral("/proc/self/fd/%1").arg(fd), capture, cancel);
        if (!scanned)
            return scanned.error().wrap(context);
        // The same rules on this pass: a refusal names the member at fault
        // (a config that is a symlink), not a config missing.
        TarMemberRules firstPass(plainOutsideRootfs);
        for (const TarMember &m : scanned->members()) {
            if (auto err = firstPass.check(m))
                return err->wrap(context);
            if (auto err = underDot(m))
                return err->wrap(context);
        }
        metaBytes = scanned->captured(capture.at(0));
        original = scanned->captured(capture.at(1));
        char magic[6] = {};
        const ssize_t n = ::pread(fd, magic, sizeof magic, 0);
        const QByteArray head(magic, n > 0 ? qsizetype(n) : 0);
        const QString compression = head.startsWith("\xfd" "7zXZ") ? QStringLiteral("xz")
                                  : head.startsWith("\x1f\x8b") ? QStringLiteral("gz")
                                  : head.startsWith("\x28\xb5\x2f\xfd") ? QStringLiteral("zst")
                                                                        : QStringLiteral("none");
        if (auto err = stream.start(compression))
            return err->wrap(context);
    } else if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        if (auto err = stream.start(options.compression.isEmpty() ? QStringLiteral("none") : options.compression))
            return err->wrap(context);
        if (auto err = stream.readHead())
            return err->wrap(context);
        metaBytes = stream.scanner().captured(capture.at(0));
        original = stream.scanner().captured(capture.at(1));
    } else {
        return Error::invalid(QStringLiteral("the archive must be a file, a pipe or a socket")).wrap(context);
    }
    if (!metaBytes || !original)
        return Error::invalid(QStringLiteral("not a Hutch export (no %1 of at most 4 MiB in it)")
                                  .arg(metaBytes ? QStringLiteral("config") : QStringLiteral("hutch-export.json"))).wrap(context);
    const QJsonObject meta = QJsonDocument::fromJson(*metaBytes).object();
    if (meta.value(QStringLiteral("format")).toInt() != kFormat)
        return Error::invalid(QStringLiteral("unknown export format %1").arg(meta.value(QStringLiteral("format")).toInt())).wrap(context);
    const QString originalName = meta.value(QStringLiteral("name")).toString();
    const QString originalDir = meta.value(QStringLiteral("containerDir")).toString();
    const QString name = options.name.isEmpty() ? originalName : options.name;
    context = QStringLiteral("import \"%1\"").arg(name);
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    if (!originalDir.startsWith(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("the export names no container directory")).wrap(context);
    const QString storePath = QDir(runtime.store().path()).absolutePath();
    const QString finalDir = storePath + QLatin1Char('/') + name;
    if (QFileInfo::exists(finalDir))
        return Error::conflict(QStringLiteral("a container \"%1\" exists in %2").arg(name, storePath)).wrap(context);
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
    if (fresh->created.fillPath != fresh->staging.path() + QStringLiteral("/rootfs"))
        return drop(Error::failed(QStringLiteral("the backend fills \"%1\", not the staging rootfs").arg(fresh->created.fillPath)));
    say(QStringLiteral("extracting"));
    // One tar for the whole stream: the rootfs into the backend's
    // directory (STAGING/rootfs, its owner, mode and xattrs from the
    // archive's ./rootfs/), the container directory's files beside it.
    const QStringList tarArgs = {QStringLiteral("--xattrs"), QStringLiteral("--xattrs-include=*"), QStringLiteral("--acls"),
                                 QStringLiteral("--numeric-owner"), QStringLiteral("--same-owner"),
                                 QStringLiteral("--same-permissions"), QStringLiteral("--strip-components=1")};
    if (auto err = stream.extractInto(fresh->staging.path(), tarArgs, progress))
        return drop(*err);
    // The config used is the one the gate saw: a second config or
    // metadata later in the archive is refused.
    if (stream.scanner().captured(capture.at(1)) != original || stream.scanner().captured(capture.at(0)) != metaBytes)
        return drop(Error::invalid(QStringLiteral("the archive's config or hutch-export.json changed while it was read")));
    const QList<TarMember> &members = stream.scanner().members();
    if (std::none_of(members.begin(), members.end(), [](const TarMember &m) { return m.name == QLatin1String("./rootfs/"); }))
        return drop(Error::invalid(QStringLiteral("not a Hutch export (no ./rootfs/ in it)")));
    ::unlink(QFile::encodeName(fresh->staging.path() + QLatin1Char('/') + QLatin1String(kMetadata)).constData());
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

Result<QString> importContainer(Runtime &runtime, const QString &archivePath, const ImportOptions &options,
                                const Progress &progress, const std::atomic_bool *cancel)
{
    UniqueFd fd(::open(QFile::encodeName(archivePath).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return Error::system(errno, QStringLiteral("open \"%1\"").arg(archivePath)).wrap(QStringLiteral("import"));
    return importContainer(runtime, fd.get(), options, progress, cancel);
}

}  // namespace hutch::storage
