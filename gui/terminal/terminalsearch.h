// Search in the scrollback and the screen, line by line (a match does not
// span two lines). Positions are session line indexes (scrollback first,
// then the screen) and cell columns.
#pragma once

#include <QString>
#include <Qt>

class TerminalSession;

struct TerminalMatch
{
    int line = -1;
    int column = 0;  // first cell
    int length = 0;  // in cells
    bool isValid() const { return line >= 0; }
};

namespace TerminalSearch {

enum class Direction { Forward, Backward };

// Forward: the first match starting at or after (line, column). Backward: the
// last match starting before (line, column). Wraps around the whole buffer
// once when `wrap` is set. An empty needle matches nothing.
TerminalMatch find(const TerminalSession &session, const QString &needle, int line, int column,
                   Direction direction, Qt::CaseSensitivity cs = Qt::CaseInsensitive,
                   bool wrap = true);

// Every match, in order (for highlighting; `limit` bounds the work).
int countMatches(const TerminalSession &session, const QString &needle,
                 Qt::CaseSensitivity cs = Qt::CaseInsensitive, int limit = 10000);

}  // namespace TerminalSearch
