// libFuzzer: what an image server and an image's metadata say
// (templates/imagemeta.h), as the download and local templates read it:
// the index (its words become cache directories), SHA256SUMS, the server
// URL a caller names, the metadata's config lines and its template paths.
// Properties: nothing crashes or leaks; every index entry accepted is of
// plain names only (no '/', no "..", not hidden); every template path has
// no ".." and no empty component; every config line kept loads alone.
#include "imagemeta.h"

#include <cstdint>
#include <cstdlib>

using namespace hutch::templates;

namespace {

bool plainName(const QString &s)
{
    return !s.isEmpty() && !s.contains(QLatin1Char('/')) && s != QLatin1String("..") && !s.startsWith(QLatin1Char('.'));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const auto index = parseImageIndex(bytes)) {
        for (const ImageEntry &e : *index) {
            for (const QString &f : {e.dist, e.release, e.arch, e.variant, e.build})
                if (!plainName(f))
                    std::abort();
            if (!e.path.startsWith(QLatin1Char('/')) || !e.path.endsWith(QLatin1Char('/'))
                || e.path.split(QLatin1Char('/'), Qt::SkipEmptyParts).contains(QStringLiteral("..")))
                std::abort();
        }
    }
    const QMap<QString, QString> sums = parseSha256Sums(bytes);
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        if (it.value().size() != 64)
            std::abort();

    const QString text = QString::fromUtf8(bytes.left(4096));
    if (const auto url = imageServerUrl(text, {QStringLiteral("mirror.lan")})) {
        if (url->scheme() != QLatin1String("https") && !(url->scheme() == QLatin1String("http") && url->host() == QLatin1String("mirror.lan")))
            std::abort();
    }

    // No include is followed: the fuzzer's bytes name no host file.
    hutch::LoadOptions options;
    options.maxIncludeDepth = 0;
    const QMap<QString, QString> vars = {{QStringLiteral("LXC_NAME"), QStringLiteral("fuzz")},
                                         {QStringLiteral("LXC_PATH"), QStringLiteral("/var/lib/hutch")},
                                         {QStringLiteral("LXC_ROOTFS_PATH"), QStringLiteral("/var/lib/hutch/fuzz/rootfs")}};
    QStringList skipped;
    const QByteArray lines = imageConfigLines(bytes, vars, &skipped, options);
    if (hutch::loadConfigBytes(lines, QStringLiteral("kept"), QString(), options).hasErrors()) {
        // Each line loaded alone; together they may still clash (a second
        // value of a single key is not an error), but none may fail to parse.
        for (const QByteArray &line : lines.split('\n'))
            if (!line.isEmpty() && hutch::loadConfigBytes(line + '\n', QStringLiteral("one"), QString(), options).hasErrors())
                std::abort();
    }

    if (const auto paths = imageTemplatePaths(bytes))
        for (const QStringList &parts : *paths)
            if (parts.isEmpty() || parts.contains(QStringLiteral("..")) || parts.contains(QString()))
                std::abort();
    return 0;
}
