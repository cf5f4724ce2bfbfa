#include "templates.h"

#include "busybox.h"
#include "configedit.h"
#include "image.h"
#include "values.h"

#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::service {

namespace {

bool isInteger(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::LongLong: case QMetaType::ULongLong:
    case QMetaType::Short: case QMetaType::UShort: case QMetaType::UChar:
        return true;
    default:
        return false;
    }
}

// A value of the schema's type, or why not.
Status checkOption(const templates::TemplateOption &o, const QVariant &v)
{
    const QString where = QStringLiteral("template option %1").arg(o.name);
    if (o.type == QLatin1String("int")) {
        if (!isInteger(v) || v.toLongLong() < 0 || v.toLongLong() > 1000000)
            return Error::invalid(QStringLiteral("%1 must be a number").arg(where));
    } else if (o.type == QLatin1String("bool")) {
        if (v.metaType().id() != QMetaType::Bool)
            return Error::invalid(QStringLiteral("%1 must be a boolean").arg(where));
    } else if (o.type == QLatin1String("path")) {
        if (v.metaType() != QMetaType::fromType<QDBusUnixFileDescriptor>() || !v.value<QDBusUnixFileDescriptor>().isValid())
            return Error::invalid(QStringLiteral("%1 must be a file descriptor (h) of the file, opened by the caller")
                                      .arg(where));
        // Opened for reading by the caller, a regular file: an O_PATH
        // descriptor proves nothing about what the caller may read.
        const int fd = v.value<QDBusUnixFileDescriptor>().fileDescriptor();
        const int flags = ::fcntl(fd, F_GETFL);
        struct stat st {};
        if (flags < 0 || (flags & O_PATH) || ((flags & O_ACCMODE) != O_RDONLY && (flags & O_ACCMODE) != O_RDWR))
            return Error::invalid(QStringLiteral("%1: the descriptor is not open for reading").arg(where));
        if (::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
            return Error::invalid(QStringLiteral("%1: the descriptor is not of a regular file").arg(where));
    } else {
        if (v.metaType().id() != QMetaType::QString)
            return Error::invalid(QStringLiteral("%1 must be a string").arg(where));
        const QString s = v.toString();
        if (auto err = values::validateNoControlChars(s))
            return err->wrap(where);
        if (s.size() > 1024)
            return Error::invalid(QStringLiteral("%1 is too long").arg(where));
        // A secret's value is never repeated in an error, a log or a job line.
        if (o.type == QLatin1String("secret") && s.toUtf8().contains('\0'))
            return Error::invalid(QStringLiteral("%1 holds a NUL character").arg(where));
        if (o.type == QLatin1String("choice") && !o.choices.contains(s))
            return Error::invalid(QStringLiteral("%1: \"%2\" is not one of %3").arg(where, s.left(32),
                                                                                    o.choices.join(QStringLiteral(", "))));
        if (o.type == QLatin1String("url") && s.contains(QLatin1String("://")) && !s.startsWith(QLatin1String("https://"))
            && !s.startsWith(QLatin1String("http://")))
            return Error::invalid(QStringLiteral("%1: only http and https URLs").arg(where));
    }
    return std::nullopt;
}

// The bytes of a descriptor the caller passed, copied into `path` (in a
// 0700 directory of the helper's) with pread: what tar and the scanner
// then read is a file of root's that nobody else can change, and the
// caller's file is never opened again by path (/proc/PID/fd/N would give
// root a fresh open of whatever it points to).
Status copyDescriptor(const QDBusUnixFileDescriptor &fd, const QString &path, const std::atomic_bool *cancel)
{
    const int out = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0)
        return Error::system(errno, QStringLiteral("write \"%1\"").arg(path));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    off_t offset = 0;
    Status result;
    for (;;) {
        if (cancel && cancel->load()) {
            result = Error::cancelled();
            break;
        }
        const ssize_t n = ::pread(fd.fileDescriptor(), buffer.data(), size_t(buffer.size()), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            result = Error::system(errno, QStringLiteral("read the caller's file"));
            break;
        }
        if (n == 0)
            break;
        offset += n;
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out, buffer.constData() + done, size_t(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                result = Error::system(errno, QStringLiteral("write \"%1\"").arg(path));
                break;
            }
            done += w;
        }
        if (result)
            break;
    }
    if (::close(out) < 0 && !result)
        result = Error::system(errno, QStringLiteral("write \"%1\"").arg(path));
    return result;
}


}  // namespace

QList<QVariantMap> templateSchemas()
{
    QList<QVariantMap> out;
    for (const templates::TemplateInfo &t : templates::templateInfos()) {
        QVariantList options;
        for (const templates::TemplateOption &o : t.options) {
            QVariantMap m{{QStringLiteral("name"), o.name},
                          {QStringLiteral("type"), o.type},
                          {QStringLiteral("description"), o.description},
                          {QStringLiteral("required"), o.required}};
            // A variant holds no "nothing": an empty default of the type.
            m.insert(QStringLiteral("default"), o.defaultValue.isValid() ? o.defaultValue : QVariant(QString()));
            if (!o.choices.isEmpty())
                m.insert(QStringLiteral("choices"), o.choices);
            options << m;
        }
        out << QVariantMap{{QStringLiteral("name"), t.name},
                           {QStringLiteral("description"), t.description},
                           {QStringLiteral("options"), options}};
    }
    return out;
}

Result<TemplateCreate> checkCreate(const HelperSettings &settings, const QString &templateName,
                                   const QVariantMap &templateOptions, const QVariantMap &options)
{
    const QList<templates::TemplateInfo> infos = templates::templateInfos();
    const auto info = std::find_if(infos.begin(), infos.end(), [&](const auto &t) { return t.name == templateName; });
    if (info == infos.end()) {
        QStringList names;
        for (const auto &t : infos)
            names << t.name;
        return Error::invalid(QStringLiteral("unknown template \"%1\" (known: %2)").arg(templateName.left(64),
                                                                                       names.join(QStringLiteral(", "))));
    }
    // Defaults first, then what the caller gave, each checked.
    QVariantMap v;
    for (const auto &o : info->options)
        if (o.type != QLatin1String("path") && o.defaultValue.isValid())
            v.insert(o.name, o.defaultValue);
    for (auto it = templateOptions.begin(); it != templateOptions.end(); ++it) {
        const auto o = std::find_if(info->options.begin(), info->options.end(), [&](const auto &x) { return x.name == it.key(); });
        if (o == info->options.end()) {
            QStringList known;
            for (const auto &x : info->options)
                known << x.name;
            return Error::invalid(QStringLiteral("unknown option \"%1\" of template %2 (known: %3)")
                                      .arg(it.key().left(64), templateName, known.join(QStringLiteral(", "))));
        }
        if (auto err = checkOption(*o, it.value()))
            return *err;
        v.insert(it.key(), it.value());
    }
    // CreateContainer's backing_store is the template's "backend".
    const QVariant backing = options.value(QStringLiteral("backing_store"));
    if (backing.isValid() && backing.metaType().id() != QMetaType::QString)
        return Error::invalid(QStringLiteral("option \"backing_store\" must be a string"));
    QString backend = templateOptions.contains(QStringLiteral("backend")) ? v.value(QStringLiteral("backend")).toString()
                                                                           : backing.toString();
    if (backend.isEmpty())
        backend = v.value(QStringLiteral("backend"), QStringLiteral("best")).toString();
    static const QStringList backends = {QStringLiteral("best"), QStringLiteral("dir"), QStringLiteral("btrfs"),
                                         QStringLiteral("lvm")};
    if (!backends.contains(backend))
        return Error::invalid(QStringLiteral("backing store \"%1\" is not one of %2").arg(backend.left(32),
                                                                                        backends.join(QStringLiteral(", "))));
    const QString hostname = v.value(QStringLiteral("hostname")).toString();
    if (!hostname.isEmpty())
        if (auto err = values::validateHostname(hostname))
            return err->wrap(QStringLiteral("template option hostname"));

    TemplateCreate create;
    create.templateName = templateName;
    // A template that cannot set the hostname itself gets it in the config
    // afterwards, as a user's edit would.
    auto withHostname = [hostname](Status made, const Store &store, const QString &name) -> Status {
        if (made || hostname.isEmpty())
            return made;
        return editConfig(store, name, {{QStringLiteral("lxc.uts.name"), hostname, EditMode::Set}});
    };
    auto linesOnly = [](const StepReport &report) {
        auto fraction = std::make_shared<double>(0.0);
        return [report, fraction](const QString &line) {
            *fraction += (0.95 - *fraction) / 8;
            report(line, *fraction);
        };
    };

    if (templateName == QLatin1String("busybox")) {
        if (backend != QLatin1String("dir") && backend != QLatin1String("best"))
            return Error::invalid(QStringLiteral("the busybox template makes dir containers only"));
        templates::BusyboxOptions o;
        o.ttys = int(v.value(QStringLiteral("ttys")).toLongLong());
        if (o.ttys > 63)
            return Error::invalid(QStringLiteral("template option ttys must be 0 to 63"));
        o.login = v.value(QStringLiteral("login")).toBool();
        o.hostname = hostname;
        create.run = [o](const Store &store, const QString &name, const StepReport &report, const std::atomic_bool *cancel,
                         const storage::ConfigGate &) {
            // The busybox template reports 8 steps.
            int step = 0;
            return templates::createBusybox(store, name, o, [&](const QString &line) { report(line, ++step / 8.0); }, cancel);
        };
    } else if (templateName == QLatin1String("local")) {
        const auto rootfs = v.value(QStringLiteral("rootfs")).value<QDBusUnixFileDescriptor>();
        if (!rootfs.isValid())
            return Error::invalid(QStringLiteral("template local needs the option rootfs: a descriptor of the tarball"));
        const auto metadata = v.value(QStringLiteral("metadata")).value<QDBusUnixFileDescriptor>();
        // The descriptors stay open (copies share them) as long as the job.
        create.run = [rootfs, metadata, backend, hostname, linesOnly](const Store &store, const QString &name,
                                                                     const StepReport &report, const std::atomic_bool *cancel,
                                                                     const storage::ConfigGate &gate) {
            // A private copy, under the store (swept at the next helper's
            // start should this one be killed), removed when the job ends.
            QTemporaryDir copies(store.path() + QStringLiteral("/.staging-local-XXXXXX"));
            if (!copies.isValid())
                return Status(Error::failed(QStringLiteral("make a directory in %1: %2").arg(store.path(), copies.errorString())));
            templates::LocalOptions o;
            o.gate = gate;
            o.rootfsTarball = copies.filePath(QStringLiteral("rootfs"));
            report(QStringLiteral("reading the rootfs tarball"), 0.01);
            if (auto err = copyDescriptor(rootfs, o.rootfsTarball, cancel))
                return Status(err->wrap(QStringLiteral("create \"%1\" from local").arg(name)));
            if (metadata.isValid()) {
                o.metadataTarball = copies.filePath(QStringLiteral("metadata"));
                if (auto err = copyDescriptor(metadata, o.metadataTarball, cancel))
                    return Status(err->wrap(QStringLiteral("create \"%1\" from local").arg(name)));
            }
            o.backend = backend;
            o.hostname = hostname;
            return templates::createLocal(store, name, o, linesOnly(report), cancel);
        };
    } else if (templateName == QLatin1String("download")) {
        templates::DownloadOptions o;
        o.server = v.value(QStringLiteral("server")).toString();
        o.httpMirrors = settings.httpMirrors;
        // Refused at the call, before a job exists: plain http to a server
        // hutch.conf does not name, a server that is not a URL.
        if (auto url = templates::imageServerUrl(o.server.isEmpty() ? templates::DownloadOptions().server : o.server,
                                                 o.httpMirrors);
            !url)
            return url.error();
        o.dist = v.value(QStringLiteral("dist")).toString();
        o.release = v.value(QStringLiteral("release")).toString();
        o.arch = v.value(QStringLiteral("arch")).toString();
        o.variant = v.value(QStringLiteral("variant")).toString();
        o.flushCache = v.value(QStringLiteral("flush-cache")).toBool();
        o.cachePath = settings.cachePath;
        o.backend = backend;
        o.rootPassword = v.value(QStringLiteral("root-password")).toString().toUtf8();
        create.run = [o, withHostname, linesOnly](const Store &store, const QString &name, const StepReport &report,
                                                  const std::atomic_bool *cancel, const storage::ConfigGate &gate) {
            templates::DownloadOptions withGate = o;
            withGate.gate = gate;
            return withHostname(templates::createDownload(store, name, withGate, linesOnly(report), cancel), store, name);
        };
    } else {
        templates::DebootstrapOptions o;
        o.distribution = templateName;
        o.release = v.value(QStringLiteral("release")).toString();
        o.arch = v.value(QStringLiteral("arch")).toString();
        o.mirror = v.value(QStringLiteral("mirror")).toString();
        o.variant = v.value(QStringLiteral("variant")).toString();
        o.flushCache = v.value(QStringLiteral("flush-cache")).toBool();
        o.cachePath = settings.cachePath;
        o.backend = backend;
        o.rootPassword = v.value(QStringLiteral("root-password")).toString().toUtf8();
        create.run = [o, withHostname, linesOnly](const Store &store, const QString &name, const StepReport &report,
                                                  const std::atomic_bool *cancel, const storage::ConfigGate &) {
            return withHostname(templates::createDebootstrap(store, name, o, linesOnly(report), cancel), store, name);
        };
    }
    return create;
}

}  // namespace hutch::service
