// Clone (see clone.h). Helper process, job threads, root.
//
// Order of work: every check that can refuse (names, options, SOURCE's
// config and state, NAME free) before the first write; then the staging
// directory: the container directory's extras (fstab, hooks), the rootfs
// (backend), the rewritten config; a last check that the config loads;
// the rename into place.
#include "clone.h"
#include "idranges.h"

#include "clone_p.h"
#include "config.h"
#include "configdocument.h"
#include "fsops.h"
#include "names.h"
#include "rootfsview.h"
#include "staging.h"
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hutch::storage {

namespace {


bool isPathBoundaryBefore(QChar c)
{
    return c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char('=') || c == QLatin1Char(',');
}

bool isPathBoundaryAfter(QChar c)
{
    return c == QLatin1Char('/') || c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char(',');
}

// etc/NAME in the first layer that has it (top first); a whiteout (a 0:0
// character device) hides it. Returns the layer's index, or -1.
int findEtcFile(const std::vector<UniqueFd> &layers, const char *name, struct stat *st)
{
    for (int i = 0; i < int(layers.size()); ++i) {
        UniqueFd etc(::openat(layers[i].get(), "etc", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!etc)
            continue;
        if (::fstatat(etc.get(), name, st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (S_ISCHR(st->st_mode) && st->st_rdev == 0)
            return -1;
        return S_ISREG(st->st_mode) ? i : -1;
    }
    return -1;
}

QByteArray replaceWord(const QByteArray &text, const QByteArray &from, const QByteArray &to)
{
    QByteArray out;
    for (const QByteArray &line : text.split('\n')) {
        QByteArray rebuilt;
        qsizetype i = 0;
        while (i < line.size()) {
            qsizetype j = i;
            while (j < line.size() && line[j] != ' ' && line[j] != '\t')
                ++j;
            const QByteArray word = line.mid(i, j - i);
            rebuilt += (word == from && !line.trimmed().startsWith('#')) ? to : word;
            while (j < line.size() && (line[j] == ' ' || line[j] == '\t'))
                rebuilt += line[j++];
            i = j;
        }
        out += rebuilt + '\n';
    }
    out.chop(1);
    return out;
}

}  // namespace

Status setRootfsHostname(const RootfsLocation &loc, const QString &oldName, const QString &newName)
{
    if (loc.kind == BackendKind::Lvm || oldName == newName)
        return std::nullopt;
    std::vector<UniqueFd> layers;
    const QStringList paths = loc.kind == BackendKind::Overlay ? loc.lowers : QStringList{loc.path};
    for (const QString &p : paths) {
        auto fd = openDirectory(p);
        if (!fd)
            return fd.error();
        layers.push_back(std::move(*fd));
    }
    auto target = openDirectory(loc.path);
    if (!target)
        return target.error();
    for (const char *file : {"hostname", "hosts"}) {
        const QString what = QStringLiteral("set the hostname in /etc/%1").arg(QLatin1String(file));
        struct stat st {};
        const int layer = findEtcFile(layers, file, &st);
        if (layer < 0)
            continue;
        UniqueFd etc(::openat(layers[layer].get(), "etc", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        auto content = readFileAt(etc.get(), file, 1 << 20);
        if (!content)
            return content.error().wrap(what);
        const QByteArray updated = qstrcmp(file, "hostname") == 0
            ? newName.toUtf8() + '\n'
            : replaceWord(*content, oldName.toUtf8(), newName.toUtf8());
        if (updated == *content)
            continue;
        // The directory in the layer written to: an overlay's upper gets
        // an etc with the lower's owner and mode.
        UniqueFd targetEtc(::openat(target->get(), "etc", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!targetEtc) {
            auto made = makeDirectoryAt(target->get(), "etc", 0755);
            if (!made)
                return made.error().wrap(what);
            if (auto err = copyDirectoryMetadata(etc.get(), made->get()))
                return err->wrap(what);
            targetEtc = std::move(*made);
        }
        UniqueFd out(::openat(targetEtc.get(), file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!out)
            return Error::system(errno, what);
        if (::fchown(out.get(), st.st_uid, st.st_gid) < 0 || ::fchmod(out.get(), st.st_mode & 07777) < 0)
            return Error::system(errno, what);
        if (::write(out.get(), updated.constData(), size_t(updated.size())) != updated.size())
            return Error::system(errno, what);
    }
    return std::nullopt;
}

QString rewritePaths(const QString &value, const QString &oldDir, const QString &newDir)
{
    if (oldDir.isEmpty())
        return value;
    QString out;
    qsizetype from = 0;
    for (;;) {
        const qsizetype i = value.indexOf(oldDir, from);
        if (i < 0)
            break;
        const qsizetype end = i + oldDir.size();
        const bool before = i == 0 || isPathBoundaryBefore(value[i - 1]);
        const bool after = end == value.size() || isPathBoundaryAfter(value[end]);
        out += value.mid(from, i - from);
        out += (before && after) ? newDir : oldDir;
        from = end;
    }
    out += value.mid(from);
    return out;
}

QString randomMac()
{
    auto *rng = QRandomGenerator::system();
    return QStringLiteral("00:16:3e:%1:%2:%3")
        .arg(rng->bounded(256), 2, 16, QLatin1Char('0'))
        .arg(rng->bounded(256), 2, 16, QLatin1Char('0'))
        .arg(rng->bounded(256), 2, 16, QLatin1Char('0'));
}

QByteArray rewriteConfig(const QByteArray &config, const ConfigRewrite &rw)
{
    static const QRegularExpression hwaddr(QStringLiteral("^lxc\\.net\\.\\d+\\.hwaddr$"));
    ConfigDocument doc = ConfigDocument::fromBytes(config);
    bool sawRootfs = false, sawEphemeral = false;
    for (qsizetype i = 0; i < doc.size(); ++i) {
        const ConfigLine &line = doc.lines()[i];
        if (line.kind != ConfigLine::Kind::Entry)
            continue;
        const QString key = line.modernKey.isEmpty() ? line.key : line.modernKey;
        if (key == QLatin1String("lxc.uts.name")) {
            if (!rw.keepHostname && !rw.newName.isEmpty())
                doc.setValueAt(i, rw.newName);
        } else if (hwaddr.match(key).hasMatch()) {
            if (!rw.keepMacs && !line.value.contains(QLatin1Char('x'), Qt::CaseInsensitive))
                doc.setValueAt(i, randomMac());
        } else if (key == QLatin1String("lxc.rootfs.path") && !rw.rootfsValue.isEmpty()) {
            sawRootfs = true;
            doc.setValueAt(i, rw.rootfsValue);
        } else if (key == QLatin1String("lxc.ephemeral") && rw.ephemeral) {
            if (!*rw.ephemeral) {
                doc.removeAt(i--);
                continue;
            }
            sawEphemeral = true;
            doc.setValueAt(i, QStringLiteral("1"));
        } else {
            QString moved = rewritePaths(line.value, rw.oldDir, rw.newDir);
            if ((key == QLatin1String("lxc.log.file") || key == QLatin1String("lxc.console.logfile"))
                && !rw.oldName.isEmpty() && moved == rw.newDir + QLatin1Char('/') + rw.oldName + QStringLiteral(".log"))
                moved = rw.newDir + QLatin1Char('/') + rw.newName + QStringLiteral(".log");
            if (moved != line.value)
                doc.setValueAt(i, moved);
        }
    }
    if (!rw.rootfsValue.isEmpty() && !sawRootfs)
        doc.set(QStringLiteral("lxc.rootfs.path"), rw.rootfsValue);
    if (rw.ephemeral && *rw.ephemeral && !sawEphemeral)
        doc.set(QStringLiteral("lxc.ephemeral"), QStringLiteral("1"));
    return doc.toBytes();
}

BackendKind snapshotKindFor(BackendKind source)
{
    switch (source) {
    case BackendKind::Btrfs: return BackendKind::Btrfs;
    case BackendKind::Lvm: return BackendKind::Lvm;
    case BackendKind::Dir:
    case BackendKind::Overlay: return BackendKind::Overlay;
    }
    return BackendKind::Overlay;
}

QList<QByteArray> containerExtras(const QString &containerDir)
{
    static const QStringList skip = {QStringLiteral("config"), QStringLiteral("rootfs"), QStringLiteral("delta0"),
                                     QStringLiteral("olwork"), QStringLiteral("snaps"), QStringLiteral("ts"),
                                     QStringLiteral("comment"),
                                     // an archive's own metadata, should an import have left one
                                     QStringLiteral("hutch-export.json")};
    QList<QByteArray> out;
    const QStringList names = QDir(containerDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &n : names) {
        if (skip.contains(n) || n.startsWith(QLatin1Char('.')) || n.endsWith(QLatin1String(".log")))
            continue;
        out << QFile::encodeName(n);
    }
    return out;
}

Result<RootfsLocation> makeRootfsFrom(const RootfsLocation &source, const QString &sourceDir, const Target &target,
                                      BackendKind kind, bool snapshot, const Progress &progress,
                                      const std::atomic_bool *cancel)
{
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    auto backend = makeBackend(kind);
    if (snapshot) {
        say(QStringLiteral("making a %1 snapshot of the rootfs").arg(kindName(kind)));
        return backend->snapshot(source, target);
    }
    auto created = backend->create(target);
    if (!created)
        return created.error();
    auto undo = [&](const Error &e) -> Error {
        (void)backend->finish(*created);
        if (kind == BackendKind::Lvm)
            (void)backend->destroy(created->location);
        return e;
    };
    say(QStringLiteral("copying the rootfs (%1)").arg(kindName(kind)));
    const QString fillPath = created->fillPath;
    Status copied = withReadableRootfs(source, sourceDir, [&](const QString &path) -> Status {
        auto stats = copyTree(path, fillPath, cancel, [&](const CopyStats &s) {
            say(QStringLiteral("copied %1 files, %2 MiB").arg(s.files).arg(s.bytes >> 20));
        });
        if (!stats)
            return stats.error();
        say(QStringLiteral("copied %1 files (%2 reflinked), %3 directories, %4 symlinks, %5 special files, "
                           "%6 hardlinks, %7 MiB")
                .arg(stats->files).arg(stats->reflinked).arg(stats->directories).arg(stats->symlinks)
                .arg(stats->specials).arg(stats->hardlinks).arg(stats->bytes >> 20));
        return std::nullopt;
    });
    if (copied)
        return undo(*copied);
    if (auto err = backend->finish(*created))
        return undo(*err);
    return created->location;
}

Status cloneContainer(Runtime &runtime, const QString &source, const QString &name, const CloneOptions &options,
                      const Progress &progress, const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("clone \"%1\" to \"%2\"").arg(source, name);
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    const Store store = runtime.store();
    if (auto err = validateContainerName(source))
        return err->wrap(context);
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    if (source == name)
        return Error::invalid(QStringLiteral("the clone needs another name")).wrap(context);
    if (store.path().isEmpty())
        return Error::invalid(QStringLiteral("no store path")).wrap(context);
    const QString storePath = QDir(store.path()).absolutePath();
    const QString sourceDir = storePath + QLatin1Char('/') + source;
    const QString finalDir = storePath + QLatin1Char('/') + name;

    const QString configPath = sourceDir + QStringLiteral("/config");
    if (auto err = checkConfigFile(configPath); err && err->code != Error::Code::NotFound)
        return err->wrap(context);
    auto configBytes = QFileInfo(sourceDir).isDir() ? readFileBeneath(sourceDir, QStringLiteral("config"))
                                                    : Result<QByteArray>(Error::notFound(QString()));
    if (!configBytes)
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(source)).wrap(context);
    const QByteArray sourceConfig = *configBytes;
    const LoadResult loaded = loadConfigBytes(sourceConfig, configPath, sourceDir);
    if (auto err = loaded.firstError())
        return err->wrap(QStringLiteral("%1: config of \"%2\"").arg(context, source));
    auto location = parseRootfsPath(loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()), sourceDir);
    if (!location)
        return location.error().wrap(context);

    BackendKind kind;
    const bool snapshot = options.snapshot || options.ephemeral;
    if (snapshot) {
        kind = snapshotKindFor(location->kind);
        if (!options.backend.isEmpty()) {
            auto asked = parseKindName(options.backend);
            if (!asked)
                return asked.error().wrap(context);
            kind = *asked;
        }
        if (kind == BackendKind::Dir)
            return Error::invalid(QStringLiteral("a dir rootfs cannot be a snapshot (overlay, btrfs or lvm)")).wrap(context);
        if (options.ephemeral && kind != BackendKind::Overlay)
            return Error::invalid(QStringLiteral("an ephemeral container is an overlay clone")).wrap(context);
    } else {
        QString asked = options.backend;
        if (asked.isEmpty())
            asked = (location->kind == BackendKind::Overlay) ? QStringLiteral("best") : kindName(location->kind);
        auto resolved = resolveBackend(asked, storePath);
        if (!resolved)
            return resolved.error().wrap(context);
        kind = *resolved;
        if (kind == BackendKind::Overlay)
            return Error::invalid(QStringLiteral("an overlay rootfs is made by a snapshot clone")).wrap(context);
    }

    if (runtime.state(source) != QLatin1String("STOPPED"))
        return Error::busy(QStringLiteral("\"%1\" is running; stop it first").arg(source)).wrap(context);
    struct stat st {};
    if (::lstat(QFile::encodeName(finalDir).constData(), &st) == 0)
        return Error::conflict(QStringLiteral("a container \"%1\" exists in %2").arg(name, storePath)).wrap(context);
    if (isCancelled(cancel))
        return Error::cancelled().wrap(context);
    // The config the clone gets, through the gate before anything is
    // written (its rootfs value, which the storage code chooses, aside).
    if (options.gate) {
        ConfigRewrite preview;
        preview.oldDir = sourceDir;
        preview.newDir = finalDir;
        preview.oldName = source;
        preview.newName = name;
        preview.keepHostname = options.keepHostname;
        preview.keepMacs = true;
        if (options.ephemeral)
            preview.ephemeral = true;
        bool idmapped = false;
        const QByteArray unmapped = idranges::withoutIdmap(sourceConfig, &idmapped);
        if (auto err = options.gate(unmapped, rewriteConfig(unmapped, preview)))
            return err->wrap(context);
    }

    auto staging = Staging::create(storePath, name);
    if (!staging)
        return staging.error().wrap(context);
    say(QStringLiteral("cloning \"%1\" (%2) to \"%3\" (%4%5)")
            .arg(source, kindName(location->kind), name, kindName(kind),
                 snapshot ? QStringLiteral(" snapshot") : QStringLiteral(" copy")));

    // The rest of the container directory: fstab, hooks, ...
    auto sourceFd = openDirectory(sourceDir);
    if (!sourceFd)
        return sourceFd.error().wrap(context);
    const QList<QByteArray> extras = containerExtras(sourceDir);
    if (auto copied = copyEntries(sourceFd->get(), staging->fd(), extras, cancel); !copied)
        return copied.error().wrap(context);

    Target target;
    target.name = name;
    target.stagingDir = staging->path();
    target.finalDir = finalDir;
    target.sizeBytes = options.sizeBytes;
    target.volumeGroup = options.volumeGroup;
    target.thinPool = options.thinPool;
    auto rootfs = makeRootfsFrom(*location, sourceDir, target, kind, snapshot, progress, cancel);
    if (!rootfs)
        return rootfs.error().wrap(context);
    auto dropVolume = [&](Error e) {
        if (rootfs->kind == BackendKind::Lvm)
            (void)makeBackend(BackendKind::Lvm)->destroy(*rootfs);
        return e.wrap(context);
    };
    if (isCancelled(cancel))
        return dropVolume(Error::cancelled());
    if (!options.keepHostname) {
        RootfsLocation staged = *rootfs;
        staged.path = rewritePaths(staged.path, finalDir, staging->path());
        const QString oldHostname = loaded.config.value(QStringLiteral("lxc.uts.name"), source);
        if (auto err = setRootfsHostname(staged, oldHostname, name))
            return dropVolume(*err);
    }

    say(QStringLiteral("writing config"));
    ConfigRewrite rw;
    rw.oldDir = sourceDir;
    rw.newDir = finalDir;
    rw.oldName = source;
    rw.newName = name;
    rw.keepHostname = options.keepHostname;
    rw.keepMacs = options.keepMacs;
    rw.rootfsValue = rootfs->configValue();
    if (options.ephemeral)
        rw.ephemeral = true;
    // An unprivileged source: the clone gets a range of its own (idranges.h).
    bool idmapped = false;
    const QByteArray config = rewriteConfig(idranges::withoutIdmap(sourceConfig, &idmapped), rw);
    if (auto err = writeFileAtomically(staging->path() + QStringLiteral("/config"), config, 0644))
        return dropVolume(*err);
    if (idmapped)
        if (auto err = idranges::makeUnprivileged(runtime.store(), name, nullptr, staging->path() + QStringLiteral("/config")))
            return dropVolume(*err);
    // An fstab of the container's own names paths of its directory too.
    const QString fstab = loaded.config.value(QStringLiteral("lxc.mount.fstab"), QString());
    const QString fstabPath = QDir(sourceDir).absoluteFilePath(fstab);
    if (!fstab.isEmpty() && QFileInfo(fstabPath).path() == sourceDir) {
        // The copy is read with no symlink followed: a link there would
        // bring a host file's bytes into the clone.
        const QString copied = staging->path() + QLatin1Char('/') + QFileInfo(fstabPath).fileName();
        if (auto bytes = readFileBeneath(staging->path(), copied)) {
            const QString text = QString::fromUtf8(*bytes);
            const QString moved = rewritePaths(text, sourceDir, finalDir);
            if (moved != text)
                if (auto err = writeFileAtomically(copied, moved.toUtf8()))
                    return dropVolume(*err);
        }
    }
    // What was written must load (the paths and names come from outside).
    // Checked as it reads from staging, where included files of its own are now.
    const QByteArray staged = rewritePaths(QString::fromUtf8(config), finalDir, staging->path()).toUtf8();
    const LoadResult check = loadConfigBytes(staged, QStringLiteral("config"), staging->path());
    if (auto err = check.firstError())
        return dropVolume(err->wrap(QStringLiteral("the new config")));
    if (isCancelled(cancel))
        return dropVolume(Error::cancelled());

    say(QStringLiteral("moving \"%1\" into place").arg(name));
    if (auto err = staging->commit(name))
        return dropVolume(*err);
    say(QStringLiteral("cloned \"%1\" to \"%2\"").arg(source, name));
    return std::nullopt;
}

}  // namespace hutch::storage
