#include "pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>

namespace hutch::rt {

Result<Pty> openPty()
{
    Pty p;
    p.master = UniqueFd(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!p.master)
        return Error::sys("open /dev/ptmx");
    if (::grantpt(p.master.get()) < 0 || ::unlockpt(p.master.get()) < 0)
        return Error::sys("unlock pty");
    char name[64];
    if (::ptsname_r(p.master.get(), name, sizeof name) != 0)
        return Error::sys("ptsname");
    p.slavePath = name;
    p.slave = UniqueFd(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!p.slave)
        return Error::sys("open " + p.slavePath);
    // Consoles start as a real terminal would: 80x24.
    if (auto err = setWindowSize(p.master.get(), 24, 80))
        return *err;
    return p;
}

Status setWindowSize(int masterFd, unsigned short rows, unsigned short cols)
{
    winsize ws{};
    ws.ws_row = rows;
    ws.ws_col = cols;
    if (::ioctl(masterFd, TIOCSWINSZ, &ws) < 0)
        return Error::sys("set window size");
    return std::nullopt;
}

void RingBuffer::append(const char *data, size_t size)
{
    if (size >= m_capacity) {
        m_data.assign(data + size - m_capacity, m_capacity);
        return;
    }
    // Console output is slow and the buffer small: dropping from the front
    // of one string is simpler than a circular index and fast enough.
    const size_t over = m_data.size() + size > m_capacity ? m_data.size() + size - m_capacity : 0;
    m_data.erase(0, over);
    m_data.append(data, size);
}

std::string RingBuffer::contents() const
{
    return m_data;
}

}  // namespace hutch::rt
