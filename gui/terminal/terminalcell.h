// The terminal's content as plain values: a colour as the program asked for
// it, a cell, a line. Shared by the session (which fills them from libvterm and
// keeps them in the scrollback) and the widget (which paints them). No Qt GUI
// types here: the session must work without a display.
#pragma once

#include <QString>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

// Kept symbolic (default / palette index / RGB) and resolved to pixels only at
// paint time, so that changing the palette recolours the scrollback too.
struct TerminalColor
{
    enum Kind : uint8_t { Default, Indexed, Rgb };

    Kind kind = Default;
    uint8_t index = 0;
    uint8_t red = 0;
    uint8_t green = 0;
    uint8_t blue = 0;

    static TerminalColor indexed(int i)
    {
        TerminalColor c;
        c.kind = Indexed;
        c.index = uint8_t(i);
        return c;
    }
    static TerminalColor rgb(int r, int g, int b)
    {
        TerminalColor c;
        c.kind = Rgb;
        c.red = uint8_t(r);
        c.green = uint8_t(g);
        c.blue = uint8_t(b);
        return c;
    }
    bool operator==(const TerminalColor &other) const
    {
        if (kind != other.kind)
            return false;
        if (kind == Indexed)
            return index == other.index;
        if (kind == Rgb)
            return red == other.red && green == other.green && blue == other.blue;
        return true;
    }
    bool operator!=(const TerminalColor &other) const { return !(*this == other); }
};

struct TerminalCell
{
    enum Attribute : uint16_t {
        Bold = 1 << 0,
        Italic = 1 << 1,
        Blink = 1 << 2,
        Reverse = 1 << 3,
        Strike = 1 << 4,
        // Two bits: 0 none, 1 single, 2 double, 3 curly (libvterm's values).
        UnderlineShift = 5,
        UnderlineMask = 3 << UnderlineShift,
        // Combining characters follow the base character (TerminalLine::marks).
        HasMarks = 1 << 7,
        // DECSCA: kept by selective erase (DECSED, DECSEL).
        Protected = 1 << 8,
    };

    char32_t ch = 0;    // 0: never written (shown as a space)
    uint8_t width = 1;  // 2: first half of a wide character; 0: its second half
    uint16_t attrs = 0;
    TerminalColor fg;
    TerminalColor bg;

    bool has(Attribute a) const { return attrs & a; }
    int underline() const { return (attrs & UnderlineMask) >> UnderlineShift; }
    // A cell that paints exactly like an empty one (trailing ones are not kept
    // in the scrollback).
    bool isBlank() const
    {
        return ch == 0 && width == 1 && (attrs & ~(Bold | Italic | Blink)) == 0
            && bg.kind == TerminalColor::Default;
    }
};

struct TerminalLine
{
    std::vector<TerminalCell> cells;
    // Combining characters by column; rare, so kept apart from the cells.
    std::vector<std::pair<int, std::u32string>> marks;

    void clear()
    {
        cells.clear();
        marks.clear();
    }
    int size() const { return int(cells.size()); }

    // The characters of one cell: base and combining marks; empty for a blank
    // cell or the second half of a wide character.
    QString cellText(int column) const;
    // The line as text: blank cells as spaces, second halves skipped, trailing
    // spaces trimmed. `columnOfIndex`, if given, receives the cell column of
    // each UTF-16 index of the result (for search and selection).
    QString text(std::vector<int> *columnOfIndex = nullptr) const;
    // Text of columns [from, to), trailing spaces trimmed.
    QString text(int from, int to) const;
};
