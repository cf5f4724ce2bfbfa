// TerminalWidget: shows a TerminalSession and talks to it. It paints cells
// (through terminalpainter), turns keys, mouse and paste into input,
// selects and copies, scrolls the scrollback and searches it. It knows
// nothing of where the session's fd comes from: a console window attaches
// one to session() and, for a socket, forwards session()->sizeChanged().
//
// Keys the widget keeps for itself: Ctrl+Shift+C / Ctrl+Shift+V (also
// Shift+Insert) copy and paste, Ctrl+Shift+F search, Shift+PgUp / Shift+PgDn
// scroll, Ctrl+plus / Ctrl+minus / Ctrl+0 zoom. Everything else goes to the
// program. Shift with the mouse selects even when the program reports it.
#pragma once

#include "terminalfonts.h"
#include "terminalpalette.h"
#include "terminalsearch.h"
#include "terminalselection.h"

#include <QAbstractScrollArea>
#include <QElapsedTimer>

#include <functional>

class QMenu;
class QTimer;
class TerminalSearchBar;
class TerminalSession;

class TerminalWidget : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TerminalWidget(QWidget *parent = nullptr);
    ~TerminalWidget() override;

    TerminalSession *session() const { return m_session; }

    // --- Appearance -------------------------------------------------------
    QFont terminalFont() const { return m_fonts.baseFont(); }
    void setTerminalFont(const QFont &font);
    int zoom() const { return m_fonts.zoom(); }
    void zoomIn();
    void zoomOut();
    void resetZoom();
    const TerminalPalette &terminalPalette() const { return m_palette; }
    void setTerminalPalette(const TerminalPalette &palette);
    bool visualBell() const { return m_visualBell; }
    void setVisualBell(bool on) { m_visualBell = on; }
    QSize cellSize() const { return { m_fonts.cellWidth(), m_fonts.cellHeight() }; }
    // A screen cell's rectangle in viewport coordinates at the current
    // scroll position (it may lie outside the viewport).
    QRect cellRect(int row, int column) const;

    // --- Selection and clipboard ----------------------------------------
    bool hasSelection() const { return !m_selection.isEmpty(); }
    QString selectedText() const;
    void copy();
    void paste();
    // The X11 primary selection, where there is one (middle click).
    void pasteSelection();
    void selectAll();
    void clearSelection();
    // Asked before any paste (keys, menu, middle click) with the text; a
    // false answer drops it. A console window uses it to ask before several
    // lines run as commands. Unset: everything is pasted.
    void setPasteGuard(std::function<bool(const QString &text)> guard) { m_pasteGuard = std::move(guard); }

    // --- Scrolling ------------------------------------------------------
    // Lines scrolled back from the newest output (0: following the output).
    int scrollBackLines() const { return m_scrollBack; }
    void scrollBy(int lines);  // positive: back into the scrollback
    void scrollToBottom();

    // --- Search ---------------------------------------------------------
    void showSearchBar();
    // Searches from the current match (or the bottom) and scrolls to it.
    bool find(const QString &text, TerminalSearch::Direction direction,
              Qt::CaseSensitivity cs = Qt::CaseInsensitive);
    TerminalMatch currentMatch() const { return m_match; }

    // How many times the view was painted (tests and benchmarks).
    int paintCount() const { return m_paintCount; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void titleChanged(const QString &title);
    void bell();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    QVariant inputMethodQuery(Qt::InputMethodQuery query) const override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void onContentUpdated(int firstRow, int endRow);
    void onBell();
    void applyFonts();
    void fitSessionToView();
    void updateScrollBar();
    void restartCursorBlink();
    bool handleShortcut(QKeyEvent *event);
    bool reportsMouse(const QMouseEvent *event) const;
    void reportMouse(QMouseEvent *event, bool pressed);
    // Pointer position → stable line number and column (a boundary between
    // cells when `boundary`, else the cell under it).
    TerminalPosition positionAt(const QPoint &point, bool boundary) const;
    QPoint screenCellAt(const QPoint &point) const;
    int firstVisibleLine() const;
    void pasteText(const QString &text);
    void searchFromBar(TerminalSearch::Direction direction);
    void placeSearchBar();
    QMenu *createContextMenu();

    TerminalSession *m_session = nullptr;
    TerminalFonts m_fonts;
    TerminalPalette m_palette;
    bool m_paletteFromWidget = true;
    TerminalSelection m_selection;
    TerminalMatch m_match;
    TerminalSearchBar *m_searchBar = nullptr;
    std::function<bool(const QString &)> m_pasteGuard;

    int m_scrollBack = 0;
    qint64 m_linesSeen = 0;  // dropped + history size at the last update
    bool m_updatingScrollBar = false;

    bool m_selecting = false;
    TerminalSelection::Mode m_selectMode = TerminalSelection::Mode::Character;
    QElapsedTimer m_sinceDoubleClick;
    QPoint m_doubleClickPos;
    int m_mouseButtons = 0;  // buttons reported as pressed to the program
    int m_wheelRemainder = 0;

    QTimer *m_blinkTimer = nullptr;
    bool m_cursorBlinkOn = true;
    bool m_visualBell = true;
    bool m_flash = false;
    int m_paintCount = 0;
};
