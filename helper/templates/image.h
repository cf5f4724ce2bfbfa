// Templates beyond busybox: a container from a rootfs tarball (`local`),
// from LXC's image server (`download`: meta/1.0/index-system, rootfs.tar.xz
// and meta.tar.xz, SHA-256 checked), from debootstrap (`debian`,
// `ubuntu`). Each describes its options (name, type, default, choices) so a
// wizard can build its pages, and streams progress lines. Helper (root),
// job threads. Every create builds in staging and renames into place.
#pragma once

#include "backend.h"
#include "busybox.h"
#include "imagemeta.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>
#include <QStringList>
#include <QVariant>

namespace hutch::templates {

struct TemplateOption {
    QString name;
    QString type;          // "string", "int", "bool", "choice", "path", "url", "secret" (a string never shown or logged)
    QVariant defaultValue;
    QStringList choices;   // for "choice"
    QString description;
    bool required = false;  // creation is refused without it (no default makes sense)
};

struct TemplateInfo {
    QString name, description;
    QList<TemplateOption> options;
};

// busybox, local, download, debian, ubuntu.
QList<TemplateInfo> templateInfos();

// local: a rootfs tarball the user picked, and optionally an LXC image
// metadata tarball (config, templates, create-message).
struct LocalOptions {
    QString rootfsTarball;
    QString metadataTarball;
    QString backend;     // dir, btrfs, lvm, best (empty: best)
    QString hostname;
    storage::ConfigGate gate;  // the metadata's config lines (image_p.h)
};
Status createLocal(const Store &store, const QString &name, const LocalOptions &options,
                   const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

// download: LXC's image server protocol.
struct DownloadOptions {
    QString server = QStringLiteral("images.linuxcontainers.org");  // host (https) or a URL
    QStringList httpMirrors;  // servers allowed over http:// (HelperSettings::httpMirrors)
    QString dist, release, arch, variant = QStringLiteral("default");
    QString cachePath = QStringLiteral("/var/cache/hutch");
    bool flushCache = false;
    QString backend;
    storage::ConfigGate gate;  // the metadata's config lines (image_p.h)
    QByteArray rootPassword;   // hashed into the rootfs (distsetup.h); empty: as the image has it
};
Status createDownload(const Store &store, const QString &name, const DownloadOptions &options,
                      const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);
// The server's index, checksums and URL, and the metadata's config lines:
// imagemeta.h.
// The host's architecture in Debian/LXC image names (amd64, arm64, ...).
QString hostImageArch();

// debian / ubuntu through debootstrap; the rootfs is cached under
// CACHE/debian/RELEASE-ARCH-VARIANT and copied for each container.
struct DebootstrapOptions {
    QString distribution = QStringLiteral("debian");  // debian or ubuntu
    QString release;      // default: bookworm / jammy
    QString arch;         // default: the host's
    QString mirror;       // default: deb.debian.org/debian, archive.ubuntu.com/ubuntu
    QString variant = QStringLiteral("minbase");
    QString cachePath = QStringLiteral("/var/cache/hutch");
    bool flushCache = false;
    QString backend;
    QByteArray rootPassword;  // hashed into the rootfs (distsetup.h); empty: root stays locked
};
DebootstrapOptions withDefaults(DebootstrapOptions options);
// argv of debootstrap building the cache in `target`.
QStringList debootstrapCommand(const DebootstrapOptions &options, const QString &target);
QString debootstrapCacheDir(const DebootstrapOptions &options);
// Why it cannot run here, or empty.
QString debootstrapUnavailableReason();
// Builds the cached rootfs unless it is there (what createDebootstrap does
// first); a test calls it where the mirror can be reached.
Status prepareDebootstrapCache(const DebootstrapOptions &options, const Progress &progress = {},
                               const std::atomic_bool *cancel = nullptr);
Status createDebootstrap(const Store &store, const QString &name, const DebootstrapOptions &options,
                         const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

}  // namespace hutch::templates
