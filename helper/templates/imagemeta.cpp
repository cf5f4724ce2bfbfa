// Readers of what image servers and image metadata say (imagemeta.h).
// Helper process, job threads; no filesystem, no network.
#include "imagemeta.h"

#include "config.h"

#include <QRegularExpression>

namespace hutch::templates {

namespace {

// What a field of the index may be: one name, no '/', not "." or "..".
// LXC's builds look like "20240101_05:24".
const QRegularExpression &indexField()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._:+~-]{0,63}$"));
    return re;
}

// The index's path: "/" separated such names, ending in '/'.
const QRegularExpression &indexPath()
{
    static const QRegularExpression re(QStringLiteral("^(/[A-Za-z0-9_][A-Za-z0-9._:+~-]{0,127}){1,16}/$"));
    return re;
}

}  // namespace

bool isImageIndexField(const QString &field)
{
    return indexField().match(field).hasMatch();
}

Result<QUrl> imageServerUrl(const QString &server, const QStringList &httpMirrors)
{
    const QUrl url(server.contains(QStringLiteral("://")) ? server : QStringLiteral("https://") + server, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return Error::invalid(QStringLiteral("image server \"%1\" is not a host name or an https:// URL").arg(server.left(200)));
    if (url.scheme() == QLatin1String("https"))
        return url;
    if (url.scheme() == QLatin1String("http")) {
        const QString hostPort = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
        if (httpMirrors.contains(url.host(), Qt::CaseInsensitive) || httpMirrors.contains(hostPort, Qt::CaseInsensitive))
            return url;
        return Error::invalid(QStringLiteral("image server %1: plain http:// is refused (the checksums come from the same "
                                             "server); an administrator can allow a local mirror with "
                                             "\"download_http_mirrors = %2\" in hutch.conf").arg(url.toString(), hostPort));
    }
    return Error::invalid(QStringLiteral("image server %1: only https:// (or http:// for a mirror named in hutch.conf)").arg(url.toString()));
}

Result<QList<ImageEntry>> parseImageIndex(const QByteArray &index)
{
    QList<ImageEntry> out;
    int lineNo = 0;
    for (const QByteArray &raw : index.split('\n')) {
        ++lineNo;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = line.split(QLatin1Char(';'));
        if (f.size() < 6)
            return Error::invalid(QStringLiteral("image index line %1: expected 6 fields, got %2").arg(lineNo).arg(f.size()));
        ImageEntry e{f[0], f[1], f[2], f[3], f[4], f[5]};
        // The server's words become cache directories: each is one name.
        for (const QString &v : {e.dist, e.release, e.arch, e.variant, e.build})
            if (!isImageIndexField(v))
                return Error::invalid(QStringLiteral("image index line %1: bad field \"%2\" (letters, digits, . _ : + ~ -)")
                                          .arg(lineNo).arg(v.left(80)));
        if (!indexPath().match(e.path).hasMatch())
            return Error::invalid(QStringLiteral("image index line %1: bad path \"%2\"").arg(lineNo).arg(e.path.left(200)));
        out << e;
    }
    return out;
}

QMap<QString, QString> parseSha256Sums(const QByteArray &sums)
{
    QMap<QString, QString> out;
    for (const QByteArray &raw : sums.split('\n')) {
        const QList<QByteArray> f = raw.simplified().split(' ');
        if (f.size() < 2 || f[0].size() != 64)
            continue;
        QByteArray file = f[1];
        if (file.startsWith('*'))
            file.remove(0, 1);
        out.insert(QString::fromUtf8(file), QString::fromLatin1(f[0]).toLower());
    }
    return out;
}

QByteArray imageConfigLines(const QByteArray &metaConfig, const QMap<QString, QString> &vars, QStringList *skipped,
                            const LoadOptions &options)
{
    QByteArray out;
    for (QString line : QString::fromUtf8(metaConfig).split(QLatin1Char('\n'))) {
        for (auto it = vars.begin(); it != vars.end(); ++it)
            line.replace(it.key(), it.value());
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        const LoadResult one = loadConfigBytes(trimmed.toUtf8() + '\n', QStringLiteral("image config"), QString(), options);
        if (one.hasErrors()) {
            if (skipped)
                *skipped << QStringLiteral("skipping image config line \"%1\": %2").arg(trimmed.left(200), one.diagnostics.first().message);
            continue;
        }
        out += trimmed.toUtf8() + '\n';
    }
    return out;
}

Result<QList<QStringList>> imageTemplatePaths(const QByteArray &templates)
{
    QList<QStringList> out;
    for (const QString &raw : QString::fromUtf8(templates).split(QLatin1Char('\n'))) {
        const QString f = raw.trimmed();
        if (f.isEmpty())
            continue;
        const QStringList parts = f.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty() || parts.contains(QStringLiteral("..")) || f.contains(QChar(0)))
            return Error::invalid(QStringLiteral("image template \"%1\": bad path").arg(f.left(200)));
        out << parts;
    }
    return out;
}

}  // namespace hutch::templates
