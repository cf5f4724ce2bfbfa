// TerminalReader: reads a terminal's fd (a pty master or a socket) on a
// thread of its own into a bounded buffer, for TerminalSession to parse on
// the GUI thread. A pty hands over at most 4 KiB a read, each after a kernel
// worker has moved it, so reading on the thread that parses leaves both
// waiting on each other; with the reads here the kernel's copying overlaps
// with parsing (on the other core).
//
// Flow control stays the program's: when the buffer holds maxPending bytes
// the thread stops reading, the pty fills and the writer blocks, as with any
// slow terminal. No Qt here: `notify` is called on the reading thread when
// bytes arrive while the parser is idle (a burst once it makes a batch, see
// batchBytes) or the fd hangs up, and the session posts itself an event
// from it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class TerminalReader
{
public:
    static constexpr size_t maxPending = 1 << 20;
    // While output floods in, the parsing thread is woken once per batch of
    // this many bytes, or this long after the batch's first read, not once
    // per read: waking it for every read of a few KiB costs more than the
    // parsing, and on two cores takes the writer's time. A read smaller than
    // burstBytes (an echo, a prompt) wakes it at once.
    static constexpr size_t batchBytes = 32 * 1024;
    static constexpr long batchNs = 2'000'000;
    static constexpr size_t burstBytes = 1024;

    // `fd` must be non-blocking; it stays open (the session owns it).
    TerminalReader(int fd, std::function<void()> notify);
    // Stops the thread and waits for it.
    ~TerminalReader();
    TerminalReader(const TerminalReader &) = delete;
    TerminalReader &operator=(const TerminalReader &) = delete;

    // Swaps everything read so far into `out` (cleared first). False when
    // there was nothing; a later arrival calls notify again.
    bool take(std::vector<char> &out);
    // End of file or an error (EIO when a pty's other side closed), and
    // nothing left to take.
    bool hungUp();

private:
    void run();

    int m_fd;
    int m_wake[2] = { -1, -1 };  // a pipe that wakes the thread to stop
    std::function<void()> m_notify;
    std::mutex m_mutex;
    std::condition_variable m_room;
    std::vector<char> m_pending;
    bool m_notified = false;  // notify called, take() not yet empty-handed
    bool m_eof = false;
    bool m_stop = false;
    std::thread m_thread;
};
