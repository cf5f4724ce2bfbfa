#include "terminalsession.h"

#include "terminalkeys.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <vterm.h>

#include <cerrno>
#include <vector>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace {

// Parse for at most this long per wake-up before returning to the event
// loop, so that a flood leaves room for timers, painting and input. libvterm
// parses a chunk in about a millisecond here.
constexpr qint64 readBudgetNs = 4'000'000;
constexpr size_t readChunk = 16 * 1024;

// Called for every cell of every line that scrolls, so kept cheap.
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

VTermColor toVTerm(const TerminalColor &c, const VTermColor &defaultColor)
{
    VTermColor out;
    switch (c.kind) {
    case TerminalColor::Indexed:
        vterm_color_indexed(&out, c.index);
        break;
    case TerminalColor::Rgb:
        vterm_color_rgb(&out, c.red, c.green, c.blue);
        break;
    case TerminalColor::Default:
        out = defaultColor;
        break;
    }
    return out;
}

// libvterm marks the second half of a wide character with this value.
constexpr uint32_t wideContinuation = uint32_t(-1);

// Converts libvterm's cells [0, count) of a row into `line`. libvterm
// reports cells with the screen-wide reverse video (DECSCNM) folded into each
// cell's reverse bit; `globalReverse` takes it out again, so that the painter
// applies it to the scrollback as well, and a line keeps its own attributes
// when it outlives the mode.
void convertRow(TerminalLine &line, const VTermScreenCell *cells, int count, bool globalReverse)
{
    line.cells.resize(size_t(count));
    for (int col = 0; col < count; ++col) {
        const VTermScreenCell &in = cells[col];
        TerminalCell &cell = line.cells[size_t(col)];
        if (in.chars[0] == wideContinuation) {
            // Second half: painted by the first half, whose colours it keeps.
            if (col > 0)
                cell = line.cells[size_t(col - 1)];
            cell.ch = 0;
            cell.width = 0;
            cell.attrs &= ~TerminalCell::HasMarks;
            continue;
        }
        cell.ch = in.chars[0];
        cell.width = in.width == 2 ? 2 : 1;
        uint16_t attrs = uint16_t((in.attrs.bold ? TerminalCell::Bold : 0)
                                  | (in.attrs.italic ? TerminalCell::Italic : 0)
                                  | (in.attrs.blink ? TerminalCell::Blink : 0)
                                  | (bool(in.attrs.reverse) != globalReverse ? TerminalCell::Reverse : 0)
                                  | (in.attrs.strike ? TerminalCell::Strike : 0)
                                  | (in.attrs.underline << TerminalCell::UnderlineShift));
        if (cell.ch != 0 && in.chars[1] != 0) {
            std::u32string marks;
            for (int i = 1; i < VTERM_MAX_CHARS_PER_CELL && in.chars[i]; ++i)
                marks.push_back(in.chars[i]);
            line.marks.emplace_back(col, std::move(marks));
            attrs |= TerminalCell::HasMarks;
        }
        cell.attrs = attrs;
        fromVTerm(in.fg, VTERM_COLOR_DEFAULT_FG, cell.fg);
        fromVTerm(in.bg, VTERM_COLOR_DEFAULT_BG, cell.bg);
    }
}

void setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

}  // namespace

// libvterm's callbacks: `user` is the TerminalSession.
struct TerminalSessionCallbacks
{
    static TerminalSession *self(void *user) { return static_cast<TerminalSession *>(user); }

    static int damage(VTermRect rect, void *user)
    {
        self(user)->markDirty(rect.start_row, rect.end_row);
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
            s->m_altScreen = val->boolean;
            s->markDirty(0, s->m_rows);
            break;
        case VTERM_PROP_REVERSE:
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

    static int resize(int rows, int cols, void *user)
    {
        TerminalSession *s = self(user);
        s->m_rows = rows;
        s->m_columns = cols;
        s->markDirty(0, rows);
        return 1;
    }

    // A line scrolled off the top of the primary screen.
    static int pushLine(int cols, const VTermScreenCell *cells, void *user)
    {
        TerminalSession *s = self(user);
        TerminalLine &line = s->m_history.pushSlot();
        int used = cols;
        while (used > 0 && cells[used - 1].chars[0] == 0
               && bool(cells[used - 1].attrs.reverse) == s->m_reverseVideo
               && !cells[used - 1].attrs.underline && !cells[used - 1].attrs.strike
               && VTERM_COLOR_IS_DEFAULT_BG(&cells[used - 1].bg))
            --used;
        convertRow(line, cells, used, s->m_reverseVideo);
        return 1;
    }

    // The screen grew taller: give back the newest scrollback line.
    static int popLine(int cols, VTermScreenCell *cells, void *user)
    {
        TerminalSession *s = self(user);
        TerminalLine line;
        if (!s->m_history.pop(&line))
            return 0;
        VTermColor defaultFg, defaultBg;
        vterm_state_get_default_colors(vterm_obtain_state(s->m_vt), &defaultFg, &defaultBg);
        defaultFg.type |= VTERM_COLOR_DEFAULT_FG;
        defaultBg.type |= VTERM_COLOR_DEFAULT_BG;
        for (int col = 0; col < cols; ++col) {
            VTermScreenCell &out = cells[col];
            out = VTermScreenCell {};
            out.width = 1;
            out.fg = defaultFg;
            out.bg = defaultBg;
            if (col >= line.size())
                continue;
            const TerminalCell &in = line.cells[size_t(col)];
            if (in.width == 0) {
                out.chars[0] = wideContinuation;
            } else {
                out.chars[0] = in.ch;
                out.width = in.width;
            }
            if (in.has(TerminalCell::HasMarks)) {
                for (const auto &[markCol, marks] : line.marks) {
                    if (markCol != col)
                        continue;
                    for (size_t i = 0; i < marks.size() && i + 1 < VTERM_MAX_CHARS_PER_CELL; ++i)
                        out.chars[i + 1] = marks[i];
                }
            }
            out.attrs.bold = in.has(TerminalCell::Bold);
            out.attrs.italic = in.has(TerminalCell::Italic);
            out.attrs.blink = in.has(TerminalCell::Blink);
            out.attrs.reverse = in.has(TerminalCell::Reverse);
            out.attrs.strike = in.has(TerminalCell::Strike);
            out.attrs.underline = unsigned(in.underline());
            out.fg = toVTerm(in.fg, defaultFg);
            out.bg = toVTerm(in.bg, defaultBg);
        }
        return 1;
    }

    static void output(const char *bytes, size_t length, void *user)
    {
        self(user)->queueOutput(bytes, length);
    }
};

namespace {

const VTermScreenCallbacks screenCallbacks = {
    &TerminalSessionCallbacks::damage,
    nullptr,  // moverect: let libvterm turn scrolls into damage
    &TerminalSessionCallbacks::moveCursor,
    &TerminalSessionCallbacks::setTermProp,
    &TerminalSessionCallbacks::bell,
    &TerminalSessionCallbacks::resize,
    &TerminalSessionCallbacks::pushLine,
    &TerminalSessionCallbacks::popLine,
};

}  // namespace

TerminalSession::TerminalSession(QObject *parent)
    : TerminalSession(24, 80, parent)
{
}

TerminalSession::TerminalSession(int rows, int columns, QObject *parent)
    : QObject(parent)
{
    init(qMax(1, rows), qMax(1, columns));
}

void TerminalSession::init(int rows, int columns)
{
    // First: libvterm reports damage as soon as it is reset.
    m_updateTimer = new QTimer(this);
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setTimerType(Qt::PreciseTimer);
    connect(m_updateTimer, &QTimer::timeout, this, &TerminalSession::flushUpdates);

    m_rows = rows;
    m_columns = columns;
    m_vt = vterm_new(rows, columns);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, &TerminalSessionCallbacks::output, this);

    VTermState *state = vterm_obtain_state(m_vt);
    // SGR 1 with colours 30-37 brightens them, as xterm does.
    vterm_state_set_bold_highbright(state, 1);

    m_screen = vterm_obtain_screen(m_vt);
    vterm_screen_set_callbacks(m_screen, &screenCallbacks, this);
    // Merge damage across scrolls too; we ask for it after each read.
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_SCROLL);
    vterm_screen_enable_altscreen(m_screen, 1);
    vterm_screen_reset(m_screen, 1);
}

TerminalSession::~TerminalSession()
{
    m_readNotifier.reset();
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

    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, &TerminalSession::readAvailable);
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
    for (std::unique_ptr<QSocketNotifier> *n : { &m_readNotifier, &m_writeNotifier }) {
        if (*n) {
            (*n)->setEnabled(false);
            n->release()->deleteLater();
        }
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
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    flushUpdates();
    Q_EMIT finished();
}

void TerminalSession::readAvailable()
{
    char buffer[readChunk];
    qsizetype total = 0;
    bool hungUp = false;
    QElapsedTimer budget;
    budget.start();
    while (budget.nsecsElapsed() < readBudgetNs) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n > 0) {
            total += n;
            vterm_input_write(m_vt, buffer, size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // 0: end of file; EIO: the pty's slave side is closed.
        hungUp = true;
        break;
    }
    m_bytesReceived += total;
    vterm_screen_flush_damage(m_screen);
    if (hungUp)
        hangUp();
}

void TerminalSession::feed(const QByteArray &bytes)
{
    vterm_input_write(m_vt, bytes.constData(), size_t(bytes.size()));
    vterm_screen_flush_damage(m_screen);
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
    vterm_set_size(m_vt, rows, columns);
    vterm_screen_flush_damage(m_screen);
    m_rows = rows;
    m_columns = columns;
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
    TerminalLine line;
    readScreenLine(row, line);
    if (column < 0 || column >= line.size())
        return {};
    return line.cells[size_t(column)];
}

QString TerminalSession::cellText(int row, int column) const
{
    TerminalLine line;
    readScreenLine(row, line);
    return line.cellText(column);
}

void TerminalSession::readScreenLine(int row, TerminalLine &line) const
{
    line.clear();
    if (row < 0 || row >= m_rows)
        return;
    static thread_local std::vector<VTermScreenCell> cells;
    cells.resize(size_t(m_columns));
    for (int col = 0; col < m_columns; ++col) {
        if (!vterm_screen_get_cell(m_screen, VTermPos { row, col }, &cells[size_t(col)]))
            cells[size_t(col)] = VTermScreenCell {};
    }
    convertRow(line, cells.data(), m_columns, m_reverseVideo);
}

QString TerminalSession::screenLineText(int row) const
{
    TerminalLine line;
    readScreenLine(row, line);
    return line.text();
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

void TerminalSession::readLine(int index, TerminalLine &line) const
{
    if (index >= 0 && index < m_history.size()) {
        line = m_history.at(index);
        return;
    }
    readScreenLine(index - m_history.size(), line);
}

QString TerminalSession::lineText(int index) const
{
    if (index >= 0 && index < m_history.size())
        return m_history.at(index).text();
    return screenLineText(index - m_history.size());
}

void TerminalSession::setUpdateInterval(int milliseconds)
{
    m_updateInterval = qMax(0, milliseconds);
}

void TerminalSession::markDirty(int firstRow, int endRow)
{
    firstRow = qBound(0, firstRow, m_rows);
    endRow = qBound(firstRow, endRow, m_rows);
    if (m_dirtyFirst < 0) {
        m_dirtyFirst = firstRow;
        m_dirtyEnd = endRow;
    } else {
        m_dirtyFirst = qMin(m_dirtyFirst, firstRow);
        m_dirtyEnd = qMax(m_dirtyEnd, endRow);
    }
    if (!m_updateTimer->isActive())
        m_updateTimer->start(m_updateInterval);
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
    Q_EMIT contentUpdated(first, end);
}
