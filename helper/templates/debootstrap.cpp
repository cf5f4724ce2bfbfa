// The debian and ubuntu templates: debootstrap builds a rootfs once into
// CACHE/debian/RELEASE-ARCH-VARIANT (built in a .partial directory and
// renamed when complete; flushCache rebuilds it), and each container gets a
// full copy of it. Helper process, job thread, root.
#include "image.h"
#include "distsetup.h"
#include "spawnenv.h"
#include "image_p.h"

#include "arch.h"
#include "fsops.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace hutch::templates {

DebootstrapOptions withDefaults(DebootstrapOptions o)
{
    const bool ubuntu = o.distribution == QLatin1String("ubuntu");
    if (o.release.isEmpty())
        o.release = ubuntu ? QStringLiteral("jammy") : QStringLiteral("bookworm");
    if (o.arch.isEmpty())
        o.arch = hostImageArch();
    if (o.mirror.isEmpty())
        o.mirror = ubuntu ? QStringLiteral("http://archive.ubuntu.com/ubuntu") : QStringLiteral("http://deb.debian.org/debian");
    if (o.variant.isEmpty())
        o.variant = QStringLiteral("minbase");
    return o;
}

QStringList debootstrapCommand(const DebootstrapOptions &options, const QString &target)
{
    const DebootstrapOptions o = withDefaults(options);
    // What a system container needs beyond minbase: an init, networking.
    const QString include = o.distribution == QLatin1String("ubuntu")
        ? QStringLiteral("init,ifupdown,iproute2,isc-dhcp-client,netbase,locales")
        : QStringLiteral("init,ifupdown,iproute2,isc-dhcp-client,netbase,locales");
    return {QStringLiteral("debootstrap"), QStringLiteral("--verbose"), QStringLiteral("--variant=") + o.variant,
            QStringLiteral("--arch=") + o.arch, QStringLiteral("--include=") + include, o.release, target, o.mirror};
}

QString debootstrapCacheDir(const DebootstrapOptions &options)
{
    const DebootstrapOptions o = withDefaults(options);
    return QStringLiteral("%1/%2/%3-%4-%5").arg(o.cachePath, o.distribution, o.release, o.arch, o.variant);
}

QString debootstrapUnavailableReason()
{
    if (QStandardPaths::findExecutable(QStringLiteral("debootstrap"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                                                       QStringLiteral("/usr/bin")}).isEmpty())
        return QStringLiteral("debootstrap not installed");
    return {};
}

Status prepareDebootstrapCache(const DebootstrapOptions &options, const Progress &progress, const std::atomic_bool *cancel)
{
    const DebootstrapOptions o = withDefaults(options);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    for (const QString &v : {o.release, o.arch, o.variant})
        if (v.isEmpty() || v.contains(QLatin1Char('/')) || v.startsWith(QLatin1Char('-')))
            return Error::invalid(QStringLiteral("bad value \"%1\"").arg(v));
    if (!o.mirror.startsWith(QLatin1String("http://")) && !o.mirror.startsWith(QLatin1String("https://"))
        && !o.mirror.startsWith(QLatin1String("file:/")))
        return Error::invalid(QStringLiteral("mirror \"%1\" is not an http(s) or file URL").arg(o.mirror));
    if (const QString why = debootstrapUnavailableReason(); !why.isEmpty())
        return Error::failed(why);
    // Before minutes of debootstrap: a rootfs this host cannot run is refused.
    if (const arch::Plan plan = arch::plan(o.arch); plan.kind == arch::Plan::Kind::Unsupported)
        return Error::invalid(QStringLiteral("architecture %1: %2").arg(o.arch, plan.why));

    const QString cache = debootstrapCacheDir(o);
    if (o.flushCache)
        if (auto err = storage::removeTree(cache))
            return err;
    if (QFileInfo(cache + QStringLiteral("/rootfs")).isDir()) {
        say(QStringLiteral("using the cached %1 %2 %3 rootfs").arg(o.distribution, o.release, o.arch));
        return std::nullopt;
    }
    const QString partial = cache + QStringLiteral(".partial");
    (void)storage::removeTree(partial);
    if (auto err = storage::makePath(partial, 0755))
        return err;
    const QStringList argv = debootstrapCommand(o, partial + QStringLiteral("/rootfs"));
    say(argv.join(QLatin1Char(' ')));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setProcessEnvironment(cleanEnvironment());
    endWithHelper(p);
    p.start(argv.front(), argv.mid(1));
    if (!p.waitForStarted())
        return Error::failed(QStringLiteral("debootstrap: %1").arg(p.errorString()));
    QByteArray pending;
    while (p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(200);
        pending += p.readAll();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            say(QString::fromLocal8Bit(pending.left(nl)));
            pending.remove(0, nl + 1);
        }
        if (storage::isCancelled(cancel)) {
            p.kill();
            p.waitForFinished();
            (void)storage::removeTree(partial);
            return Error::cancelled();
        }
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        (void)storage::removeTree(partial);
        return Error::failed(QStringLiteral("debootstrap failed (exit %1)").arg(p.exitCode()));
    }
    if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(cache).constData()) < 0)
        return Error::system(errno, QStringLiteral("keep the cache"));
    return std::nullopt;
}

Status createDebootstrap(const Store &store, const QString &name, const DebootstrapOptions &options,
                         const Progress &progress, const std::atomic_bool *cancel)
{
    const DebootstrapOptions o = withDefaults(options);
    const QString context = QStringLiteral("create \"%1\" from %2").arg(name, o.distribution);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    if (auto err = prepareDebootstrapCache(o, progress, cancel))
        return err->wrap(context);
    const arch::Plan plan = arch::plan(o.arch);
    const QString cache = debootstrapCacheDir(o);
    BuildRequest req;
    req.templateName = QStringLiteral("%1 %2").arg(o.distribution, o.release);
    req.backend = o.backend;
    // The init debootstrap installs is systemd: it halts on SIGRTMIN+3.
    req.extraConfig = "\n# systemd powers off on SIGRTMIN+3\nlxc.signal.halt = SIGRTMIN+3\n";
    // Another architecture than the host's (i386 on amd64): the runtime sets
    // the personality or relies on binfmt from this key, as LXC does.
    if (plan.kind != arch::Plan::Kind::Native)
        req.extraConfig += "lxc.arch = " + o.arch.toLatin1() + "\n";
    req.fill = [&](const QString &rootfs) -> Status {
        say(QStringLiteral("copying the cached rootfs"));
        auto stats = storage::copyTree(cache + QStringLiteral("/rootfs"), rootfs, cancel);
        if (!stats)
            return stats.error();
        return setUpDistribution(rootfs, {o.rootPassword}, say);
    };
    return buildFromRootfs(store, name, req, progress, cancel);
}

}  // namespace hutch::templates
