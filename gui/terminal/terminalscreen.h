// TerminalScreen: the cells of one screen buffer (primary or alternate), as
// libvterm's state layer draws them (TerminalSession forwards its callbacks
// here). We keep the screen ourselves instead of using libvterm's screen
// layer: that one moves every cell of the screen on each scrolled line (a
// memmove of rows × columns cells per newline, most of the time of a flood of
// short lines) and converts each line to a second format for the scrollback.
//
// Here the rows are a ring: a full-screen scroll moves the ring's top instead
// of any cells. Each row knows how far it was written (cells past that are
// blank), so a line that leaves for the scrollback costs a copy of its used
// cells into the scrollback slot (whose storage is reused once the ring has
// filled: no allocation per line) and clearing only those cells: a flood of
// short lines touches a few cells per line, not a whole row. Cells are in one
// format (TerminalCell) from putglyph to paint.
#pragma once

#include "terminalcell.h"

#include <vector>

class TerminalHistory;

class TerminalScreen
{
public:
    TerminalScreen(int rows, int columns);

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    // Screen row 0..rows()-1; always columns() cells.
    const TerminalLine &line(int row) const { return m_lines[size_t(physical(row))].line; }

    // Writes one character (base and combining marks, up to a zero) with
    // `pen`'s attributes and colours; a wide one takes the next cell too.
    // Inline for the common case (a narrow character without marks over a
    // cell without marks): it runs once per byte of a flood.
    void put(int rowIndex, int column, const uint32_t *chars, int width, const TerminalCell &pen)
    {
        if (width == 1 && chars[0] != 0 && chars[1] == 0 && unsigned(rowIndex) < unsigned(m_rows)
            && unsigned(column) < unsigned(m_columns)) {
            Row &r = row(rowIndex);
            TerminalCell &cell = r.line.cells[size_t(column)];
            if (!(cell.attrs & TerminalCell::HasMarks)) {
                cell = pen;
                cell.ch = chars[0];
                cell.width = 1;
                if (column >= r.written)
                    r.written = column + 1;
                return;
            }
        }
        putAny(rowIndex, column, chars, width, pen);
    }
    // Writes `count` printable ASCII characters from `column` on, as put()
    // would one by one (the session's fast path for runs of text).
    void putAscii(int row, int column, const char *text, int count, const TerminalCell &pen);
    // Rows [firstRow, endRow), columns [firstColumn, endColumn) become
    // `blank`; with `selective`, protected cells (DECSCA) stay.
    void erase(int firstRow, int endRow, int firstColumn, int endColumn, const TerminalCell &blank,
               bool selective = false);
    // Scrolls full-width rows [firstRow, endRow) by `downward` rows (positive:
    // content moves up), filling the revealed rows with `blank`. Rows that
    // leave the top of the screen go to `history` when it is given.
    void scrollRows(int firstRow, int endRow, int downward, const TerminalCell &blank, TerminalHistory *history);
    // Copies a rectangle of cells (overlap allowed): insert/delete characters,
    // scroll regions narrower than the screen.
    void moveRect(int destRow, int destColumn, int srcRow, int srcColumn, int rows, int columns);

    // Keeps the top rows; rows and columns are cut or padded with `blank`.
    void resize(int rows, int columns, const TerminalCell &blank);
    // Makes the top row `line` (from the scrollback), pushing the rest down
    // one row; the bottom row is lost.
    void pushTop(TerminalLine &&line, const TerminalCell &blank);
    bool isRowBlank(int row) const;

private:
    int physical(int row) const
    {
        const int p = m_top + row;
        return p >= m_rows ? p - m_rows : p;
    }
    struct Row
    {
        TerminalLine line;  // columns() cells
        int written = 0;    // cells from here on are TerminalCell()
    };
    Row &row(int index) { return m_lines[size_t(physical(index))]; }
    void fill(Row &row, const TerminalCell &blank) const;
    void putAny(int row, int column, const uint32_t *chars, int width, const TerminalCell &pen);

    std::vector<Row> m_lines;
    int m_rows = 0;
    int m_columns = 0;
    int m_top = 0;  // physical index of screen row 0
};
