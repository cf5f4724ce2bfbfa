// The effective configuration of a container: the entries of its config
// file with includes expanded, legacy names translated, lists cleared by
// empty values and single keys overridden by later ones, in order.
#pragma once

#include "configdocument.h"
#include "error.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hutch {

struct Diagnostic {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    QString file;
    int line = 0;  // 1-based; 0 when the problem is the file itself
    QString message;

    // "file:12: message" or "file:12: warning: message"
    QString toString() const;
};

struct ConfigEntry {
    QString key;         // modern name
    QString value;
    QString writtenKey;  // as it stands in the file
    QString file;
    int line = 0;
};

class Config {
public:
    const QList<ConfigEntry> &entries() const { return m_entries; }

    // The value of a single-valued key, if set.
    std::optional<QString> value(const QString &key) const;
    QString value(const QString &key, const QString &fallback) const;
    // All values of a list key, in order. Space-separated lists such as
    // lxc.cap.drop are not split: each entry is one string.
    QStringList values(const QString &key) const;
    // Entries whose key starts with `prefix` (e.g. "lxc.cgroup2.").
    QList<ConfigEntry> withPrefix(const QString &prefix) const;
    // The indices N of the lxc.net.N.* keys present, sorted.
    QList<int> networkIndices() const;

    // Applies one entry as LXC does: an empty value of a clearing key removes
    // what it clears, a single-valued key replaces its earlier value.
    void apply(const ConfigEntry &entry);

private:
    friend class ConfigBuilder;
    QList<ConfigEntry> m_entries;
};

struct LoadOptions {
    int maxIncludeDepth = 16;
    qint64 maxFileSize = 64 * 1024 * 1024;
    int maxDiagnostics = 500;  // after that, one "N more problems" line
};

struct LoadResult {
    Config config;
    ConfigDocument document;  // the top-level file, for editing
    QList<Diagnostic> diagnostics;

    bool hasErrors() const;
    // The first error as an Error, for callers that stop at one.
    std::optional<Error> firstError() const;
};

// Reads a config file with its includes. Relative include paths are taken
// from the directory of the file that includes them.
LoadResult loadConfigFile(const QString &path, const LoadOptions &options = {});
// The same from bytes already in memory; `fileName` is used in diagnostics
// and `baseDir` resolves relative includes.
LoadResult loadConfigBytes(const QByteArray &bytes, const QString &fileName,
                           const QString &baseDir, const LoadOptions &options = {});

// Rewrites every legacy key of a document to its modern name in place
// (lxc-update-config): lxc.network.* become lxc.net.N.*, removed keys are
// dropped. Returns how many lines changed.
int updateLegacyKeys(ConfigDocument &document);

}  // namespace hutch
