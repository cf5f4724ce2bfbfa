#include "terminalpalette.h"

namespace {

// xterm's default ANSI colours.
constexpr QRgb ansiColors[16] = {
    qRgb(0, 0, 0),       qRgb(205, 0, 0),     qRgb(0, 205, 0),     qRgb(205, 205, 0),
    qRgb(0, 0, 238),     qRgb(205, 0, 205),   qRgb(0, 205, 205),   qRgb(229, 229, 229),
    qRgb(127, 127, 127), qRgb(255, 0, 0),     qRgb(0, 255, 0),     qRgb(255, 255, 0),
    qRgb(92, 92, 255),   qRgb(255, 0, 255),   qRgb(0, 255, 255),   qRgb(255, 255, 255),
};

}  // namespace

TerminalPalette::TerminalPalette()
    : TerminalPalette(QColor(229, 229, 229), QColor(0, 0, 0))
{
}

TerminalPalette::TerminalPalette(const QColor &foreground, const QColor &background)
    : m_foreground(foreground.rgb())
    , m_background(background.rgb())
{
    for (int i = 0; i < 16; ++i)
        m_colors[size_t(i)] = ansiColors[i];
    // 16..231: a 6x6x6 cube with xterm's channel levels 0, 95, 135, ... 255.
    auto level = [](int v) { return v == 0 ? 0 : 55 + 40 * v; };
    for (int i = 0; i < 216; ++i)
        m_colors[size_t(16 + i)] = qRgb(level(i / 36), level(i / 6 % 6), level(i % 6));
    // 232..255: greys from 8 to 238.
    for (int i = 0; i < 24; ++i)
        m_colors[size_t(232 + i)] = qRgb(8 + 10 * i, 8 + 10 * i, 8 + 10 * i);
}

void TerminalPalette::setColor(int index, const QColor &color)
{
    if (index >= 0 && index < 256)
        m_colors[size_t(index)] = color.rgb();
}

void TerminalPalette::setDefaultColors(const QColor &foreground, const QColor &background)
{
    m_foreground = foreground.rgb();
    m_background = background.rgb();
}

QColor TerminalPalette::resolve(const TerminalColor &c, QRgb fallback) const
{
    switch (c.kind) {
    case TerminalColor::Indexed:
        return QColor::fromRgb(m_colors[c.index]);
    case TerminalColor::Rgb:
        return QColor(c.red, c.green, c.blue);
    case TerminalColor::Default:
        break;
    }
    return QColor::fromRgb(fallback);
}
