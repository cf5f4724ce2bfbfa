// The byte relays of hutchctl attach and execute, without Qt (the quick
// path in quick.cpp uses them too), and the raw terminal they and the
// console share.
#pragma once

#include <termios.h>

namespace hutch::cli {

// The terminal `fd` in raw mode while this lives (when it is a terminal);
// restored however the command ends.
class RawTerminal {
public:
    explicit RawTerminal(int fd);
    ~RawTerminal();
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;

private:
    int m_fd;
    termios m_saved{};
    bool m_active = false;
};

// The terminal relay: raw input to the pty master, its output to stdout,
// until the program's terminal closes.
void relayTerminal(int master);
// The socket relay: stdin to the program (its end shuts the program's
// input), its stdout and stderr to ours, until both close.
void relaySockets(int io, int err);

}  // namespace hutch::cli
