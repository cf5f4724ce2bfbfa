#include "terminalfonts.h"

#include <QFontDatabase>
#include <QFontMetricsF>

#include <cmath>

namespace {

constexpr qreal minimumPoints = 4;
constexpr qreal maximumPoints = 96;

qreal basePoints(const QFont &font)
{
    return font.pointSizeF() > 0 ? font.pointSizeF() : 10;
}

}  // namespace

TerminalFonts::TerminalFonts()
{
    setBaseFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void TerminalFonts::setBaseFont(const QFont &font)
{
    m_base = font;
    m_base.setStyleHint(QFont::TypeWriter);
    m_base.setFixedPitch(true);
    // Kerning would move glyphs off the grid.
    m_base.setKerning(false);
    m_zoom = 0;
    update();
}

bool TerminalFonts::setZoom(int points)
{
    const qreal size = basePoints(m_base) + points;
    if (size < minimumPoints || size > maximumPoints)
        return false;
    m_zoom = points;
    update();
    return true;
}

void TerminalFonts::update()
{
    QFont regular = m_base;
    regular.setPointSizeF(basePoints(m_base) + m_zoom);
    regular.setLetterSpacing(QFont::AbsoluteSpacing, 0);

    const QFontMetricsF metrics(regular);
    const qreal advance = metrics.horizontalAdvance(QLatin1Char('M'));
    m_cellWidth = qMax(1, int(std::ceil(advance - 0.01)));
    m_cellHeight = qMax(1, int(std::ceil(metrics.height())));
    m_ascent = int(std::ceil(metrics.ascent()));
    m_lineWidth = qMax(1, int(std::lround(metrics.lineWidth())));
    m_underlineY = qMin(m_cellHeight - m_lineWidth, m_ascent + qMax(1, int(std::lround(metrics.underlinePos()))));
    m_strikeY = m_ascent - int(std::lround(metrics.strikeOutPos()));

    for (int i = 0; i < 4; ++i) {
        QFont f = regular;
        f.setBold(i & 1);
        f.setItalic(i & 2);
        // Widen each advance to a whole cell (a no-op when it already is).
        const qreal styleAdvance = QFontMetricsF(f).horizontalAdvance(QLatin1Char('M'));
        f.setLetterSpacing(QFont::AbsoluteSpacing, m_cellWidth - styleAdvance);
        m_fonts[size_t(i)] = f;
    }
}
