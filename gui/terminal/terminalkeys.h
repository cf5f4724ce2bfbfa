// Key mapping: a Qt key press → what a terminal sends for it. Special keys
// become libvterm keys (which know application cursor and keypad modes and
// the xterm modifier encodings); Ctrl and Alt combinations become the bytes
// xterm sends, because libvterm 0.1 encodes many of them as "CSI u", which
// shells do not understand.
#pragma once

#include <QByteArray>
#include <QString>
#include <Qt>

#include <vterm_keycodes.h>

struct TerminalKeyStroke
{
    enum Type { None, Key, Char, Text, Bytes };

    Type type = None;
    VTermKey key = VTERM_KEY_NONE;      // Key
    char32_t ch = 0;                    // Char
    QString text;                       // Text
    QByteArray bytes;                   // Bytes
    VTermModifier modifiers = VTERM_MOD_NONE;  // Key, Char
};

// `key` is a Qt::Key, `text` the event's text. Returns type None for keys a
// terminal does not send (modifiers alone, unknown keys).
TerminalKeyStroke mapKey(int key, Qt::KeyboardModifiers modifiers, const QString &text);

VTermModifier toVTermModifiers(Qt::KeyboardModifiers modifiers);
