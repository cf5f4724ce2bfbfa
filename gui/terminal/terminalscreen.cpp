#include "terminalscreen.h"

#include "terminalhistory.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

namespace {

// Combining marks of columns [first, end) go (rare: only lines that have any).
void removeMarks(TerminalLine &line, int first, int end)
{
    if (line.marks.empty())
        return;
    line.marks.erase(std::remove_if(line.marks.begin(), line.marks.end(),
                                    [&](const auto &m) { return m.first >= first && m.first < end; }),
                     line.marks.end());
}

bool isDefault(const TerminalCell &c)
{
    return c.ch == 0 && c.width == 1 && c.attrs == 0 && c.fg.kind == TerminalColor::Default
        && c.bg.kind == TerminalColor::Default;
}

}  // namespace

TerminalScreen::TerminalScreen(int rows, int columns)
{
    resize(rows, columns, TerminalCell());
}

void TerminalScreen::fill(Row &r, const TerminalCell &blank) const
{
    r.line.marks.clear();
    if (isDefault(blank)) {
        std::fill_n(r.line.cells.begin(), r.written, blank);
        r.written = 0;
    } else {
        std::fill(r.line.cells.begin(), r.line.cells.end(), blank);
        r.written = m_columns;
    }
}

void TerminalScreen::putAny(int rowIndex, int column, const uint32_t *chars, int width, const TerminalCell &pen)
{
    if (rowIndex < 0 || rowIndex >= m_rows || column < 0 || column >= m_columns)
        return;
    Row &r = row(rowIndex);
    TerminalLine &l = r.line;
    TerminalCell &cell = l.cells[size_t(column)];
    const bool wide = width == 2 && column + 1 < m_columns;
    if ((cell.attrs & TerminalCell::HasMarks)
        || (wide && (l.cells[size_t(column) + 1].attrs & TerminalCell::HasMarks)))
        removeMarks(l, column, column + 2);
    cell = pen;
    cell.ch = chars[0];
    cell.width = width == 2 ? 2 : 1;
    if (chars[0] != 0 && chars[1] != 0) {
        std::u32string marks;
        for (int i = 1; i < 6 && chars[i]; ++i)
            marks.push_back(char32_t(chars[i]));
        l.marks.emplace_back(column, std::move(marks));
        cell.attrs |= TerminalCell::HasMarks;
    }
    if (wide) {
        // Second half: painted by the first half, whose colours it keeps.
        TerminalCell &second = l.cells[size_t(column) + 1];
        second = cell;
        second.ch = 0;
        second.width = 0;
        second.attrs &= uint16_t(~TerminalCell::HasMarks);
    }
    r.written = std::max(r.written, column + (wide ? 2 : 1));
}

void TerminalScreen::putAscii(int rowIndex, int column, const char *text, int count, const TerminalCell &pen)
{
    if (rowIndex < 0 || rowIndex >= m_rows || column < 0 || count <= 0 || column + count > m_columns)
        return;
    Row &r = row(rowIndex);
    TerminalCell *cells = r.line.cells.data() + column;
    if (!r.line.marks.empty()) {
        for (int i = 0; i < count; ++i) {
            if (cells[i].attrs & TerminalCell::HasMarks)
                removeMarks(r.line, column + i, column + i + 1);
        }
    }
    // The pen's cell, then the character over it: written straight into the
    // row (a cell built on the stack and copied whole stalls each copy on
    // the store of its character).
    TerminalCell pattern = pen;
    pattern.width = 1;
    const TerminalCell c = pattern;
    for (int i = 0; i < count; ++i) {
        std::memcpy(static_cast<void *>(cells + i), &c, sizeof c);
        cells[i].ch = static_cast<unsigned char>(text[i]);
    }
    r.written = std::max(r.written, column + count);
}

void TerminalScreen::erase(int firstRow, int endRow, int firstColumn, int endColumn, const TerminalCell &blank,
                           bool selective)
{
    firstRow = std::max(0, firstRow);
    endRow = std::min(endRow, m_rows);
    firstColumn = std::max(0, firstColumn);
    endColumn = std::min(endColumn, m_columns);
    const bool plain = isDefault(blank);
    for (int index = firstRow; index < endRow; ++index) {
        Row &r = row(index);
        // Past `written` the cells already are plain blanks.
        const int end = plain ? std::min(endColumn, r.written) : endColumn;
        for (int col = firstColumn; col < end; ++col) {
            TerminalCell &cell = r.line.cells[size_t(col)];
            if (selective && (cell.attrs & TerminalCell::Protected))
                continue;
            if (cell.attrs & TerminalCell::HasMarks)
                removeMarks(r.line, col, col + 1);
            cell = blank;
        }
        if (!plain)
            r.written = std::max(r.written, endColumn);
        else if (!selective && endColumn >= r.written)
            r.written = std::min(r.written, firstColumn);
    }
}

void TerminalScreen::scrollRows(int firstRow, int endRow, int downward, const TerminalCell &blank,
                                TerminalHistory *history)
{
    firstRow = std::max(0, firstRow);
    endRow = std::min(endRow, m_rows);
    const int height = endRow - firstRow;
    if (height <= 0 || downward == 0)
        return;
    const int count = std::min(std::abs(downward), height);
    if (downward > 0 && history && firstRow == 0) {
        for (int index = 0; index < count; ++index) {
            // Only the used cells, trailing blanks cut, into a slot whose
            // storage is reused.
            const Row &gone = row(index);
            int used = gone.written;
            while (used > 0 && gone.line.cells[size_t(used - 1)].isBlank())
                --used;
            TerminalLine &slot = history->pushSlot();
            slot.cells.assign(gone.line.cells.begin(), gone.line.cells.begin() + used);
            if (!gone.line.marks.empty()) {
                slot.marks = gone.line.marks;
                removeMarks(slot, used, std::numeric_limits<int>::max());
            }
        }
    }
    if (height == m_rows) {
        // The whole screen: turn the ring.
        m_top = downward > 0 ? (m_top + count) % m_rows : (m_top + m_rows - count) % m_rows;
    } else if (downward > 0) {
        for (int index = firstRow; index < endRow - count; ++index)
            std::swap(row(index), row(index + count));
    } else {
        for (int index = endRow - 1; index >= firstRow + count; --index)
            std::swap(row(index), row(index - count));
    }
    const int revealedFirst = downward > 0 ? endRow - count : firstRow;
    for (int index = revealedFirst; index < revealedFirst + count; ++index)
        fill(row(index), blank);
}

void TerminalScreen::moveRect(int destRow, int destColumn, int srcRow, int srcColumn, int rows, int columns)
{
    if (rows <= 0 || columns <= 0)
        return;
    std::vector<TerminalCell> cells;
    std::vector<std::pair<int, std::u32string>> marks;
    // Top-down when moving up, bottom-up when moving down: a source row is
    // read before it is overwritten.
    const bool up = destRow <= srcRow;
    for (int i = 0; i < rows; ++i) {
        const int k = up ? i : rows - 1 - i;
        const int from = srcRow + k;
        const int to = destRow + k;
        if (from < 0 || from >= m_rows || to < 0 || to >= m_rows)
            continue;
        const TerminalLine &src = line(from);
        const int first = std::max(0, srcColumn);
        const int end = std::min(m_columns, srcColumn + columns);
        if (end <= first)
            continue;
        cells.assign(src.cells.begin() + first, src.cells.begin() + end);
        marks.clear();
        for (const auto &m : src.marks) {
            if (m.first >= first && m.first < end)
                marks.emplace_back(m.first - srcColumn + destColumn, m.second);
        }
        Row &dest = row(to);
        const int destFirst = destColumn + (first - srcColumn);
        removeMarks(dest.line, destFirst, destFirst + int(cells.size()));
        for (size_t c = 0; c < cells.size(); ++c) {
            const int col = destFirst + int(c);
            if (col >= 0 && col < m_columns)
                dest.line.cells[size_t(col)] = cells[c];
        }
        for (auto &m : marks) {
            if (m.first >= 0 && m.first < m_columns)
                dest.line.marks.push_back(std::move(m));
        }
        dest.written = std::clamp(std::max(dest.written, destFirst + int(cells.size())), 0, m_columns);
    }
}

void TerminalScreen::resize(int rows, int columns, const TerminalCell &blank)
{
    // Linearise first, so that row 0 is physical 0 again.
    std::rotate(m_lines.begin(), m_lines.begin() + m_top, m_lines.end());
    m_top = 0;
    const int oldColumns = m_columns;
    m_rows = std::max(1, rows);
    m_columns = std::max(1, columns);
    m_lines.resize(size_t(m_rows));
    for (Row &r : m_lines) {
        if (r.line.cells.empty()) {
            r.line.cells.assign(size_t(m_columns), blank);
            r.written = isDefault(blank) ? 0 : m_columns;
            continue;
        }
        if (int(r.line.cells.size()) == m_columns)
            continue;
        r.line.cells.resize(size_t(m_columns), blank);
        // A wide character cut in half at the new edge.
        if (m_columns < oldColumns && r.line.cells.back().width == 2)
            r.line.cells.back() = blank;
        removeMarks(r.line, m_columns, oldColumns);
        r.written = isDefault(blank) ? std::min(r.written, m_columns) : m_columns;
    }
}

void TerminalScreen::pushTop(TerminalLine &&top, const TerminalCell &blank)
{
    m_top = (m_top + m_rows - 1) % m_rows;
    Row &r = row(0);
    r.line = std::move(top);
    r.written = std::min(int(r.line.cells.size()), m_columns);
    removeMarks(r.line, m_columns, std::numeric_limits<int>::max());
    r.line.cells.resize(size_t(m_columns), blank);
    if (!isDefault(blank))
        r.written = m_columns;
}

bool TerminalScreen::isRowBlank(int index) const
{
    const TerminalLine &l = line(index);
    for (int col = 0; col < m_lines[size_t(physical(index))].written; ++col) {
        if (l.cells[size_t(col)].ch != 0)
            return false;
    }
    return true;
}
