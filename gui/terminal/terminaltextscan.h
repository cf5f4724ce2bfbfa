// TerminalTextScanner: finds, in the bytes a program writes, the runs of
// printable ASCII that TerminalSession may write into its screen itself
// instead of handing them to libvterm one character at a time (libvterm's
// per-character decoding and callbacks are most of the cost of a flood of
// long lines).
//
// It follows libvterm's parser (0.1.x: ground, escape, CSI, OSC/DCS string)
// byte for byte, so that a run is reported only where libvterm too would take
// the bytes as text, and it follows the few pieces of state that change how
// printable ASCII is drawn: the character set shifted into GL (ESC ( 0 draws
// 'q' as a line), origin mode (DECOM) and left/right margins (DECLRMM), which
// change what a cursor move means. Where in doubt it says "not plain" and the
// session leaves everything to libvterm. Other state (insert mode, a pending
// wrap, double-width lines, DECSCA) the session learns from libvterm itself,
// by letting it draw the first character of every run.
#pragma once

#include <cstddef>
#include <cstdint>

class TerminalTextScanner
{
public:
    // Scans from the current state; answers how many bytes from `data` come
    // before the first printable ASCII byte that libvterm would draw as text
    // (not inside an escape sequence or a string) while plain() holds;
    // `length` when there is none. The state then stands at that byte, in the
    // ground state, which printable text does not leave: the caller consumes
    // the run without telling the scanner.
    size_t scan(const char *data, size_t length);

    // Printable ASCII is drawn as itself, and a cursor move to a column (CHA)
    // lands exactly there.
    bool plain() const
    {
        return m_sets[m_gl] == Set::Ascii && !m_originMode && !m_leftRightMargins;
    }

    // A scroll region (DECSTBM) may be set: a newline on the bottom row
    // then need not scroll the whole screen.
    bool hasScrollRegion() const { return m_scrollRegion; }

    // How many bytes from `data` are printable ASCII (0x20..0x7e).
    static size_t asciiRun(const char *data, size_t length);
    // How many bytes at the end of [data, data+length) are an incomplete
    // UTF-8 sequence (0 to 3): libvterm 0.1 loses a character split across
    // two writes, so the session keeps them for the next one.
    static size_t incompleteUtf8Tail(const char *data, size_t length);

private:
    enum class State : uint8_t { Ground, Escape, CsiLeader, CsiArgs, CsiIntermediate, String, StringEscape };
    enum class Set : uint8_t { Ascii, Other };

    void endCsiParam();
    void escapeFinal(unsigned char c);
    void csiFinal(unsigned char c);
    void reset();

    State m_state = State::Ground;
    Set m_sets[4] = { Set::Ascii, Set::Ascii, Set::Ascii, Set::Ascii };
    uint8_t m_gl = 0;
    bool m_originMode = false;
    bool m_leftRightMargins = false;
    bool m_scrollRegion = false;

    unsigned char m_intermediate = 0;  // the escape's first intermediate byte
    unsigned char m_leader = 0;        // CSI's leader ('?' for DEC modes)
    // The CSI's parameters, far enough to see DECSET/DECRST 6 and 69.
    bool m_csiMode6 = false;
    bool m_csiMode69 = false;
    int m_csiParam = -1;  // the one being read; -1 missing
    int m_csiFirstMode = -1;
    bool m_csiFirst = true;
    bool m_csiAnyParam = false;
};
