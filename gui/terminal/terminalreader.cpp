#include "terminalreader.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

TerminalReader::TerminalReader(int fd, std::function<void()> notify)
    : m_fd(fd)
    , m_notify(std::move(notify))
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
    m_pending.reserve(64 * 1024);
    m_thread = std::thread([this] { run(); });
}

TerminalReader::~TerminalReader()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_room.notify_all();
    if (m_wake[1] >= 0) {
        const char c = 0;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
    m_thread.join();
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool TerminalReader::take(std::vector<char> &out)
{
    out.clear();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        out.swap(m_pending);
        if (out.empty())
            m_notified = false;
    }
    m_room.notify_all();
    return !out.empty();
}

bool TerminalReader::hungUp()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_eof && m_pending.empty();
}

// Runs on the reader's thread until the fd hangs up or the destructor.
void TerminalReader::run()
{
    using Clock = std::chrono::steady_clock;
    std::vector<char> buffer(64 * 1024);
    // Bytes handed over without a notify yet (a batch being gathered), since
    // when.
    bool holding = false;
    Clock::time_point heldSince;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_room.wait(lock, [this] { return m_stop || m_pending.size() < maxPending; });
            if (m_stop)
                return;
        }
        timespec wait {};
        if (holding) {
            const auto left = std::chrono::nanoseconds(batchNs) - (Clock::now() - heldSince);
            wait.tv_nsec = std::max<long>(0, long(std::chrono::duration_cast<std::chrono::nanoseconds>(left).count()));
        }
        pollfd fds[2] = { { m_fd, POLLIN, 0 }, { m_wake[0], POLLIN, 0 } };
        const int ready = ::ppoll(fds, m_wake[0] >= 0 ? 2 : 1, holding ? &wait : nullptr, nullptr);
        if (ready < 0 && errno != EINTR)
            break;
        if (fds[1].revents)
            return;
        // Everything there is now, in one append (a pty gives 4 KiB a read).
        size_t filled = 0;
        bool ended = false;
        while (ready > 0 && filled < buffer.size()) {
            const ssize_t n = ::read(m_fd, buffer.data() + filled, buffer.size() - filled);
            if (n > 0) {
                filled += size_t(n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            // 0: end of file; EIO: the pty's slave side is closed.
            ended = !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
            break;
        }
        bool wake = false;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_pending.insert(m_pending.end(), buffer.begin(), buffer.begin() + std::ptrdiff_t(filled));
            m_eof = ended;
            if (m_notified) {
                holding = false;  // the parsing thread is at work and takes these too
            } else if (filled > 0 || ended || holding) {
                // A burst is held back until it makes a batch, its time is
                // up or it ends; a small arrival (an echo) goes at once.
                const bool burst = holding || filled >= burstBytes;
                if (!holding && burst) {
                    holding = true;
                    heldSince = Clock::now();
                }
                if (ended || !burst || m_pending.size() >= batchBytes
                    || Clock::now() - heldSince >= std::chrono::nanoseconds(batchNs)) {
                    m_notified = true;
                    wake = true;
                    holding = false;
                }
            }
        }
        if (wake)
            m_notify();
        if (ended)
            return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_eof = true;
        if (m_notified)
            return;
        m_notified = true;
    }
    m_notify();
}
