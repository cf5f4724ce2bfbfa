// Templates from images: the shared build (staging, backend, tarball, LXC
// image metadata, config) and `local`. Helper process, job threads, root.
#include "image.h"
#include "spawnenv.h"
#include "image_p.h"

#include "atomicfile.h"
#include "backend.h"
#include "clone_p.h"
#include "config.h"
#include "configdocument.h"
#include "fsops.h"
#include "names.h"
#include "staging.h"
#include "tarscan.h"
#include "values.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::templates {

using namespace hutch::storage;

namespace {


// The image's meta "templates": files in the rootfs where LXC_NAME and
// friends are replaced, opened component by component without symlinks.
Status substituteTemplates(const QString &rootfs, const QByteArray &templates, const QMap<QString, QString> &vars)
{
    auto paths = imageTemplatePaths(templates);
    if (!paths)
        return paths.error();
    auto root = openDirectory(rootfs);
    if (!root)
        return root.error();
    for (QStringList parts : *paths) {
        const QString f = parts.join(QLatin1Char('/'));
        const QByteArray file = QFile::encodeName(parts.takeLast());
        UniqueFd dir(::fcntl(root->get(), F_DUPFD_CLOEXEC, 0));
        bool missing = false;
        for (const QString &p : parts) {
            auto next = openDirectoryAt(dir.get(), QFile::encodeName(p));
            if (!next) {
                missing = true;
                break;
            }
            dir = std::move(*next);
        }
        if (missing)
            continue;
        auto content = readFileAt(dir.get(), file, 1 << 20);
        if (!content)
            continue;  // LXC skips what is not there
        QByteArray text = *content;
        for (auto it = vars.begin(); it != vars.end(); ++it)
            text.replace(it.key().toUtf8(), it.value().toUtf8());
        if (text == *content)
            continue;
        UniqueFd out(::openat(dir.get(), file.constData(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC));
        if (!out || ::write(out.get(), text.constData(), size_t(text.size())) != text.size())
            return Error::system(errno, QStringLiteral("image template \"%1\"").arg(f));
    }
    return std::nullopt;
}

}  // namespace

Status runTar(const QStringList &args, const std::atomic_bool *cancel)
{
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    endWithHelper(p);
    p.start(QStringLiteral("tar"), args);
    if (!p.waitForStarted())
        return Error::failed(QStringLiteral("tar: %1").arg(p.errorString()));
    while (!p.waitForFinished(200)) {
        if (isCancelled(cancel)) {
            p.kill();
            p.waitForFinished();
            return Error::cancelled();
        }
    }
    QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    // tar reports a short write as "Wrote only N of M bytes": the filesystem is full.
    if (err.contains(QLatin1String("Wrote only")) && !err.contains(QLatin1String("No space left on device")))
        err = err.section(QLatin1Char('\n'), 0, 0) + QStringLiteral(": No space left on device");
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error{Error::Code::Failed, err.contains(QLatin1String("No space left on device")) ? ENOSPC : 0,
                     QStringLiteral("tar: %1").arg(err.isEmpty() ? QStringLiteral("exit %1").arg(p.exitCode())
                                                                : err.section(QLatin1Char('\n'), 0, 2))};
    return std::nullopt;
}

QStringList extractArgs(const QString &tarball, const QString &dir)
{
    return {QStringLiteral("--extract"), QStringLiteral("--file"), tarball, QStringLiteral("--xattrs"),
            QStringLiteral("--xattrs-include=*"), QStringLiteral("--numeric-owner"), QStringLiteral("--same-owner"),
            QStringLiteral("--same-permissions"), QStringLiteral("--directory"), dir};
}

// /etc/hostname of the rootfs at `fillPath` says `hostname`, and /etc/hosts
// names it where it named the old one; nothing is followed through a
// symlink of the rootfs.
static Status renameRootfsHost(const QString &fillPath, const QString &hostname)
{
    auto root = storage::openDirectory(fillPath);
    if (!root)
        return root.error();
    auto etc = storage::openDirectoryAt(root->get(), "etc");
    if (!etc)
        return std::nullopt;  // no /etc: nothing names the host
    auto old = storage::readFileAt(etc->get(), "hostname", 4096);
    if (!old)
        return std::nullopt;
    storage::RootfsLocation location;
    location.kind = storage::BackendKind::Dir;
    location.path = fillPath;
    if (auto err = storage::setRootfsHostname(location, QString::fromUtf8(old->trimmed()), hostname))
        return err->wrap(QStringLiteral("set the hostname"));
    return std::nullopt;
}

QByteArray baseConfig(const QString &hostname, const QString &rootfsValue, const QString &templateName)
{
    QByteArray c = "# Hutch container, template " + templateName.toUtf8() + "\n\n";
    auto line = [&](const char *key, const QString &value) {
        c += key + QByteArray(" = ") + ConfigDocument::encodeValue(value) + '\n';
    };
    line("lxc.uts.name", hostname);
    line("lxc.rootfs.path", rootfsValue);
    line("lxc.tty.max", QStringLiteral("4"));
    line("lxc.pty.max", QStringLiteral("1024"));
    line("lxc.autodev", QStringLiteral("1"));
    line("lxc.mount.auto", QStringLiteral("proc:mixed sys:ro cgroup:mixed"));
    line("lxc.cap.drop", QStringLiteral("mac_admin mac_override sys_time sys_module sys_rawio"));
    c += "\n# no network device yet: only lo, in the container's own namespace\n";
    line("lxc.net.0.type", QStringLiteral("empty"));
    return c;
}

Status buildFromRootfs(const Store &store, const QString &name, const BuildRequest &req, const Progress &progress,
                       const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("create \"%1\" from %2").arg(name, req.templateName);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    if (auto err = validateContainerName(name))
        return err->wrap(context);
    const QString hostname = req.hostname.isEmpty() ? name : req.hostname;
    if (auto err = values::validateHostname(hostname))
        return err->wrap(context);
    if (store.path().isEmpty())
        return Error::invalid(QStringLiteral("no store path")).wrap(context);
    const QString storePath = QDir(store.path()).absolutePath();
    const QString finalDir = storePath + QLatin1Char('/') + name;
    if (QFileInfo::exists(finalDir))
        return Error::conflict(QStringLiteral("a container \"%1\" exists in %2").arg(name, storePath)).wrap(context);
    auto kind = resolveBackend(req.backend, storePath);
    if (!kind)
        return kind.error().wrap(context);
    if (*kind == BackendKind::Overlay)
        return Error::invalid(QStringLiteral("overlay is for snapshot clones")).wrap(context);
    if (isCancelled(cancel))
        return Error::cancelled().wrap(context);

    auto fresh = NewRootfs::begin(storePath, name, finalDir, *kind);
    if (!fresh)
        return fresh.error().wrap(context);
    auto drop = [&](const Error &e) { return fresh->drop(e).wrap(context); };
    say(QStringLiteral("filling the rootfs (%1)").arg(kindName(*kind)));
    if (auto err = req.fill(fresh->created.fillPath))
        return drop(*err);
    if (isCancelled(cancel))
        return drop(Error::cancelled());

    // The image's metadata: config lines and files to fill in.
    QByteArray config = baseConfig(hostname, fresh->created.location.configValue(), req.templateName) + req.extraConfig;
    const QByteArray base = config;
    if (!req.metadataTarball.isEmpty()) {
        // Listed, checked and read from the stream (tarscan.h): nothing of
        // it is extracted, so no link in it is ever followed.
        QStringList wanted;
        for (const char *f : {"config", "templates", "create-message"})
            wanted << QLatin1String(f) << QStringLiteral("./") + QLatin1String(f);
        auto meta = scanArchive(req.metadataTarball, wanted, cancel);
        if (!meta)
            return drop(meta.error().wrap(QStringLiteral("metadata")));
        QStringList everything;
        for (const TarMember &m : meta->members())
            everything << m.name;
        if (auto err = checkTarMembers(meta->members(), everything))
            return drop(err->wrap(QStringLiteral("metadata")));
        auto file = [&](const char *name) {
            auto data = meta->captured(QLatin1String(name));
            return data ? data : meta->captured(QStringLiteral("./") + QLatin1String(name));
        };
        const QMap<QString, QString> vars = {{QStringLiteral("LXC_NAME"), hostname},
                                             {QStringLiteral("LXC_PATH"), storePath},
                                             {QStringLiteral("LXC_ROOTFS_PATH"), fresh->created.location.path},
                                             {QStringLiteral("LXC_TEMPLATE_CONFIG"), QStringLiteral("/usr/share/lxc/config")}};
        if (const auto metaConfig = file("config")) {
            config += "\n# from the image's metadata\n";
            QStringList skipped;
            config += imageConfigLines(*metaConfig, vars, &skipped);
            for (const QString &line : std::as_const(skipped))
                say(line);
        }
        if (const auto templatesFile = file("templates"))
            if (auto err = substituteTemplates(fresh->created.fillPath, *templatesFile, vars))
                return drop(*err);
        if (const auto message = file("create-message"))
            for (const QString &l : QString::fromUtf8(message->left(8192)).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                say(l);
    }
    if (req.metadataTarball.isEmpty())
        // A rootfs made on this host (debootstrap copies the host's
        // /etc/hostname) or a tarball of another machine: its name goes.
        if (auto err = renameRootfsHost(fresh->created.fillPath, hostname))
            return drop(*err);
    if (auto err = fresh->backend->finish(fresh->created))
        return drop(*err);
    const LoadResult check = loadConfigBytes(config, QStringLiteral("config"), fresh->staging.path());
    if (auto err = check.firstError())
        return drop(err->wrap(QStringLiteral("the new config")));
    // The image's lines, as any config reaching the store, before the
    // config is written (the rootfs is still in staging).
    if (req.gate)
        if (auto err = req.gate(base, config))
            return drop(*err);
    if (auto err = writeFileAtomically(fresh->staging.path() + QStringLiteral("/config"), config))
        return drop(*err);
    if (isCancelled(cancel))
        return drop(Error::cancelled());
    say(QStringLiteral("moving \"%1\" into place").arg(name));
    if (auto err = fresh->staging.commit(name))
        return drop(*err);
    say(QStringLiteral("created \"%1\"").arg(name));
    return std::nullopt;
}

Status createLocal(const Store &store, const QString &name, const LocalOptions &options, const Progress &progress,
                   const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("create \"%1\" from local").arg(name);
    for (const QString &f : {options.rootfsTarball, options.metadataTarball})
        if (!f.isEmpty() && !QFileInfo(f).isFile())
            return Error::notFound(QStringLiteral("no file \"%1\"").arg(f)).wrap(context);
    if (options.rootfsTarball.isEmpty())
        return Error::invalid(QStringLiteral("no rootfs tarball given")).wrap(context);
    BuildRequest req;
    req.templateName = QStringLiteral("local");
    req.backend = options.backend;
    req.hostname = options.hostname;
    req.gate = options.gate;
    req.metadataTarball = options.metadataTarball.isEmpty() ? QString() : QFileInfo(options.metadataTarball).absoluteFilePath();
    const QString tarball = QFileInfo(options.rootfsTarball).absoluteFilePath();
    req.fill = [&](const QString &rootfs) -> Status {
        if (progress)
            progress(QStringLiteral("unpacking %1").arg(tarball));
        return runTar(extractArgs(tarball, rootfs), cancel);
    };
    return buildFromRootfs(store, name, req, progress, cancel);
}

QList<TemplateInfo> templateInfos()
{
    auto opt = [](const char *name, const char *type, QVariant def, const char *description, QStringList choices = {}) {
        return TemplateOption{QLatin1String(name), QLatin1String(type), std::move(def), std::move(choices),
                              QLatin1String(description)};
    };
    const QStringList backends = {QStringLiteral("best"), QStringLiteral("dir"), QStringLiteral("btrfs"), QStringLiteral("lvm")};
    const TemplateOption backend = opt("backend", "choice", QStringLiteral("best"), "Backing store of the rootfs", backends);
    const TemplateOption hostname = opt("hostname", "string", QString(), "Hostname (default: the container's name)");
    const TemplateOption rootPassword = opt("root-password", "secret", QString(),
                                            "Password of root for the console's login (empty: root stays locked, use Shell)");
    // debootstrap --arch: the host's own, its 32-bit sibling (personality
    // set at start, core/arch.h), others through qemu-user-static's binfmt.
    const QStringList debianArchitectures = {QStringLiteral("amd64"), QStringLiteral("i386"), QStringLiteral("arm64"),
                                             QStringLiteral("armhf"), QStringLiteral("armel"), QStringLiteral("ppc64el"),
                                             QStringLiteral("s390x"), QStringLiteral("riscv64")};
    const QStringList ubuntuArchitectures = {QStringLiteral("amd64"), QStringLiteral("arm64"), QStringLiteral("armhf"),
                                             QStringLiteral("ppc64el"), QStringLiteral("s390x"), QStringLiteral("riscv64")};
    auto required = [](TemplateOption o) {
        o.required = true;
        return o;
    };
    return {
        {QStringLiteral("busybox"), QStringLiteral("A tiny container from the host's static busybox"),
         {opt("ttys", "int", 4, "Number of ttys (lxc.tty.max)"), opt("login", "bool", false, "getty and login instead of shells"), hostname}},
        {QStringLiteral("local"), QStringLiteral("A rootfs tarball you pick, with optional LXC image metadata"),
         {required(opt("rootfs", "path", QString(), "Rootfs tarball (.tar, .tar.gz, .tar.xz, .tar.zst)")),
          opt("metadata", "path", QString(), "LXC image metadata tarball (meta.tar.xz), optional"), backend, hostname}},
        {QStringLiteral("download"), QStringLiteral("An image from an LXC image server"),
         {opt("server", "url", QStringLiteral("images.linuxcontainers.org"), "Image server"),
          opt("dist", "string", QStringLiteral("debian"), "Distribution"),
          opt("release", "string", QStringLiteral("bookworm"), "Release"),
          opt("arch", "choice", hostImageArch(), "Architecture",
              {QStringLiteral("amd64"), QStringLiteral("arm64"), QStringLiteral("armhf"), QStringLiteral("i386"),
               QStringLiteral("ppc64el"), QStringLiteral("s390x"), QStringLiteral("riscv64")}),
          opt("variant", "string", QStringLiteral("default"), "Variant"),
          opt("flush-cache", "bool", false, "Download again even if cached"), backend, hostname, rootPassword}},
        {QStringLiteral("debian"), QStringLiteral("Debian through debootstrap (cached)"),
         {opt("release", "choice", QStringLiteral("bookworm"), "Release",
              {QStringLiteral("bookworm"), QStringLiteral("trixie"), QStringLiteral("bullseye"), QStringLiteral("sid")}),
          opt("arch", "choice", hostImageArch(), "Architecture", debianArchitectures),
          opt("mirror", "url", QStringLiteral("http://deb.debian.org/debian"), "Mirror"),
          opt("variant", "choice", QStringLiteral("minbase"), "debootstrap variant",
              {QStringLiteral("minbase"), QStringLiteral("buildd"), QStringLiteral("fakechroot")}),
          opt("flush-cache", "bool", false, "Rebuild the cached rootfs"), backend, hostname, rootPassword}},
        {QStringLiteral("ubuntu"), QStringLiteral("Ubuntu through debootstrap (cached)"),
         {opt("release", "choice", QStringLiteral("jammy"), "Release",
              {QStringLiteral("noble"), QStringLiteral("jammy"), QStringLiteral("focal")}),
          opt("arch", "choice", hostImageArch(), "Architecture", ubuntuArchitectures),
          opt("mirror", "url", QStringLiteral("http://archive.ubuntu.com/ubuntu"), "Mirror"),
          opt("variant", "choice", QStringLiteral("minbase"), "debootstrap variant",
              {QStringLiteral("minbase"), QStringLiteral("buildd")}),
          opt("flush-cache", "bool", false, "Rebuild the cached rootfs"), backend, hostname, rootPassword}},
    };
}

}  // namespace hutch::templates
