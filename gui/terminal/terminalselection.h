// The selection: by character (drag), word (double-click) or line
// (triple-click). Positions use stable line numbers, history().dropped() plus
// the session line index, so that a selection stays on its text while output
// scrolls it up into the scrollback.
#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>

class TerminalSession;
struct TerminalLine;

struct TerminalPosition
{
    qint64 line = 0;
    // For Character mode a boundary between cells (0..columns); for Word and
    // Line mode the cell under the pointer.
    int column = 0;

    bool operator==(const TerminalPosition &o) const { return line == o.line && column == o.column; }
    bool operator<(const TerminalPosition &o) const
    {
        return line < o.line || (line == o.line && column < o.column);
    }
};

class TerminalSelection
{
public:
    enum class Mode { Character, Word, Line };

    bool isEmpty() const { return !(m_start < m_end); }
    void clear();
    Mode mode() const { return m_mode; }

    void begin(const TerminalSession &session, TerminalPosition at, Mode mode);
    void extend(const TerminalSession &session, TerminalPosition to);
    void selectAll(const TerminalSession &session);

    // Normalised: from `start` up to, not including, `end` (a column past the
    // last cell of a line means the whole rest of it).
    TerminalPosition start() const { return m_start; }
    TerminalPosition end() const { return m_end; }
    bool contains(qint64 line, int column) const;
    // The selected columns [first, second) of `line`; first == second if none.
    std::pair<int, int> columnsOn(qint64 line, int columns) const;

    // Lines joined with "\n", trailing spaces of each line removed.
    QString text(const TerminalSession &session) const;

    // The word around `column`: letters, digits and the characters of paths
    // and URLs; a single cell when `column` is not on a word.
    static std::pair<int, int> wordAt(const TerminalLine &line, int column);

private:
    void recompute(const TerminalSession &session);

    Mode m_mode = Mode::Character;
    TerminalPosition m_anchor;
    TerminalPosition m_extent;
    TerminalPosition m_start;
    TerminalPosition m_end;
};
