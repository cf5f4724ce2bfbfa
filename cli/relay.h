// The byte relays of hutchctl attach and execute, without Qt (the quick
// path in quick.cpp uses them too).
#pragma once

namespace hutch::cli {

// The terminal relay: raw input to the pty master, its output to stdout,
// until the program's terminal closes.
void relayTerminal(int master);
// The socket relay: stdin to the program (its end shuts the program's
// input), its stdout and stderr to ours, until both close.
void relaySockets(int io, int err);

}  // namespace hutch::cli
