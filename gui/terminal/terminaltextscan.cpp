#include "terminaltextscan.h"

// The transitions below are libvterm 0.1's parser.c (vterm_input_write) and
// the parts of state.c that change the character sets and DECOM/DECLRMM. An
// error here may only ever make the scanner more careful than libvterm (see
// the header): never report text where libvterm is inside a sequence.

size_t TerminalTextScanner::scan(const char *data, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (m_state == State::Ground && c >= 0x20 && c < 0x7f) {
            if (plain())
                return i;
            continue;
        }
        // First the bytes that act the same in every state.
        if (c == 0x00 || c == 0x7f)
            continue;  // ignored (NUL, DEL)
        if (c == 0x18 || c == 0x1a) {
            m_state = State::Ground;  // CAN, SUB cancel a sequence
            continue;
        }
        if (c == 0x1b) {
            m_state = m_state == State::String ? State::StringEscape : State::Escape;
            m_intermediate = 0;
            continue;
        }
        if (c == 0x07 && m_state == State::String) {
            m_state = State::Ground;  // BEL ends an OSC
            continue;
        }
        if (c < 0x20) {
            // C0 controls run in any state, the sequence goes on.
            if (c == 0x0e)
                m_gl = 1;  // SO (LS1)
            else if (c == 0x0f)
                m_gl = 0;  // SI (LS0)
            continue;
        }
        switch (m_state) {
        case State::Ground:
        case State::String:
            break;  // text >= 0x80 (UTF-8), or the string's content
        case State::StringEscape:
            if (c == '\\') {
                m_state = State::Ground;  // ST
                break;
            }
            m_state = State::Escape;
            [[fallthrough]];
        case State::Escape:
            // libvterm starts CSI, OSC and DCS even after intermediates.
            if (c == '[') {
                m_state = State::CsiLeader;
                m_leader = 0;
                m_csiParam = -1;
                m_csiMode6 = m_csiMode69 = false;
                m_csiFirst = true;
                m_csiFirstMode = -1;
                m_csiAnyParam = false;
            } else if (c == ']' || c == 'P') {
                m_state = State::String;  // OSC, DCS
            } else if (c >= 0x20 && c <= 0x2f) {
                if (m_intermediate == 0)
                    m_intermediate = c;
                else
                    m_intermediate = 0xff;  // more than one: nothing we follow
            } else if (m_intermediate == 0 && c >= 0x40 && c < 0x60) {
                m_state = State::Ground;  // a C1 control (IND, NEL, RI, SS2, ...)
            } else if (c >= 0x30 && c < 0x7f) {
                escapeFinal(c);
                m_state = State::Ground;
            }
            // else: libvterm ignores the byte and stays in the escape
            break;
        case State::CsiLeader:
            if (c >= 0x3c && c <= 0x3f) {
                if (m_leader == 0)
                    m_leader = c;
                else
                    m_leader = 0xff;
                break;
            }
            m_state = State::CsiArgs;
            [[fallthrough]];
        case State::CsiArgs:
            if (c >= '0' && c <= '9') {
                m_csiParam = (m_csiParam < 0 ? 0 : m_csiParam) * 10 + (c - '0');
                if (m_csiParam > 100000)
                    m_csiParam = 100000;
                break;
            }
            if (c == ';' || c == ':') {
                endCsiParam();
                break;
            }
            endCsiParam();
            m_intermediate = 0;
            m_state = State::CsiIntermediate;
            [[fallthrough]];
        case State::CsiIntermediate:
            if (c >= 0x20 && c <= 0x2f) {
                m_intermediate = c;
                break;
            }
            if (c >= 0x40 && c <= 0x7e)
                csiFinal(c);
            m_state = State::Ground;  // done, or an invalid CSI
            break;
        }
    }
    return length;
}

void TerminalTextScanner::endCsiParam()
{
    // DECSET and DECRST: libvterm 0.1 applies only the first parameter; later
    // versions all. Origin mode and margins count as set when any parameter
    // sets them, and as reset only when the first one does.
    if (m_csiParam >= 0)
        m_csiAnyParam = true;
    if (m_csiParam == 6)
        m_csiMode6 = true;
    if (m_csiParam == 69)
        m_csiMode69 = true;
    if (m_csiFirst) {
        m_csiFirstMode = m_csiParam;
        m_csiFirst = false;
    }
    m_csiParam = -1;
}

void TerminalTextScanner::escapeFinal(unsigned char c)
{
    switch (m_intermediate) {
    case 0:
        if (c == 'c')
            reset();  // RIS
        else if (c == 'n')
            m_gl = 2;  // LS2
        else if (c == 'o')
            m_gl = 3;  // LS3
        break;
    case '(':
    case ')':
    case '*':
    case '+':
        // SCS: G0..G3 designated. Only US ASCII draws ASCII as itself.
        m_sets[m_intermediate - '('] = c == 'B' ? Set::Ascii : Set::Other;
        break;
    case '-':
    case '.':
    case '/':
        m_sets[m_intermediate - ','] = Set::Other;  // a 96-character set for G1..G3
        break;
    default:
        break;
    }
}

void TerminalTextScanner::csiFinal(unsigned char c)
{
    // DECSTBM: without parameters the whole screen again; with any, a region
    // (perhaps the whole screen: counted as a region all the same).
    if (m_leader == 0 && m_intermediate == 0 && c == 'r')
        m_scrollRegion = m_csiAnyParam;
    if (m_leader != '?' || m_intermediate != 0 || (c != 'h' && c != 'l'))
        return;
    if (c == 'h') {
        m_originMode = m_originMode || m_csiMode6;
        m_leftRightMargins = m_leftRightMargins || m_csiMode69;
    } else {
        if (m_csiFirstMode == 6)
            m_originMode = false;
        if (m_csiFirstMode == 69)
            m_leftRightMargins = false;
    }
}

void TerminalTextScanner::reset()
{
    for (Set &set : m_sets)
        set = Set::Ascii;
    m_gl = 0;
    m_originMode = false;
    m_leftRightMargins = false;
    m_scrollRegion = false;
}

size_t TerminalTextScanner::asciiRun(const char *data, size_t length)
{
    size_t i = 0;
    while (i < length && static_cast<unsigned char>(data[i]) - 0x20u < 0x5fu)
        ++i;
    return i;
}

size_t TerminalTextScanner::incompleteUtf8Tail(const char *data, size_t length)
{
    // Back over at most three continuation bytes to the lead byte.
    for (size_t back = 1; back <= 4 && back <= length; ++back) {
        const unsigned char c = static_cast<unsigned char>(data[length - back]);
        if ((c & 0xc0) == 0x80)
            continue;  // a continuation byte
        const size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}
