// Destroy (see destroy.h). Helper process, job threads, root.
#include "destroy.h"

#include "config.h"
#include "fsops.h"
#include "monitorlink.h"
#include "names.h"
#include "staging.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <sys/stat.h>

namespace hutch::storage {

namespace {


// The rootfs of the config in `dir`, if it can be read.
std::optional<RootfsLocation> locationIn(const QString &dir)
{
    const QString config = dir + QStringLiteral("/config");
    if (!QFileInfo(config).isFile())
        return std::nullopt;
    const LoadResult loaded = loadConfigFile(config);
    auto loc = parseRootfsPath(loaded.config.value(QStringLiteral("lxc.rootfs.path"), QString()), dir);
    if (!loc)
        return std::nullopt;
    return *loc;
}

bool isInside(const QString &path, const QString &dir)
{
    const QString clean = QDir::cleanPath(path);
    return clean == dir || clean.startsWith(dir + QLatin1Char('/'));
}

}  // namespace

QStringList overlayDependents(const QString &storePath, const QString &name)
{
    const QString dir = QDir(storePath).absolutePath() + QLatin1Char('/') + name;
    QStringList out;
    auto check = [&](const QString &label, const QString &candidateDir) {
        const auto loc = locationIn(candidateDir);
        if (!loc || loc->kind != BackendKind::Overlay)
            return;
        for (const QString &lower : loc->lowers)
            if (isInside(lower, dir)) {
                out << label;
                return;
            }
    };
    const QStringList containers = QDir(storePath).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QString &c : containers) {
        const QString cdir = QDir(storePath).absolutePath() + QLatin1Char('/') + c;
        if (c != name)
            check(c, cdir);
        // Snapshots of any container (its own included) may stack on NAME.
        const QString snaps = cdir + QStringLiteral("/snaps");
        for (const QString &s : QDir(snaps).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name)) {
            if (c == name)
                continue;  // they go with NAME
            check(c + QStringLiteral("/snaps/") + s, snaps + QLatin1Char('/') + s);
        }
    }
    return out;
}

Status destroyContainer(Runtime &runtime, const QString &name, const DestroyOptions &options,
                        const Progress &progress)
{
    const QString context = QStringLiteral("destroy \"%1\"").arg(name);
    auto say = [&](const QString &line) {
        if (progress)
            progress(line);
    };
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    const QString storePath = QDir(runtime.store().path()).absolutePath();
    const QString dir = storePath + QLatin1Char('/') + name;
    struct stat st {};
    if (::lstat(QFile::encodeName(dir).constData(), &st) < 0 || !S_ISDIR(st.st_mode))
        return Error::notFound(QStringLiteral("no container \"%1\"").arg(name)).wrap(context);

    if (runtime.state(name) != QLatin1String("STOPPED")) {
        if (!options.force)
            return Error::busy(QStringLiteral("\"%1\" is running; stop it first (or force)").arg(name)).wrap(context);
        say(QStringLiteral("stopping \"%1\"").arg(name));
        if (auto err = stopAndWait(runtime.settings(), name, std::nullopt, options.stopTimeoutMs);
            err && err->code != Error::Code::NotFound)  // NotFound: it stopped meanwhile
            return err->wrap(context);
    }
    const QStringList dependents = overlayDependents(storePath, name);
    if (!dependents.isEmpty())
        return Error::conflict(QStringLiteral("overlay clones use its rootfs as their lower layer: %1 (destroy them first)")
                        .arg(dependents.join(QStringLiteral(", "))))
            .wrap(context);

    // Volumes outside the directory, read before it moves.
    QList<RootfsLocation> volumes;
    if (auto loc = locationIn(dir); loc && loc->kind == BackendKind::Lvm)
        volumes << *loc;
    for (const QString &s : QDir(dir + QStringLiteral("/snaps")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (auto loc = locationIn(dir + QStringLiteral("/snaps/") + s); loc && loc->kind == BackendKind::Lvm)
            volumes << *loc;
    if (auto loc = locationIn(dir); loc && loc->kind != BackendKind::Lvm) {
        for (const QString &p : loc->ownedPaths())
            if (!isInside(p, dir))
                say(QStringLiteral("leaving \"%1\" alone: it is outside the container's directory").arg(p));
    }

    auto aside = moveAsideForRemoval(storePath, name);
    if (!aside)
        return aside.error().wrap(context);
    say(QStringLiteral("removing \"%1\"").arg(name));
    Status first;
    for (const RootfsLocation &v : std::as_const(volumes))
        if (auto err = makeBackend(BackendKind::Lvm)->destroy(v); err && !first)
            first = err;
    if (auto err = detachMountsBelow(*aside); err && !first)
        first = err;
    if (auto err = removeTree(*aside); err && !first)
        first = err;
    if (first)
        return first->wrap(context);
    say(QStringLiteral("destroyed \"%1\"").arg(name));
    return std::nullopt;
}

}  // namespace hutch::storage
