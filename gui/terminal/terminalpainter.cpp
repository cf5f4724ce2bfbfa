#include "terminalpainter.h"

#include "terminalfonts.h"
#include "terminalpalette.h"
#include "terminalselection.h"
#include "terminalsession.h"

#include <QPainter>
#include <QPainterPath>

#include <vector>

namespace {

// Characters the monospace font draws one cell wide, so a run of them can go
// out in one drawText. Anything else (possibly from a fallback font, with its
// own advance) is drawn cell by cell at its own position.
bool onGrid(char32_t c)
{
    return (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0x250) || (c >= 0x2500 && c < 0x25a0);
}

struct Painted
{
    QRgb fg;
    QRgb bg;
    const TerminalCell *cell;
};

void appendCodePoint(QString &s, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        s.append(QChar(QChar::highSurrogate(c)));
        s.append(QChar(QChar::lowSurrogate(c)));
    } else {
        s.append(QChar(char16_t(c)));
    }
}

class RowPainter
{
public:
    RowPainter(QPainter &p, const TerminalView &v)
        : m_p(p)
        , m_v(v)
        , m_f(*v.fonts)
        , m_cw(v.fonts->cellWidth())
        , m_ch(v.fonts->cellHeight())
        , m_reverse(v.session->isReverseVideo())
    {
        m_defaultFg = (m_reverse ? v.palette->defaultBackground() : v.palette->defaultForeground()).rgb();
        m_defaultBg = (m_reverse ? v.palette->defaultForeground() : v.palette->defaultBackground()).rgb();
    }

    QRgb defaultBackground() const { return m_defaultBg; }
    QRgb defaultForeground() const { return m_defaultFg; }

    void paint(int row, int lineIndex)
    {
        const int y = row * m_ch;
        const int columns = m_v.session->columns();
        m_line = &m_v.session->line(lineIndex);  // no copy: painted before more input
        const qint64 stable = m_v.session->history().dropped() + lineIndex;
        const auto [selFirst, selEnd] = m_v.selection ? m_v.selection->columnsOn(stable, columns)
                                                      : std::pair<int, int>(0, 0);
        const bool matchHere = m_v.match.isValid() && m_v.match.line == lineIndex;

        m_cells.resize(size_t(columns));
        for (int col = 0; col < columns; ++col) {
            const TerminalCell *cell = col < m_line->size() ? &m_line->cells[size_t(col)] : &m_blank;
            QRgb fg = m_v.palette->foreground(cell->fg).rgb();
            QRgb bg = m_v.palette->background(cell->bg).rgb();
            if (cell->has(TerminalCell::Reverse) != m_reverse)
                std::swap(fg, bg);
            if (col >= selFirst && col < selEnd) {
                fg = m_v.selectionForeground.rgb();
                bg = m_v.selectionBackground.rgb();
            } else if (matchHere && col >= m_v.match.column && col < m_v.match.column + m_v.match.length) {
                fg = qRgb(0, 0, 0);
                bg = qRgb(255, 200, 40);
            }
            m_cells[size_t(col)] = { fg, bg, cell };
        }

        paintBackgrounds(y, columns);
        paintText(y, columns);
        paintDecorations(y, columns);
    }

    void paintCursor(int row)
    {
        const TerminalSession &s = *m_v.session;
        const int col = qBound(0, s.cursorColumn(), s.columns() - 1);
        if (size_t(col) >= m_cells.size())
            return;
        const Painted &here = m_cells[size_t(col)];
        const int width = here.cell->width == 2 ? 2 : 1;
        const QRect rect(col * m_cw, row * m_ch, width * m_cw, m_ch);
        const QColor color = QColor::fromRgb(here.fg);
        if (!m_v.focused) {
            m_p.setPen(color);
            m_p.setBrush(Qt::NoBrush);
            m_p.drawRect(rect.adjusted(0, 0, -1, -1));
            return;
        }
        switch (s.cursorShape()) {
        case TerminalSession::CursorShape::Block:
            m_p.fillRect(rect, color);
            if (here.cell->ch != 0) {
                m_p.setPen(QColor::fromRgb(here.bg));
                m_p.setFont(m_f.font(here.cell->has(TerminalCell::Bold), here.cell->has(TerminalCell::Italic)));
                m_p.drawText(QPointF(rect.x(), rect.y() + m_f.ascent()), m_line->cellText(col));
            }
            break;
        case TerminalSession::CursorShape::Underline:
            m_p.fillRect(rect.x(), rect.bottom() - 1, rect.width(), 2, color);
            break;
        case TerminalSession::CursorShape::Bar:
            m_p.fillRect(rect.x(), rect.y(), 2, rect.height(), color);
            break;
        }
    }

private:
    void paintBackgrounds(int y, int columns)
    {
        int col = 0;
        while (col < columns) {
            const QRgb bg = m_cells[size_t(col)].bg;
            int end = col + 1;
            while (end < columns && m_cells[size_t(end)].bg == bg)
                ++end;
            if (bg != m_defaultBg)
                m_p.fillRect(col * m_cw, y, (end - col) * m_cw, m_ch, QColor::fromRgb(bg));
            col = end;
        }
    }

    void paintText(int y, int columns)
    {
        const qreal baseline = y + m_f.ascent();
        QString run;
        int col = 0;
        while (col < columns) {
            const Painted &first = m_cells[size_t(col)];
            const TerminalCell &cell = *first.cell;
            if (cell.ch == 0 || cell.ch == ' ' || cell.width == 0) {
                ++col;
                continue;
            }
            const bool bold = cell.has(TerminalCell::Bold);
            const bool italic = cell.has(TerminalCell::Italic);
            m_p.setPen(QColor::fromRgb(first.fg));
            m_p.setFont(m_f.font(bold, italic));
            if (cell.width != 1 || !onGrid(cell.ch) || cell.has(TerminalCell::HasMarks)) {
                m_p.drawText(QPointF(col * m_cw, baseline), m_line->cellText(col));
                col += cell.width == 2 ? 2 : 1;
                continue;
            }
            // A run: same colour and style, one cell each, blanks included.
            run.clear();
            int end = col;
            while (end < columns) {
                const Painted &p = m_cells[size_t(end)];
                const TerminalCell &c = *p.cell;
                const bool blank = c.ch == 0 || c.ch == ' ';
                if (c.width != 1 || c.has(TerminalCell::HasMarks) || (!blank && !onGrid(c.ch)))
                    break;
                if (!blank && (p.fg != first.fg || c.has(TerminalCell::Bold) != bold
                               || c.has(TerminalCell::Italic) != italic))
                    break;
                appendCodePoint(run, blank ? U' ' : c.ch);
                ++end;
            }
            while (run.endsWith(QLatin1Char(' ')))
                run.chop(1);
            m_p.drawText(QPointF(col * m_cw, baseline), run);
            col = end;
        }
    }

    void paintDecorations(int y, int columns)
    {
        const int lw = m_f.lineWidth();
        for (int col = 0; col < columns; ++col) {
            const Painted &p = m_cells[size_t(col)];
            const TerminalCell &c = *p.cell;
            const int underline = c.underline();
            const bool strike = c.has(TerminalCell::Strike);
            if (!underline && !strike)
                continue;
            const QColor color = QColor::fromRgb(p.fg);
            const int x = col * m_cw;
            const int uy = y + m_f.underlineY();
            if (underline == 1) {
                m_p.fillRect(x, uy, m_cw, lw, color);
            } else if (underline == 2) {
                m_p.fillRect(x, uy, m_cw, lw, color);
                m_p.fillRect(x, qMax(y, uy - 2 * lw), m_cw, lw, color);
            } else if (underline == 3) {
                QPainterPath wave(QPointF(x, uy));
                wave.quadTo(QPointF(x + m_cw / 4.0, uy - 2 * lw), QPointF(x + m_cw / 2.0, uy));
                wave.quadTo(QPointF(x + 3 * m_cw / 4.0, uy + 2 * lw), QPointF(x + m_cw, uy));
                m_p.setPen(QPen(color, lw));
                m_p.setBrush(Qt::NoBrush);
                m_p.drawPath(wave);
            }
            if (strike)
                m_p.fillRect(x, y + m_f.strikeY(), m_cw, lw, color);
        }
    }

    QPainter &m_p;
    const TerminalView &m_v;
    const TerminalFonts &m_f;
    const int m_cw;
    const int m_ch;
    const bool m_reverse;
    QRgb m_defaultFg;
    QRgb m_defaultBg;
    const TerminalLine *m_line = nullptr;
    TerminalCell m_blank;
    std::vector<Painted> m_cells;
};

}  // namespace

void paintTerminal(QPainter &painter, const QRect &exposed, const QRect &area, const TerminalView &view)
{
    const TerminalSession &s = *view.session;
    const int ch = view.fonts->cellHeight();
    RowPainter rows(painter, view);
    painter.fillRect(exposed, QColor::fromRgb(rows.defaultBackground()));

    const int cursorLine = s.history().size() + s.cursorRow();
    const bool cursorShown = s.isCursorVisible() && (!s.isCursorBlinking() || view.cursorBlinkOn || !view.focused);
    const int firstRow = qMax(0, exposed.top() / ch);
    const int lastRow = qMin(view.rows - 1, exposed.bottom() / ch);
    for (int row = firstRow; row <= lastRow; ++row) {
        const int line = view.firstLine + row;
        if (line < 0 || line >= s.lineCount())
            continue;
        rows.paint(row, line);
        if (cursorShown && line == cursorLine)
            rows.paintCursor(row);
    }

    if (view.flash) {
        QColor veil = QColor::fromRgb(rows.defaultForeground());
        veil.setAlpha(90);
        painter.fillRect(area, veil);
    }
}
