#include "configdocument.h"

#include "keys.h"

namespace hutch {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// Splits one line as LXC's parse_line does: blanks (space, tab) trimmed
// around key and value, '#' first means a comment, lines not starting with
// "lxc." are ignored by LXC, one pair of matching quotes around the value
// is removed.
ConfigLine parseLine(QByteArray raw, QByteArray eol)
{
    ConfigLine line;
    line.raw = std::move(raw);
    line.eol = std::move(eol);
    const QByteArray &r = line.raw;
    qsizetype i = 0;
    while (i < r.size() && (isBlank(r[i]) || r[i] == '\r' || r[i] == '\f' || r[i] == '\v'))
        ++i;
    if (i == r.size()) {
        line.kind = ConfigLine::Kind::Blank;
        return line;
    }
    if (r[i] == '#') {
        line.kind = ConfigLine::Kind::Comment;
        return line;
    }
    if (!QByteArrayView(r).sliced(i).startsWith("lxc.")) {
        line.kind = ConfigLine::Kind::Foreign;
        return line;
    }
    const qsizetype eq = r.indexOf('=', i);
    if (eq < 0) {
        line.kind = ConfigLine::Kind::Invalid;
        line.keyBegin = i;
        line.keyEnd = r.size();
        while (line.keyEnd > i && isBlank(r[line.keyEnd - 1]))
            --line.keyEnd;
        line.key = QString::fromUtf8(r.mid(i, line.keyEnd - i));
        return line;
    }
    line.kind = ConfigLine::Kind::Entry;
    line.keyBegin = i;
    line.keyEnd = eq;
    while (line.keyEnd > i && isBlank(r[line.keyEnd - 1]))
        --line.keyEnd;
    qsizetype vb = eq + 1;
    while (vb < r.size() && isBlank(r[vb]))
        ++vb;
    qsizetype ve = r.size();
    while (ve > vb && (isBlank(r[ve - 1]) || r[ve - 1] == '\r'))
        --ve;
    line.valueBegin = vb;
    line.valueEnd = ve;
    line.key = QString::fromUtf8(r.mid(i, line.keyEnd - i));
    qsizetype b = vb, e = ve;
    if (e - b > 1 && (r[b] == '"' || r[b] == '\'') && r[e - 1] == r[b]) {
        ++b;
        --e;
    }
    line.value = QString::fromUtf8(r.mid(b, e - b));
    return line;
}

}  // namespace

ConfigDocument ConfigDocument::fromBytes(const QByteArray &bytes)
{
    ConfigDocument doc;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype nl = bytes.indexOf('\n', start);
        QByteArray eol;
        qsizetype end;
        if (nl < 0) {
            end = bytes.size();
            nl = bytes.size() - 1;
        } else if (nl > start && bytes[nl - 1] == '\r') {
            end = nl - 1;
            eol = "\r\n";
        } else {
            end = nl;
            eol = "\n";
        }
        doc.m_lines.append(parseLine(bytes.mid(start, end - start), std::move(eol)));
        start = nl + 1;
    }
    doc.retranslate();
    return doc;
}

QByteArray ConfigDocument::toBytes() const
{
    qsizetype size = 0;
    for (const ConfigLine &l : m_lines)
        size += l.raw.size() + l.eol.size();
    QByteArray out;
    out.reserve(size);
    for (const ConfigLine &l : m_lines) {
        out += l.raw;
        out += l.eol;
    }
    return out;
}

void ConfigDocument::retranslate()
{
    keys::KeyTranslator translator;
    for (ConfigLine &l : m_lines)
        l.modernKey = l.kind == ConfigLine::Kind::Entry ? translator.translate(l.key).modern : QString();
}

qsizetype ConfigDocument::lastIndexOf(const QString &key) const
{
    for (qsizetype i = m_lines.size() - 1; i >= 0; --i)
        if (m_lines[i].kind == ConfigLine::Kind::Entry && m_lines[i].modernKey == key)
            return i;
    return -1;
}

QByteArray ConfigDocument::encodeValue(const QString &value)
{
    const QByteArray v = value.toUtf8();
    if (v.isEmpty())
        return v;
    const bool padded = isBlank(v.front()) || isBlank(v.back());
    const bool quoteLike = v.front() == '"' || v.front() == '\'';
    if (!padded && !quoteLike)
        return v;
    // LXC removes exactly one pair of matching quotes and knows no escapes,
    // so pick the quote that makes the outer pair unambiguous.
    const char q = v.front() == '"' ? '\'' : '"';
    return q + v + q;
}

void ConfigDocument::setValueAt(qsizetype index, const QString &value)
{
    ConfigLine &l = m_lines[index];
    Q_ASSERT(l.kind == ConfigLine::Kind::Entry);
    QByteArray encoded = encodeValue(value);
    // "key =" had nothing after '=': keep the usual "key = value" spacing.
    if (l.valueBegin == l.raw.size() && l.raw.endsWith('=') && !encoded.isEmpty())
        encoded.prepend(' ');
    QByteArray raw = l.raw;
    raw.replace(l.valueBegin, l.valueEnd - l.valueBegin, encoded);
    l = parseLine(raw, l.eol);
    retranslate();
}

void ConfigDocument::setKeyAt(qsizetype index, const QString &key)
{
    ConfigLine &l = m_lines[index];
    QByteArray raw = l.raw;
    raw.replace(l.keyBegin, l.keyEnd - l.keyBegin, key.toUtf8());
    l = parseLine(raw, l.eol);
    retranslate();
}

void ConfigDocument::removeAt(qsizetype index)
{
    // The last line may lack a terminator; the one before it then loses its own.
    const bool last = index == m_lines.size() - 1;
    const QByteArray eol = m_lines[index].eol;
    m_lines.removeAt(index);
    if (last && eol.isEmpty() && !m_lines.isEmpty())
        m_lines.last().eol.clear();
    retranslate();
}

void ConfigDocument::insertAt(qsizetype index, const QString &key, const QString &value)
{
    QByteArray eol = "\n";
    if (!m_lines.isEmpty()) {
        const ConfigLine &neighbour = m_lines[std::min(index, m_lines.size() - 1)];
        if (neighbour.eol == "\r\n")
            eol = "\r\n";
    }
    if (index == m_lines.size() && !m_lines.isEmpty() && m_lines.last().eol.isEmpty()) {
        // Appending after a last line without terminator: it gets one, the
        // new last line goes without, as the file was.
        m_lines.last().eol = eol;
        eol.clear();
    }
    QByteArray raw = key.toUtf8() + " = " + encodeValue(value);
    if (value.isEmpty())
        raw = key.toUtf8() + " =";
    m_lines.insert(index, parseLine(raw, eol));
    retranslate();
}

qsizetype ConfigDocument::insertionPointFor(const QString &key) const
{
    const qsizetype same = lastIndexOf(key);
    if (same >= 0)
        return same + 1;
    // Same group: the key without its last segment ("lxc.net.0.", "lxc.cgroup2.memory.").
    QString group = key.left(key.lastIndexOf(QLatin1Char('.')) + 1);
    while (group.count(QLatin1Char('.')) >= 2) {
        for (qsizetype i = m_lines.size() - 1; i >= 0; --i)
            if (m_lines[i].kind == ConfigLine::Kind::Entry && m_lines[i].modernKey.startsWith(group))
                return i + 1;
        group = group.left(group.lastIndexOf(QLatin1Char('.'), group.size() - 2) + 1);
    }
    return m_lines.size();
}

void ConfigDocument::set(const QString &key, const QString &value)
{
    const qsizetype i = lastIndexOf(key);
    if (i >= 0)
        setValueAt(i, value);
    else
        insertAt(insertionPointFor(key), key, value);
}

void ConfigDocument::append(const QString &key, const QString &value)
{
    insertAt(insertionPointFor(key), key, value);
}

int ConfigDocument::remove(const QString &key)
{
    int removed = 0;
    for (qsizetype i = lastIndexOf(key); i >= 0; i = lastIndexOf(key)) {
        removeAt(i);
        ++removed;
    }
    return removed;
}

}  // namespace hutch
