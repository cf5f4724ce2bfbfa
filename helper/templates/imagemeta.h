// What an image server and an image's metadata say, read without touching
// the filesystem or the network: the download template's index, checksums
// and server URL, and the config lines and template paths of an image's
// metadata (LXC's meta.tar.xz: config, templates, create-message). Each
// reader takes the bytes as they came (from a server, from the caller's
// tarball) and checks them: tests/fuzz/fuzz_imagemeta feeds them anything.
#pragma once

#include "config.h"
#include "error.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hutch::templates {

// The server's URL, https unless it is one of `httpMirrors`; an error
// says how to allow a local mirror.
Result<QUrl> imageServerUrl(const QString &server, const QStringList &httpMirrors);

// One line of meta/1.0/index-system: dist;release;arch;variant;build;path
struct ImageEntry {
    QString dist, release, arch, variant, build, path;
};
Result<QList<ImageEntry>> parseImageIndex(const QByteArray &index);
// Whether a word of the index (or a caller's dist, release, ...) may
// become a cache directory: one name, no '/', not "." or "..".
bool isImageIndexField(const QString &field);

// "file" -> sha256 hex, from a SHA256SUMS file.
QMap<QString, QString> parseSha256Sums(const QByteArray &sums);

// The metadata's "config": its lines with LXC_NAME and friends (`vars`)
// replaced, comments and blank lines dropped, each line loaded alone and
// dropped with a note in `skipped` when it does not load. What is left
// still passes the config gate before it is written (image_p.h).
// (`options`: how includes are followed, as the final load of the config
// follows them.)
QByteArray imageConfigLines(const QByteArray &metaConfig, const QMap<QString, QString> &vars, QStringList *skipped = nullptr,
                            const LoadOptions &options = {});

// The metadata's "templates": files of the rootfs to fill in, one a line,
// each as its path components (no "..", none empty); an error names a
// line that is not such a path.
Result<QList<QStringList>> imageTemplatePaths(const QByteArray &templates);

}  // namespace hutch::templates
