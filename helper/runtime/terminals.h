// The container's console and ttys as the monitor serves them: each is a
// host-side pty whose output the monitor always reads (into a ring buffer
// for late readers, and into lxc.console.logfile for the console), and
// hands to clients through sockets. Any number of clients may follow a
// terminal; one at a time writes to it (a second is refused, or takes over
// and the previous writer is disconnected).
#pragma once

#include "pty.h"
#include "rterror.h"
#include "uniquefd.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hutch::rt {

class Terminals {
public:
    enum class Mode { Follow, Write, TakeOver };

    struct Options {
        int ttys = 0;
        uint64_t bufferSize = 128 * 1024;
        std::string logFile;        // console output, appended
        std::string containerDir;   // below it, logFile is opened with no symlink followed
        uint64_t logSize = 0;       // rotate (or truncate) past this many bytes; 0 = no limit
        bool rotate = false;        // keep LOG.1 when rotating
    };

    // Allocates the console (terminal 0) and the ttys; epollFd is where the
    // monitor waits (masters and client sockets are added to it).
    Status open(const Options &options);
    void setEpoll(int epollFd);
    void close();

    int count() const { return int(m_terms.size()); }
    std::string slavePath(int n) const { return m_terms[size_t(n)].pty.slavePath; }

    // A socket for a client: what the terminal printed lately first, then
    // its output; what the client writes goes to the terminal if it writes.
    Result<UniqueFd> connect(int n, Mode mode);
    Status resize(int n, unsigned short rows, unsigned short cols);

    // Whether fd is one of ours; if so, handles it being readable.
    bool handle(int fd);

    // The container's programs are gone: read what is left in the ptys,
    // then close every client (EOF after the last byte). Later clients get
    // the history and EOF. Used when an executed command has ended.
    void finish();

private:
    struct Term {
        Pty pty;
        RingBuffer history{0};
    };
    struct Client {
        UniqueFd fd;
        int term = 0;
        bool writer = false;
    };
    void watch(int fd);
    void drop(size_t index);
    void readTerminal(size_t n);
    void logConsole(const char *data, size_t size);

    Options m_options;
    std::vector<Term> m_terms;
    std::vector<Client> m_clients;
    UniqueFd m_log;
    uint64_t m_logWritten = 0;
    int m_epoll = -1;
    bool m_finished = false;
};

}  // namespace hutch::rt
