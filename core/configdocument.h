// One configuration file, kept line by line so that writing it back is
// lossless: a document read and written unchanged is byte-identical, and an
// edit touches only the lines it must (comments, blank lines, spacing and
// order stay).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hutch {

struct ConfigLine {
    enum class Kind {
        Blank,
        Comment,
        Entry,    // key = value
        Invalid,  // starts with "lxc." but has no '='
        Foreign,  // does not start with "lxc.": LXC ignores such lines
    };
    Kind kind = Kind::Blank;
    QByteArray raw;        // the line's bytes, without its terminator
    QByteArray eol;        // "\n", "\r\n", or empty on a last line without one
    QString key;           // as written (may be a legacy name)
    QString modernKey;     // the key translated (keys::KeyTranslator), or empty
    QString value;         // trimmed, one pair of matching quotes removed
    qsizetype keyBegin = 0, keyEnd = 0;      // byte range of the key in raw
    qsizetype valueBegin = 0, valueEnd = 0;  // byte range of the value, quotes included
};

class ConfigDocument {
public:
    ConfigDocument() = default;
    // Never fails: every byte sequence is a document; problems in it are
    // reported by the loader (config.h), which knows the keys.
    static ConfigDocument fromBytes(const QByteArray &bytes);
    QByteArray toBytes() const;

    const QList<ConfigLine> &lines() const { return m_lines; }
    qsizetype size() const { return m_lines.size(); }

    // Index of the last Entry line whose key, translated to its modern name,
    // is `key` (a legacy line counts for its modern key), or -1.
    qsizetype lastIndexOf(const QString &key) const;

    // Replaces the value of line `index` (an Entry), keeping its key and the
    // spacing around '='.
    void setValueAt(qsizetype index, const QString &value);
    // Replaces the key of line `index`, keeping the rest of the line.
    void setKeyAt(qsizetype index, const QString &key);
    void removeAt(qsizetype index);
    // Inserts "key = value" before line `index` (size() appends).
    void insertAt(qsizetype index, const QString &key, const QString &value);

    // Sets a single-valued key: replaces the value of its last occurrence, or
    // appends a new line after the last line of the same group (lxc.net.0.*
    // next to lxc.net.0.*), or at the end.
    void set(const QString &key, const QString &value);
    // Adds one more value of a list key, after its last occurrence (or group).
    void append(const QString &key, const QString &value);
    // Removes every line of `key`; returns how many.
    int remove(const QString &key);

    // How a value is written: quoted when it has surrounding blanks or
    // starts with a quote, so that reading it back gives the same value.
    static QByteArray encodeValue(const QString &value);

private:
    void retranslate();
    qsizetype insertionPointFor(const QString &key) const;

    QList<ConfigLine> m_lines;
};

}  // namespace hutch
