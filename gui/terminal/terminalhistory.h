// The scrollback: lines that scrolled off the top of the primary screen,
// oldest first, in a ring of fixed capacity. When it is full the oldest line is
// dropped and its storage reused for the new one, so a flood of output costs
// no allocation per line once the ring has filled.
#pragma once

#include "terminalcell.h"

#include <QtGlobal>

#include <vector>

class TerminalHistory
{
public:
    static constexpr int DefaultCapacity = 10000;

    explicit TerminalHistory(int capacity = DefaultCapacity);

    int capacity() const { return m_capacity; }
    // Shrinking drops the oldest lines.
    void setCapacity(int lines);

    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // 0 is the oldest line.
    const TerminalLine &at(int index) const;
    // Lines dropped from the top since the start. Callers that remember a
    // position add it to an index to get a line number that stays the same
    // while lines come and go (selection, search results).
    qint64 dropped() const { return m_dropped; }

    // The slot for a new newest line, cleared, possibly reusing the storage
    // of the oldest line (which is then gone). With capacity 0 the returned
    // line is a scratch line that is not kept.
    TerminalLine &pushSlot();
    // A new newest line: `count` characters of printable ASCII in `pen`'s
    // attributes and colours, then cells of `blank` up to column `padTo`
    // (none when -1), as a screen row written from column 0 would be kept.
    void pushAscii(const char *text, int count, const TerminalCell &pen, const TerminalCell &blank, int padTo);
    // Moves the newest line out; false when empty.
    bool pop(TerminalLine *line);
    void clear();

private:
    int physical(int index) const { return (m_start + index) % int(m_lines.size()); }

    std::vector<TerminalLine> m_lines;
    TerminalLine m_scratch;
    int m_capacity;
    int m_start = 0;
    int m_size = 0;
    qint64 m_dropped = 0;
};
