// The terminal's fonts and cell geometry: the system monospace font (or one
// the user chose), zoomed in whole points, in four styles. Cells are whole
// pixels; letter spacing makes each glyph advance exactly one cell, so that a
// run of characters drawn with one call stays on the grid.
#pragma once

#include <QFont>

#include <array>

class TerminalFonts
{
public:
    TerminalFonts();

    QFont baseFont() const { return m_base; }
    void setBaseFont(const QFont &font);

    // Points added to the base size (may be negative).
    int zoom() const { return m_zoom; }
    // False when the size would leave 4..96 points.
    bool setZoom(int points);

    const QFont &font(bool bold, bool italic) const { return m_fonts[size_t((bold ? 1 : 0) + (italic ? 2 : 0))]; }

    int cellWidth() const { return m_cellWidth; }
    int cellHeight() const { return m_cellHeight; }
    int ascent() const { return m_ascent; }
    // Offsets from the top of a cell, and the thickness of decoration lines.
    int underlineY() const { return m_underlineY; }
    int strikeY() const { return m_strikeY; }
    int lineWidth() const { return m_lineWidth; }

private:
    void update();

    QFont m_base;
    int m_zoom = 0;
    std::array<QFont, 4> m_fonts;
    int m_cellWidth = 8;
    int m_cellHeight = 16;
    int m_ascent = 12;
    int m_underlineY = 14;
    int m_strikeY = 8;
    int m_lineWidth = 1;
};
