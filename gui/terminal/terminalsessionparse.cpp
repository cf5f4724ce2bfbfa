// TerminalSession's input path: what the program wrote, into libvterm and the
// screen. libvterm decodes, measures and hands over every character through a
// callback; for a flood of long lines that is most of the time spent. So runs
// of printable ASCII are written into the screen here, a row at a time, and
// libvterm sees only what is not such text, the first character of each run
// and the run's last character, plus a cursor move (CHA) between them: its
// state (cursor, pending wrap, the last character for REP and combining
// marks) stays exactly what it would have been.
//
// libvterm keeps the state that decides where a character goes to itself
// (pending wrap, insert mode, double-width lines), so the session does not
// guess it: libvterm draws the first character of every run, and only if
// that landed as plain text would, one column left of where the cursor now
// stands, with nothing shifted sideways, is the rest of the row written here.
// The last column is always left to libvterm, which knows whether to wrap.
#include "terminalsession.h"

#include <vterm.h>

#include <algorithm>
#include <cstdio>

namespace {

// Shorter runs (the lines of `seq`) are not worth the extra calls.
constexpr size_t minFastRun = 8;
// Fewer cells than this left before the last column: libvterm draws them.
constexpr size_t minFastCells = 4;
// libvterm drew this many single characters of a run in a row without the
// fast path taking over (autowrap off at the last column, a narrow screen):
// it gets the rest of the run at once.
constexpr int maxSingleSteps = 8;

}  // namespace

void TerminalSession::parse(const char *data, size_t length)
{
    if (!m_carry.empty()) {
        std::vector<char> joined(m_carry.begin(), m_carry.end());
        joined.insert(joined.end(), data, data + length);
        const size_t keep = TerminalTextScanner::incompleteUtf8Tail(joined.data(), joined.size());
        parseComplete(joined.data(), joined.size() - keep);
        m_carry.assign(joined.end() - std::ptrdiff_t(keep), joined.end());
        return;
    }
    // libvterm 0.1 loses a UTF-8 character split across two writes after
    // ASCII (the halves go to two different decoders): keep the start of
    // one for the next bytes.
    const size_t keep = TerminalTextScanner::incompleteUtf8Tail(data, length);
    parseComplete(data, length - keep);
    m_carry.assign(data + length - keep, data + length);
}

void TerminalSession::parseComplete(const char *data, size_t length)
{
    size_t pos = 0;
    while (pos < length) {
        const size_t other = m_scanner.scan(data + pos, length - pos);
        if (other == length - pos) {
            vterm_input_write(m_vt, data + pos, other);
            return;
        }
        const char *run = data + pos + other;
        const size_t runLength = TerminalTextScanner::asciiRun(run, length - pos - other);
        if (runLength < minFastRun) {
            m_glyphWidth = 0;
            vterm_input_write(m_vt, data + pos, other + runLength);
            pos += other + runLength;
            pos += scrollLines(data + pos, length - pos, run[runLength - 1]);
            continue;
        }
        // libvterm draws what comes before the run and its first character.
        m_glyphWidth = 0;
        m_sawShift = false;
        vterm_input_write(m_vt, data + pos, other + 1);
        size_t done = 1;
        int singleSteps = 0;
        while (done < runLength) {
            // The run's last character is always libvterm's.
            const size_t rest = runLength - done;
            const AsciiStep step = rest > minFastCells ? drawAscii(run + done, rest - 1, run[done - 1]) : AsciiStep();
            done += step.drawn;
            if (step.toVterm == 0 || (step.drawn == 0 && ++singleSteps > maxSingleSteps)) {
                vterm_input_write(m_vt, run + done, runLength - done);
                break;
            }
            if (step.drawn > 0)
                singleSteps = 0;
            const size_t n = std::min(step.toVterm, runLength - done);
            m_glyphWidth = 0;
            m_sawShift = false;
            vterm_input_write(m_vt, run + done, n);
            done += n;
        }
        pos += other + runLength;
        pos += scrollLines(data + pos, length - pos, run[runLength - 1]);
    }
}

TerminalSession::AsciiStep TerminalSession::drawAscii(const char *text, size_t count, char previous)
{
    // `previous` must be what libvterm drew last: plain, one cell, no marks,
    // and nothing was shifted sideways to make room for it (insert mode).
    if (m_sawShift || m_glyphWidth != 1 || m_glyphChar != static_cast<unsigned char>(previous))
        return {};
    VTermPos cursor;
    vterm_state_get_cursorpos(m_state, &cursor);
    if (cursor.row != m_glyphRow)
        return {};
    if (cursor.col != m_glyphColumn + 1) {
        // At the last column: a wrap pending, or autowrap off. libvterm
        // draws the next character.
        return { 0, cursor.col == m_glyphColumn ? size_t(1) : size_t(0) };
    }
    const VTermLineInfo *info = vterm_state_get_lineinfo(m_state, cursor.row);
    if (info && (info->doublewidth || info->doubleheight))
        return {};
    const size_t room = size_t(std::max(0, m_columns - 1 - cursor.col));
    if (room < minFastCells)
        return { 0, room + 1 };  // libvterm draws up to the last column
    const size_t n = std::min(room, count);
    TerminalCell pen = m_pen;
    if (m_glyphProtected)
        pen.attrs |= TerminalCell::Protected;
    m_screen->putAscii(cursor.row, cursor.col, text, int(n), pen);
    markDirty(cursor.row, cursor.row + 1);
    m_fastPathCount += qint64(n);
    // libvterm's cursor follows the text: CHA to the column after it. The
    // scanner saw no origin mode, so the column is absolute.
    char move[24];
    const int moveLength = std::snprintf(move, sizeof move, "\x1b[%dG", cursor.col + int(n) + 1);
    vterm_input_write(m_vt, move, size_t(moveLength));
    return { n, 1 };
}

// The lines of `seq`, `dmesg` or a build log: CR LF and short text on the
// bottom row. libvterm spends a scroll and a callback per character on each;
// here the screen scrolls and takes the text directly. Such a line changes
// nothing of libvterm's state but the cursor's column (the scroll is the
// screen's, and libvterm's line attributes are all plain, checked below),
// and the next CR sets that again: so lines are taken here only while
// another one follows, which libvterm draws itself (its text also stays
// libvterm's last character, for REP).
size_t TerminalSession::scrollLines(const char *data, size_t length, char last)
{
    // libvterm drew `last` as plain text and nothing after it (so m_pen and
    // m_glyphProtected are what the text gets); the bottom row of a screen
    // without a scroll region; printable ASCII drawn as itself.
    if (m_glyphWidth != 1 || m_glyphChar != static_cast<unsigned char>(last) || !m_scanner.plain()
        || m_scanner.hasScrollRegion() || length < 3 || data[0] != '\r' || data[1] != '\n')
        return 0;
    VTermPos cursor;
    vterm_state_get_cursorpos(m_state, &cursor);
    if (cursor.row != m_rows - 1)
        return 0;
    for (int row = 0; row < m_rows; ++row) {
        const VTermLineInfo *info = vterm_state_get_lineinfo(m_state, row);
        if (info && (info->doublewidth || info->doubleheight))
            return 0;
    }
    TerminalCell pen = m_pen;
    if (m_glyphProtected)
        pen.attrs |= TerminalCell::Protected;
    // First the lines there are: CR LF, text shorter than a row, and the
    // next line's CR LF and at least one character of its text.
    size_t end = 0;
    int count = 0;
    for (;;) {
        if (length - end < 3 || data[end] != '\r' || data[end + 1] != '\n')
            break;
        const size_t text = TerminalTextScanner::asciiRun(data + end + 2, length - end - 2);
        const size_t next = end + 2 + text;
        if (text >= size_t(m_columns) || length - next < 3 || data[next] != '\r' || data[next + 1] != '\n'
            || TerminalTextScanner::asciiRun(data + next + 2, 1) != 1)
            break;
        ++count;
        end = next;
    }
    if (count == 0)
        return 0;
    // The screen scrolls by `count` rows at once (its top rows going to the
    // scrollback); lines that would scroll off again before the last one go
    // straight to the scrollback, as the screen would have left them there:
    // their text, then the erased cells up to the row's end unless those
    // count as blank (and are cut, as trailing blanks are).
    const TerminalCell erased = blank();
    TerminalHistory *history = m_screen == &m_primary ? &m_history : nullptr;
    const int shown = std::min(count, m_rows);
    const int direct = count - shown;
    const int padding = erased.isBlank() ? -1 : m_columns;
    m_screen->scrollRows(0, m_rows, shown, erased, history);
    size_t pos = 0;
    for (int i = 0; i < count; ++i) {
        const size_t text = TerminalTextScanner::asciiRun(data + pos + 2, end - pos - 2);
        if (i >= direct)
            m_screen->putAscii(m_rows - shown + i - direct, 0, data + pos + 2, int(text), pen);
        else if (history)
            history->pushAscii(data + pos + 2, int(text), pen, erased, padding);
        pos += 2 + text;
    }
    markDirty(0, m_rows);
    m_fastPathCount += qint64(end) - 2 * count;
    return end;
}
