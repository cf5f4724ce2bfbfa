// Host-side pseudo-terminals for the container's console and ttys. The
// monitor holds both ends: the master to talk to the container, the slave
// so that the master never reports a hang-up while init restarts its getty.
#pragma once

#include "rterror.h"
#include "uniquefd.h"

#include <string>

namespace hutch::rt {

struct Pty {
    UniqueFd master;
    UniqueFd slave;
    std::string slavePath;  // /dev/pts/N on the host: the source of the bind into /dev
};

Result<Pty> openPty();

// Window size of the terminal (TIOCSWINSZ on the master).
Status setWindowSize(int masterFd, unsigned short rows, unsigned short cols);

// A byte ring buffer holding the latest console output for late readers.
class RingBuffer {
public:
    explicit RingBuffer(size_t capacity) : m_capacity(capacity) {}
    void append(const char *data, size_t size);
    std::string contents() const;  // oldest first

private:
    size_t m_capacity;
    std::string m_data;
};

}  // namespace hutch::rt
