#include "checkconfig.h"

#include "atomicfile.h"
#include "cgroups_translate.h"
#include "config.h"
#include "keys.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <variant>

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

// A cgroup v1 key (lxc.cgroup.CONTROLLER.FILE with a value, not
// lxc.cgroup.dir and friends).
bool isCgroupV1Setting(const QString &key)
{
    if (!key.startsWith(QLatin1String("lxc.cgroup.")))
        return false;
    const auto info = keys::lookup(key);
    return info && info->type == keys::ValueType::CgroupValue;
}

// LXC 7 removed cgroup v1 and its keys: the lxc.cgroup2 key that means the
// same, through the runtime's own v1/v2 table (runtime/cgroups_translate.h),
// or why there is none.
std::variant<std::pair<QString, QString>, QString> cgroup2Equivalent(const QString &key, const QString &value)
{
    auto v2 = rt::cgroupfs::v1ToV2(key.mid(11).toStdString(), value.trimmed().toStdString());
    if (!v2)
        return QString::fromStdString(v2.error().message);
    return std::pair{QStringLiteral("lxc.cgroup2.") + QString::fromStdString(v2->file), QString::fromStdString(v2->value)};
}

void warnCgroupV1(LoadResult &loaded)
{
    for (const ConfigEntry &e : loaded.config.entries()) {
        if (!isCgroupV1Setting(e.key))
            continue;
        const auto v2 = cgroup2Equivalent(e.key, e.value);
        QString advice;
        if (const auto *kv = std::get_if<std::pair<QString, QString>>(&v2))
            advice = QStringLiteral("use %1 = %2 (--update rewrites it)").arg(kv->first, kv->second);
        else
            advice = QStringLiteral("rewrite it as an lxc.cgroup2 key by hand (%1)").arg(std::get<QString>(v2));
        loaded.diagnostics.append({Diagnostic::Severity::Warning, e.file, e.line,
                                   QStringLiteral("%1 will not work with LXC 7, which has no cgroup v1 and no lxc.cgroup.* keys: %2")
                                       .arg(e.key, advice)});
    }
}

// lxc.cgroup.* lines of the document rewritten as lxc.cgroup2.*, where the
// table has an equivalent; the others are left for the user (warned above).
int updateCgroupV1Keys(ConfigDocument &doc)
{
    int changed = 0;
    for (qsizetype i = 0; i < doc.size(); ++i) {
        const ConfigLine &line = doc.lines()[i];
        const QString key = line.modernKey.isEmpty() ? line.key : line.modernKey;
        if (line.kind != ConfigLine::Kind::Entry || !isCgroupV1Setting(key) || line.value.trimmed().isEmpty())
            continue;
        const auto v2 = cgroup2Equivalent(key, line.value);
        const auto *kv = std::get_if<std::pair<QString, QString>>(&v2);
        if (!kv)
            continue;
        doc.setKeyAt(i, kv->first);
        doc.setValueAt(i, kv->second);
        ++changed;
    }
    return changed;
}

// Rewrites the legacy keys of the top-level file (includes are left alone:
// they are often shared files owned by a package), and its lxc.cgroup.*
// keys as lxc.cgroup2.*. Keeps FILE.bak.
bool update(const QString &path, const LoadResult &loaded)
{
    ConfigDocument doc = loaded.document;
    const int legacy = updateLegacyKeys(doc);
    const int cgroup = updateCgroupV1Keys(doc);
    const int changed = legacy + cgroup;
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
    print(stderr, QStringLiteral("%1: updated %2 legacy key(s) and rewrote %3 lxc.cgroup key(s) as lxc.cgroup2; the old file is %4")
                      .arg(path).arg(legacy).arg(cgroup).arg(backup));
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
    warnCgroupV1(loaded);
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
