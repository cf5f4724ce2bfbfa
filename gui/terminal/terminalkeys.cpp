#include "terminalkeys.h"

namespace {

// Keypad Enter stays Enter (CR): libvterm would send LF for it outside
// application keypad mode.
VTermKey specialKey(int key, bool keypad)
{
    if (keypad) {
        switch (key) {
        case Qt::Key_0: return VTERM_KEY_KP_0;
        case Qt::Key_1: return VTERM_KEY_KP_1;
        case Qt::Key_2: return VTERM_KEY_KP_2;
        case Qt::Key_3: return VTERM_KEY_KP_3;
        case Qt::Key_4: return VTERM_KEY_KP_4;
        case Qt::Key_5: return VTERM_KEY_KP_5;
        case Qt::Key_6: return VTERM_KEY_KP_6;
        case Qt::Key_7: return VTERM_KEY_KP_7;
        case Qt::Key_8: return VTERM_KEY_KP_8;
        case Qt::Key_9: return VTERM_KEY_KP_9;
        case Qt::Key_Asterisk: return VTERM_KEY_KP_MULT;
        case Qt::Key_Plus: return VTERM_KEY_KP_PLUS;
        case Qt::Key_Comma: return VTERM_KEY_KP_COMMA;
        case Qt::Key_Minus: return VTERM_KEY_KP_MINUS;
        case Qt::Key_Period: return VTERM_KEY_KP_PERIOD;
        case Qt::Key_Slash: return VTERM_KEY_KP_DIVIDE;
        case Qt::Key_Equal: return VTERM_KEY_KP_EQUAL;
        default: break;
        }
    }
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter: return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab: return VTERM_KEY_TAB;
    case Qt::Key_Backspace: return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape: return VTERM_KEY_ESCAPE;
    case Qt::Key_Up: return VTERM_KEY_UP;
    case Qt::Key_Down: return VTERM_KEY_DOWN;
    case Qt::Key_Left: return VTERM_KEY_LEFT;
    case Qt::Key_Right: return VTERM_KEY_RIGHT;
    case Qt::Key_Insert: return VTERM_KEY_INS;
    case Qt::Key_Delete: return VTERM_KEY_DEL;
    case Qt::Key_Home: return VTERM_KEY_HOME;
    case Qt::Key_End: return VTERM_KEY_END;
    case Qt::Key_PageUp: return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown: return VTERM_KEY_PAGEDOWN;
    default: break;
    }
    if (key >= Qt::Key_F1 && key <= Qt::Key_F12)
        return VTermKey(VTERM_KEY_FUNCTION(key - Qt::Key_F1 + 1));
    return VTERM_KEY_NONE;
}

// The byte xterm sends for Ctrl with this key, or -1 when Ctrl changes
// nothing (then the key's text goes out as is).
int controlByte(int key)
{
    if (key >= Qt::Key_A && key <= Qt::Key_Z)
        return key - Qt::Key_A + 1;
    switch (key) {
    case Qt::Key_Space:
    case Qt::Key_At:
    case Qt::Key_2: return 0x00;
    case Qt::Key_BracketLeft:
    case Qt::Key_3: return 0x1b;
    case Qt::Key_Backslash:
    case Qt::Key_4: return 0x1c;
    case Qt::Key_BracketRight:
    case Qt::Key_5: return 0x1d;
    case Qt::Key_AsciiCircum:
    case Qt::Key_AsciiTilde:
    case Qt::Key_6: return 0x1e;
    case Qt::Key_Underscore:
    case Qt::Key_Slash:
    case Qt::Key_Minus:
    case Qt::Key_7: return 0x1f;
    case Qt::Key_Question:
    case Qt::Key_8: return 0x7f;
    default: return -1;
    }
}

bool isPrintable(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

}  // namespace

VTermModifier toVTermModifiers(Qt::KeyboardModifiers modifiers)
{
    int m = VTERM_MOD_NONE;
    if (modifiers & Qt::ShiftModifier)
        m |= VTERM_MOD_SHIFT;
    // Alt is the terminal's Meta; Qt's Meta (the Super key) is treated alike.
    if (modifiers & (Qt::AltModifier | Qt::MetaModifier))
        m |= VTERM_MOD_ALT;
    if (modifiers & Qt::ControlModifier)
        m |= VTERM_MOD_CTRL;
    return VTermModifier(m);
}

TerminalKeyStroke mapKey(int key, Qt::KeyboardModifiers modifiers, const QString &text)
{
    TerminalKeyStroke out;
    const bool keypad = modifiers & Qt::KeypadModifier;
    const VTermModifier mods = toVTermModifiers(modifiers);
    const bool alt = mods & VTERM_MOD_ALT;
    const bool ctrl = mods & VTERM_MOD_CTRL;

    // Keypad keys are keypad keys only without other modifiers (then libvterm
    // follows the application keypad mode); with them they are their text.
    const VTermKey special = specialKey(key, keypad && mods == VTERM_MOD_NONE);
    if (special != VTERM_KEY_NONE) {
        out.type = TerminalKeyStroke::Key;
        out.key = special;
        out.modifiers = mods;
        switch (special) {
        case VTERM_KEY_BACKSPACE:
            // libvterm would send CSI 127;5u; xterm and Konsole send ^H.
            if (ctrl) {
                out.type = TerminalKeyStroke::Bytes;
                out.bytes = alt ? QByteArray("\x1b\x08", 2) : QByteArray("\x08", 1);
                return out;
            }
            out.modifiers = VTermModifier(mods & VTERM_MOD_ALT);
            break;
        case VTERM_KEY_ENTER:
        case VTERM_KEY_ESCAPE:
            // Shift and Ctrl would turn these into CSI u sequences.
            out.modifiers = VTermModifier(mods & VTERM_MOD_ALT);
            break;
        case VTERM_KEY_TAB:
            // Backtab is Shift+Tab; libvterm sends CSI Z for it.
            out.modifiers = key == Qt::Key_Backtab ? VTERM_MOD_SHIFT
                                                   : VTermModifier(mods & VTERM_MOD_SHIFT);
            break;
        default:
            break;
        }
        return out;
    }

    if (ctrl) {
        const int byte = controlByte(key);
        if (byte >= 0) {
            out.type = TerminalKeyStroke::Bytes;
            if (alt)
                out.bytes.append('\x1b');
            out.bytes.append(char(byte));
            return out;
        }
    }

    if (!isPrintable(text))
        return out;
    if (alt) {
        // Meta sends Escape: ESC then the character.
        out.type = TerminalKeyStroke::Bytes;
        out.bytes = QByteArray("\x1b", 1) + text.toUtf8();
        return out;
    }
    out.type = TerminalKeyStroke::Text;
    out.text = text;
    return out;
}
