#include "terminalsearch.h"

#include "terminalsession.h"

#include <vector>

namespace {

std::vector<TerminalMatch> matchesInLine(const TerminalSession &session, int lineIndex,
                                         const QString &needle, Qt::CaseSensitivity cs)
{
    std::vector<TerminalMatch> out;
    TerminalLine line;
    session.readLine(lineIndex, line);
    std::vector<int> columnOf;
    const QString text = line.text(&columnOf);
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(needle, from, cs);
        if (at < 0)
            break;
        const qsizetype last = at + needle.size() - 1;
        const int firstColumn = columnOf[size_t(at)];
        const int lastColumn = columnOf[size_t(last)];
        const int lastWidth = line.cells[size_t(lastColumn)].width == 2 ? 2 : 1;
        out.push_back({ lineIndex, firstColumn, lastColumn + lastWidth - firstColumn });
        from = at + 1;
    }
    return out;
}

}  // namespace

namespace TerminalSearch {

TerminalMatch find(const TerminalSession &session, const QString &needle, int line, int column,
                   Direction direction, Qt::CaseSensitivity cs, bool wrap)
{
    const int count = session.lineCount();
    if (needle.isEmpty() || count == 0)
        return {};
    line = qBound(0, line, count - 1);
    const bool forward = direction == Direction::Forward;
    // Step `count` is the start line again, for the part of it not yet seen.
    const int steps = wrap ? count : (forward ? count - line - 1 : line);
    for (int step = 0; step <= steps; ++step) {
        const int offset = forward ? step : -step;
        const int l = ((line + offset) % count + count) % count;
        const std::vector<TerminalMatch> matches = matchesInLine(session, l, needle, cs);
        const bool first = step == 0;
        const bool again = step == count;
        if (forward) {
            for (const TerminalMatch &m : matches) {
                if ((first && m.column < column) || (again && m.column >= column))
                    continue;
                return m;
            }
        } else {
            for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
                if ((first && it->column >= column) || (again && it->column < column))
                    continue;
                return *it;
            }
        }
    }
    return {};
}

int countMatches(const TerminalSession &session, const QString &needle, Qt::CaseSensitivity cs,
                 int limit)
{
    if (needle.isEmpty())
        return 0;
    int n = 0;
    for (int l = 0; l < session.lineCount() && n < limit; ++l)
        n += int(matchesInLine(session, l, needle, cs).size());
    return qMin(n, limit);
}

}  // namespace TerminalSearch
