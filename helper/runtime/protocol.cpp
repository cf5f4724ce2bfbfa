#include "protocol.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

namespace hutch::rt {

const char *stateName(State s)
{
    switch (s) {
    case State::Stopped: return "STOPPED";
    case State::Starting: return "STARTING";
    case State::Running: return "RUNNING";
    case State::Stopping: return "STOPPING";
    case State::Aborting: return "ABORTING";
    case State::Freezing: return "FREEZING";
    case State::Frozen: return "FROZEN";
    }
    return "UNKNOWN";
}

std::string escapeField(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\0')
            out += "\\0";
        else
            out += c;
    }
    return out;
}

std::string unescapeField(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char n = s[++i];
        out += n == 'n' ? '\n' : n == '0' ? '\0' : n;
    }
    return out;
}

std::string errorReply(const Error &e)
{
    return std::string("err ") + errorCodeName(e.code) + " " + std::to_string(e.sysErrno) + " " + e.message;
}

Error parseErrorReply(const std::string &reply)
{
    // "err CODE ERRNO MESSAGE"
    const size_t codeEnd = reply.find(' ', 4);
    const size_t errnoEnd = codeEnd == std::string::npos ? codeEnd : reply.find(' ', codeEnd + 1);
    if (reply.rfind("err ", 0) != 0 || errnoEnd == std::string::npos)
        return Error::msg("malformed error reply \"" + reply.substr(0, 80) + "\"");
    const auto code = errorCodeFromName(std::string_view(reply).substr(4, codeEnd - 4));
    int err = 0;
    for (size_t i = codeEnd + 1; i < errnoEnd; ++i) {
        if (reply[i] < '0' || reply[i] > '9' || err > 100000)
            return Error::msg("malformed error reply \"" + reply.substr(0, 80) + "\"");
        err = err * 10 + (reply[i] - '0');
    }
    return {err, reply.substr(errnoEnd + 1), code.value_or(ErrorCode::Failed)};
}

Status sendMessage(int fd, const std::string &text, int passFd)
{
    return sendMessage(fd, text, passFd >= 0 ? std::vector<int>{passFd} : std::vector<int>{});
}

Status sendMessage(int fd, const std::string &text, const std::vector<int> &passFds)
{
    iovec iov{const_cast<char *>(text.data()), text.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)] = {};
    if (passFds.size() > 4)
        return Error::msg("send: too many fds");
    if (!passFds.empty()) {
        msg.msg_control = control;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * passFds.size());
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * passFds.size());
        std::memcpy(CMSG_DATA(c), passFds.data(), sizeof(int) * passFds.size());
    }
    while (::sendmsg(fd, &msg, MSG_NOSIGNAL) < 0) {
        if (errno != EINTR)
            return Error::sys("send");
    }
    return std::nullopt;
}

Result<std::string> receiveMessage(int fd, UniqueFd *passedFd, int timeoutMs)
{
    std::vector<UniqueFd> fds;
    auto r = receiveMessage(fd, &fds, timeoutMs);
    if (passedFd && !fds.empty())
        *passedFd = std::move(fds.front());
    return r;
}

Result<std::string> receiveMessage(int fd, std::vector<UniqueFd> *passedFds, int timeoutMs)
{
    if (timeoutMs >= 0) {
        pollfd p{fd, POLLIN, 0};
        int r;
        while ((r = ::poll(&p, 1, timeoutMs)) < 0 && errno == EINTR) {
        }
        if (r < 0)
            return Error::sys("poll");
        if (r == 0)
            return Error{ETIMEDOUT, "no answer from the monitor"};
    }
    char buf[65536];
    iovec iov{buf, sizeof buf};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)] = {};
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (n < 0)
        return Error::sys("receive");
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int received;
            std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            if (passedFds)
                passedFds->emplace_back(received);
            else
                ::close(received);  // never leak an fd we did not ask for
        }
    }
    if (n == 0)
        return Error{ECONNRESET, "closed"};
    return std::string(buf, size_t(n));
}

Result<MonitorClient> MonitorClient::connect(const std::string &socketPath)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (socketPath.size() >= sizeof addr.sun_path)
        return Error::msg("socket path too long: " + socketPath);
    std::memcpy(addr.sun_path, socketPath.c_str(), socketPath.size() + 1);
    MonitorClient c;
    c.m_fd.reset(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
    if (!c.m_fd)
        return Error::sys("socket");
    if (::connect(c.m_fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0)
        return Error::sys("connect to monitor " + socketPath);
    return c;
}

Result<std::string> MonitorClient::request(const std::string &command, UniqueFd *passedFd, int timeoutMs)
{
    std::vector<UniqueFd> fds;
    auto r = request(command, &fds, timeoutMs);
    if (passedFd && !fds.empty())
        *passedFd = std::move(fds.front());
    return r;
}

Result<std::string> MonitorClient::request(const std::string &command, std::vector<UniqueFd> *passedFds, int timeoutMs)
{
    if (auto err = send(command))
        return *err;
    return reply(command, passedFds, timeoutMs);
}

Status MonitorClient::send(const std::string &command)
{
    return sendMessage(m_fd.get(), command);
}

Result<std::string> MonitorClient::reply(const std::string &command, std::vector<UniqueFd> *passedFds, int timeoutMs)
{
    auto reply = receiveMessage(m_fd.get(), passedFds, timeoutMs);
    if (!reply)
        return reply.error().wrap(command);
    if (reply->rfind("ok", 0) == 0)
        return reply->size() > 3 ? reply->substr(3) : std::string();
    if (reply->rfind("err ", 0) == 0)
        return parseErrorReply(*reply);
    return Error::msg(command + ": unexpected answer \"" + *reply + "\"");
}

Result<std::string> MonitorClient::nextEvent(int timeoutMs)
{
    return receiveMessage(m_fd.get(), static_cast<UniqueFd *>(nullptr), timeoutMs);
}

}  // namespace hutch::rt
