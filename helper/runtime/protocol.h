// The monitor's command socket: a SOCK_SEQPACKET unix socket, mode 0600,
// one request a message and one reply a message: "ok ..." or an error
// "err CODE ERRNO MESSAGE" (CODE one of base/result.h's names, ERRNO 0 when
// no system call failed), so the code and the errno reach the helper as
// they were. The typed client of this protocol is helper/monitorlink.h:
// requests are spelt there and here (Monitor::handleRequest) only.
// A reply may carry a file descriptor (SCM_RIGHTS): a tty's pty master, or
// a socket following the console.
//
// Requests:
//   state                      → ok STATE PID
//   stop | shutdown MS | reboot | freeze | unfreeze | signal N
//   tty N                      → ok, with the pty master of /dev/ttyN
//   console                    → ok, with a socket: output (the buffered
//                                 history first), and what is written to it
//                                 goes to /dev/console
//   resize N ROWS COLS         → window size of tty N (0 = console)
//   subscribe                  → ok STATE, then "state STATE" messages on
//                                 every change, until the connection closes
//   subscribe addresses        → the same, and "addresses" followed by the
//                                 lines of the addresses reply whenever an
//                                 address in the container comes or goes
//   cgroup.get V2 FILE         → ok VALUE
//   cgroup.set V2 FILE VALUE   → ok
//   stats                      → ok cpu_ns=.. memory=.. memory_limit=.. pids=.. io_read=.. io_write=..
//   addresses                  → ok, then one "LINK ADDRESS/PREFIX" a line
//   attach MODE ENV ROWS COLS  → ok PID, with the pty master (MODE pty) or
//     + lines "arg X" / "env X"    two sockets, stdin+stdout and stderr (MODE
//                                 pipes); later "exit N" or "signal N" when the
//                                 program ends. ENV: clear or keep (attach.h).
#pragma once

#include "rterror.h"
#include "uniquefd.h"

#include <string>
#include <vector>

namespace hutch::rt {

// Container states, as LXC names them.
enum class State { Stopped, Starting, Running, Stopping, Aborting, Freezing, Frozen };
const char *stateName(State s);

// One field of a line-based message: backslash escapes keep any byte
// (newline, NUL) on one line.
std::string escapeField(const std::string &s);
std::string unescapeField(const std::string &s);

// The error reply for e: "err CODE ERRNO MESSAGE".
std::string errorReply(const Error &e);
// The Error of a reply that starts with "err " (code, errno and message as sent).
Error parseErrorReply(const std::string &reply);

Status sendMessage(int fd, const std::string &text, int passFd = -1);
Status sendMessage(int fd, const std::string &text, const std::vector<int> &passFds);
// Receives one message (and a passed fd, if any, into *fd). The peer's
// end of the connection is an Error with errno ECONNRESET ("closed"); no
// message within timeoutMs one with ETIMEDOUT.
Result<std::string> receiveMessage(int fd, UniqueFd *passedFd = nullptr, int timeoutMs = -1);
Result<std::string> receiveMessage(int fd, std::vector<UniqueFd> *passedFds, int timeoutMs = -1);

class MonitorClient {
public:
    // Connects to a monitor; NotFound-like error (ENOENT/ECONNREFUSED) when
    // no monitor runs there.
    static Result<MonitorClient> connect(const std::string &socketPath);

    // Sends a request and returns the text after "ok " (or the error after "err ").
    Result<std::string> request(const std::string &command, UniqueFd *passedFd = nullptr, int timeoutMs = 30000);
    Result<std::string> request(const std::string &command, std::vector<UniqueFd> *passedFds, int timeoutMs = 30000);
    // request() in two halves, for a caller that does not wait for the
    // answer (it reads it when the socket is readable): the command, then
    // the answer to it.
    Status send(const std::string &command);
    Result<std::string> reply(const std::string &command, std::vector<UniqueFd> *passedFds, int timeoutMs);
    // For subscribers: the next "state X" message.
    Result<std::string> nextEvent(int timeoutMs);
    int fd() const { return m_fd.get(); }

private:
    UniqueFd m_fd;
};

}  // namespace hutch::rt
