// Small helpers the benchmarks share: the median of timings, the clock and
// the machine's CPU counters, a stopped container that is only a directory
// with a minimal valid config (what a listing has to read, without a
// template run), and bench_terminal's inputs, pty and Xvfb.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace hutch::bench {

inline qint64 nowNs()
{
    timespec t {};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

inline double seconds(const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; }

// User plus system CPU time of this process, all threads.
inline double processCpuSeconds()
{
    rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// CPU time of the calling thread.
inline double threadCpuSeconds()
{
    timespec t {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// The machine's CPU time from /proc/stat's first line, in clock ticks: busy
// (everything but idle and iowait) and all, summed over the cores.
struct MachineCpu
{
    qint64 busy = 0;
    qint64 total = 0;
};

inline MachineCpu machineCpu()
{
    MachineCpu m;
    QFile f(QStringLiteral("/proc/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return m;
    const QList<QByteArray> w = f.readLine().simplified().split(' ');
    for (qsizetype i = 1; i < w.size(); ++i) {
        const qint64 v = w[i].toLongLong();
        m.total += v;
        if (i != 4 && i != 5)  // idle, iowait
            m.busy += v;
    }
    return m;
}

// How busy the cores were between two readings, in percent of all of them.
inline double busyPercent(const MachineCpu &before, const MachineCpu &after)
{
    const qint64 total = after.total - before.total;
    return total > 0 ? 100.0 * double(after.busy - before.busy) / double(total) : 0;
}

inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

// The first three fields of /proc/loadavg ("2.41 1.90 1.62").
inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

inline bool makeFakeContainer(const QString &store, const QString &name)
{
    const QString dir = store + QLatin1Char('/') + name;
    if (!QDir().mkpath(dir + QStringLiteral("/rootfs")))
        return false;
    QFile f(dir + QStringLiteral("/config"));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QStringLiteral("lxc.uts.name = %1\nlxc.rootfs.path = dir:%2/rootfs\nlxc.tty.max = 1\n"
                           "lxc.net.0.type = empty\nlxc.cgroup2.memory.max = 256M\n")
                .arg(name, dir).toUtf8());
    return true;
}

inline int openPty()
{
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master >= 0 && (::grantpt(master) != 0 || ::unlockpt(master) != 0)) {
        ::close(master);
        return -1;
    }
    return master;
}

// Xvfb on a display number it chooses, for as long as the bench runs; its
// pid, or -1.
inline qint64 startXvfb()
{
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const QByteArray fd = QByteArray::number(fds[1]);
        ::execlp("Xvfb", "Xvfb", "-displayfd", fd.constData(), "-screen", "0", "1280x1024x24",
                 "-nolisten", "tcp", static_cast<char *>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    // Xvfb writes the number, then a newline: read up to the newline (closing
    // the pipe before it makes Xvfb's second write fail, and Xvfb exit).
    QByteArray number;
    char c = 0;
    while (::read(fds[0], &c, 1) == 1 && c != '\n')
        number += c;
    ::close(fds[0]);
    if (number.isEmpty() || c != '\n') {
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
        return -1;
    }
    const QByteArray display = ":" + number;
    ::setenv("DISPLAY", display.constData(), 1);
    std::printf("Xvfb started on %s\n", display.constData());
    return pid;
}

// `bytes` of base64 in 76-column lines.
inline QByteArray makeBase64(qint64 bytes)
{
    QByteArray raw(int(bytes * 3 / 4) + 3, Qt::Uninitialized);
    auto *words = reinterpret_cast<quint32 *>(raw.data());
    QRandomGenerator(20).fillRange(words, raw.size() / 4);
    const QByteArray encoded = raw.toBase64();
    QByteArray out;
    out.reserve(bytes + 100);
    for (qsizetype i = 0; out.size() < bytes; i += 76)
        out += encoded.mid(i, 76) + '\n';
    return out;
}

// `bytes` of `seq` output: 1, 2, 3, ... one a line.
inline QByteArray makeSeq(qint64 bytes)
{
    QByteArray out;
    out.reserve(bytes + 100);
    for (qint64 i = 1; out.size() < bytes; ++i)
        out += QByteArray::number(i) + '\n';
    return out;
}

// Runs the event loop until `path` exists (or the timeout). A real event
// loop, never a sleep: the widget reads and paints in this loop.
inline bool waitForFile(const QString &path, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (QFile::exists(path))
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return QFile::exists(path);
}

// The producer alone: the same cat into a pipe drained by a read loop (no
// pty, no line discipline), to tell the pty's ceiling from cat's.
inline double pipeSeconds(const QString &file)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return 0;
    const QByteArray path = file.toLocal8Bit();
    const qint64 start = nowNs();
    const pid_t cat = ::fork();
    if (cat == 0) {
        ::dup2(fds[1], 1);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execlp("cat", "cat", path.constData(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::vector<char> buffer(64 * 1024);
    while (::read(fds[0], buffer.data(), buffer.size()) > 0) {
    }
    ::close(fds[0]);
    ::waitpid(cat, nullptr, 0);
    return double(nowNs() - start) / 1e9;
}

// When a widget (or its viewport) painted: install as its event filter.
class PaintRecorder : public QObject
{
public:
    std::vector<qint64> times;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            times.push_back(nowNs());
        return QObject::eventFilter(watched, event);
    }
};

inline double medianOf(const std::vector<double> &v) { return median(QList<double>(v.begin(), v.end())); }

}  // namespace hutch::bench
