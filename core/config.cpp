#include "config.h"

#include "keys.h"
#include "values.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>

namespace hutch {

QString Diagnostic::toString() const
{
    QString where = file;
    if (line > 0)
        where += QLatin1Char(':') + QString::number(line);
    return where + (severity == Severity::Warning ? QStringLiteral(": warning: ") : QStringLiteral(": "))
           + message;
}

bool LoadResult::hasErrors() const
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

std::optional<Error> LoadResult::firstError() const
{
    for (const Diagnostic &d : diagnostics)
        if (d.severity == Diagnostic::Severity::Error)
            return Error::invalid(d.toString());
    return std::nullopt;
}

// ---- Config ----------------------------------------------------------------

std::optional<QString> Config::value(const QString &key) const
{
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i)
        if (m_entries[i].key == key)
            return m_entries[i].value;
    return std::nullopt;
}

QString Config::value(const QString &key, const QString &fallback) const
{
    return value(key).value_or(fallback);
}

QStringList Config::values(const QString &key) const
{
    QStringList out;
    for (const ConfigEntry &e : m_entries)
        if (e.key == key)
            out << e.value;
    return out;
}

QList<ConfigEntry> Config::withPrefix(const QString &prefix) const
{
    QList<ConfigEntry> out;
    for (const ConfigEntry &e : m_entries)
        if (e.key.startsWith(prefix))
            out << e;
    return out;
}

QList<int> Config::networkIndices() const
{
    QList<int> out;
    for (const ConfigEntry &e : m_entries) {
        if (!e.key.startsWith(QLatin1String("lxc.net.")))
            continue;
        const int n = e.key.section(QLatin1Char('.'), 2, 2).toInt();
        if (!out.contains(n))
            out << n;
    }
    std::sort(out.begin(), out.end());
    return out;
}

void Config::apply(const ConfigEntry &entry)
{
    const auto info = keys::lookup(entry.key);
    const bool list = info && info->multiplicity == keys::Multiplicity::List;
    if (entry.value.isEmpty()) {
        // Empty: clears the list or group, or unsets a single key.
        m_entries.removeIf([&](const ConfigEntry &e) { return keys::clearedBy(e.key, entry.key); });
        return;
    }
    if (!list)
        m_entries.removeIf([&](const ConfigEntry &e) { return e.key == entry.key; });
    m_entries.append(entry);
}

// ---- Building the effective config ------------------------------------------

// Applies entries as Config::apply does, in time linear in the input: a
// 100,000-line config must not cost 100,000 scans. Entries are appended and
// marked dead when cleared or overridden; each is indexed under every
// prefix of its key so that a clear finds what it removes directly.
class ConfigBuilder {
public:
    void apply(ConfigEntry entry)
    {
        const auto info = keys::lookup(entry.key);
        const bool list = info && info->multiplicity == keys::Multiplicity::List;
        if (entry.value.isEmpty()) {
            clear(entry.key);
            return;
        }
        if (!list) {
            const auto it = m_single.constFind(entry.key);
            if (it != m_single.constEnd())
                m_dead[*it] = true;
        }
        const qsizetype index = m_entries.size();
        if (!list)
            m_single.insert(entry.key, index);
        QString prefix = entry.key;
        while (true) {
            m_byPrefix[prefix].append(index);
            const qsizetype dot = prefix.lastIndexOf(QLatin1Char('.'));
            if (dot <= 3)  // stop at "lxc"
                break;
            prefix.truncate(dot);
        }
        m_entries.append(std::move(entry));
        m_dead.append(false);
    }

    Config finish()
    {
        Config config;
        for (qsizetype i = 0; i < m_entries.size(); ++i)
            if (!m_dead[i])
                config.m_entries.append(std::move(m_entries[i]));
        return config;
    }

private:
    void clear(const QString &key)
    {
        const auto it = m_byPrefix.find(key);
        if (it == m_byPrefix.end())
            return;
        QList<qsizetype> kept;
        for (qsizetype i : *it) {
            if (m_dead[i])
                continue;
            if (keys::clearedBy(m_entries[i].key, key)) {
                m_dead[i] = true;
                m_single.remove(m_entries[i].key);
            } else {
                kept.append(i);
            }
        }
        *it = kept;
    }

    QList<ConfigEntry> m_entries;
    QList<bool> m_dead;
    QHash<QString, qsizetype> m_single;
    QHash<QString, QList<qsizetype>> m_byPrefix;
};

namespace {

class Loader {
public:
    explicit Loader(const LoadOptions &options) : m_options(options) {}

    void loadBytes(const QByteArray &bytes, const QString &fileName, const QString &baseDir,
                   int depth, ConfigDocument *keep)
    {
        ConfigDocument doc = ConfigDocument::fromBytes(bytes);
        int lineNo = 0;
        for (const ConfigLine &line : doc.lines()) {
            ++lineNo;
            if (m_stopped)
                return;
            readLine(line, fileName, lineNo, baseDir, depth);
        }
        if (keep)
            *keep = std::move(doc);
    }

    void loadFile(const QString &path, const QString &displayName, int depth, ConfigDocument *keep)
    {
        const QFileInfo info(path);
        if (!info.exists()) {
            report(Diagnostic::Severity::Error, displayName, 0, QStringLiteral("no such file"));
            return;
        }
        if (info.isDir()) {
            report(Diagnostic::Severity::Error, displayName, 0, QStringLiteral("is a directory, not a config file"));
            return;
        }
        if (info.size() > m_options.maxFileSize) {
            report(Diagnostic::Severity::Error, displayName, 0,
                   QStringLiteral("file is too large (%1 bytes; the limit is %2)")
                       .arg(info.size())
                       .arg(m_options.maxFileSize));
            return;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report(Diagnostic::Severity::Error, displayName, 0,
                   QStringLiteral("cannot read: %1").arg(file.errorString()));
            return;
        }
        // Read at most one byte past the limit: the file may grow after stat.
        // In pieces of about the size stat gave: QIODevice::read(N) first
        // allocates N bytes, and the whole limit for every file cost an
        // mmap and munmap per config (a listing reads hundreds).
        QByteArray bytes;
        for (;;) {
            const qint64 room = m_options.maxFileSize + 1 - bytes.size();
            const QByteArray part = file.read(std::min<qint64>(room, std::max<qint64>(info.size() + 1 - bytes.size(), 4096)));
            if (part.isEmpty())
                break;
            bytes += part;
            if (bytes.size() > m_options.maxFileSize)
                break;
        }
        if (bytes.size() > m_options.maxFileSize) {
            report(Diagnostic::Severity::Error, displayName, 0, QStringLiteral("file is too large"));
            return;
        }
        const QString canonical = info.canonicalFilePath();
        m_stack.append(canonical);
        loadBytes(bytes, displayName, info.absolutePath(), depth, keep);
        m_stack.removeLast();
    }

    Config finish() { return m_builder.finish(); }
    QList<Diagnostic> takeDiagnostics()
    {
        if (m_suppressed > 0)
            m_diagnostics.append({Diagnostic::Severity::Error, m_lastFile, 0,
                                  QStringLiteral("%1 more problems not shown").arg(m_suppressed)});
        return std::move(m_diagnostics);
    }

    void pushTopLevel(const QString &canonical) { m_stack.append(canonical); }

private:
    void report(Diagnostic::Severity severity, const QString &file, int line, const QString &message)
    {
        m_lastFile = file;
        if (m_diagnostics.size() >= m_options.maxDiagnostics) {
            ++m_suppressed;
            return;
        }
        m_diagnostics.append({severity, file, line, message});
    }

    void readLine(const ConfigLine &line, const QString &file, int lineNo, const QString &baseDir, int depth)
    {
        using Kind = ConfigLine::Kind;
        constexpr auto Error = Diagnostic::Severity::Error;
        constexpr auto Warning = Diagnostic::Severity::Warning;
        switch (line.kind) {
        case Kind::Blank:
        case Kind::Comment:
            return;
        case Kind::Foreign:
            report(Warning, file, lineNo, QStringLiteral("line ignored: it is not an \"lxc.\" key"));
            return;
        case Kind::Invalid:
            report(Error, file, lineNo, QStringLiteral("\"%1\" has no '=' and value").arg(shorten(line.key)));
            return;
        case Kind::Entry:
            break;
        }
        if (line.raw.contains('\0')) {
            report(Error, file, lineNo, QStringLiteral("line contains a NUL byte"));
            return;
        }
        if (QString::fromUtf8(line.raw).toUtf8() != line.raw) {
            report(Error, file, lineNo, QStringLiteral("line is not valid UTF-8"));
            return;
        }
        const keys::KeyTranslator::Outcome t = m_translator.translate(line.key);
        if (!t.error.isEmpty()) {
            report(Error, file, lineNo, t.error);
            return;
        }
        if (t.removed) {
            report(Warning, file, lineNo,
                   QStringLiteral("\"%1\" is no longer used by LXC and is ignored").arg(line.key));
            return;
        }
        const auto info = keys::lookup(t.modern);
        if (!info) {
            // Suggestions cost an edit distance against every key: only for
            // problems that will be shown.
            if (m_diagnostics.size() >= m_options.maxDiagnostics) {
                report(Error, file, lineNo, QString());
                return;
            }
            QString message = QStringLiteral("unknown key \"%1\"").arg(shorten(line.key));
            if (const auto s = keys::suggest(line.key))
                message += QStringLiteral(" (did you mean \"%1\"?)").arg(*s);
            report(Error, file, lineNo, message);
            return;
        }
        if (t.legacy)
            report(Warning, file, lineNo,
                   QStringLiteral("legacy key \"%1\", now \"%2\" (hutchctl check-config --update rewrites it)")
                       .arg(line.key, t.modern));
        if (auto err = keys::validateValue(t.modern, *info, line.value)) {
            report(Error, file, lineNo, QStringLiteral("%1: %2").arg(line.key, shorten(err->message)));
            return;
        }
        if (t.modern == QLatin1String("lxc.include")) {
            if (!line.value.isEmpty())
                include(line.value, file, lineNo, baseDir, depth);
            return;
        }
        m_builder.apply({t.modern, line.value, line.key, file, lineNo});
    }

    void include(const QString &value, const QString &file, int lineNo, const QString &baseDir, int depth)
    {
        if (depth + 1 > m_options.maxIncludeDepth) {
            report(Diagnostic::Severity::Error, file, lineNo,
                   QStringLiteral("lxc.include: includes nested deeper than %1 levels").arg(m_options.maxIncludeDepth));
            m_stopped = true;  // each level above would report it again
            return;
        }
        const QString path = QDir(baseDir).absoluteFilePath(value);
        const QFileInfo info(path);
        if (!info.exists()) {
            report(Diagnostic::Severity::Error, file, lineNo,
                   QStringLiteral("lxc.include: \"%1\" does not exist").arg(value));
            return;
        }
        QStringList files;
        if (info.isDir()) {
            // A directory: its *.conf files, in name order (LXC reads them in
            // directory order; sorting makes the result the same everywhere).
            const QDir dir(path);
            for (const QString &name : dir.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else {
            files << path;
        }
        for (const QString &f : files) {
            const QString canonical = QFileInfo(f).canonicalFilePath();
            if (m_stack.contains(canonical)) {
                report(Diagnostic::Severity::Error, file, lineNo,
                       QStringLiteral("lxc.include: \"%1\" includes itself (through %2)")
                           .arg(f, m_stack.join(QStringLiteral(" -> "))));
                continue;
            }
            loadFile(f, f, depth + 1, nullptr);
        }
    }

    static QString shorten(const QString &s)
    {
        return s.size() > 120 ? s.left(100) + QStringLiteral("... (%1 characters)").arg(s.size()) : s;
    }

    LoadOptions m_options;
    ConfigBuilder m_builder;
    keys::KeyTranslator m_translator;
    QList<Diagnostic> m_diagnostics;
    QStringList m_stack;  // canonical paths of the files being read
    QString m_lastFile;
    int m_suppressed = 0;
    bool m_stopped = false;
};

}  // namespace

LoadResult loadConfigFile(const QString &path, const LoadOptions &options)
{
    Loader loader(options);
    LoadResult result;
    loader.loadFile(path, path, 0, &result.document);
    result.config = loader.finish();
    result.diagnostics = loader.takeDiagnostics();
    return result;
}

LoadResult loadConfigBytes(const QByteArray &bytes, const QString &fileName, const QString &baseDir,
                           const LoadOptions &options)
{
    Loader loader(options);
    LoadResult result;
    loader.pushTopLevel(QFileInfo(QDir(baseDir).absoluteFilePath(fileName)).canonicalFilePath());
    loader.loadBytes(bytes, fileName, baseDir, 0, &result.document);
    result.config = loader.finish();
    result.diagnostics = loader.takeDiagnostics();
    return result;
}

int updateLegacyKeys(ConfigDocument &document)
{
    int changed = 0;
    // Removing lines shifts indices: walk backwards. The modern key of each
    // line was computed in file order when the document was read.
    for (qsizetype i = document.size() - 1; i >= 0; --i) {
        const ConfigLine &line = document.lines()[i];
        if (line.kind != ConfigLine::Kind::Entry)
            continue;
        const auto legacy = keys::translateLegacy(line.key);
        if (!legacy)
            continue;
        if (legacy->kind == keys::LegacyTranslation::Kind::Removed) {
            document.removeAt(i);
        } else if (!line.modernKey.isEmpty()) {
            document.setKeyAt(i, line.modernKey);
        } else {
            continue;  // an orphan lxc.network.X: left for the user to see
        }
        ++changed;
    }
    return changed;
}

}  // namespace hutch
