#include "monitor.h"

#include "attach.h"
#include "cgroupfs.h"
#include "container.h"
#include "ephemeral.h"
#include "fsutil.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <ctime>

namespace hutch::rt {

namespace {

const char *const kLevels[] = {"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT", "FATAL"};

// No string streams in the monitor: they bring libstdc++'s locales into
// every monitor's memory.
std::vector<std::string> words(const std::string &s)
{
    return cgroupfs::splitWs(s);
}

bool parseUInt(const std::string &s, unsigned long &out)
{
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoul(s);
    return true;
}

}  // namespace

Monitor::Monitor(LaunchSpec spec) : m_spec(std::move(spec))
{
    // The log file is in the container's directory unless lxc.log.file
    // names another place: opened with no symlink followed below that
    // directory (an archive or a backend could have put one there to have
    // root append to a host file), a regular file only.
    if (!m_spec.logFile.empty()) {
        auto fd = openContainerFile(m_spec.containerDir, m_spec.logFile, O_WRONLY | O_APPEND | O_CREAT, 0600);
        if (!fd)
            m_logError = fd.error().wrap("lxc.log.file");
        else if (!(m_log = ::fdopen(fd->get(), "a")))
            m_logError = Error::sys("fdopen " + m_spec.logFile);
        else
            (void)fd->release();
    }
}

Monitor::~Monitor()
{
    if (m_log)
        ::fclose(m_log);
}

void Monitor::log(int level, const std::string &message)
{
    if (!m_log || level < m_spec.logLevel)
        return;
    char stamp[32];
    const time_t now = ::time(nullptr);
    tm t{};
    ::localtime_r(&now, &t);
    ::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &t);
    std::fprintf(m_log, "%s hutch-monitor %s %s: %s\n", stamp, m_spec.name.c_str(),
                 kLevels[std::clamp(level, 0, 8)], message.c_str());
    std::fflush(m_log);
}

Status Monitor::bindSocket()
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_spec.socketPath.size() >= sizeof addr.sun_path)
        return Error::msg("socket path too long: " + m_spec.socketPath);
    std::memcpy(addr.sun_path, m_spec.socketPath.c_str(), m_spec.socketPath.size() + 1);
    m_listen.reset(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!m_listen)
        return Error::sys("socket");
    // The socket is created 0600 from the start: umask, not a chmod after bind.
    const mode_t old = ::umask(0177);
    int r = ::bind(m_listen.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    if (r < 0 && errno == EADDRINUSE) {
        // A live monitor answers: the container runs. A dead one left its socket.
        if (MonitorClient::connect(m_spec.socketPath)) {
            ::umask(old);
            return Error{EBUSY, "container \"" + m_spec.name + "\" is already running", ErrorCode::Busy};
        }
        ::unlink(m_spec.socketPath.c_str());
        r = ::bind(m_listen.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    }
    ::umask(old);
    if (r < 0)
        return Error::sys("bind " + m_spec.socketPath);
    if (::listen(m_listen.get(), 64) < 0)
        return Error::sys("listen");
    return std::nullopt;
}

void Monitor::sendRepeatedly(int signal)
{
    // An init in its own PID namespace only sees signals it handles or
    // blocks; one sent while it is still starting up is lost. So the halt or
    // reboot signal is repeated every second until init exits (SIGKILL after
    // the shutdown timeout still ends one that never listens).
    ::kill(m_init, signal);
    m_pendingSignal = signal;
    itimerspec t{};
    t.it_value.tv_sec = 1;
    t.it_interval.tv_sec = 1;
    ::timerfd_settime(m_retry.get(), 0, &t, nullptr);
}

void Monitor::stopRepeating()
{
    m_pendingSignal = 0;
    const itimerspec off{};
    ::timerfd_settime(m_retry.get(), 0, &off, nullptr);
}

void Monitor::releaseNetwork()
{
    if (m_addressEvents) {
        if (m_epoll)
            unwatch(m_addressEvents.get());
        m_addressEvents.reset();
    }
    if (!m_netns)
        return;
    returnPhysicalInterfaces(m_spec.net, m_netns.get());
    removeProxyNeighbours(m_spec.net);
    runDownScripts(m_spec.net, m_hostLinks, m_spec.name);
    removeVethHostEnds(m_hostLinks);
    m_hostLinks.clear();
    m_netns.reset();
}

void Monitor::setState(State s)
{
    m_state = s;
    const std::string event = std::string("state ") + stateName(s);
    for (auto &c : m_clients)
        if (c->subscriber)
            (void)sendMessage(c->fd.get(), event);
}

void Monitor::sendAddresses()
{
    // Nobody asked (an executed command, a container the helper does not
    // follow): no netlink dump, and its code stays out of this process.
    if (std::none_of(m_clients.begin(), m_clients.end(), [](const auto &c) { return c->subscriber && c->addressEvents; }))
        return;
    // Same lines as the "addresses" reply, after "addresses".
    auto addrs = addressesIn(m_netns.get());
    if (!addrs)
        return log(4, addrs.error().wrap("address event").message);
    std::string event = "addresses";
    for (const auto &a : *addrs)
        event += "\n" + a;
    for (auto &c : m_clients)
        if (c->subscriber && c->addressEvents)
            (void)sendMessage(c->fd.get(), event);
}

void Monitor::watch(int fd)
{
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &ev);
}

void Monitor::unwatch(int fd)
{
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
}

void Monitor::connectTerminal(Client &c, int n, Terminals::Mode mode)
{
    auto fd = m_terminals.connect(n, mode);
    if (!fd)
        return (void)sendMessage(c.fd.get(), errorReply(fd.error()));
    (void)sendMessage(c.fd.get(), "ok", fd->get());
}

void Monitor::startAttach(Client &c, const std::string &request)
{
    auto req = AttachRequest::parse(request);
    if (!req)
        return (void)sendMessage(c.fd.get(), errorReply(req.error().as(ErrorCode::InvalidArgument)));
    if (c.attached > 0)
        return (void)sendMessage(c.fd.get(),
                                 errorReply(Error::msg("this connection already has an attached program", ErrorCode::Busy)));
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
        return (void)sendMessage(c.fd.get(), errorReply(Error::sys("socketpair")));
    UniqueFd sync(sv[0]), childSync(sv[1]);
    UniqueFd ioOurs, ioTheirs, errOurs, errTheirs;
    if (!req->pty) {
        int io[2], er[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, io) < 0
            || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, er) < 0)
            return (void)sendMessage(c.fd.get(), errorReply(Error::sys("socketpair")));
        ioOurs.reset(io[0]);
        ioTheirs.reset(io[1]);
        errOurs.reset(er[0]);
        errTheirs.reset(er[1]);
    }
    // Into the cgroup before it joins the namespaces (and before its child
    // exists): v2 at the fork where the kernel can, v1 by itself (joinSelf).
    bool v2Joined = m_cgroup->v2Fd() >= 0;
    pid_t pid = cloneChild(0, m_cgroup->v2Fd());
    if (pid < 0 && v2Joined) {
        v2Joined = false;
        pid = cloneChild(0, -1);
    }
    if (pid < 0)
        return (void)sendMessage(c.fd.get(), errorReply(Error::sys("fork")));
    if (pid == 0) {
        sync.reset();
        if (auto err = m_cgroup->joinSelf(v2Joined)) {
            (void)sendMessage(childSync.get(), errorReply(*err));
            ::_exit(126);
        }
        runAttached(*req, m_spec, m_init, childSync.get(), ioTheirs.get(), errTheirs.get());
    }
    childSync.reset();
    ioTheirs.reset();
    errTheirs.reset();
    auto abandon = [&](const Error &why) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        (void)sendMessage(c.fd.get(), errorReply(why.wrap("attach")));
    };
    if (::send(sync.get(), "g", 1, MSG_NOSIGNAL) != 1)
        return abandon(Error::msg("the attach process went away"));
    std::vector<UniqueFd> fds;
    auto reply = receiveMessage(sync.get(), &fds, 10000);
    if (!reply)
        return abandon(reply.error());
    if (reply->rfind("ok ", 0) != 0)
        return abandon(parseErrorReply(*reply));
    c.attached = pid;
    std::vector<int> pass;
    if (req->pty && !fds.empty())
        pass.push_back(fds.front().get());
    if (!req->pty)
        pass = {ioOurs.get(), errOurs.get()};
    log(2, "attached " + req->argv.front() + " as pid " + reply->substr(3));
    (void)sendMessage(c.fd.get(), "ok " + reply->substr(3), pass);
}

void Monitor::onChildExit(pid_t pid, int status)
{
    if (pid == m_init)
        return onInitExit(status);
    for (auto &c : m_clients)
        if (c->attached == pid) {
            c->attached = -1;
            (void)sendMessage(c->fd.get(), WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                                 : "exit " + std::to_string(WEXITSTATUS(status)));
        }
}

void Monitor::handleRequest(Client &c, const std::string &request)
{
    const std::vector<std::string> w = words(request);
    const std::string cmd = w.empty() ? "" : w[0];
    auto reply = [&](const std::string &text) { (void)sendMessage(c.fd.get(), text); };
    auto replyError = [&](const Error &e) { reply(errorReply(e)); };
    auto replyStatus = [&](const Status &s) { reply(s ? errorReply(*s) : "ok"); };
    auto invalid = [&](const std::string &message) { replyError(Error::msg(message, ErrorCode::InvalidArgument)); };
    const bool alive = m_init > 0;
    if (m_lingering && request == "subscribe") {
        // The status's collector (a plain subscribe: the helper's Execute;
        // the helper's state watcher subscribes with "addresses").
        closeSocket();
        reply("ok STOPPED");
        reply(m_exitMessage);
        m_lingering = false;
        m_done = true;
    } else if (m_lingering && (cmd == "console" || cmd == "tty")) {
        connectTerminal(c, 0, Terminals::Mode::Follow);  // the command's output, then EOF
    } else if (cmd == "state") {
        reply(std::string("ok ") + stateName(m_state) + " " + std::to_string(m_init));
    } else if (cmd == "subscribe") {
        c.subscriber = true;
        c.addressEvents = w.size() == 2 && w[1] == "addresses";
        reply(std::string("ok ") + stateName(m_state));
    } else if (cmd == "stop" && alive) {
        m_stopRequested = true;
        // A frozen task cannot die until thawed (cgroup v1 freezer).
        if (m_cgroup && m_cgroup->isFrozen())
            (void)m_cgroup->thaw();
        setState(State::Stopping);
        ::kill(m_init, m_spec.stopSignal);
        reply("ok");
    } else if (cmd == "shutdown" && alive && w.size() == 2) {
        unsigned long ms = 0;
        if (!parseUInt(w[1], ms))
            return invalid("shutdown: bad timeout \"" + w[1] + "\"");
        m_stopRequested = true;
        setState(State::Stopping);
        sendRepeatedly(m_spec.haltSignal);
        itimerspec t{};
        t.it_value.tv_sec = time_t(ms / 1000);
        t.it_value.tv_nsec = long(ms % 1000) * 1000000;
        if (ms == 0)
            t.it_value.tv_nsec = 1;
        ::timerfd_settime(m_timer.get(), 0, &t, nullptr);
        reply("ok");
    } else if (cmd == "reboot" && alive) {
        m_rebootRequested = true;
        sendRepeatedly(m_spec.rebootSignal);
        reply("ok");
    } else if (cmd == "freeze" && alive) {
        setState(State::Freezing);
        const Status s = m_cgroup->freeze();
        setState(s ? State::Running : State::Frozen);
        replyStatus(s);
    } else if (cmd == "unfreeze" && alive) {
        const Status s = m_cgroup->thaw();
        if (!s)
            setState(State::Running);
        replyStatus(s);
    } else if (cmd == "signal" && alive && w.size() == 2) {
        unsigned long sig = 0;
        if (!parseUInt(w[1], sig) || sig < 1 || sig > 64)
            return invalid("signal: bad number \"" + w[1] + "\"");
        replyStatus(::kill(m_init, int(sig)) < 0 ? Status(Error::sys("kill")) : std::nullopt);
    } else if (cmd == "tty" && alive && (w.size() == 2 || w.size() == 3)) {
        unsigned long n = 0;
        if (!parseUInt(w[1], n) || n >= (unsigned long)m_terminals.count())
            return replyError({ENXIO, "no tty " + w[1] + " (the container has " + std::to_string(m_terminals.count() - 1) + ")",
                               ErrorCode::NotFound});
        const std::string mode = w.size() == 3 ? w[2] : "write";
        if (mode != "follow" && mode != "write" && mode != "takeover")
            return invalid("tty: mode must be follow, write or takeover");
        connectTerminal(c, int(n), mode == "follow"  ? Terminals::Mode::Follow
                                   : mode == "write" ? Terminals::Mode::Write
                                                     : Terminals::Mode::TakeOver);
    } else if (cmd == "attach" && alive) {
        startAttach(c, request);
    } else if (cmd == "console" && alive) {
        // The console for whoever asks: writing if nobody writes, else following.
        auto fd = m_terminals.connect(0, Terminals::Mode::Write);
        if (!fd)
            fd = m_terminals.connect(0, Terminals::Mode::Follow);
        if (!fd)
            return replyError(fd.error());
        (void)sendMessage(c.fd.get(), "ok", fd->get());
    } else if (cmd == "resize" && alive && w.size() == 4) {
        unsigned long n = 0, rows = 0, cols = 0;
        if (!parseUInt(w[1], n) || !parseUInt(w[2], rows) || !parseUInt(w[3], cols) || rows > 65535 || cols > 65535)
            return invalid("resize: bad arguments");
        replyStatus(m_terminals.resize(int(n), (unsigned short)rows, (unsigned short)cols));
    } else if (cmd == "cgroup.get" && m_cgroup && w.size() == 3) {
        auto v = m_cgroup->get(w[2], w[1] == "1");
        reply(v ? "ok " + *v : errorReply(v.error()));
    } else if (cmd == "cgroup.set" && m_cgroup && w.size() >= 4) {
        const size_t at = request.find(w[2]) + w[2].size() + 1;
        replyStatus(m_cgroup->set({w[2], request.substr(at), w[1] == "1"}));
    } else if (cmd == "addresses" && alive) {
        if (!m_netns)
            return reply("ok");  // the host's network: not ours to report
        auto addrs = addressesIn(m_netns.get());
        if (!addrs)
            return replyError(addrs.error());
        std::string out = "ok";
        for (const auto &a : *addrs)
            out += "\n" + a;
        reply(out);
    } else if (cmd == "stats" && m_cgroup) {
        auto s = m_cgroup->stats();
        if (!s)
            return replyError(s.error());
        reply("ok cpu_ns=" + std::to_string(s->cpuUsageNs) + " memory=" + std::to_string(s->memoryBytes)
              + " memory_limit=" + std::to_string(s->memoryLimit) + " pids=" + std::to_string(s->pids)
              + " io_read=" + std::to_string(s->ioReadBytes) + " io_write=" + std::to_string(s->ioWriteBytes)
              + " oom_kills=" + std::to_string(s->oomKills));
    } else if (!alive) {
        // The contract's NotFound ("not running"), with the errno a signal
        // to a missing process would give.
        replyError({ESRCH, "container \"" + m_spec.name + "\" is not running", ErrorCode::NotFound});
    } else {
        invalid("unknown or malformed request \"" + request.substr(0, 80) + "\"");
    }
}

void Monitor::onInitExit(int status)
{
    const bool rebooted = (WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP) || m_rebootRequested;
    log(3, "init exited (" + std::string(WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                                              : "status " + std::to_string(WEXITSTATUS(status)))
               + ")");
    m_init = -1;
    stopRepeating();
    const bool again = rebooted && !m_stopRequested;
    // What init leaves goes with it before a reboot or an executed
    // command's status; at a stop, cleanup() does the same once.
    if (m_spec.execute || again) {
        if (m_cgroup)
            if (auto err = m_cgroup->killAll())
                log(5, err->message);
        releaseNetwork();
    }
    if (m_spec.execute) {
        // Nothing of the command remains before anyone hears its status.
        if (m_cgroup) {
            if (auto err = m_cgroup->destroy())
                log(5, err->message);
            m_cgroup.reset();
        }
        m_terminals.finish();
        m_exitMessage = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                            : "exit " + std::to_string(WEXITSTATUS(status));
        // The status is collected by a plain subscriber (the helper's
        // Execute, which connects once the command runs and may come after
        // a quick one has ended); a state watcher's subscription ("subscribe
        // addresses") hears it but does not end the wait for the collector.
        const bool collector = std::any_of(m_clients.begin(), m_clients.end(),
                                           [](const auto &c) { return c->subscriber && !c->addressEvents; });
        // The socket's name is free before the collector hears the status:
        // the next execute of this container may start at once, and its
        // monitor binds the same name (which this one must not remove after).
        if (collector)
            closeSocket();
        for (auto &c : m_clients)
            if (c->subscriber)
                (void)sendMessage(c->fd.get(), m_exitMessage);
        if (!collector) {
            m_lingering = true;
            itimerspec t{};
            t.it_value.tv_sec = 30;
            ::timerfd_settime(m_timer.get(), 0, &t, nullptr);
            setState(State::Stopped);
            return;
        }
        m_done = true;
        return;
    }
    if (again) {
        // A reboot: a fresh init in fresh namespaces, same cgroup and ptys.
        m_rebootRequested = false;
        setState(State::Starting);
        if (auto err = cloneInit()) {
            log(5, "reboot failed: " + err->message);
        } else {
            setState(State::Running);
            log(3, "rebooted, init pid " + std::to_string(m_init));
            return;
        }
    }
    m_done = true;
}

void Monitor::cleanup()
{
    if (m_init > 0) {
        ::kill(m_init, SIGKILL);
        ::waitpid(m_init, nullptr, 0);
        m_init = -1;
    }
    // Everything in the cgroup is gone before the network it used.
    if (m_cgroup)
        if (auto err = m_cgroup->killAll())
            log(5, err->message);
    releaseNetwork();
    if (m_cgroup) {
        if (auto err = m_cgroup->destroy())
            log(5, err->message);
        m_cgroup.reset();
    }
    m_terminals.close();
    // An ephemeral container goes before anyone can hear STOPPED.
    if (m_spec.ephemeral) {
        m_spec.ephemeral = false;
        if (auto err = removeContainerDir(m_spec.containerDir))
            log(5, "ephemeral container: " + err->message);
        else
            log(3, "ephemeral container removed");
    }
    closeSocket();
}

void Monitor::closeSocket()
{
    if (!m_listen)
        return;
    if (m_epoll)
        unwatch(m_listen.get());
    ::unlink(m_spec.socketPath.c_str());
    m_listen.reset();
}

int Monitor::run()
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    m_epoll.reset(::epoll_create1(EPOLL_CLOEXEC));
    m_signals.reset(::signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK));
    m_timer.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    m_retry.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    if (!m_epoll || !m_signals || !m_timer || !m_retry) {
        log(5, "monitor setup: " + std::string(std::strerror(errno)));
        cleanup();
        return 1;
    }
    watch(m_listen.get());
    watch(m_signals.get());
    watch(m_timer.get());
    watch(m_retry.get());
    if (m_addressEvents)
        watch(m_addressEvents.get());
    m_terminals.setEpoll(m_epoll.get());
    // SIGCHLD may have come before the signalfd existed.
    int status = 0;
    if (m_init > 0 && ::waitpid(m_init, &status, WNOHANG) == m_init)
        onInitExit(status);

    while (!m_done) {
        epoll_event events[16];
        const int n = ::epoll_wait(m_epoll.get(), events, 16, -1);
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < n && !m_done; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_signals.get()) {
                signalfd_siginfo si;
                while (::read(fd, &si, sizeof si) == sizeof si) {
                    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
                        // Someone stops the monitor itself: stop the container cleanly.
                        m_stopRequested = true;
                        if (m_init > 0)
                            ::kill(m_init, SIGKILL);
                    }
                }
                pid_t p;
                while ((p = ::waitpid(-1, &status, WNOHANG)) > 0)
                    onChildExit(p, status);
            } else if (fd == m_timer.get()) {
                uint64_t ticks;
                (void)::read(fd, &ticks, sizeof ticks);
                if (m_lingering) {
                    log(4, "nobody collected the command's status");
                    m_done = true;
                } else if (m_init > 0) {
                    log(4, "shutdown timed out: killing init");
                    ::kill(m_init, SIGKILL);
                }
            } else if (fd == m_retry.get()) {
                uint64_t ticks;
                (void)::read(fd, &ticks, sizeof ticks);
                if (m_init > 0 && m_pendingSignal)
                    ::kill(m_init, m_pendingSignal);
            } else if (m_addressEvents && fd == m_addressEvents.get()) {
                // One report for a burst of changes: drain, then send the list.
                char buf[8192];
                while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
                }
                sendAddresses();
            } else if (fd == m_listen.get()) {
                int cfd;
                while ((cfd = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0) {
                    m_clients.push_back(std::make_unique<Client>(Client{UniqueFd(cfd)}));
                    watch(cfd);
                }
            } else if (m_terminals.handle(fd)) {
                // console or tty output, or a terminal client's input
            } else if (auto c = std::find_if(m_clients.begin(), m_clients.end(),
                                             [&](const auto &x) { return x->fd.get() == fd; });
                       c != m_clients.end()) {
                auto msg = receiveMessage(fd);
                if (!msg) {
                    unwatch(fd);
                    m_clients.erase(c);
                } else {
                    handleRequest(**c, *msg);
                }
            }
        }
    }
    // Everything is gone before anyone hears STOPPED.
    cleanup();
    log(3, "stopped");
    setState(State::Stopped);
    m_clients.clear();
    return 0;
}

}  // namespace hutch::rt
