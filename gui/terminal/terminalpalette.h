// Colours: the 256-colour palette (16 ANSI colours, the 6x6x6 cube, 24
// greys) and the default foreground and background, turning a cell's
// symbolic TerminalColor into pixels.
#pragma once

#include "terminalcell.h"

#include <QColor>

#include <array>

class TerminalPalette
{
public:
    // xterm's colours; light grey on black unless given (the widget passes
    // its text and base colours, so that it follows the desktop's scheme).
    TerminalPalette();
    TerminalPalette(const QColor &foreground, const QColor &background);

    QColor color(int index) const { return QColor::fromRgb(m_colors[size_t(index & 0xff)]); }
    void setColor(int index, const QColor &color);

    QColor defaultForeground() const { return QColor::fromRgb(m_foreground); }
    QColor defaultBackground() const { return QColor::fromRgb(m_background); }
    void setDefaultColors(const QColor &foreground, const QColor &background);

    QColor foreground(const TerminalColor &c) const { return resolve(c, m_foreground); }
    QColor background(const TerminalColor &c) const { return resolve(c, m_background); }

private:
    QColor resolve(const TerminalColor &c, QRgb fallback) const;

    std::array<QRgb, 256> m_colors {};
    QRgb m_foreground;
    QRgb m_background;
};
