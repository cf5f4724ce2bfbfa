// hutch-bridge: standard input and output to the system bus socket, and
// nothing else; the remote end of `hutchctl --host` on a machine without
// systemd-stdio-bridge (core/client/remote.h). ssh runs it as the SSH user;
// the bus sees that user's connection and polkit decides for it.
//
// It forwards bytes, with two changes in the authentication lines before
// BEGIN: the client's EXTERNAL identity (its uid on its own machine) is
// replaced by ours, the uid the bus daemon sees on the socket; and
// NEGOTIATE_UNIX_FD is answered ERROR here, since a descriptor cannot
// cross ssh. The bus: --bus ADDRESS, else $DBUS_SYSTEM_BUS_ADDRESS, else
// unix:path=/run/dbus/system_bus_socket (unix:path= and unix:abstract= only).
// Plain C++, no Qt.
#include "fdio.h"
#include "uniquefd.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

using hutch::UniqueFd;
using hutch::writeAll;

int fail(const std::string &message)
{
    std::fprintf(stderr, "hutch-bridge: %s\n", message.c_str());
    return 1;
}

// The first unix:path= or unix:abstract= of a D-Bus address list, %XX decoded.
bool socketAddress(const std::string &address, sockaddr_un *out, socklen_t *length)
{
    size_t start = 0;
    while (start <= address.size()) {
        const size_t end = std::min(address.find(';', start), address.size());
        const std::string one = address.substr(start, end - start);
        start = end + 1;
        if (one.rfind("unix:", 0) != 0)
            continue;
        bool abstract = false;
        std::string path;
        size_t k = 5;
        while (k < one.size()) {
            const size_t comma = std::min(one.find(',', k), one.size());
            const std::string kv = one.substr(k, comma - k);
            k = comma + 1;
            std::string value;
            const size_t eq = kv.find('=');
            if (eq == std::string::npos)
                continue;
            for (size_t i = eq + 1; i < kv.size(); ++i) {
                if (kv[i] == '%' && i + 2 < kv.size()) {
                    value += char(std::strtol(kv.substr(i + 1, 2).c_str(), nullptr, 16));
                    i += 2;
                } else {
                    value += kv[i];
                }
            }
            if (kv.compare(0, eq, "path") == 0)
                path = value;
            else if (kv.compare(0, eq, "abstract") == 0) {
                path = value;
                abstract = true;
            }
        }
        if (path.empty() || path.size() + 1 > sizeof out->sun_path)
            continue;
        *out = {};
        out->sun_family = AF_UNIX;
        std::memcpy(out->sun_path + (abstract ? 1 : 0), path.data(), path.size());
        // A path with its NUL; an abstract name after its leading NUL.
        *length = socklen_t(offsetof(sockaddr_un, sun_path) + path.size() + 1);
        return true;
    }
    return false;
}

std::string hexUid()
{
    const std::string uid = std::to_string(::getuid());
    std::string hex;
    char b[3];
    for (const char c : uid) {
        std::snprintf(b, sizeof b, "%02x", unsigned(static_cast<unsigned char>(c)));
        hex += b;
    }
    return hex;
}

// The authentication lines from the client, rewritten as the header says;
// true once BEGIN has gone through (the rest of `pending` is raw traffic).
bool relayAuthLines(std::string &pending, int bus, bool *external)
{
    for (;;) {
        const size_t eol = pending.find("\r\n");
        if (eol == std::string::npos)
            return false;
        std::string line = pending.substr(0, eol);
        pending.erase(0, eol + 2);
        if (line.rfind("AUTH EXTERNAL", 0) == 0) {
            *external = true;
            line = "AUTH EXTERNAL " + hexUid();
        } else if (line.rfind("AUTH", 0) == 0) {
            *external = false;
        } else if (*external && line.rfind("DATA", 0) == 0) {
            line = "DATA " + hexUid();
        } else if (line == "NEGOTIATE_UNIX_FD") {
            writeAll(STDOUT_FILENO, std::string("ERROR descriptors do not cross hutch-bridge\r\n"));
            continue;
        }
        line += "\r\n";
        writeAll(bus, line);
        if (line == "BEGIN\r\n")
            return true;
    }
}

}  // namespace

int main(int argc, char **argv)
{
    std::string address;
    if (argc == 3 && std::strcmp(argv[1], "--bus") == 0)
        address = argv[2];
    else if (argc != 1)
        return fail("usage: hutch-bridge [--bus ADDRESS]"), 2;
    else if (const char *env = std::getenv("DBUS_SYSTEM_BUS_ADDRESS"); env && *env)
        address = env;
    else
        address = "unix:path=/run/dbus/system_bus_socket";
    sockaddr_un sa{};
    socklen_t length = 0;
    if (!socketAddress(address, &sa, &length))
        return fail("no unix:path= or unix:abstract= in the bus address \"" + address + "\"");
    UniqueFd bus(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!bus || ::connect(bus.get(), reinterpret_cast<sockaddr *>(&sa), length) != 0)
        return fail("connect to " + address + ": " + std::strerror(errno));

    // The first byte (NUL, credentials) and the line-based authentication,
    // then raw bytes both ways until either side ends.
    bool began = false, external = false, sawNul = false;
    std::string pending;
    char buffer[65536];
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {bus.get(), POLLIN, 0}};
    for (;;) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return fail(std::string("poll: ") + std::strerror(errno));
        }
        if (fds[0].revents) {
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return 0;
            if (began) {
                if (writeAll(bus.get(), buffer, size_t(n)) != 0)
                    return 0;
            } else {
                pending.append(buffer, size_t(n));
                if (!sawNul && !pending.empty()) {
                    sawNul = true;
                    writeAll(bus.get(), pending.data(), 1);
                    pending.erase(0, 1);
                }
                if (relayAuthLines(pending, bus.get(), &external)) {
                    began = true;
                    if (!pending.empty() && writeAll(bus.get(), pending) != 0)
                        return 0;
                    pending.clear();
                }
            }
        }
        if (fds[1].revents) {
            const ssize_t n = ::read(bus.get(), buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || writeAll(STDOUT_FILENO, buffer, size_t(n)) != 0)
                return 0;
        }
    }
}
