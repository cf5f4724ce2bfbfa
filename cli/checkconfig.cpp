#include "checkconfig.h"

#include "atomicfile.h"
#include "config.h"
#include "keys.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace hutch::cli {

namespace {

void print(FILE *to, const QString &text)
{
    const QByteArray b = text.toLocal8Bit();
    std::fwrite(b.constData(), 1, size_t(b.size()), to);
    std::fputc('\n', to);
}

QJsonObject toJson(const QString &path, const LoadResult &loaded)
{
    QJsonArray entries;
    for (const ConfigEntry &e : loaded.config.entries()) {
        QJsonObject o{{QStringLiteral("key"), e.key},
                      {QStringLiteral("value"), e.value},
                      {QStringLiteral("file"), e.file},
                      {QStringLiteral("line"), e.line}};
        if (e.writtenKey != e.key)
            o.insert(QStringLiteral("writtenKey"), e.writtenKey);
        entries.append(o);
    }
    QJsonArray diagnostics;
    for (const Diagnostic &d : loaded.diagnostics)
        diagnostics.append(QJsonObject{
            {QStringLiteral("severity"),
             d.severity == Diagnostic::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
            {QStringLiteral("file"), d.file},
            {QStringLiteral("line"), d.line},
            {QStringLiteral("message"), d.message}});
    return {{QStringLiteral("file"), path},
            {QStringLiteral("valid"), !loaded.hasErrors()},
            {QStringLiteral("entries"), entries},
            {QStringLiteral("diagnostics"), diagnostics}};
}

// Rewrites the legacy keys of the top-level file (includes are left alone:
// they are often shared files owned by a package). Keeps FILE.bak.
bool update(const QString &path, const LoadResult &loaded)
{
    ConfigDocument doc = loaded.document;
    const int changed = updateLegacyKeys(doc);
    if (changed == 0) {
        print(stderr, QStringLiteral("%1: no legacy keys to update").arg(path));
        return true;
    }
    QFile original(path);
    if (!original.open(QIODevice::ReadOnly)) {
        print(stderr, QStringLiteral("%1: cannot read: %2").arg(path, original.errorString()));
        return false;
    }
    const QByteArray before = original.readAll();
    const QString backup = path + QStringLiteral(".bak");
    const mode_t mode = 0600;  // the backup is private: a config may hold secrets
    if (auto err = writeFileAtomically(backup, before, mode)) {
        print(stderr, QStringLiteral("%1: backup not written, nothing changed: %2").arg(path, err->message));
        return false;
    }
    if (auto err = writeFileAtomically(path, doc.toBytes())) {
        print(stderr, QStringLiteral("%1: %2").arg(path, err->message));
        return false;
    }
    print(stderr, QStringLiteral("%1: updated %2 legacy key(s); the old file is %3").arg(path).arg(changed).arg(backup));
    return true;
}

}  // namespace

int checkConfig(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks an LXC container config: prints FILE:LINE: message for every problem and exits 1 if there are errors."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("the config file"));
    const QCommandLineOption updateOpt(QStringLiteral("update"),
                                       QStringLiteral("Rewrite legacy keys to their modern names in place, keeping FILE.bak."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("Print the effective configuration as JSON."));
    parser.addOption(updateOpt);
    parser.addOption(jsonOpt);
    if (!parser.parse(args)) {
        print(stderr, QStringLiteral("hutchctl check-config: %1").arg(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        print(stdout, parser.helpText());
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        print(stderr, QStringLiteral("usage: hutchctl check-config FILE [--update] [--json]"));
        return 2;
    }
    const QString path = parser.positionalArguments().front();
    LoadResult loaded = loadConfigFile(path);
    // Keys Hutch's runtime cannot apply: such a container does not start.
    for (const ConfigEntry &e : loaded.config.entries())
        if (const auto why = keys::runtimeRefusal(e.key, e.value))
            loaded.diagnostics.append({Diagnostic::Severity::Warning, e.file, e.line,
                                       *why + QStringLiteral(" (Hutch will not start this container)")});
    for (const Diagnostic &d : loaded.diagnostics)
        print(stderr, d.toString());
    if (parser.isSet(jsonOpt))
        print(stdout, QString::fromUtf8(QJsonDocument(toJson(path, loaded)).toJson(QJsonDocument::Indented)));
    bool ok = !loaded.hasErrors();
    if (parser.isSet(updateOpt)) {
        // An unreadable file has no document worth writing back.
        if (loaded.document.size() == 0 && !QFileInfo(path).isFile())
            ok = false;
        else if (!update(path, loaded))
            ok = false;
    }
    return ok ? 0 : 1;
}

}  // namespace hutch::cli
