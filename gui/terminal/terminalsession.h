// TerminalSession: the emulation, with no widgets. It wraps libvterm's parser
// and state layers and keeps the screen cells itself (TerminalScreen: rows in
// a ring, a scrolled line's used cells copied into the scrollback ring), reads
// one fd (a pty master or a unix stream socket) on a thread of its own
// (TerminalReader) and parses on the GUI thread in slices of a few ms, writes
// it with a QSocketNotifier, and exposes the screen as cells. Damage is
// collected and announced at most once per update interval (10 ms by default;
// 16 ms while a flood lasts), never once per byte, so that a flood of output
// costs a few repaints a second, whatever its size.
//
// Lines are addressed two ways: screen rows 0..rows()-1, and "lines"
// 0..lineCount()-1 = the scrollback (oldest first) followed by the screen.
#pragma once

#include "terminalcell.h"
#include "terminalhistory.h"
#include "terminalscreen.h"
#include "terminaltextscan.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <vterm_keycodes.h>

#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;
class TerminalReader;
struct VTerm;
struct VTermState;
struct TerminalKeyStroke;

class TerminalSession : public QObject
{
    Q_OBJECT

public:
    enum class CursorShape { Block, Underline, Bar };
    // What the program asked to be told about the mouse (DECSET 1000/1002/1003).
    enum class MouseMode { None, Click, Drag, Move };
    enum class FdOwnership { Take, Borrow };

    explicit TerminalSession(QObject *parent = nullptr);
    TerminalSession(int rows, int columns, QObject *parent = nullptr);
    ~TerminalSession() override;

    // --- The fd ---------------------------------------------------------
    // Starts reading and writing `fd` (made non-blocking) and tells it the
    // current size (so connect sizeChanged() first when `fd` is a socket).
    // With FdOwnership::Take the session closes it on detach().
    // A previous fd is detached first; the screen and scrollback stay, so a
    // console that reconnects continues in the same terminal.
    bool attach(int fd, FdOwnership ownership = FdOwnership::Take);
    void detach();
    int fd() const { return m_fd; }
    bool isAttached() const { return m_fd >= 0; }
    // True when the fd is a tty: the size then goes to it with TIOCSWINSZ;
    // otherwise sizeChanged() tells the owner (a socket from the monitor).
    bool isTty() const { return m_isTty; }
    qint64 bytesReceived() const { return m_bytesReceived; }

    // Processes bytes as if read from the fd (tests, replaying a log).
    void feed(const QByteArray &bytes);
    // Characters the fast path wrote into the screen without libvterm
    // (tests, the bench).
    qint64 asciiFastPathCount() const { return m_fastPathCount; }

    // --- Input: what the user types, encoded for the program --------------
    void sendKey(VTermKey key, VTermModifier modifiers = VTERM_MOD_NONE);
    void sendChar(char32_t c, VTermModifier modifiers = VTERM_MOD_NONE);
    void sendKeyStroke(const TerminalKeyStroke &stroke);
    void sendText(const QString &text);
    // Written verbatim (e.g. a "Send Key" menu).
    void sendBytes(const QByteArray &bytes);
    // Line ends become CR; wrapped in ESC[200~ … ESC[201~ when the program
    // enabled bracketed paste (DECSET 2004), with any end marker inside the
    // text removed so that a paste cannot end its own bracket.
    void paste(const QString &text);
    // Mouse reports, encoded as the program asked (X10, UTF-8, SGR); a no-op
    // when mouseMode() is None. Rows and columns are screen cells. Buttons:
    // 1 left, 2 middle, 3 right, 4/5 wheel up/down.
    void sendMouseMove(int row, int column, VTermModifier modifiers);
    void sendMouseButton(int button, bool pressed, VTermModifier modifiers);
    void setFocused(bool focused);

    // --- Geometry -------------------------------------------------------
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    void resize(int rows, int columns);

    // --- The screen -----------------------------------------------------
    TerminalCell cell(int row, int column) const;
    QString cellText(int row, int column) const;
    void readScreenLine(int row, TerminalLine &line) const;
    QString screenLineText(int row) const;

    int cursorRow() const { return m_cursorRow; }
    int cursorColumn() const { return m_cursorColumn; }
    bool isCursorVisible() const { return m_cursorVisible; }
    bool isCursorBlinking() const { return m_cursorBlink; }
    CursorShape cursorShape() const { return m_cursorShape; }
    bool isAltScreen() const { return m_altScreen; }
    bool isReverseVideo() const { return m_reverseVideo; }
    MouseMode mouseMode() const { return m_mouseMode; }
    QString title() const { return m_title; }

    // --- Scrollback and all lines ----------------------------------------
    const TerminalHistory &history() const { return m_history; }
    int historyCapacity() const { return m_history.capacity(); }
    void setHistoryCapacity(int lines);
    void clearHistory();
    int lineCount() const { return m_history.size() + m_rows; }
    // Line `index` (scrollback, then screen); valid until the session
    // processes more input. An empty line when out of range.
    const TerminalLine &line(int index) const;
    void readLine(int index, TerminalLine &line) const;
    QString lineText(int index) const;

    // --- Batching -------------------------------------------------------
    int updateInterval() const { return m_updateInterval; }
    void setUpdateInterval(int milliseconds);
    // How many times contentUpdated() was emitted.
    int updateCount() const { return m_updateCount; }
    // More than a few KiB arrived between the last two updates: frames in
    // between are skipped, and the view should paint each one it gets at once.
    bool isFlooding() const { return m_flooding; }
    // Announces pending damage now instead of when the interval ends.
    void flushUpdates();

Q_SIGNALS:
    // Coalesced: at most once per update interval. Screen rows
    // [firstRow, endRow) changed; the scrollback may have grown; cursor and
    // modes may have changed.
    void contentUpdated(int firstRow, int endRow);
    void titleChanged(const QString &title);
    void bell();
    // The fd is not a tty: whoever serves it must learn the new size.
    void sizeChanged(int rows, int columns);
    // The fd hung up (end of file, or EIO when a pty's other side closed).
    void finished();

private:
    friend struct TerminalSessionCallbacks;

    void init(int rows, int columns);
    void processInput();
    // Everything read goes through here (terminalsessionparse.cpp): runs of
    // printable ASCII are written into the screen directly, the rest goes
    // to libvterm.
    void parse(const char *data, size_t length);
    void parseComplete(const char *data, size_t length);
    // Writes up to `count` characters of a run into the screen after
    // `previous`, which libvterm just drew; then how many libvterm draws
    // next (0: all the rest).
    struct AsciiStep
    {
        size_t drawn = 0;
        size_t toVterm = 0;
    };
    AsciiStep drawAscii(const char *text, size_t count, char previous);
    // After libvterm drew `last` at the end of a line: takes the short lines
    // that follow ("\r\n" and text, at the bottom row) into the screen
    // directly; answers how many bytes it took.
    size_t scrollLines(const char *data, size_t length, char last);
    void writePending();
    void queueOutput(const char *bytes, size_t length);
    void applySizeToFd();
    // Rows [firstRow, endRow) changed; the first change after an update
    // starts the timer. Inline: it runs once per character.
    void markDirty(int firstRow, int endRow)
    {
        if (m_dirtyFirst < 0) {
            startDirty(firstRow, endRow);
            return;
        }
        if (firstRow < m_dirtyFirst)
            m_dirtyFirst = qMax(0, firstRow);
        if (endRow > m_dirtyEnd)
            m_dirtyEnd = qMin(endRow, m_rows);
    }
    void startDirty(int firstRow, int endRow);
    void hangUp();
    // What erasing leaves: the pen's colours, no attributes (as xterm's
    // background colour erase).
    TerminalCell blank() const
    {
        TerminalCell c;
        c.fg = m_pen.fg;
        c.bg = m_pen.bg;
        return c;
    }

    VTerm *m_vt = nullptr;
    VTermState *m_state = nullptr;
    TerminalScreen m_primary;
    TerminalScreen m_alternate;
    TerminalScreen *m_screen = nullptr;  // the one shown
    TerminalCell m_pen;                  // attributes and colours of new text
    TerminalHistory m_history;
    int m_rows = 24;
    int m_columns = 80;

    int m_fd = -1;
    bool m_ownsFd = false;
    bool m_isTty = false;
    bool m_isSocket = false;
    qint64 m_bytesReceived = 0;
    std::unique_ptr<TerminalReader> m_reader;  // reads the fd on its own thread
    std::vector<char> m_input;                 // taken from the reader, parsed up to m_inputPos
    size_t m_inputPos = 0;
    std::vector<char> m_carry;  // an incomplete UTF-8 sequence, kept for the next bytes
    TerminalTextScanner m_scanner;
    // What libvterm drew last (putglyph): the fast path checks that the
    // first character of a run landed where it expects, and takes its place
    // and pen from it. m_glyphWidth 0: nothing since the last check.
    int m_glyphRow = -1;
    int m_glyphColumn = -1;
    int m_glyphWidth = 0;
    uint32_t m_glyphChar = 0;
    bool m_glyphProtected = false;
    bool m_sawShift = false;  // libvterm moved cells sideways (insert mode)
    qint64 m_fastPathCount = 0;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QByteArray m_outgoing;

    QTimer *m_updateTimer = nullptr;
    int m_updateInterval = 10;
    int m_updateCount = 0;
    int m_dirtyFirst = -1;
    int m_dirtyEnd = -1;
    bool m_flooding = false;  // more than floodBytes arrived between the last two updates
    qint64 m_bytesAtFlush = 0;
    QElapsedTimer m_sinceFlush;  // since the last contentUpdated()

    int m_cursorRow = 0;
    int m_cursorColumn = 0;
    bool m_cursorVisible = true;
    bool m_cursorBlink = true;
    CursorShape m_cursorShape = CursorShape::Block;
    bool m_altScreen = false;
    bool m_reverseVideo = false;
    MouseMode m_mouseMode = MouseMode::None;
    QString m_title;
};
