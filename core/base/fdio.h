// Whole reads and writes on a file descriptor, retrying on EINTR and short
// transfers. Qt-free (the monitor uses them too); they answer an errno (0 on
// success) so that each caller builds its own error with its context.
#pragma once

#include <cerrno>
#include <cstddef>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace hutch {

// Writes all `size` bytes; 0, or the errno of the failed write.
inline int writeAll(int fd, const void *data, size_t size)
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return EIO;
        p += n;
        size -= size_t(n);
    }
    return 0;
}

inline int writeAll(int fd, const std::string &s) { return writeAll(fd, s.data(), s.size()); }

// writeAll for a socket, with EPIPE instead of a SIGPIPE when the peer is gone.
inline int sendAll(int fd, const std::string &s)
{
    const char *p = s.data();
    size_t size = s.size();
    while (size > 0) {
        const ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        p += n;
        size -= size_t(n);
    }
    return 0;
}

// Appends everything up to end of file to *out; 0, or the errno of the failed read.
inline int readAll(int fd, std::string *out)
{
    char buf[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        out->append(buf, size_t(n));
    }
}

}  // namespace hutch
