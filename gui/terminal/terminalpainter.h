// Drawing the cells of a TerminalSession with QPainter: backgrounds in runs
// of one colour, text in runs of one style (one drawText per run, not per
// cell), then decorations, the selection, a search match and the cursor.
// Kept apart from the widget, which only decides what is visible.
#pragma once

#include "terminalsearch.h"

#include <QColor>
#include <QRect>

class QPainter;
class TerminalFonts;
class TerminalPalette;
class TerminalSelection;
class TerminalSession;

struct TerminalView
{
    const TerminalSession *session = nullptr;
    const TerminalPalette *palette = nullptr;
    const TerminalFonts *fonts = nullptr;
    const TerminalSelection *selection = nullptr;
    TerminalMatch match;      // session line index, highlighted if valid
    int firstLine = 0;        // session line index shown in the top row
    int rows = 0;             // rows that fit in the view
    bool focused = false;
    bool cursorBlinkOn = true;  // the blink phase; ignored when not blinking
    bool flash = false;         // visual bell
    QColor selectionBackground;
    QColor selectionForeground;
};

// Paints the rows intersecting `exposed` (view coordinates, the top-left
// cell at 0,0); `area` is the whole view, filled to its edges.
void paintTerminal(QPainter &painter, const QRect &exposed, const QRect &area, const TerminalView &view);
