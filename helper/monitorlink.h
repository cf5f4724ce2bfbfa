// The helper's one way to a container's monitor: typed verbs over the
// command socket of runtime/protocol.h. Requests are spelt here (and parsed
// in runtime/monitor.cpp) only. Every failure is an Error whose code the
// monitor chose (or NotFound "not running" when no monitor answers) and
// whose errno is the one of the failed system call, whichever process made
// it; toError() is the one conversion from the runtime's error. Blocking:
// used on worker threads (and the state watcher's non-blocking reads).
#pragma once

#include "attach.h"
#include "error.h"
#include "protocol.h"
#include "settings.h"
#include "uniquefd.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace hutch {

// The contract's Error for a runtime error: code, errno and message kept.
Error toError(const rt::Error &e);

// A monitor's answer to "state".
class LoadedContainer;  // launch.h

struct MonitorState {
    QString state = QStringLiteral("STOPPED");  // LXC's names: RUNNING, FROZEN, ...
    qint64 pid = 0;                             // init's host pid, 0 when none
    bool running() const { return state != QLatin1String("STOPPED"); }
};

// The cgroup's figures ("stats").
struct MonitorStats {
    quint64 cpuNs = 0, memory = 0, memoryLimit = 0, pids = 0, ioRead = 0, ioWrite = 0, oomKills = 0;
};

// A message to a subscriber or to an attached program's connection.
struct MonitorEvent {
    enum class Kind { State, Exit, Signal, Addresses };
    Kind kind = Kind::State;
    QString state;          // Kind::State
    int value = 0;          // exit status or signal number
    QStringList addresses;  // Kind::Addresses: "LINK ADDRESS/PREFIX" each
};

class MonitorLink {
public:
    // How a tty is opened: following (read-only), writing if nobody writes,
    // or taking the writing over.
    enum class TtyMode { Follow, Write, TakeOver };
    static constexpr int kTimeoutMs = 5000;

    // Connects to NAME's monitor: NotFound ("not running", the connect's
    // errno) when none listens.
    static Result<MonitorLink> connect(const HelperSettings &settings, const QString &name);
    // The same for a container whose config the caller read (its name is valid).
    static Result<MonitorLink> connect(const HelperSettings &settings, const LoadedContainer &container);

    Result<MonitorState> state();
    Status stop();
    // The halt signal, then SIGKILL after timeoutMs.
    Status shutdown(int timeoutMs);
    Status reboot();
    Status freeze();
    Status unfreeze();
    Status signal(int signal);
    // A cgroup file of the container's cgroup (v2 names it in the unified
    // hierarchy, else in the v1 controller's); values as the kernel spells them.
    Result<QString> cgroupGet(bool v2, const QString &file);
    Status cgroupSet(bool v2, const QString &file, const QString &value);
    // The pty master of tty N (0: the console) in `mode`.
    Result<UniqueFd> openTty(int tty, TtyMode mode);
    // The console for whoever asks: writing if nobody writes, else following.
    Result<UniqueFd> openConsole();
    Status resize(int tty, int rows, int cols);
    // Makes this connection a subscriber: the state now, then events
    // (nextEvent); with `addresses`, also the container's addresses
    // (at once and whenever they change).
    Result<QString> subscribe(int timeoutMs = kTimeoutMs, bool addresses = false);
    // subscribe() in two halves, for the state watcher on the main thread,
    // which must not wait for a monitor still starting its container: the
    // request, then (once the connection is readable) its answer, the state.
    Status requestSubscription(bool addresses);
    Result<QString> subscription(int timeoutMs);
    Result<MonitorStats> stats();
    // "LINK ADDRESS/PREFIX" of the container's network namespace.
    Result<QStringList> addresses();
    // Starts a program in the container; its pid, and the pty master (one
    // fd) or stdin+stdout and stderr sockets (two). The program's end comes
    // as an Exit or Signal event on this connection.
    struct Attached {
        qint64 pid = 0;
        std::vector<UniqueFd> fds;
    };
    Result<Attached> attach(const rt::AttachRequest &request);

    // The next event; an Error with errno ETIMEDOUT when none came in
    // timeoutMs, any other when the monitor closed the connection.
    Result<MonitorEvent> nextEvent(int timeoutMs);
    int fd() const { return m_client.fd(); }

private:
    MonitorLink(rt::MonitorClient client, QString name) : m_client(std::move(client)), m_name(std::move(name)) {}
    static Result<MonitorLink> open(const HelperSettings &settings, const QString &validName);
    Result<QString> ask(const std::string &request, const char *verb, std::vector<UniqueFd> *fds = nullptr,
                        int timeoutMs = kTimeoutMs);
    Status askStatus(const std::string &request, const char *verb);

    rt::MonitorClient m_client;
    QString m_name;
};

// NAME's monitor's state; STOPPED when none answers.
MonitorState monitorState(const HelperSettings &settings, const QString &name);
MonitorState monitorState(const HelperSettings &settings, const LoadedContainer &container);

// Stops NAME (stop; or shutdown with that timeout when shutdownMs is set)
// and waits on this thread until its monitor is gone, at most waitMs.
// Subscribing first means the end cannot be missed.
Status stopAndWait(const HelperSettings &settings, const QString &name, std::optional<int> shutdownMs, int waitMs);

}  // namespace hutch
