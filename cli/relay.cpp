#include "relay.h"

#include "fdio.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace hutch::cli {

namespace {

volatile sig_atomic_t g_resized = 0;

}  // namespace

RawTerminal::RawTerminal(int fd) : m_fd(fd)
{
    if (::tcgetattr(fd, &m_saved) != 0)
        return;
    termios raw = m_saved;
    ::cfmakeraw(&raw);
    // TCSADRAIN, not TCSAFLUSH: keys typed while the connection was being
    // made (a console over ssh takes a moment) go to the container.
    m_active = ::tcsetattr(fd, TCSADRAIN, &raw) == 0;
}

RawTerminal::~RawTerminal()
{
    if (m_active)
        ::tcsetattr(m_fd, TCSAFLUSH, &m_saved);
}

void relayTerminal(int master)
{
    const RawTerminal raw(STDIN_FILENO);
    struct sigaction sa{};
    sa.sa_handler = [](int) { g_resized = 1; };
    ::sigaction(SIGWINCH, &sa, nullptr);
    bool inputOpen = true;
    char buf[8192];
    for (;;) {
        if (g_resized) {
            g_resized = 0;
            winsize ws{};
            if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
                ::ioctl(master, TIOCSWINSZ, &ws);
        }
        pollfd p[2] = {{master, POLLIN, 0}, {STDIN_FILENO, short(inputOpen ? POLLIN : 0), 0}};
        if (::poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n <= 0 || writeAll(STDOUT_FILENO, buf, size_t(n)) != 0)
                break;  // EIO: the program and its terminal are gone
        }
        if (inputOpen && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0)
                inputOpen = false;
            else if (writeAll(master, buf, size_t(n)) != 0)
                break;
        }
    }
}

void relaySockets(int io, int err)
{
    bool inputOpen = true, outOpen = true, errOpen = true;
    char buf[8192];
    while (outOpen || errOpen) {
        pollfd p[3] = {{io, short(outOpen ? POLLIN : 0), 0}, {err, short(errOpen ? POLLIN : 0), 0},
                       {STDIN_FILENO, short(inputOpen ? POLLIN : 0), 0}};
        if (::poll(p, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(i == 0 ? io : err, buf, sizeof buf);
            if (n <= 0)
                (i == 0 ? outOpen : errOpen) = false;
            else
                (void)writeAll(i == 0 ? STDOUT_FILENO : STDERR_FILENO, buf, size_t(n));
        }
        if (inputOpen && (p[2].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            if (n <= 0 || writeAll(io, buf, size_t(n)) != 0) {
                inputOpen = false;
                ::shutdown(io, SHUT_WR);
            }
        }
    }
}

}  // namespace hutch::cli
