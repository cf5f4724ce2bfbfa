#include "terminalsession.h"

#include "terminalkeys.h"
#include "terminalreader.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <vterm.h>

#include <algorithm>
#include <cerrno>
#include <vector>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace {

// Parse for at most this long per turn before returning to the event loop,
// so that a flood leaves room for timers, painting and input (a typed key
// waits at most this long, plus a paint).
constexpr qint64 parseBudgetNs = 4'000'000;
// libvterm is fed this much at a time (the reader thread gathers the 4 KiB
// reads of a pty into larger blocks).
constexpr size_t parseChunk = 64 * 1024;
// A flood: more than this arrived between two updates. While it lasts,
// frames in between are skipped: updates are announced at most every
// floodUpdateInterval instead of every update interval, so that most of the
// time goes to parsing; with a slice and a paint, and a loaded machine's
// delays, still well under the 100 ms that makes output look stuck.
constexpr qint64 floodBytes = 16 * 1024;
constexpr int floodUpdateInterval = 16;

inline void fromVTerm(const VTermColor &c, uint8_t defaultFlag, TerminalColor &out)
{
    out = TerminalColor();
    if (c.type & defaultFlag)
        return;
    if (VTERM_COLOR_IS_INDEXED(&c)) {
        out.kind = TerminalColor::Indexed;
        out.index = c.indexed.idx;
    } else {
        out.kind = TerminalColor::Rgb;
        out.red = c.rgb.red;
        out.green = c.rgb.green;
        out.blue = c.rgb.blue;
    }
}

inline void setAttr(TerminalCell &pen, uint16_t bit, bool on)
{
    pen.attrs = on ? uint16_t(pen.attrs | bit) : uint16_t(pen.attrs & ~bit);
}

void setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

}  // namespace

// libvterm's state-layer callbacks: `user` is the TerminalSession. They draw
// into the active TerminalScreen and note which rows changed.
struct TerminalSessionCallbacks
{
    static TerminalSession *self(void *user) { return static_cast<TerminalSession *>(user); }

    // Called once per character: kept to a cell write and two comparisons.
    static int putGlyph(VTermGlyphInfo *info, VTermPos pos, void *user)
    {
        TerminalSession *s = self(user);
        s->m_glyphRow = pos.row;
        s->m_glyphColumn = pos.col;
        s->m_glyphWidth = info->chars[0] != 0 && info->chars[1] != 0 ? -1 : info->width;  // -1: with marks
        s->m_glyphChar = info->chars[0];
        s->m_glyphProtected = info->protected_cell;
        if (info->protected_cell) {
            TerminalCell pen = s->m_pen;
            pen.attrs |= TerminalCell::Protected;
            s->m_screen->put(pos.row, pos.col, info->chars, info->width, pen);
        } else {
            s->m_screen->put(pos.row, pos.col, info->chars, info->width, s->m_pen);
        }
        s->markDirty(pos.row, pos.row + 1);
        return 1;
    }

    static int moveCursor(VTermPos pos, VTermPos oldPos, int visible, void *user)
    {
        TerminalSession *s = self(user);
        s->m_cursorRow = pos.row;
        s->m_cursorColumn = pos.col;
        Q_UNUSED(visible);  // the property callback is the authority
        s->markDirty(oldPos.row, oldPos.row + 1);
        s->markDirty(pos.row, pos.row + 1);
        return 1;
    }

    // Full-width scrolls (every newline at the bottom) move rows, not cells;
    // anything else returns 0 and libvterm falls back to moveRect + erase.
    static int scrollRect(VTermRect rect, int downward, int rightward, void *user)
    {
        TerminalSession *s = self(user);
        if (rightward != 0)
            s->m_sawShift = true;  // insert mode shifts the line before each character
        if (rightward != 0 || rect.start_col != 0 || rect.end_col < s->m_columns)
            return 0;
        // Only the primary screen keeps what scrolls off its top (as xterm).
        TerminalHistory *history = s->m_screen == &s->m_primary ? &s->m_history : nullptr;
        s->m_screen->scrollRows(rect.start_row, rect.end_row, downward, s->blank(), history);
        s->markDirty(rect.start_row, rect.end_row);
        return 1;
    }

    static int moveRect(VTermRect dest, VTermRect src, void *user)
    {
        TerminalSession *s = self(user);
        s->m_screen->moveRect(dest.start_row, dest.start_col, src.start_row, src.start_col,
                              src.end_row - src.start_row, src.end_col - src.start_col);
        s->markDirty(dest.start_row, dest.end_row);
        return 1;
    }

    static int erase(VTermRect rect, int selective, void *user)
    {
        TerminalSession *s = self(user);
        s->m_screen->erase(rect.start_row, rect.end_row, rect.start_col, rect.end_col, s->blank(), selective);
        s->markDirty(rect.start_row, rect.end_row);
        return 1;
    }

    static int initPen(void *user)
    {
        self(user)->m_pen = TerminalCell();
        return 1;
    }

    static int setPenAttr(VTermAttr attr, VTermValue *val, void *user)
    {
        TerminalCell &pen = self(user)->m_pen;
        switch (attr) {
        case VTERM_ATTR_BOLD: setAttr(pen, TerminalCell::Bold, val->boolean); break;
        case VTERM_ATTR_ITALIC: setAttr(pen, TerminalCell::Italic, val->boolean); break;
        case VTERM_ATTR_BLINK: setAttr(pen, TerminalCell::Blink, val->boolean); break;
        case VTERM_ATTR_REVERSE: setAttr(pen, TerminalCell::Reverse, val->boolean); break;
        case VTERM_ATTR_STRIKE: setAttr(pen, TerminalCell::Strike, val->boolean); break;
        case VTERM_ATTR_UNDERLINE:
            pen.attrs = uint16_t((pen.attrs & ~TerminalCell::UnderlineMask)
                                 | ((val->number & 3) << TerminalCell::UnderlineShift));
            break;
        case VTERM_ATTR_FOREGROUND: fromVTerm(val->color, VTERM_COLOR_DEFAULT_FG, pen.fg); break;
        case VTERM_ATTR_BACKGROUND: fromVTerm(val->color, VTERM_COLOR_DEFAULT_BG, pen.bg); break;
        default: break;
        }
        return 1;
    }

    static int setTermProp(VTermProp prop, VTermValue *val, void *user)
    {
        TerminalSession *s = self(user);
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            s->m_cursorVisible = val->boolean;
            s->markDirty(s->m_cursorRow, s->m_cursorRow + 1);
            break;
        case VTERM_PROP_CURSORBLINK:
            s->m_cursorBlink = val->boolean;
            s->markDirty(s->m_cursorRow, s->m_cursorRow + 1);
            break;
        case VTERM_PROP_CURSORSHAPE:
            s->m_cursorShape = val->number == VTERM_PROP_CURSORSHAPE_UNDERLINE
                ? TerminalSession::CursorShape::Underline
                : val->number == VTERM_PROP_CURSORSHAPE_BAR_LEFT ? TerminalSession::CursorShape::Bar
                                                                 : TerminalSession::CursorShape::Block;
            s->markDirty(s->m_cursorRow, s->m_cursorRow + 1);
            break;
        case VTERM_PROP_ALTSCREEN:
            // libvterm erases the alternate screen itself when it is entered.
            s->m_altScreen = val->boolean;
            s->m_screen = s->m_altScreen ? &s->m_alternate : &s->m_primary;
            s->markDirty(0, s->m_rows);
            break;
        case VTERM_PROP_REVERSE:
            // DECSCNM: screen-wide, applied by the painter; cells keep their own.
            s->m_reverseVideo = val->boolean;
            s->markDirty(0, s->m_rows);
            break;
        case VTERM_PROP_MOUSE:
            s->m_mouseMode = TerminalSession::MouseMode(qBound(0, val->number, 3));
            break;
        case VTERM_PROP_TITLE: {
            const QString title = QString::fromUtf8(val->string ? val->string : "");
            if (title != s->m_title) {
                s->m_title = title;
                Q_EMIT s->titleChanged(title);
            }
            break;
        }
        default:
            break;
        }
        // 1: accepted. libvterm only switches to the alternate screen (and
        // stores other modes) when the embedder accepts.
        return 1;
    }

    static int bell(void *user)
    {
        Q_EMIT self(user)->bell();
        return 1;
    }

    // As libvterm's screen layer does: shorter, the rows below the cursor that
    // would be cut off push the top rows into the scrollback instead (down to
    // the first blank one); taller, the newest scrollback lines come back.
    // `delta` tells libvterm how the cursor moved with the text.
    static int resize(int rows, int columns, VTermPos *delta, void *user)
    {
        TerminalSession *s = self(user);
        const bool primary = !s->m_altScreen;
        const int oldRows = s->m_rows;
        if (primary && rows < oldRows) {
            int firstBlank = oldRows;
            while (firstBlank > rows && firstBlank - 1 != s->m_cursorRow && s->m_primary.isRowBlank(firstBlank - 1))
                --firstBlank;
            if (firstBlank > rows) {
                s->m_primary.scrollRows(0, oldRows, firstBlank - rows, TerminalCell(), &s->m_history);
                delta->row -= firstBlank - rows;
            }
        }
        s->m_primary.resize(rows, columns, TerminalCell());
        s->m_alternate.resize(rows, columns, TerminalCell());
        s->m_rows = rows;
        s->m_columns = columns;
        if (primary) {
            for (int added = oldRows; added < rows; ++added) {
                TerminalLine line;
                if (!s->m_history.pop(&line))
                    break;
                s->m_primary.pushTop(std::move(line), TerminalCell());
                ++delta->row;
            }
        }
        s->markDirty(0, rows);
        return 1;
    }

    static int setLineInfo(int, const VTermLineInfo *, const VTermLineInfo *, void *)
    {
        return 1;  // double-width and double-height lines are drawn single
    }

    static void output(const char *bytes, size_t length, void *user)
    {
        self(user)->queueOutput(bytes, length);
    }
};

namespace {

const VTermStateCallbacks stateCallbacks = {
    &TerminalSessionCallbacks::putGlyph,
    &TerminalSessionCallbacks::moveCursor,
    &TerminalSessionCallbacks::scrollRect,
    &TerminalSessionCallbacks::moveRect,
    &TerminalSessionCallbacks::erase,
    &TerminalSessionCallbacks::initPen,
    &TerminalSessionCallbacks::setPenAttr,
    &TerminalSessionCallbacks::setTermProp,
    &TerminalSessionCallbacks::bell,
    &TerminalSessionCallbacks::resize,
    &TerminalSessionCallbacks::setLineInfo,
};

}  // namespace

TerminalSession::TerminalSession(QObject *parent)
    : TerminalSession(24, 80, parent)
{
}

TerminalSession::TerminalSession(int rows, int columns, QObject *parent)
    : QObject(parent)
    , m_primary(qMax(1, rows), qMax(1, columns))
    , m_alternate(qMax(1, rows), qMax(1, columns))
{
    init(qMax(1, rows), qMax(1, columns));
}

void TerminalSession::init(int rows, int columns)
{
    // First: libvterm reports damage as soon as it is reset.
    m_updateTimer = new QTimer(this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setTimerType(Qt::PreciseTimer);
    m_sinceFlush.start();
    connect(m_updateTimer, &QTimer::timeout, this, &TerminalSession::flushUpdates);

    m_rows = rows;
    m_columns = columns;
    m_screen = &m_primary;
    m_vt = vterm_new(rows, columns);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, &TerminalSessionCallbacks::output, this);

    m_state = vterm_obtain_state(m_vt);
    // SGR 1 with colours 30-37 brightens them, as xterm does.
    vterm_state_set_bold_highbright(m_state, 1);
    vterm_state_set_callbacks(m_state, &stateCallbacks, this);
    vterm_state_reset(m_state, 1);
}

TerminalSession::~TerminalSession()
{
    m_reader.reset();
    m_writeNotifier.reset();
    detach();
    vterm_free(m_vt);
}

bool TerminalSession::attach(int fd, FdOwnership ownership)
{
    detach();
    if (fd < 0)
        return false;
    m_fd = fd;
    m_ownsFd = ownership == FdOwnership::Take;
    m_isTty = ::isatty(fd);
    struct stat st = {};
    m_isSocket = ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
    setNonBlocking(fd);

    // Called on the reader's thread: parsing happens here, in an event.
    m_reader = std::make_unique<TerminalReader>(fd, [this] {
        QMetaObject::invokeMethod(this, [this] { processInput(); }, Qt::QueuedConnection);
    });
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, &TerminalSession::writePending);

    applySizeToFd();
    if (!m_outgoing.isEmpty())
        writePending();
    return true;
}

void TerminalSession::detach()
{
    // detach() may run inside a notifier's own signal (a slot connected to
    // finished()), so the notifiers go later.
    // Stops the reading thread; what it read and was not parsed is dropped.
    m_reader.reset();
    m_input.clear();
    m_inputPos = 0;
    m_carry.clear();
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(false);
        m_writeNotifier.release()->deleteLater();
    }
    if (m_fd >= 0 && m_ownsFd)
        ::close(m_fd);
    m_fd = -1;
    m_ownsFd = false;
    m_isTty = false;
    m_isSocket = false;
    m_outgoing.clear();
}

void TerminalSession::hangUp()
{
    // Keep the fd (its owner decides), but stop listening to it.
    m_reader.reset();
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    flushUpdates();
    Q_EMIT finished();
}

void TerminalSession::processInput()
{
    if (!m_reader)
        return;  // detached since this was queued
    qsizetype total = 0;
    QElapsedTimer budget;
    budget.start();
    bool more = true;
    while (budget.nsecsElapsed() < parseBudgetNs) {
        if (m_inputPos >= m_input.size()) {
            m_inputPos = 0;
            if (!m_reader->take(m_input)) {
                more = false;  // the reader calls again when bytes arrive
                break;
            }
        }
        const size_t n = std::min(parseChunk, m_input.size() - m_inputPos);
        parse(m_input.data() + m_inputPos, n);
        m_inputPos += n;
        total += qsizetype(n);
    }
    m_bytesReceived += total;
    // The frame is due: announce it from here rather than wait for the
    // timer's event, which a busy loop of slices and a loaded machine delay
    // (the widget then paints before the next slice).
    if (m_dirtyFirst >= 0 && m_sinceFlush.elapsed() >= (m_flooding ? floodUpdateInterval : m_updateInterval))
        flushUpdates();
    if (more) {
        // Out of budget: go on after the event loop's turn (input, timers,
        // painting).
        QMetaObject::invokeMethod(this, [this] { processInput(); }, Qt::QueuedConnection);
        return;
    }
    if (m_reader->hungUp())
        hangUp();
}

void TerminalSession::feed(const QByteArray &bytes)
{
    parse(bytes.constData(), size_t(bytes.size()));
}

void TerminalSession::queueOutput(const char *bytes, size_t length)
{
    m_outgoing.append(bytes, qsizetype(length));
    if (m_fd >= 0 && !(m_writeNotifier && m_writeNotifier->isEnabled()))
        writePending();
}

void TerminalSession::writePending()
{
    if (m_fd < 0) {
        m_outgoing.clear();
        return;
    }
    qsizetype done = 0;
    while (done < m_outgoing.size()) {
        const char *data = m_outgoing.constData() + done;
        const size_t length = size_t(m_outgoing.size() - done);
        // A socket whose reader went away must fail with EPIPE, not raise
        // SIGPIPE and end the whole GUI.
        const ssize_t n = m_isSocket ? ::send(m_fd, data, length, MSG_NOSIGNAL) : ::write(m_fd, data, length);
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // The other side is gone; reading will notice and report it.
        m_outgoing.clear();
        done = 0;
        break;
    }
    m_outgoing.remove(0, done);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_outgoing.isEmpty());
}

void TerminalSession::sendKey(VTermKey key, VTermModifier modifiers)
{
    vterm_keyboard_key(m_vt, key, modifiers);
}

void TerminalSession::sendChar(char32_t c, VTermModifier modifiers)
{
    vterm_keyboard_unichar(m_vt, uint32_t(c), modifiers);
}

void TerminalSession::sendKeyStroke(const TerminalKeyStroke &stroke)
{
    switch (stroke.type) {
    case TerminalKeyStroke::Key:
        sendKey(stroke.key, stroke.modifiers);
        break;
    case TerminalKeyStroke::Char:
        sendChar(stroke.ch, stroke.modifiers);
        break;
    case TerminalKeyStroke::Text:
        sendText(stroke.text);
        break;
    case TerminalKeyStroke::Bytes:
        sendBytes(stroke.bytes);
        break;
    case TerminalKeyStroke::None:
        break;
    }
}

void TerminalSession::sendText(const QString &text)
{
    sendBytes(text.toUtf8());
}

void TerminalSession::sendBytes(const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        queueOutput(bytes.constData(), size_t(bytes.size()));
}

void TerminalSession::paste(const QString &text)
{
    QString body = text;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\r"));
    body.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    body.remove(QStringLiteral("\x1b[201~"));
    // libvterm adds the brackets only when the program enabled them.
    vterm_keyboard_start_paste(m_vt);
    sendText(body);
    vterm_keyboard_end_paste(m_vt);
}

void TerminalSession::sendMouseMove(int row, int column, VTermModifier modifiers)
{
    if (m_mouseMode != MouseMode::None)
        vterm_mouse_move(m_vt, row, column, modifiers);
}

void TerminalSession::sendMouseButton(int button, bool pressed, VTermModifier modifiers)
{
    if (m_mouseMode != MouseMode::None)
        vterm_mouse_button(m_vt, button, pressed, modifiers);
}

void TerminalSession::setFocused(bool focused)
{
    // Reported only to programs that asked (DECSET 1004).
    VTermState *state = vterm_obtain_state(m_vt);
    if (focused)
        vterm_state_focus_in(state);
    else
        vterm_state_focus_out(state);
}

void TerminalSession::resize(int rows, int columns)
{
    rows = qMax(1, rows);
    columns = qMax(1, columns);
    if (rows == m_rows && columns == m_columns)
        return;
    vterm_set_size(m_vt, rows, columns);  // the resize callback does the rest
    applySizeToFd();
}

void TerminalSession::applySizeToFd()
{
    if (m_isTty) {
        struct winsize size = {};
        size.ws_row = static_cast<unsigned short>(m_rows);
        size.ws_col = static_cast<unsigned short>(m_columns);
        // The kernel sends SIGWINCH to the foreground process group.
        if (::ioctl(m_fd, TIOCSWINSZ, &size) == 0)
            return;
    }
    Q_EMIT sizeChanged(m_rows, m_columns);
}

TerminalCell TerminalSession::cell(int row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns)
        return {};
    return m_screen->line(row).cells[size_t(column)];
}

QString TerminalSession::cellText(int row, int column) const
{
    if (row < 0 || row >= m_rows)
        return {};
    return m_screen->line(row).cellText(column);
}

void TerminalSession::readScreenLine(int row, TerminalLine &line) const
{
    if (row < 0 || row >= m_rows)
        line.clear();
    else
        line = m_screen->line(row);
}

QString TerminalSession::screenLineText(int row) const
{
    if (row < 0 || row >= m_rows)
        return {};
    return m_screen->line(row).text();
}

void TerminalSession::setHistoryCapacity(int lines)
{
    m_history.setCapacity(lines);
    markDirty(0, 0);
}

void TerminalSession::clearHistory()
{
    m_history.clear();
    markDirty(0, 0);
}

const TerminalLine &TerminalSession::line(int index) const
{
    static const TerminalLine empty;
    if (index >= 0 && index < m_history.size())
        return m_history.at(index);
    const int row = index - m_history.size();
    return row >= 0 && row < m_rows ? m_screen->line(row) : empty;
}

void TerminalSession::readLine(int index, TerminalLine &line) const
{
    line = this->line(index);
}

QString TerminalSession::lineText(int index) const
{
    return line(index).text();
}

void TerminalSession::setUpdateInterval(int milliseconds)
{
    m_updateInterval = qMax(0, milliseconds);
}

void TerminalSession::startDirty(int firstRow, int endRow)
{
    m_dirtyFirst = qBound(0, firstRow, m_rows);
    m_dirtyEnd = qBound(m_dirtyFirst, endRow, m_rows);
    m_updateTimer->start(m_flooding ? qMax(m_updateInterval, floodUpdateInterval) : m_updateInterval);
}

void TerminalSession::flushUpdates()
{
    m_updateTimer->stop();
    if (m_dirtyFirst < 0)
        return;
    const int first = m_dirtyFirst;
    const int end = m_dirtyEnd;
    m_dirtyFirst = m_dirtyEnd = -1;
    ++m_updateCount;
    m_flooding = m_bytesReceived - m_bytesAtFlush > floodBytes;
    m_bytesAtFlush = m_bytesReceived;
    m_sinceFlush.restart();
    Q_EMIT contentUpdated(first, end);
}
