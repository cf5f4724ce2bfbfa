#include "starter.h"

#include "fdio.h"
#include "protocol.h"
#include "uniquefd.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <pthread.h>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <optional>
#include <utility>

extern char **environ;

namespace hutch::rt {

namespace {

// A hutch-monitor running detached and reading its spec (fd 3 to its end)
// before it does anything else; the verdict comes on STATUSREAD.
struct Spawned {
    UniqueFd specWrite, statusRead;
    pid_t first = -1;       // the process that forks it and exits, until reaped
    struct stat binary {};  // the executable it runs, to see an update
};

void reapFirst(Spawned &s)
{
    while (s.first > 0 && ::waitpid(s.first, nullptr, 0) < 0 && errno == EINTR) {
    }
    s.first = -1;
}

bool sameFile(const struct stat &a, const struct stat &b)
{
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size
           && a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

Result<Spawned> spawnMonitor(const std::string &monitorPath, int initCopy)
{
    // The spec travels on a socket: a monitor gone before reading it gives
    // EPIPE there, where a pipe would raise SIGPIPE in the helper.
    int specPipe[2], statusPipe[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, specPipe) < 0)
        return Error::sys("socketpair");
    UniqueFd specRead(specPipe[0]), specWrite(specPipe[1]);
    if (::pipe2(statusPipe, O_CLOEXEC) < 0)
        return Error::sys("pipe");
    UniqueFd statusRead(statusPipe[0]), statusWrite(statusPipe[1]);
    // Above 4, so that placing one at 3 cannot overwrite the other.
    UniqueFd specHigh(::fcntl(specRead.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd statusHigh(::fcntl(statusWrite.get(), F_DUPFD_CLOEXEC, 10));
    UniqueFd initHigh(initCopy >= 0 ? ::fcntl(initCopy, F_DUPFD_CLOEXEC, 10) : -1);
    if (!specHigh || !statusHigh || (initCopy >= 0 && !initHigh))
        return Error::sys("dup");
    Spawned spawned;
    if (::stat(monitorPath.c_str(), &spawned.binary) < 0)
        return Error::sys("run " + monitorPath);

    // posix_spawn (a vfork: no copy of this process's memory map, which for
    // the helper is a large Qt process with threads) runs hutch-monitor in
    // a session of its own with fds 3 and 4 for it and nothing else of
    // ours; the monitor then forks once more (--detach) and that first
    // process exits at once, so that the monitor is nobody's child here.
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_adddup2(&fa, specHigh.get(), 3);
    posix_spawn_file_actions_adddup2(&fa, statusHigh.get(), 4);
    if (initHigh)
        posix_spawn_file_actions_adddup2(&fa, initHigh.get(), 5);
    posix_spawn_file_actions_addclosefrom_np(&fa, initHigh ? 6 : 5);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&fa, 0, 1);
    posix_spawn_file_actions_adddup2(&fa, 0, 2);
    posix_spawn_file_actions_addchdir_np(&fa, "/");
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {const_cast<char *>("hutch-monitor"), const_cast<char *>("--detach"),
                    const_cast<char *>("--spec-fd"), const_cast<char *>("3"),
                    const_cast<char *>("--status-fd"), const_cast<char *>("4"),
                    nullptr, nullptr, nullptr};
    if (initHigh) {
        argv[6] = const_cast<char *>("--init-fd");
        argv[7] = const_cast<char *>("5");
    }
    // The environment goes along: lxc.environment names variables to pass.
    pid_t first = -1;
    const int err = ::posix_spawn(&first, monitorPath.c_str(), &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (err != 0)
        return Error::sys(err, "run " + monitorPath);
    spawned.first = first;
    spawned.specWrite = std::move(specWrite);
    spawned.statusRead = std::move(statusRead);
    return spawned;
}

class Spare;
Spare &spare();

// One monitor started ahead of the next start: the start then hands it
// the spec without waiting for a process to be made (about a millisecond
// of a start on these machines, more on a busy one). The next one is made
// once a start has its answer, on a thread of its own: made during the
// start, it took CPU the start needed (half a millisecond of a start on
// two cores, bench_runtime), and the caller does not wait for it. A start
// that comes while one is being made waits for it rather than make another.
// Only for plain starts: an executed command's monitor takes its init copy
// at its own start. A spare whose executable changed on disk since (an
// update) is not used; one whose process (helper or test) ends reads the
// end of its spec and exits.
class Spare {
public:
    Spare()
    {
        // A child forked from this process (not one that execs: the fds are
        // close-on-exec) must not hand the parent's spare a spec, nor keep
        // its spec socket open, which would leave the spare waiting for the
        // spec's end: in the child it is as if there were none (and no
        // thread making one).
        ::pthread_atfork([] { spare().m_mutex.lock(); }, [] { spare().m_mutex.unlock(); },
                         [] {
                             spare().m_spare.reset();
                             spare().m_filling = false;
                             spare().m_mutex.unlock();
                         });
    }

    std::optional<Spawned> take(const std::string &monitorPath)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_filled.wait(lock, [this] { return !m_filling; });
        std::optional<Spawned> s = std::exchange(m_spare, std::nullopt);
        struct stat now {};
        if (!s || monitorPath != m_path || ::stat(monitorPath.c_str(), &now) < 0 || !sameFile(now, s->binary))
            return std::nullopt;
        return s;
    }

    // Makes one now unless there is one; LATER: on a thread of its own.
    void refill(const std::string &monitorPath, bool later)
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (!later)
                m_filled.wait(lock, [this] { return !m_filling; });
            if (m_filling || (m_spare && monitorPath == m_path))
                return;
            m_filling = true;
        }
        if (later) {
            try {
                std::thread([this, monitorPath] { fill(monitorPath); }).detach();
                return;
            } catch (const std::system_error &) {
                // no thread to be had: made here
            }
        }
        fill(monitorPath);
    }

private:
    void fill(const std::string &monitorPath)
    {
        auto fresh = spawnMonitor(monitorPath, -1);
        if (fresh)
            reapFirst(*fresh);  // else the next start makes its own, and says what fails
        std::lock_guard<std::mutex> lock(m_mutex);
        if (fresh) {
            m_path = monitorPath;
            m_spare = std::move(*fresh);
        }
        m_filling = false;
        m_filled.notify_all();
    }

    friend Spare &spare();
    std::mutex m_mutex;
    std::condition_variable m_filled;
    bool m_filling = false;
    std::string m_path;
    std::optional<Spawned> m_spare;
};

// Never destroyed: a thread making a spare may still run when the process
// exits.
Spare &spare()
{
    static Spare *s = new Spare;
    return *s;
}

}  // namespace

void startSpareMonitor(const std::string &monitorPath)
{
    spare().refill(monitorPath, false);
}

Result<pid_t> startMonitor(const std::string &monitorPath, const LaunchSpec &spec, int initCopy)
{
    std::optional<Spawned> monitor = initCopy < 0 ? spare().take(monitorPath) : std::nullopt;
    if (!monitor) {
        auto fresh = spawnMonitor(monitorPath, initCopy);
        if (!fresh)
            return fresh.error();
        monitor = std::move(*fresh);
    }
    // The spec goes out whole (far below the socket's buffer, so this does
    // not wait for the monitor); a monitor that died early leaves EPIPE,
    // and its answer below says why.
    const int writeErr = sendAll(monitor->specWrite.get(), spec.serialize());
    monitor->specWrite.reset();
    reapFirst(*monitor);
    std::string verdict;
    const int readErr = writeErr && writeErr != EPIPE ? 0 : readAll(monitor->statusRead.get(), &verdict);
    if (initCopy < 0)
        spare().refill(monitorPath, true);
    if (writeErr && writeErr != EPIPE)
        return Error::sys(writeErr, "send the spec to hutch-monitor");
    if (readErr)
        return Error::sys(readErr, "read hutch-monitor's answer");
    const std::string context = "start \"" + spec.name + "\"";
    if (verdict.rfind("ok ", 0) == 0)
        return pid_t(std::stol(verdict.substr(3)));
    if (verdict.rfind("err ", 0) == 0)
        return parseErrorReply(verdict).wrap(context);
    return Error::msg("hutch-monitor (" + monitorPath + ") failed to run").wrap(context);
}

}  // namespace hutch::rt
