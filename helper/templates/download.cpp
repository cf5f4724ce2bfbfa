// The download template: LXC's image server protocol (lxc-download).
//   SERVER/meta/1.0/index-system   lines "dist;release;arch;variant;build;path"
//   SERVER/PATH/SHA256SUMS         the checksums of the build's files
//   SERVER/PATH/rootfs.tar.xz, SERVER/PATH/meta.tar.xz
// Files are cached in CACHE/download/DIST/RELEASE/ARCH/VARIANT/BUILD and
// checked against SHA256SUMS every time they are used. (LXC also checks a
// GPG signature of the index; Hutch checks the checksums only.)
// Helper process, job thread: QNetworkAccessManager with a local event loop.
#include "distsetup.h"
#include "image.h"
#include "image_p.h"
#include "imagemeta.h"

#include "fsops.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTimer>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hutch::templates {

namespace {

constexpr qint64 kMaxIndexBytes = 16 * 1024 * 1024;

QUrl serverUrl(const QUrl &server, const QString &path)
{
    QString base = server.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
}

// CACHE/download/DIST/RELEASE/ARCH/VARIANT/BUILD made one directory at a
// time under the directory above it (mkdirat, openat with O_NOFOLLOW): no
// component is a symlink, none leaves the cache.
Result<QString> makeCacheDir(const QString &cachePath, const QStringList &components)
{
    if (auto err = storage::makePath(cachePath, 0700))
        return *err;
    int fd = ::open(QFile::encodeName(cachePath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error::system(errno, QStringLiteral("open the cache \"%1\"").arg(cachePath));
    QString path = cachePath;
    for (const QString &c : components) {
        const QByteArray name = QFile::encodeName(c);
        path += QLatin1Char('/') + c;
        if (::mkdirat(fd, name.constData(), 0700) < 0 && errno != EEXIST) {
            const int err = errno;
            ::close(fd);
            return Error::system(err, QStringLiteral("make \"%1\"").arg(path));
        }
        const int next = ::openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        ::close(fd);
        if (next < 0)
            return Error::system(err, QStringLiteral("open \"%1\" (a directory, not a link)").arg(path));
        fd = next;
    }
    ::close(fd);
    return path;
}

// GET url into `file` (when given) or into *data. Cancel is polled.
Status fetch(const QUrl &url, QFile *file, QByteArray *data, const std::atomic_bool *cancel, const Progress &progress)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(60000);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    Status failure;
    qint64 received = 0, lastReport = 0;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        const QByteArray chunk = reply->readAll();
        received += chunk.size();
        if (file) {
            if (file->write(chunk) != chunk.size() && !failure) {
                failure = Error::failed(QStringLiteral("write \"%1\": %2").arg(file->fileName(), file->errorString()));
                reply->abort();
            }
        } else {
            data->append(chunk);
            if (data->size() > kMaxIndexBytes && !failure) {
                failure = Error::failed(QStringLiteral("%1: too large").arg(url.toString()));
                reply->abort();
            }
        }
        if (progress && file && received - lastReport >= (8 << 20)) {
            lastReport = received;
            progress(QStringLiteral("downloaded %1 MiB of %2").arg(received >> 20).arg(url.fileName()));
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (storage::isCancelled(cancel) && !failure) {
            failure = Error::cancelled();
            reply->abort();
        }
    });
    poll.start(100);
    if (!reply->isFinished())
        loop.exec();
    const QByteArray rest = reply->readAll();
    if (!rest.isEmpty()) {
        if (file)
            file->write(rest);
        else
            data->append(rest);
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString errorString = reply->errorString();
    const bool networkError = reply->error() != QNetworkReply::NoError;
    reply->deleteLater();
    if (failure)
        return failure;
    if (networkError)
        return Error::failed(QStringLiteral("download %1: %2").arg(url.toString(), errorString));
    if (status != 200)
        return Error::failed(QStringLiteral("download %1: HTTP %2").arg(url.toString()).arg(status));
    return std::nullopt;
}

Result<QString> sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failed(QStringLiteral("read \"%1\": %2").arg(path, f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return Error::failed(QStringLiteral("read \"%1\"").arg(path));
    return QString::fromLatin1(h.result().toHex());
}

}  // namespace

QString hostImageArch()
{
    const QString cpu = QSysInfo::currentCpuArchitecture();
    if (cpu == QLatin1String("x86_64"))
        return QStringLiteral("amd64");
    if (cpu == QLatin1String("arm64"))
        return QStringLiteral("arm64");
    if (cpu == QLatin1String("i386"))
        return QStringLiteral("i386");
    if (cpu == QLatin1String("power64"))
        return QStringLiteral("ppc64el");
    return cpu;
}

Status createDownload(const Store &store, const QString &name, const DownloadOptions &o, const Progress &progress,
                      const std::atomic_bool *cancel)
{
    const QString context = QStringLiteral("create \"%1\" from download").arg(name);
    auto say = [&](const QString &l) {
        if (progress)
            progress(l);
    };
    if (o.dist.isEmpty() || o.release.isEmpty())
        return Error::invalid(QStringLiteral("dist and release are needed")).wrap(context);
    for (const QString &v : {o.dist, o.release, o.arch, o.variant})
        if (!v.isEmpty() && !isImageIndexField(v))
            return Error::invalid(QStringLiteral("bad value \"%1\"").arg(v)).wrap(context);
    const auto server = imageServerUrl(o.server, o.httpMirrors);
    if (!server)
        return server.error().wrap(context);
    const QString arch = o.arch.isEmpty() ? hostImageArch() : o.arch;
    if (QFileInfo::exists(store.containerDir(name)))
        return Error{Error::Code::Conflict, 0, QStringLiteral("a container \"%1\" exists").arg(name)}.wrap(context);

    say(QStringLiteral("reading the image index of %1").arg(o.server));
    QByteArray index;
    if (auto err = fetch(serverUrl(*server, QStringLiteral("/meta/1.0/index-system")), nullptr, &index, cancel, {}))
        return err->wrap(context);
    auto entries = parseImageIndex(index);
    if (!entries)
        return entries.error().wrap(context);
    std::optional<ImageEntry> image;
    for (const ImageEntry &e : *entries)
        if (e.dist == o.dist && e.release == o.release && e.arch == arch && e.variant == o.variant)
            image = e;  // the last one listed is the newest
    if (!image)
        return Error::notFound(QStringLiteral("no image %1 %2 %3 %4 on %5").arg(o.dist, o.release, arch, o.variant, o.server)).wrap(context);
    say(QStringLiteral("image %1 %2 %3 %4, build %5").arg(image->dist, image->release, image->arch, image->variant, image->build));

    QByteArray sumsText;
    if (auto err = fetch(serverUrl(*server, image->path + QStringLiteral("SHA256SUMS")), nullptr, &sumsText, cancel, {}))
        return err->wrap(context);
    const QMap<QString, QString> sums = parseSha256Sums(sumsText);

    const QStringList components = {QStringLiteral("download"), image->dist, image->release, image->arch, image->variant};
    if (o.flushCache)  // every build of this variant (the names are checked: inside the cache)
        (void)storage::removeTree(o.cachePath + QLatin1Char('/') + components.join(QLatin1Char('/')));
    const auto made = makeCacheDir(o.cachePath, components + QStringList{image->build});
    if (!made)
        return made.error().wrap(context);
    const QString cache = *made;
    for (const QString &file : {QStringLiteral("rootfs.tar.xz"), QStringLiteral("meta.tar.xz")}) {
        const QString expected = sums.value(file);
        if (expected.isEmpty())
            return Error::failed(QStringLiteral("SHA256SUMS of the image has no %1").arg(file)).wrap(context);
        const QString path = cache + QLatin1Char('/') + file;
        if (QFileInfo::exists(path)) {
            auto have = sha256Of(path);
            if (have && *have == expected) {
                say(QStringLiteral("using the cached %1").arg(file));
                continue;
            }
            QFile::remove(path);
        }
        say(QStringLiteral("downloading %1").arg(file));
        QFile part(path + QStringLiteral(".part"));
        if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return Error::failed(QStringLiteral("write \"%1\": %2").arg(part.fileName(), part.errorString())).wrap(context);
        auto err = fetch(serverUrl(*server, image->path + file), &part, nullptr, cancel, progress);
        part.close();
        if (err) {
            part.remove();
            return err->wrap(context);
        }
        auto got = sha256Of(part.fileName());
        if (!got || *got != expected) {
            part.remove();
            return Error::failed(QStringLiteral("%1 does not match its checksum (expected %2, got %3): refused")
                                     .arg(file, expected, got ? *got : QStringLiteral("nothing")))
                .wrap(context);
        }
        if (!part.rename(path))
            return Error::failed(QStringLiteral("rename \"%1\": %2").arg(part.fileName(), part.errorString())).wrap(context);
    }
    BuildRequest req;
    req.templateName = QStringLiteral("download (%1 %2 %3)").arg(image->dist, image->release, image->arch);
    req.backend = o.backend;
    req.gate = o.gate;
    req.metadataTarball = cache + QStringLiteral("/meta.tar.xz");
    const QString rootfsTarball = cache + QStringLiteral("/rootfs.tar.xz");
    req.fill = [&](const QString &rootfs) -> Status {
        say(QStringLiteral("unpacking the rootfs"));
        if (auto err = runTar(extractArgs(rootfsTarball, rootfs), cancel))
            return err;
        return setUpDistribution(rootfs, {o.rootPassword}, say);
    };
    return buildFromRootfs(store, name, req, progress, cancel);
}

}  // namespace hutch::templates
