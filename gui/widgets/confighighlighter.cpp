#include "confighighlighter.h"

#include "keys.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextDocument>

using namespace hutch;

ConfigHighlighter::ConfigHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setupFormats();
}

void ConfigHighlighter::setupFormats()
{
    // Colours chosen for the palette's lightness, so that a dark theme gets
    // light tones instead of dark blue on black.
    const QPalette palette = QGuiApplication::palette();
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    auto colour = [dark](const char *light, const char *onDark) { return QColor(QLatin1String(dark ? onDark : light)); };

    QTextCharFormat comment;
    comment.setForeground(colour("#6a737d", "#9aa4ae"));
    comment.setFontItalic(true);
    QTextCharFormat key;
    key.setForeground(colour("#1f5fbf", "#8ab4f8"));
    key.setFontWeight(QFont::DemiBold);
    QTextCharFormat legacy = key;
    legacy.setFontItalic(true);
    QTextCharFormat unknown;
    unknown.setForeground(colour("#c62828", "#f28b82"));
    unknown.setFontWeight(QFont::DemiBold);
    QTextCharFormat equals;
    equals.setForeground(colour("#6a737d", "#9aa4ae"));
    QTextCharFormat value;
    value.setForeground(colour("#2e7d32", "#81c995"));
    QTextCharFormat invalid;
    invalid.setForeground(colour("#c62828", "#f28b82"));
    QTextCharFormat foreign = comment;

    m_formats.insert(int(Part::Comment), comment);
    m_formats.insert(int(Part::Key), key);
    m_formats.insert(int(Part::LegacyKey), legacy);
    m_formats.insert(int(Part::UnknownKey), unknown);
    m_formats.insert(int(Part::Equals), equals);
    m_formats.insert(int(Part::Value), value);
    m_formats.insert(int(Part::InvalidLine), invalid);
    m_formats.insert(int(Part::ForeignLine), foreign);
}

QTextCharFormat ConfigHighlighter::formatFor(Part part) const
{
    return m_formats.value(int(part));
}

ConfigHighlighter::Part ConfigHighlighter::classifyKey(const QString &key)
{
    if (keys::lookup(key))
        return Part::Key;
    if (keys::translateLegacy(key))
        return Part::LegacyKey;
    return Part::UnknownKey;
}

void ConfigHighlighter::setProblems(const QHash<int, Problem> &problems)
{
    if (problems.isEmpty() && m_problems.isEmpty())
        return;
    m_problems = problems;
    rehighlight();
}

void ConfigHighlighter::highlightBlock(const QString &text)
{
    const auto problem = m_problems.constFind(currentBlock().blockNumber() + 1);
    const bool marked = problem != m_problems.constEnd();
    // Every part of a marked line gets the wavy underline, on top of its
    // syntax colour, so that the whole line reads as "look here".
    auto put = [&](int start, int length, QTextCharFormat format) {
        if (length <= 0)
            return;
        if (marked) {
            format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            format.setUnderlineColor(problem->error ? QColor(0xd0, 0x3a, 0x2f) : QColor(0xe0, 0x9b, 0x1a));
            format.setToolTip(problem->message);
        }
        setFormat(start, length, format);
    };
    put(0, int(text.size()), QTextCharFormat());

    int first = 0;
    while (first < text.size() && text.at(first).isSpace())
        ++first;
    if (first == text.size())
        return;
    if (text.at(first) == QLatin1Char('#')) {
        put(first, int(text.size()) - first, formatFor(Part::Comment));
        return;
    }
    const int eq = int(text.indexOf(QLatin1Char('='), first));
    const QString head = (eq < 0 ? text.mid(first) : text.mid(first, eq - first)).trimmed();
    if (!head.startsWith(QLatin1String("lxc."))) {
        // LXC skips lines that are not lxc.* keys; shown as it treats them.
        put(first, int(text.size()) - first, formatFor(Part::ForeignLine));
        return;
    }
    if (eq < 0) {
        put(first, int(text.size()) - first, formatFor(Part::InvalidLine));
        return;
    }
    put(first, int(head.size()), formatFor(classifyKey(head)));
    put(eq, 1, formatFor(Part::Equals));
    int valueStart = eq + 1;
    while (valueStart < text.size() && text.at(valueStart).isSpace())
        ++valueStart;
    put(valueStart, int(text.size()) - valueStart, formatFor(Part::Value));
}
