#include "terminals.h"

#include "fsutil.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace hutch::rt {

Status Terminals::open(const Options &options)
{
    m_options = options;
    for (int i = 0; i <= options.ttys; ++i) {
        auto pty = openPty();
        if (!pty)
            return pty.error().wrap(i == 0 ? std::string("console") : "tty" + std::to_string(i));
        Term t;
        t.pty = std::move(*pty);
        t.history = RingBuffer(i == 0 ? options.bufferSize : std::min<uint64_t>(options.bufferSize, 64 * 1024));
        m_terms.push_back(std::move(t));
    }
    if (!options.logFile.empty()) {
        auto log = openContainerFile(options.containerDir, options.logFile, O_WRONLY | O_APPEND | O_CREAT, 0600);
        if (!log)
            return log.error().wrap("lxc.console.logfile");
        m_log = std::move(*log);
        struct stat st {};
        if (::fstat(m_log.get(), &st) == 0)
            m_logWritten = uint64_t(st.st_size);
    }
    return std::nullopt;
}

void Terminals::setEpoll(int epollFd)
{
    m_epoll = epollFd;
    for (const Term &t : m_terms)
        watch(t.pty.master.get());
}

void Terminals::watch(int fd)
{
    if (m_epoll < 0)
        return;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
}

void Terminals::close()
{
    m_clients.clear();
    m_terms.clear();
    m_log.reset();
}

Result<UniqueFd> Terminals::connect(int n, Mode mode)
{
    if (n < 0 || n >= count())
        return Error::msg("no tty " + std::to_string(n) + " (the container has " + std::to_string(count() - 1) + ")");
    bool writer = mode != Mode::Follow;
    for (size_t i = 0; i < m_clients.size(); ++i) {
        if (m_clients[i].term != n || !m_clients[i].writer || !writer)
            continue;
        if (mode == Mode::Write)
            return Error{EBUSY, "tty " + std::to_string(n) + " is in use by another client (take over to replace it)",
                         ErrorCode::Busy};
        drop(i);  // take over: the previous writer is disconnected
        break;
    }
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) < 0)
        return Error::sys("socketpair");
    UniqueFd ours(sv[0]), theirs(sv[1]);
    // The client's end blocks as a terminal would.
    ::fcntl(theirs.get(), F_SETFL, ::fcntl(theirs.get(), F_GETFL) & ~O_NONBLOCK);
    const std::string history = m_terms[size_t(n)].history.contents();
    if (!history.empty())
        (void)::send(ours.get(), history.data(), history.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (m_finished)
        return theirs;  // our end closes here: history, then EOF
    watch(ours.get());
    m_clients.push_back({std::move(ours), n, writer});
    return theirs;
}

Status Terminals::resize(int n, unsigned short rows, unsigned short cols)
{
    if (n < 0 || n >= count())
        return Error::msg("no tty " + std::to_string(n));
    return setWindowSize(m_terms[size_t(n)].pty.master.get(), rows, cols);
}

void Terminals::drop(size_t index)
{
    if (m_epoll >= 0)
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, m_clients[index].fd.get(), nullptr);
    m_clients.erase(m_clients.begin() + long(index));
}

void Terminals::logConsole(const char *data, size_t size)
{
    if (!m_log)
        return;
    if (m_options.logSize > 0 && m_logWritten + size > m_options.logSize) {
        // lxc.console.size reached: keep one old file with rotate, else start over.
        if (m_options.rotate)
            ::rename(m_options.logFile.c_str(), (m_options.logFile + ".1").c_str());
        auto log = openContainerFile(m_options.containerDir, m_options.logFile, O_WRONLY | O_TRUNC | O_CREAT, 0600);
        m_logWritten = 0;
        if (!log) {
            m_log.reset();
            return;
        }
        m_log = std::move(*log);
    }
    if (::write(m_log.get(), data, size) > 0)
        m_logWritten += size;
}

void Terminals::readTerminal(size_t n)
{
    char buf[8192];
    const ssize_t r = ::read(m_terms[n].pty.master.get(), buf, sizeof buf);
    if (r <= 0)
        return;
    m_terms[n].history.append(buf, size_t(r));
    if (n == 0)
        logConsole(buf, size_t(r));
    for (size_t i = 0; i < m_clients.size();) {
        // A client that cannot keep up loses output rather than stalling
        // the terminal for everyone; one that is gone is dropped.
        if (m_clients[i].term == int(n)
            && ::send(m_clients[i].fd.get(), buf, size_t(r), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 && errno != EAGAIN) {
            drop(i);
            continue;
        }
        ++i;
    }
}

void Terminals::finish()
{
    for (size_t n = 0; n < m_terms.size(); ++n) {
        pollfd p{m_terms[n].pty.master.get(), POLLIN, 0};
        while (::poll(&p, 1, 0) > 0 && (p.revents & POLLIN))
            readTerminal(n);
    }
    while (!m_clients.empty())
        drop(m_clients.size() - 1);
    m_finished = true;
}

bool Terminals::handle(int fd)
{
    for (size_t n = 0; n < m_terms.size(); ++n)
        if (m_terms[n].pty.master.get() == fd) {
            readTerminal(n);
            return true;
        }
    for (size_t i = 0; i < m_clients.size(); ++i) {
        if (m_clients[i].fd.get() != fd)
            continue;
        char buf[4096];
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r <= 0 && !(r < 0 && errno == EAGAIN)) {
            drop(i);
        } else if (r > 0 && m_clients[i].writer) {
            (void)!::write(m_terms[size_t(m_clients[i].term)].pty.master.get(), buf, size_t(r));
        }
        return true;
    }
    return false;
}

}  // namespace hutch::rt
