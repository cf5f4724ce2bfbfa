#include "terminalselection.h"

#include "terminalsession.h"

#include <climits>

namespace {

constexpr int wholeLine = INT_MAX / 2;

bool isWordChar(const TerminalCell &cell)
{
    if (cell.ch == 0)
        return false;
    if (cell.ch > 0x7f)
        return true;  // letters of other scripts, CJK
    const QChar c(char16_t(cell.ch));
    return c.isLetterOrNumber() || QStringView(u"-_.~/:@+%#?&=").contains(c);
}

// Index into a session line for a stable line number, -1 if it has gone.
int indexOf(const TerminalSession &session, qint64 line)
{
    const qint64 index = line - session.history().dropped();
    return index >= 0 && index < session.lineCount() ? int(index) : -1;
}

}  // namespace

void TerminalSelection::clear()
{
    m_anchor = m_extent = m_start = m_end = TerminalPosition();
}

void TerminalSelection::begin(const TerminalSession &session, TerminalPosition at, Mode mode)
{
    m_mode = mode;
    m_anchor = m_extent = at;
    recompute(session);
}

void TerminalSelection::extend(const TerminalSession &session, TerminalPosition to)
{
    m_extent = to;
    recompute(session);
}

void TerminalSelection::selectAll(const TerminalSession &session)
{
    m_mode = Mode::Line;
    m_anchor = { session.history().dropped(), 0 };
    m_extent = { session.history().dropped() + session.lineCount() - 1, 0 };
    recompute(session);
}

std::pair<int, int> TerminalSelection::wordAt(const TerminalLine &line, int column)
{
    if (column < 0 || column >= line.size())
        return { column, column + 1 };
    // The second half of a wide character belongs to its first half.
    while (column > 0 && line.cells[size_t(column)].width == 0)
        --column;
    const TerminalCell &here = line.cells[size_t(column)];
    if (!isWordChar(here))
        return { column, column + (here.width == 2 ? 2 : 1) };
    int first = column;
    while (first > 0) {
        int prev = first - 1;
        while (prev > 0 && line.cells[size_t(prev)].width == 0)
            --prev;
        if (!isWordChar(line.cells[size_t(prev)]))
            break;
        first = prev;
    }
    int last = column + 1;
    while (last < line.size() && (line.cells[size_t(last)].width == 0 || isWordChar(line.cells[size_t(last)])))
        ++last;
    return { first, last };
}

void TerminalSelection::recompute(const TerminalSession &session)
{
    TerminalPosition a = m_anchor;
    TerminalPosition b = m_extent;
    if (b < a)
        std::swap(a, b);
    switch (m_mode) {
    case Mode::Character:
        m_start = a;
        m_end = b;
        break;
    case Mode::Word: {
        TerminalLine line;
        m_start = a;
        m_end = b;
        if (const int i = indexOf(session, a.line); i >= 0) {
            session.readLine(i, line);
            m_start.column = wordAt(line, a.column).first;
        }
        if (const int i = indexOf(session, b.line); i >= 0) {
            session.readLine(i, line);
            m_end.column = wordAt(line, b.column).second;
        }
        break;
    }
    case Mode::Line:
        m_start = { a.line, 0 };
        m_end = { b.line, wholeLine };
        break;
    }
}

bool TerminalSelection::contains(qint64 line, int column) const
{
    const auto [first, end] = columnsOn(line, wholeLine);
    return column >= first && column < end;
}

std::pair<int, int> TerminalSelection::columnsOn(qint64 line, int columns) const
{
    if (isEmpty() || line < m_start.line || line > m_end.line)
        return { 0, 0 };
    const int first = line == m_start.line ? m_start.column : 0;
    const int end = line == m_end.line ? m_end.column : wholeLine;
    return { qMin(first, columns), qMin(end, columns) };
}

QString TerminalSelection::text(const TerminalSession &session) const
{
    if (isEmpty())
        return {};
    QStringList lines;
    TerminalLine line;
    for (qint64 l = m_start.line; l <= m_end.line; ++l) {
        const int index = indexOf(session, l);
        if (index < 0)
            continue;
        session.readLine(index, line);
        const auto [first, end] = columnsOn(l, wholeLine);
        lines << line.text(first, end);
    }
    return lines.join(QLatin1Char('\n'));
}
