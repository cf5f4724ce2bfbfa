// bench_terminal [MB] [--rounds N] [--no-xterm] [--no-qterminal] [--hutch-only]: throughput of the
// terminal widget (hutchterminal) in a real window, beside qterminal (qtermwidget) and xterm.
//
// Two files of MB megabytes (20 by default) are shown with `cat` on a pty:
// base64 (76-column lines) and `seq` output (short lines: one scroll per 7 or
// 8 bytes). Every terminal runs this binary in its --writer role, which
//   1. switches the tty's input to non-canonical without echo (output stays
//      cooked, ONLCR as in a shell), and starts a thread reading the tty;
//   2. notes the time, runs `cat FILE` on the tty and waits for it, noting
//      how cat spent its wall time: on a core, runnable without one, asleep;
//   3. asks for the cursor position (DSR, ESC [ 6 n) and notes when the reply
//      arrives: a terminal answers only after it has processed every byte
//      before it, so this is when the last byte was processed, measured the
//      same way for every terminal, from inside the pty;
//   4. writes the times (and when each typed key arrived) to a result file.
// The clock starts when cat starts. For Hutch the bench also types a key
// every 200 ms during the flood (a QKeyEvent posted from another thread, so a
// starved event loop shows as latency) and notes every paint of the view.
// The pty's ceiling comes from bare readers that only read, each in another
// way (runBare); cat's figures there tell whether any reader could do better.
//
// Needs an X display: uses $DISPLAY, else starts Xvfb itself. qterminal and
// xterm are measured where they are installed (bench-only tools; see README).
#include "benchutil.h"
#include "terminalsession.h"
#include "terminalwidget.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QKeyEvent>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

namespace {

using namespace hutch::bench;

constexpr char keyByte = 'k';

// --- The writer: runs inside each terminal's pty -------------------------

int runWriter(const char *file, const char *resultPath)
{
    termios saved {};
    const bool tty = ::tcgetattr(0, &saved) == 0;
    // Whether the terminal left the tty's output processing on (OPOST and
    // ONLCR, as a shell has them): a pty without it carries short lines many
    // times faster, so a terminal that turned it off would not be comparable.
    const bool onlcr = tty && (saved.c_oflag & OPOST) && (saved.c_oflag & ONLCR);
    if (tty) {
        termios raw = saved;
        raw.c_lflag &= tcflag_t(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        ::tcsetattr(0, TCSANOW, &raw);
    }
    // Reads the tty until the DSR reply (ESC [ row ; col R), noting typed keys.
    std::vector<qint64> keys;
    std::mutex keysMutex;
    std::atomic<qint64> replied { 0 };
    std::thread reader([&] {
        int state = 0;  // 0 text, 1 after ESC, 2 inside the reply
        char buf[256];
        for (;;) {
            const ssize_t n = ::read(0, buf, sizeof buf);
            if (n <= 0) {
                if (n < 0 && errno == EINTR)
                    continue;
                return;
            }
            const qint64 t = nowNs();
            for (ssize_t i = 0; i < n; ++i) {
                const char c = buf[i];
                if (state == 0 && c == keyByte) {
                    std::lock_guard<std::mutex> lock(keysMutex);
                    keys.push_back(t);
                }
                else if (state == 0 && c == '\x1b')
                    state = 1;
                else if (state == 1)
                    state = c == '[' ? 2 : 0;
                else if (state == 2 && c == 'R') {
                    state = 0;
                    replied = t;
                }
            }
        }
    });

    const qint64 start = nowNs();
    const pid_t cat = ::fork();
    if (cat == 0) {
        ::execlp("cat", "cat", file, static_cast<char *>(nullptr));
        ::_exit(127);
    }
    // How cat spent its wall time: on a core (its user and system time: its
    // write(2)s run the line discipline), runnable but waiting for a core
    // (the scheduler's run delay, read while it is a zombie), or asleep (on
    // a full pty).
    siginfo_t exited {};
    while (::waitid(P_PID, id_t(cat), &exited, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    const qint64 catEnd = nowNs();
    long long catRun = 0, catQueued = 0;
    if (FILE *f = std::fopen(("/proc/" + std::to_string(cat) + "/schedstat").c_str(), "r")) {
        if (std::fscanf(f, "%lld %lld", &catRun, &catQueued) != 2)
            catQueued = 0;
        std::fclose(f);
    }
    int status = 0;
    rusage catUsage {};
    while (::wait4(cat, &status, 0, &catUsage) < 0 && errno == EINTR) {
    }
    const char dsr[] = "\x1b[6n";
    if (::write(1, dsr, sizeof dsr - 1) < 0)
        return 1;
    // Keys typed just before the end may still be on their way.
    while (!replied)
        ::usleep(1000);
    // The size the terminal gave its pty by the end (some set it only once
    // their window is shown).
    winsize size {};
    ::ioctl(1, TIOCGWINSZ, &size);
    ::usleep(300'000);
    if (tty)
        ::tcsetattr(0, TCSANOW, &saved);
    reader.detach();  // still blocked in read(); _exit ends it

    QFile out(QString::fromLocal8Bit(resultPath) + QStringLiteral(".tmp"));
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    QByteArray text = QByteArray("start ") + QByteArray::number(start) + "\nend "
        + QByteArray::number(replied.load()) + "\nsize " + QByteArray::number(size.ws_col) + "x"
        + QByteArray::number(size.ws_row) + "\ncat " + QByteArray::number(WIFEXITED(status) ? WEXITSTATUS(status) : -1)
        + "\nonlcr " + QByteArray::number(onlcr ? 1 : 0) + "\ncatend " + QByteArray::number(catEnd) + "\ncatqueued " + QByteArray::number(catQueued) + "\ncatcpu "
        + QByteArray::number(qint64((seconds(catUsage.ru_utime) + seconds(catUsage.ru_stime)) * 1e9)) + "\n";
    std::lock_guard<std::mutex> lock(keysMutex);
    for (qint64 k : keys)
        text += "key " + QByteArray::number(k) + "\n";
    out.write(text);
    out.close();
    ::rename(qPrintable(out.fileName()), resultPath);
    ::_exit(0);
}

// --- The parent -----------------------------------------------------------

struct Run
{
    bool ok = false;
    QString error;
    double seconds = 0;
    QString size;
    bool onlcr = false;  // the tty's output processing was on, as in a shell
    std::vector<qint64> keyArrivals;
    qint64 start = 0, end = 0;
    qint64 catEnd = 0, catCpu = 0, catQueued = 0;  // when cat exited; its CPU time, its wait for a core (ns)
    double readSize = 0, readerCpu = 0;  // the bare reader's bytes per read, its CPU time (s)
    double machineBusy = 0;         // percent of both cores, the run's whole wall time
    // How busy cat was from its start to its exit, in percent of one core.
    double catBusy() const { return catEnd > start ? 100.0 * double(catCpu) / double(catEnd - start) : 0; }
    double catQueuedPercent() const { return catEnd > start ? 100.0 * double(catQueued) / double(catEnd - start) : 0; }
};

Run readResult(const QString &path)
{
    Run r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("no result");
        return r;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> w = line.split(' ');
        if (w.size() != 2)
            continue;
        if (w[0] == "start")
            r.start = w[1].toLongLong();
        else if (w[0] == "end")
            r.end = w[1].toLongLong();
        else if (w[0] == "size")
            r.size = QString::fromLatin1(w[1]);
        else if (w[0] == "onlcr")
            r.onlcr = w[1] == "1";
        else if (w[0] == "catend")
            r.catEnd = w[1].toLongLong();
        else if (w[0] == "catqueued")
            r.catQueued = w[1].toLongLong();
        else if (w[0] == "catcpu")
            r.catCpu = w[1].toLongLong();
        else if (w[0] == "key")
            r.keyArrivals.push_back(w[1].toLongLong());
        else if (w[0] == "cat" && w[1] != "0")
            r.error = QStringLiteral("cat failed");
    }
    r.ok = r.error.isEmpty() && r.end > r.start;
    r.seconds = double(r.end - r.start) / 1e9;
    return r;
}

struct HutchRun
{
    Run run;
    double maxPaintGapMs = 0;
    int paintsDuringFlood = 0;
    double keyMaxMs = 0;
    double keyMedianMs = 0;
    int keysTyped = 0;
    int keysArrived = 0;
    bool tailMatches = false;
    double cpuSeconds = 0;     // the bench process (GUI thread, reader thread) from attach to the end
    double guiCpuSeconds = 0;  // of which the GUI thread
};

// Runs the writer on the pty's slave side, as a shell would run cat.
pid_t spawnWriter(int master, const QString &self, const QString &file, const QString &result)
{
    QFile::remove(result);
    const QByteArray slaveName = ::ptsname(master);
    const QByteArray selfPath = self.toLocal8Bit();
    const QByteArray filePath = file.toLocal8Bit();
    const QByteArray resultPath = result.toLocal8Bit();
    const pid_t child = ::fork();
    if (child == 0) {
        // In the child: a session of its own with the pty as controlling tty.
        ::setsid();
        const int slave = ::open(slaveName.constData(), O_RDWR);
        if (slave < 0)
            ::_exit(126);
        ::ioctl(slave, TIOCSCTTY, 0);
        ::dup2(slave, 0);
        ::dup2(slave, 1);
        ::dup2(slave, 2);
        if (slave > 2)
            ::close(slave);
        ::execl(selfPath.constData(), selfPath.constData(), "--writer", filePath.constData(),
                resultPath.constData(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    return child;
}

// The pty's own ceiling: a reader that only reads (and answers the final
// cursor-position query), on the same files, through the same kind of pty,
// in several ways, to find the one that lets cat write fastest. Raw: the
// tty's output processing off (no OPOST, so no ONLCR), which no terminal
// gets: it shows what the kernel's per-line work costs.
enum class Reader { Blocking, Poll, Spin, Pinned, Paced, Raw };
struct ReaderKind
{
    Reader reader;
    const char *name;
    const char *how;
};
constexpr ReaderKind readerKinds[] = {
    { Reader::Blocking, "blocking", "read(2) of 64 KiB in a loop" },
    { Reader::Poll, "poll", "poll(2), then non-blocking reads until EAGAIN, as the widget's reader" },
    { Reader::Spin, "spin", "non-blocking reads in a tight loop that never sleeps" },
    { Reader::Pinned, "pinned", "blocking reads, the reader pinned to the last core (cat is not)" },
    { Reader::Paced, "paced", "blocking reads, 50 us pause after one under 3 KiB (for bigger reads)" },
    { Reader::Raw, "raw", "blocking reads, output processing off (no ONLCR): no terminal gets this" },
};

Run runBare(const QString &self, const QString &file, const QString &dir, Reader reader)
{
    Run r;
    const int master = openPty();
    if (master < 0) {
        r.error = QStringLiteral("posix_openpt");
        return r;
    }
    winsize size {};
    size.ws_row = 24;
    size.ws_col = 80;
    ::ioctl(master, TIOCSWINSZ, &size);
    if (reader == Reader::Raw) {
        // On the master: a pty master's termios calls set its slave's.
        termios t {};
        ::tcgetattr(master, &t);
        t.c_oflag &= tcflag_t(~OPOST);
        ::tcsetattr(master, TCSANOW, &t);
    }
    const QString result = dir + QStringLiteral("/bare.result");
    const MachineCpu cpuBefore = machineCpu();
    const pid_t child = spawnWriter(master, self, file, result);
    const double readerBefore = threadCpuSeconds();
    // After the fork: the writer and its cat keep every core.
    cpu_set_t saved;
    CPU_ZERO(&saved);
    if (reader == Reader::Pinned && ::sched_getaffinity(0, sizeof saved, &saved) == 0) {
        cpu_set_t last;
        CPU_ZERO(&last);
        CPU_SET(int(std::thread::hardware_concurrency()) - 1, &last);
        ::sched_setaffinity(0, sizeof last, &last);
    }
    if (reader == Reader::Poll || reader == Reader::Spin)
        ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    std::vector<char> buffer(64 * 1024);
    quint32 last = 0;  // the last four bytes read, for ESC [ 6 n
    qint64 bytes = 0, reads = 0;
    for (;;) {
        if (reader == Reader::Poll) {
            pollfd p = { master, POLLIN, 0 };
            if (::poll(&p, 1, -1) < 0 && errno != EINTR)
                break;
        }
        const ssize_t n = ::read(master, buffer.data(), buffer.size());
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;  // EIO: the writer is gone
        bytes += n;
        ++reads;
        if (reader == Reader::Paced && n < 3072)
            ::usleep(50);
        for (ssize_t i = 0; i < n; ++i) {
            last = (last << 8) | quint8(buffer[size_t(i)]);
            if (last == 0x1b5b366e) {
                const char reply[] = "\x1b[24;1R";
                if (::write(master, reply, sizeof reply - 1) < 0)
                    break;
            }
        }
    }
    if (reader == Reader::Pinned)
        ::sched_setaffinity(0, sizeof saved, &saved);
    ::close(master);
    ::waitpid(child, nullptr, 0);
    const MachineCpu cpuAfter = machineCpu();
    r = readResult(result);
    r.readSize = reads > 0 ? double(bytes) / double(reads) : 0;
    r.readerCpu = threadCpuSeconds() - readerBefore;
    r.machineBusy = busyPercent(cpuBefore, cpuAfter);
    return r;
}

HutchRun runHutch(const QString &self, const QString &file, const QString &dir)
{
    HutchRun h;
    TerminalWidget widget;
    widget.setWindowTitle(QStringLiteral("bench_terminal"));
    const QSize cell = widget.cellSize();
    const int scrollBar = widget.sizeHint().width() - 80 * cell.width();
    widget.resize(80 * cell.width() + scrollBar, 24 * cell.height());
    widget.show();
    QElapsedTimer t;
    t.start();
    while (!(widget.windowHandle() && widget.windowHandle()->isExposed()) && t.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    widget.activateWindow();
    widget.setFocus();
    QCoreApplication::processEvents();

    PaintRecorder paints;
    widget.viewport()->installEventFilter(&paints);

    const int master = openPty();
    if (master < 0) {
        h.run.error = QStringLiteral("posix_openpt: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return h;
    }
    const double cpuBefore = processCpuSeconds(), guiBefore = threadCpuSeconds();
    const MachineCpu machineBefore = machineCpu();
    widget.session()->attach(master);  // also sets the pty's size
    const QString result = dir + QStringLiteral("/hutch.result");
    const pid_t child = spawnWriter(master, self, file, result);

    // The typist: another thread, so that a busy GUI thread shows as latency.
    std::atomic<bool> stop { false };
    std::vector<qint64> typed;
    std::thread typist([&] {
        ::usleep(150'000);
        while (!stop) {
            typed.push_back(nowNs());
            QCoreApplication::postEvent(&widget, new QKeyEvent(QEvent::KeyPress, Qt::Key_K, Qt::NoModifier,
                                                               QString(QLatin1Char(keyByte))));
            ::usleep(200'000);
        }
    });

    const bool done = waitForFile(result, 600'000);
    h.cpuSeconds = processCpuSeconds() - cpuBefore;
    h.guiCpuSeconds = threadCpuSeconds() - guiBefore;
    const double machineBusy = busyPercent(machineBefore, machineCpu());
    stop = true;
    typist.join();
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!done) {
        h.run.error = QStringLiteral("timed out");
        return h;
    }
    h.run = readResult(result);
    h.run.machineBusy = machineBusy;
    if (!h.run.ok)
        return h;

    // Keys typed while the flood lasted; they reach the pty in order.
    std::vector<double> latencies;
    size_t arrival = 0;
    for (qint64 sent : typed) {
        if (sent < h.run.start || sent > h.run.end)
            continue;
        ++h.keysTyped;
        while (arrival < h.run.keyArrivals.size() && h.run.keyArrivals[arrival] < sent)
            ++arrival;
        if (arrival == h.run.keyArrivals.size())
            break;
        latencies.push_back(double(h.run.keyArrivals[arrival] - sent) / 1e6);
        ++arrival;
    }
    h.keysArrived = int(latencies.size());
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        h.keyMaxMs = latencies.back();
        h.keyMedianMs = latencies[latencies.size() / 2];
    }

    // Gaps between paints from the start of the flood to the first paint
    // after its end.
    qint64 previous = h.run.start;
    for (qint64 p : paints.times) {
        if (p <= h.run.start)
            continue;
        h.maxPaintGapMs = std::max(h.maxPaintGapMs, double(p - previous) / 1e6);
        previous = p;
        if (p > h.run.end)
            break;
        ++h.paintsDuringFlood;
    }
    if (previous <= h.run.end)
        h.maxPaintGapMs = std::max(h.maxPaintGapMs, double(h.run.end - previous) / 1e6);

    // The screen shows the end of the file (a sanity check, not the test).
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) {
        f.seek(f.size() - 4096);
        QList<QByteArray> tail = f.readAll().split('\n');
        tail.removeLast();  // after the final newline
        const TerminalSession *s = widget.session();
        // The cursor is on an empty row below the last line, after the DSR
        // reply (which the writer did not echo).
        const QString last = s->screenLineText(s->cursorRow() - 1);
        h.tailMatches = last == QString::fromLatin1(tail.last());
    }
    return h;
}

Run runPeer(const QString &program, QStringList args, const QString &self, const QString &file,
            const QString &dir)
{
    const QString result = dir + QLatin1Char('/') + QFileInfo(program).fileName() + QStringLiteral(".result");
    QFile::remove(result);
    args << self << QStringLiteral("--writer") << file << result;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Their settings files go to the temporary directory, not the user's.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    p.start(program, args);
    Run r;
    if (!p.waitForStarted()) {
        r.error = QStringLiteral("could not start");
        return r;
    }
    const bool done = waitForFile(result, 600'000);
    p.kill();
    p.waitForFinished();
    if (!done) {
        r.error = QStringLiteral("timed out");
        return r;
    }
    return readResult(result);
}

// qterminal's settings (in the bench's own XDG_CONFIG_HOME): the widget's
// font, no menu or tab bar, and a window of `size` pixels.
void writeQterminalSettings(const QString &dir, const QFont &font, QSize size)
{
    QSettings s(dir + QStringLiteral("/config/qterminal.org/qterminal.ini"), QSettings::IniFormat);
    s.setValue(QStringLiteral("fontFamily"), font.family());
    s.setValue(QStringLiteral("fontSize"), font.pointSize());
    s.setValue(QStringLiteral("MenuVisible"), false);
    s.setValue(QStringLiteral("HideTabBarWithOneTab"), true);
    s.setValue(QStringLiteral("AskOnExit"), false);
    s.setValue(QStringLiteral("SaveSizeOnExit"), true);
    s.setValue(QStringLiteral("SavePosOnExit"), false);
    s.setValue(QStringLiteral("MainWindow/size"), size);
    s.setValue(QStringLiteral("MainWindow/fixedSize"), size);
    s.setValue(QStringLiteral("MainWindow/isMaximized"), false);
    s.setValue(QStringLiteral("LastWindowMaximized"), false);
}

// Sizes qterminal's window until its pty is 80x24 like the widget's: runs it
// on a one-line file, reads the size its pty had, corrects by whole cells of
// the same font. The size it ends with, as "COLSxROWS".
QString fitQterminal(const QString &program, const QString &self, const QString &dir, const QFont &font, QSize cell)
{
    const QString tiny = dir + QStringLiteral("/tiny.txt");
    QFile f(tiny);
    if (f.open(QIODevice::WriteOnly))
        f.write("x\n");
    f.close();
    QSize window(80 * cell.width() + 40, 24 * cell.height() + 20);
    QString got;
    for (int attempt = 0; attempt < 4; ++attempt) {
        writeQterminalSettings(dir, font, window);
        const Run r = runPeer(program, { QStringLiteral("-e") }, self, tiny, dir);
        got = r.size;
        const QStringList cr = r.size.split(QLatin1Char('x'));
        if (!r.ok || cr.size() != 2)
            return got;
        const int cols = cr[0].toInt(), rows = cr[1].toInt();
        if (cols == 80 && rows == 24)
            break;
        window += QSize((80 - cols) * cell.width(), (24 - rows) * cell.height());
    }
    return got;
}

// The medians of one terminal's or reader's runs of a file.
struct Summary
{
    double seconds = 0, catCpu = 0, catBusy = 0, catQueued = 0, readSize = 0, machineBusy = 0, readerCpu = 0;
};

Summary summarize(const std::vector<Run> &runs)
{
    std::vector<double> s, cpu, busy, queued, size, machine, reader;
    for (const Run &r : runs) {
        s.push_back(r.seconds);
        cpu.push_back(double(r.catCpu) / 1e9);
        busy.push_back(r.catBusy());
        queued.push_back(r.catQueuedPercent());
        size.push_back(r.readSize);
        machine.push_back(r.machineBusy);
        reader.push_back(r.readerCpu);
    }
    return { medianOf(s),    medianOf(cpu),     medianOf(busy),  medianOf(queued),
             medianOf(size), medianOf(machine), medianOf(reader) };
}

void printSummary(const char *name, double mb, const Summary &s, const char *note)
{
    QByteArray extra;
    if (s.readSize > 0)
        extra += QByteArray::number(s.readSize / 1024, 'f', 1) + " KiB/read (reader "
            + QByteArray::number(s.readerCpu, 'f', 2) + " s CPU), ";
    if (s.machineBusy > 0)
        extra += "cores " + QByteArray::number(s.machineBusy, 'f', 0) + "% busy, ";
    std::printf("  %-12s %6.2f s %6.1f MB/s  cat %.2f s CPU = %3.0f%% busy, %2.0f%% waiting for a core, %2.0f%% asleep; "
                "%s%s\n",
                name, s.seconds, mb / s.seconds, s.catCpu, s.catBusy, s.catQueued,
                std::max(0.0, 100 - s.catBusy - s.catQueued), extra.constData(), note);
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--writer") == 0)
        return runWriter(argv[2], argv[3]);
    // --no-xterm, --no-qterminal: without that peer (xterm's seq round takes
    // over a minute); --hutch-only: neither, nor the bare readers (for
    // profiling the widget alone);
    // --rounds N: each terminal N times per file, medians printed (3 by default).
    int megabytes = 20;
    int rounds = 3;
    bool withQterminal = true, withXterm = true, withBare = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--hutch-only") == 0)
            withQterminal = withXterm = withBare = false;
        else if (std::strcmp(argv[i], "--no-xterm") == 0)
            withXterm = false;
        else if (std::strcmp(argv[i], "--no-qterminal") == 0)
            withQterminal = false;
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = std::max(1, std::atoi(argv[++i]));
        else
            megabytes = std::max(1, std::atoi(argv[i]));
    }

    qint64 xvfb = 0;
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        xvfb = startXvfb();
        if (xvfb < 0) {
            std::fprintf(stderr, "bench_terminal: no $DISPLAY and Xvfb could not start (apt-get install xvfb)\n");
            return 1;
        }
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    int status = 0;
    {
        QApplication app(argc, argv);
        QTemporaryDir dir;
        const QString self = QCoreApplication::applicationFilePath();
        struct Input
        {
            const char *name;
            QString path;
        };
        const qint64 bytes = qint64(megabytes) * 1'000'000;
        std::vector<Input> inputs = { { "base64", dir.filePath(QStringLiteral("base64.txt")) },
                                      { "seq", dir.filePath(QStringLiteral("seq.txt")) } };
        QFile b64(inputs[0].path), seq(inputs[1].path);
        if (!b64.open(QIODevice::WriteOnly) || !seq.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "bench_terminal: cannot write in %s\n", qPrintable(dir.path()));
            return 1;
        }
        b64.write(makeBase64(bytes));
        seq.write(makeSeq(bytes));
        b64.close();
        seq.close();

        // The peers get the widget's font and its 80x24 geometry.
        QFont font;
        QSize cell;
        {
            TerminalWidget probe;
            font = probe.terminalFont();
            cell = probe.cellSize();
        }
        const QString qterminal =
            withQterminal ? QStandardPaths::findExecutable(QStringLiteral("qterminal")) : QString();
        const QString xterm = withXterm ? QStandardPaths::findExecutable(QStringLiteral("xterm")) : QString();
        std::printf("%d MB per file, %d rounds (medians); to the last byte processed (DSR reply after cat)\n",
                    megabytes, rounds);
        std::printf("font for all: %s %d pt, 80x24 cells\n", qPrintable(font.family()), font.pointSize());
        if (!qterminal.isEmpty())
            std::printf("qterminal's window fitted to %s\n",
                        qPrintable(fitQterminal(qterminal, self, dir.path(), font, cell)));
        struct Peer
        {
            const char *name;
            QString program;
            QStringList args;
        };
        const std::vector<Peer> peerList = {
            { "qterminal", qterminal, { QStringLiteral("-e") } },
            { "xterm", xterm,
              { QStringLiteral("-geometry"), QStringLiteral("80x24"), QStringLiteral("-fa"), font.family(),
                QStringLiteral("-fs"), QString::number(font.pointSize()), QStringLiteral("-e") } },
        };
        for (const Input &in : inputs) {
            const double mb = double(QFileInfo(in.path).size()) / 1e6;
            std::printf("\n== %s (%.1f MB), load %s\n", in.name, mb, qPrintable(loadAverage()));
            std::vector<std::vector<Run>> bareRuns(std::size(readerKinds));
            std::vector<Run> hutchRuns;
            std::vector<double> pipeS, hutchCpu, guiCpu, gaps, keyMax, keyMedian;
            std::vector<std::vector<Run>> peerRuns(peerList.size());
            std::vector<QString> peerSize(peerList.size()), peerError(peerList.size());
            QString hutchSize;
            int keysTyped = 0, keysArrived = 0, paints = 0;
            bool tailMatches = true, hutchFailed = false;
            for (int round = 0; round < rounds && !hutchFailed; ++round) {
                pipeS.push_back(pipeSeconds(in.path));
                for (size_t k = 0; k < std::size(readerKinds) && withBare; ++k) {
                    if (const Run bare = runBare(self, in.path, dir.path(), readerKinds[k].reader); bare.ok)
                        bareRuns[k].push_back(bare);
                }
                const HutchRun h = runHutch(self, in.path, dir.path());
                if (!h.run.ok) {
                    std::printf("  Hutch      failed: %s\n", qPrintable(h.run.error));
                    status = 1;
                    hutchFailed = true;
                    break;
                }
                hutchRuns.push_back(h.run);
                hutchCpu.push_back(h.cpuSeconds);
                guiCpu.push_back(h.guiCpuSeconds);
                hutchSize = h.run.size + (h.run.onlcr ? QStringLiteral(", ONLCR") : QStringLiteral(", no ONLCR"));
                gaps.push_back(h.maxPaintGapMs);
                keyMax.push_back(h.keyMaxMs);
                keyMedian.push_back(h.keyMedianMs);
                keysTyped += h.keysTyped;
                keysArrived += h.keysArrived;
                paints += h.paintsDuringFlood;
                tailMatches = tailMatches && h.tailMatches;
                for (size_t i = 0; i < peerList.size(); ++i) {
                    if (peerList[i].program.isEmpty())
                        continue;
                    const Run r = runPeer(peerList[i].program, peerList[i].args, self, in.path, dir.path());
                    if (r.ok) {
                        peerRuns[i].push_back(r);
                        peerSize[i] = r.size + (r.onlcr ? QStringLiteral(", ONLCR") : QStringLiteral(", no ONLCR"));
                    } else {
                        peerError[i] = r.error;
                    }
                }
            }
            if (hutchFailed)
                continue;
            std::printf("  (cat, from its start to its exit: on a core (its user and system time, wait4), runnable "
                        "but waiting for one (/proc/PID/schedstat), asleep (the rest: on a full pty); cores: both "
                        "cores' busy time over the run, /proc/stat)\n");
            // The ceiling: the fastest reader that gets what a terminal gets.
            Summary ceiling;
            const char *ceilingName = nullptr;
            for (size_t k = 0; k < std::size(readerKinds); ++k) {
                const Summary b = summarize(bareRuns[k]);
                if (b.seconds <= 0)
                    continue;
                printSummary((QByteArray("pty ") + readerKinds[k].name).constData(), mb, b, readerKinds[k].how);
                if (readerKinds[k].reader != Reader::Raw && (ceiling.seconds <= 0 || b.seconds < ceiling.seconds)) {
                    ceiling = b;
                    ceilingName = readerKinds[k].name;
                }
            }
            if (const double pipe = medianOf(pipeS); pipe > 0)
                std::printf("  %-12s %6.2f s %6.1f MB/s  (into a pipe: the producer without a pty)\n", "cat alone",
                            pipe, mb / pipe);
            if (ceilingName) {
                const double asleep = 100 - ceiling.catBusy - ceiling.catQueued;
                std::printf("  ceiling: %.1f MB/s (%s reader): cat was on a core %.0f%% of its run, %s; its CPU time "
                            "alone allows at most %.1f MB/s\n",
                            mb / ceiling.seconds, ceilingName, ceiling.catBusy,
                            ceiling.catBusy >= 85           ? "so the writer itself is (nearly) the limit"
                                : ceiling.catQueued >= asleep ? "the rest mostly runnable without one (the pty's kernel "
                                                                "work and the reader took its core), rarely waiting on "
                                                                "the reader"
                                                              : "the rest mostly asleep on a full pty: the reader limits it",
                            mb / ceiling.catCpu);
            }
            const Summary hutch = summarize(hutchRuns);
            printSummary("Hutch", mb, hutch, qPrintable(hutchSize));
            std::printf("               %s of the ceiling; the widget's process used %.2f s of CPU (GUI thread "
                        "%.2f s, the rest mostly the reader thread)\n",
                        ceiling.seconds > 0 ? qPrintable(QString::number(100 * ceiling.seconds / hutch.seconds, 'f', 0)
                                                         + QLatin1Char('%'))
                                            : "(no bare runs)",
                        medianOf(hutchCpu), medianOf(guiCpu));
            std::printf("               repaints during the flood: %d, longest gap median %.0f ms, worst %.0f ms\n",
                        paints, medianOf(gaps), *std::max_element(gaps.begin(), gaps.end()));
            std::printf("               keys typed during the flood: %d, reached the pty: %d, "
                        "latency median %.1f ms, max median %.1f ms, worst %.1f ms\n",
                        keysTyped, keysArrived, medianOf(keyMedian), medianOf(keyMax),
                        *std::max_element(keyMax.begin(), keyMax.end()));
            std::printf("               last line on screen matches the file: %s\n", tailMatches ? "yes" : "NO");
            for (size_t i = 0; i < peerList.size(); ++i) {
                const Peer &peer = peerList[i];
                if (peer.program.isEmpty()) {
                    const bool skipped = std::strcmp(peer.name, "xterm") == 0 ? !withXterm : !withQterminal;
                    std::printf("  %-12s %s\n", peer.name, skipped ? "skipped" : "not installed");
                    continue;
                }
                if (peerRuns[i].empty()) {
                    std::printf("  %-12s failed: %s\n", peer.name, qPrintable(peerError[i]));
                    continue;
                }
                const Summary p = summarize(peerRuns[i]);
                printSummary(peer.name, mb, p, qPrintable(peerSize[i]));
                std::printf("               Hutch is %.2fx as fast\n", p.seconds / hutch.seconds);
                // Twice the peer's speed may be more than the pty carries at all.
                if (ceiling.seconds > 0 && std::strcmp(peer.name, "qterminal") == 0) {
                    const double twice = 2 * mb / p.seconds, most = mb / ceiling.seconds;
                    std::printf("               2x qterminal is %.1f MB/s; the best bare reader carried %.1f MB/s: %s\n",
                                twice, most, twice > most ? "above this machine's pty ceiling" : "within reach");
                }
            }
            std::fflush(stdout);
        }
    }
    if (xvfb > 0) {
        ::kill(pid_t(xvfb), SIGTERM);
        ::waitpid(pid_t(xvfb), nullptr, 0);
    }
    return status;
}
