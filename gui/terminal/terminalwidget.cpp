#include "terminalwidget.h"

#include "terminalkeys.h"
#include "terminalpainter.h"
#include "terminalsearchbar.h"
#include "terminalsession.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QIcon>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QStyleHints>
#include <QTimer>

namespace {

constexpr int flashMilliseconds = 120;
constexpr int wheelLines = 3;

VTermModifier mouseModifiers(Qt::KeyboardModifiers m)
{
    return toVTermModifiers(m & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier));
}

int reportedButton(Qt::MouseButton b)
{
    switch (b) {
    case Qt::LeftButton: return 1;
    case Qt::MiddleButton: return 2;
    case Qt::RightButton: return 3;
    default: return 0;
    }
}

}  // namespace

TerminalWidget::TerminalWidget(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_session(new TerminalSession(this))
    , m_palette(palette().color(QPalette::Text), palette().color(QPalette::Base))
{
    setObjectName(QStringLiteral("terminalWidget"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAutoFillBackground(false);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setMouseTracking(true);

    connect(m_session, &TerminalSession::contentUpdated, this, &TerminalWidget::onContentUpdated);
    connect(m_session, &TerminalSession::titleChanged, this, &TerminalWidget::titleChanged);
    connect(m_session, &TerminalSession::bell, this, &TerminalWidget::onBell);

    m_blinkTimer = new QTimer(this);
    m_blinkTimer->setInterval(qMax(100, QApplication::cursorFlashTime() / 2));
    connect(m_blinkTimer, &QTimer::timeout, this, [this] {
        m_cursorBlinkOn = !m_cursorBlinkOn;
        if (m_session->isCursorBlinking() && m_session->isCursorVisible())
            viewport()->update(cellRect(m_session->cursorRow(), m_session->cursorColumn()).adjusted(0, 0, m_fonts.cellWidth(), 0));
    });

    applyFonts();
}

TerminalWidget::~TerminalWidget() = default;

// --- Appearance ---------------------------------------------------------

void TerminalWidget::setTerminalFont(const QFont &font)
{
    m_fonts.setBaseFont(font);
    applyFonts();
}

void TerminalWidget::zoomIn()
{
    if (m_fonts.setZoom(m_fonts.zoom() + 1))
        applyFonts();
}

void TerminalWidget::zoomOut()
{
    if (m_fonts.setZoom(m_fonts.zoom() - 1))
        applyFonts();
}

void TerminalWidget::resetZoom()
{
    m_fonts.setZoom(0);
    applyFonts();
}

void TerminalWidget::applyFonts()
{
    verticalScrollBar()->setSingleStep(1);
    fitSessionToView();
    updateGeometry();
    viewport()->update();
}

void TerminalWidget::setTerminalPalette(const TerminalPalette &palette)
{
    m_palette = palette;
    m_paletteFromWidget = false;
    viewport()->update();
}

void TerminalWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_paletteFromWidget) {
        m_palette.setDefaultColors(palette().color(QPalette::Text), palette().color(QPalette::Base));
        viewport()->update();
    }
    QAbstractScrollArea::changeEvent(event);
}

QSize TerminalWidget::sizeHint() const
{
    const int scrollBar = verticalScrollBar()->sizeHint().width();
    return { 80 * m_fonts.cellWidth() + scrollBar + 2 * frameWidth(),
             24 * m_fonts.cellHeight() + 2 * frameWidth() };
}

QRect TerminalWidget::cellRect(int row, int column) const
{
    const int viewRow = m_session->history().size() + row - firstVisibleLine();
    return { column * m_fonts.cellWidth(), viewRow * m_fonts.cellHeight(), m_fonts.cellWidth(),
             m_fonts.cellHeight() };
}

// --- Geometry and scrolling -------------------------------------------

void TerminalWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    fitSessionToView();
    placeSearchBar();
}

void TerminalWidget::fitSessionToView()
{
    const QSize area = viewport()->size();
    const int rows = qMax(1, area.height() / m_fonts.cellHeight());
    const int columns = qMax(1, area.width() / m_fonts.cellWidth());
    // The session tells the fd: TIOCSWINSZ, or sizeChanged() for a socket.
    m_session->resize(rows, columns);
    verticalScrollBar()->setPageStep(rows);
    updateScrollBar();
}

int TerminalWidget::firstVisibleLine() const
{
    return m_session->history().size() - m_scrollBack;
}

void TerminalWidget::updateScrollBar()
{
    const int history = m_session->history().size();
    m_scrollBack = qBound(0, m_scrollBack, history);
    m_updatingScrollBar = true;
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, history);
    bar->setValue(history - m_scrollBack);
    m_updatingScrollBar = false;
}

void TerminalWidget::scrollContentsBy(int, int)
{
    if (m_updatingScrollBar)
        return;
    m_scrollBack = m_session->history().size() - verticalScrollBar()->value();
    viewport()->update();
}

void TerminalWidget::scrollBy(int lines)
{
    const int before = m_scrollBack;
    m_scrollBack = qBound(0, m_scrollBack + lines, m_session->history().size());
    if (m_scrollBack == before)
        return;
    updateScrollBar();
    viewport()->update();
}

void TerminalWidget::scrollToBottom()
{
    scrollBy(-m_scrollBack);
}

void TerminalWidget::onContentUpdated(int firstRow, int endRow)
{
    const qint64 seen = m_session->history().dropped() + m_session->history().size();
    const qint64 pushed = seen - m_linesSeen;
    m_linesSeen = seen;
    // Scrolled back: stay on the same text while new lines arrive below.
    if (m_scrollBack > 0 && pushed > 0)
        m_scrollBack += int(pushed);
    updateScrollBar();
    m_cursorBlinkOn = true;
    restartCursorBlink();
    QRect dirty = viewport()->rect();
    if (m_scrollBack == 0 && pushed == 0) {
        const int h = m_fonts.cellHeight();
        dirty = QRect(0, firstRow * h, viewport()->width(), (endRow - firstRow) * h);
    }
    // During a flood the frame is painted now: an update() is a request
    // posted at low priority, which waits behind the parsing slices (and
    // whatever else the event loop has) for as long as the flood lasts.
    if (m_session->isFlooding() && viewport()->isVisible())
        viewport()->repaint(dirty);
    else
        viewport()->update(dirty);
}

// --- Painting ---------------------------------------------------------

void TerminalWidget::paintEvent(QPaintEvent *event)
{
    ++m_paintCount;
    QPainter painter(viewport());
    TerminalView view;
    view.session = m_session;
    view.palette = &m_palette;
    view.fonts = &m_fonts;
    view.selection = &m_selection;
    view.match = m_match;
    view.firstLine = firstVisibleLine();
    view.rows = viewport()->height() / m_fonts.cellHeight() + 1;
    view.focused = hasFocus();
    view.cursorBlinkOn = m_cursorBlinkOn;
    view.flash = m_flash;
    view.selectionBackground = palette().color(QPalette::Active, QPalette::Highlight);
    view.selectionForeground = palette().color(QPalette::Active, QPalette::HighlightedText);
    paintTerminal(painter, event->rect(), viewport()->rect(), view);
}

void TerminalWidget::restartCursorBlink()
{
    const bool blink = hasFocus() && m_session->isCursorBlinking();
    if (!blink)
        m_blinkTimer->stop();
    else
        m_blinkTimer->start();
}

void TerminalWidget::onBell()
{
    Q_EMIT bell();
    if (!m_visualBell || m_flash)
        return;
    m_flash = true;
    viewport()->update();
    QTimer::singleShot(flashMilliseconds, this, [this] {
        m_flash = false;
        viewport()->update();
    });
}

// --- Keyboard ---------------------------------------------------------

bool TerminalWidget::event(QEvent *event)
{
    // Claim the keys a program gets before window shortcuts see them: in a
    // terminal Ctrl+W deletes a word and F10 is a program's menu. Left to
    // the window: Ctrl+Shift combinations (new tab, close tab) other than
    // the widget's own, and Ctrl+PgUp/PgDn and Ctrl+Tab (switching tabs).
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
        const bool ctrl = mods & Qt::ControlModifier;
        const bool ctrlShift = ctrl && (mods & Qt::ShiftModifier);
        const int k = key->key();
        const bool own = ctrlShift && (k == Qt::Key_C || k == Qt::Key_V || k == Qt::Key_F);
        const bool tabSwitch = ctrl && (k == Qt::Key_PageUp || k == Qt::Key_PageDown
                                        || k == Qt::Key_Tab || k == Qt::Key_Backtab);
        const bool forProgram = !ctrlShift && !tabSwitch
            && mapKey(k, key->modifiers(), key->text()).type != TerminalKeyStroke::None;
        if (own || forProgram) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool TerminalWidget::handleShortcut(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    const bool ctrl = mods & Qt::ControlModifier;
    const bool shift = mods & Qt::ShiftModifier;
    const bool alt = mods & Qt::AltModifier;
    const int key = event->key();
    if (ctrl && shift && !alt) {
        switch (key) {
        case Qt::Key_C: copy(); return true;
        case Qt::Key_V: paste(); return true;
        case Qt::Key_F: showSearchBar(); return true;
        default: break;
        }
    }
    if (shift && !ctrl && !alt) {
        const int page = qMax(1, m_session->rows() - 1);
        switch (key) {
        case Qt::Key_PageUp: scrollBy(page); return true;
        case Qt::Key_PageDown: scrollBy(-page); return true;
        case Qt::Key_Insert: paste(); return true;
        default: break;
        }
    }
    if (ctrl && !alt) {
        switch (key) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomIn(); return true;
        case Qt::Key_Minus:
            if (shift)
                break;  // Ctrl+_ (Ctrl+Shift+minus) is for the program
            zoomOut();
            return true;
        case Qt::Key_0:
            if (shift)
                break;
            resetZoom();
            return true;
        default: break;
        }
    }
    return false;
}

void TerminalWidget::keyPressEvent(QKeyEvent *event)
{
    if (handleShortcut(event)) {
        event->accept();
        return;
    }
    const TerminalKeyStroke stroke = mapKey(event->key(), event->modifiers(), event->text());
    if (stroke.type == TerminalKeyStroke::None) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
    scrollToBottom();
    m_session->sendKeyStroke(stroke);
}

void TerminalWidget::inputMethodEvent(QInputMethodEvent *event)
{
    if (!event->commitString().isEmpty()) {
        scrollToBottom();
        m_session->sendText(event->commitString());
    }
    event->accept();
}

QVariant TerminalWidget::inputMethodQuery(Qt::InputMethodQuery query) const
{
    switch (query) {
    case Qt::ImCursorRectangle:
        return cellRect(m_session->cursorRow(), m_session->cursorColumn());
    case Qt::ImFont:
        return m_fonts.font(false, false);
    case Qt::ImEnabled:
        return true;
    default:
        return QAbstractScrollArea::inputMethodQuery(query);
    }
}

void TerminalWidget::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    m_session->setFocused(true);
    m_cursorBlinkOn = true;
    restartCursorBlink();
    viewport()->update();
}

void TerminalWidget::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    m_session->setFocused(false);
    restartCursorBlink();
    viewport()->update();
}

bool TerminalWidget::focusNextPrevChild(bool)
{
    // Tab belongs to the shell.
    return false;
}

// --- Mouse ------------------------------------------------------------

QPoint TerminalWidget::screenCellAt(const QPoint &point) const
{
    const int column = qBound(0, point.x() / m_fonts.cellWidth(), m_session->columns() - 1);
    const int viewRow = point.y() / m_fonts.cellHeight();
    return { column, firstVisibleLine() + viewRow - m_session->history().size() };
}

TerminalPosition TerminalWidget::positionAt(const QPoint &point, bool boundary) const
{
    const int cw = m_fonts.cellWidth();
    int column = boundary ? (point.x() + cw / 2) / cw : point.x() / cw;
    column = qBound(0, column, boundary ? m_session->columns() : m_session->columns() - 1);
    int viewRow = point.y() >= 0 ? point.y() / m_fonts.cellHeight() : -1;
    const int line = qBound(0, firstVisibleLine() + viewRow, m_session->lineCount() - 1);
    // Below the last line or above the first: the whole line.
    if (boundary && firstVisibleLine() + viewRow >= m_session->lineCount())
        column = m_session->columns();
    return { m_session->history().dropped() + line, column };
}

bool TerminalWidget::reportsMouse(const QMouseEvent *event) const
{
    return m_session->mouseMode() != TerminalSession::MouseMode::None
        && !(event->modifiers() & Qt::ShiftModifier);
}

void TerminalWidget::reportMouse(QMouseEvent *event, bool pressed)
{
    const QPoint cell = screenCellAt(event->position().toPoint());
    const int button = reportedButton(event->button());
    if (cell.y() < 0 || cell.y() >= m_session->rows() || button == 0)
        return;
    const VTermModifier mods = mouseModifiers(event->modifiers());
    m_session->sendMouseMove(cell.y(), cell.x(), mods);
    m_session->sendMouseButton(button, pressed, mods);
    if (pressed)
        m_mouseButtons |= 1 << button;
    else
        m_mouseButtons &= ~(1 << button);
}

void TerminalWidget::mousePressEvent(QMouseEvent *event)
{
    if (reportsMouse(event)) {
        reportMouse(event, true);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton) {
        const bool triple = m_sinceDoubleClick.isValid()
            && m_sinceDoubleClick.elapsed() < QApplication::doubleClickInterval()
            && (pos - m_doubleClickPos).manhattanLength() <= QApplication::startDragDistance();
        m_sinceDoubleClick.invalidate();
        m_selectMode = triple ? TerminalSelection::Mode::Line : TerminalSelection::Mode::Character;
        m_selection.begin(*m_session, positionAt(pos, !triple), m_selectMode);
        m_selecting = true;
        viewport()->update();
    } else if (event->button() == Qt::MiddleButton) {
        pasteSelection();
    }
}

void TerminalWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (reportsMouse(event)) {
        reportMouse(event, true);
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    m_sinceDoubleClick.start();
    m_doubleClickPos = event->position().toPoint();
    m_selectMode = TerminalSelection::Mode::Word;
    m_selection.begin(*m_session, positionAt(m_doubleClickPos, false), m_selectMode);
    m_selecting = true;
    viewport()->update();
}

void TerminalWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!m_selecting && reportsMouse(event)) {
        const auto mode = m_session->mouseMode();
        const bool dragging = m_mouseButtons != 0;
        if (mode == TerminalSession::MouseMode::Move
            || (mode == TerminalSession::MouseMode::Drag && dragging)) {
            const QPoint cell = screenCellAt(pos);
            if (cell.y() >= 0 && cell.y() < m_session->rows())
                m_session->sendMouseMove(cell.y(), cell.x(), mouseModifiers(event->modifiers()));
        }
        return;
    }
    if (!m_selecting || !(event->buttons() & Qt::LeftButton))
        return;
    // Dragging past the top or bottom edge scrolls.
    if (pos.y() < 0)
        scrollBy(1);
    else if (pos.y() >= viewport()->height())
        scrollBy(-1);
    m_selection.extend(*m_session, positionAt(pos, m_selectMode == TerminalSelection::Mode::Character));
    viewport()->update();
}

void TerminalWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_selecting && (m_mouseButtons & (1 << reportedButton(event->button())))) {
        reportMouse(event, false);
        return;
    }
    if (event->button() != Qt::LeftButton || !m_selecting)
        return;
    m_selecting = false;
    QClipboard *clipboard = QApplication::clipboard();
    if (hasSelection() && clipboard->supportsSelection())
        clipboard->setText(selectedText(), QClipboard::Selection);
}

void TerminalWidget::wheelEvent(QWheelEvent *event)
{
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / 120;
    m_wheelRemainder -= steps * 120;
    event->accept();
    if (steps == 0)
        return;
    const bool report = m_session->mouseMode() != TerminalSession::MouseMode::None
        && !(event->modifiers() & Qt::ShiftModifier);
    if (report) {
        const QPoint cell = screenCellAt(event->position().toPoint());
        const VTermModifier mods = mouseModifiers(event->modifiers());
        m_session->sendMouseMove(qBound(0, cell.y(), m_session->rows() - 1), cell.x(), mods);
        for (int i = 0; i < qAbs(steps); ++i)
            m_session->sendMouseButton(steps > 0 ? 4 : 5, true, mods);
    } else if (m_session->isAltScreen()) {
        // Full-screen programs without mouse support (less, man) scroll
        // with the arrow keys.
        for (int i = 0; i < qAbs(steps) * wheelLines; ++i)
            m_session->sendKey(steps > 0 ? VTERM_KEY_UP : VTERM_KEY_DOWN);
    } else {
        scrollBy(steps * wheelLines);
    }
}

// --- Selection and clipboard --------------------------------------------

QString TerminalWidget::selectedText() const
{
    return m_selection.text(*m_session);
}

void TerminalWidget::copy()
{
    if (hasSelection())
        QApplication::clipboard()->setText(selectedText(), QClipboard::Clipboard);
}

void TerminalWidget::paste()
{
    pasteText(QApplication::clipboard()->text(QClipboard::Clipboard));
}

void TerminalWidget::pasteSelection()
{
    QClipboard *clipboard = QApplication::clipboard();
    if (clipboard->supportsSelection())
        pasteText(clipboard->text(QClipboard::Selection));
}

void TerminalWidget::pasteText(const QString &text)
{
    if (text.isEmpty() || (m_pasteGuard && !m_pasteGuard(text)))
        return;
    scrollToBottom();
    m_session->paste(text);
}

void TerminalWidget::selectAll()
{
    m_selection.selectAll(*m_session);
    viewport()->update();
}

void TerminalWidget::clearSelection()
{
    m_selection.clear();
    viewport()->update();
}

// --- Search -----------------------------------------------------------

void TerminalWidget::showSearchBar()
{
    if (!m_searchBar) {
        m_searchBar = new TerminalSearchBar(this);
        connect(m_searchBar, &TerminalSearchBar::findNext, this,
                [this] { searchFromBar(TerminalSearch::Direction::Forward); });
        connect(m_searchBar, &TerminalSearchBar::findPrevious, this,
                [this] { searchFromBar(TerminalSearch::Direction::Backward); });
        connect(m_searchBar, &TerminalSearchBar::searchChanged, this, [this] {
            // A new text: start again from the bottom, going up.
            m_match = {};
            searchFromBar(TerminalSearch::Direction::Backward);
        });
        connect(m_searchBar, &TerminalSearchBar::closed, this, [this] {
            m_match = {};
            viewport()->update();
            setFocus(Qt::OtherFocusReason);
        });
    }
    placeSearchBar();
    m_searchBar->activate();
}

void TerminalWidget::placeSearchBar()
{
    if (!m_searchBar)
        return;
    const QRect area = viewport()->geometry();
    const int width = qMin(area.width(), qMax(m_searchBar->sizeHint().width(), area.width() / 2));
    m_searchBar->setGeometry(area.right() + 1 - width, area.top(), width, m_searchBar->sizeHint().height());
}

void TerminalWidget::searchFromBar(TerminalSearch::Direction direction)
{
    m_searchBar->setFound(find(m_searchBar->text(), direction, m_searchBar->caseSensitivity()));
}

bool TerminalWidget::find(const QString &text, TerminalSearch::Direction direction,
                          Qt::CaseSensitivity cs)
{
    int line = m_session->lineCount() - 1;
    int column = m_session->columns();
    if (m_match.isValid()) {
        line = m_match.line;
        column = direction == TerminalSearch::Direction::Forward ? m_match.column + 1 : m_match.column;
    }
    m_match = TerminalSearch::find(*m_session, text, line, column, direction, cs);
    if (m_match.isValid()) {
        // Bring the match into view, a few lines from the edge if possible.
        const int rows = m_session->rows();
        const int first = firstVisibleLine();
        if (m_match.line < first || m_match.line >= first + rows) {
            const int top = qMax(0, m_match.line - rows / 2);
            m_scrollBack = m_session->history().size() - top;
            updateScrollBar();
        }
    }
    viewport()->update();
    return m_match.isValid();
}

// --- Context menu -----------------------------------------------------

void TerminalWidget::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_session->mouseMode() != TerminalSession::MouseMode::None
        && !(event->modifiers() & Qt::ShiftModifier) && event->reason() == QContextMenuEvent::Mouse)
        return;  // the right button went to the program
    QMenu *menu = createContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QMenu *TerminalWidget::createContextMenu()
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("terminalContextMenu"));
    QAction *copyAction = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy"),
                                          this, &TerminalWidget::copy);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction->setEnabled(hasSelection());
    QAction *pasteAction = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-paste")), tr("&Paste"),
                                           this, &TerminalWidget::paste);
    pasteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    pasteAction->setEnabled(!QApplication::clipboard()->text().isEmpty());
    menu->addAction(QIcon::fromTheme(QStringLiteral("edit-select-all")), tr("Select &All"), this,
                    &TerminalWidget::selectAll);
    menu->addSeparator();
    QAction *findAction = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find…"),
                                          this, &TerminalWidget::showSearchBar);
    findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    menu->addSeparator();
    QAction *in = menu->addAction(QIcon::fromTheme(QStringLiteral("zoom-in")), tr("Zoom &In"), this,
                                  &TerminalWidget::zoomIn);
    in->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus));
    QAction *out = menu->addAction(QIcon::fromTheme(QStringLiteral("zoom-out")), tr("Zoom &Out"), this,
                                   &TerminalWidget::zoomOut);
    out->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    menu->addAction(QIcon::fromTheme(QStringLiteral("zoom-original")), tr("&Reset Zoom"), this,
                    &TerminalWidget::resetZoom);
    menu->addSeparator();
    menu->addAction(QIcon::fromTheme(QStringLiteral("edit-clear-history")), tr("C&lear Scrollback"), this,
                    [this] {
                        m_session->clearHistory();
                        m_selection.clear();
                        m_match = {};
                        m_scrollBack = 0;
                        updateScrollBar();
                        viewport()->update();
                    });
    return menu;
}
