// bench_terminal [MB] [--rounds N] [--no-xterm] [--no-qterminal] [--hutch-only]: throughput of the terminal widget (hutchterminal) in a
// real window, beside qterminal (qtermwidget) and xterm in the same run.
//
// Two files of MB megabytes (20 by default) are shown with `cat` on a pty:
// base64 (76-column lines, each nearly filling an 80-column row) and `seq`
// output (short lines: one scroll per 7 or 8 bytes). Every terminal runs the
// same program in its pty: this binary in its --writer role, which
//   1. switches the tty's input to non-canonical without echo (output stays
//      cooked, ONLCR as in a shell), and starts a thread reading the tty;
//   2. notes the time, runs `cat FILE` on the tty and waits for it;
//   3. asks for the cursor position (DSR, ESC [ 6 n) and notes the time its
//      reply arrives. A terminal answers DSR only after it has processed every
//      byte written before it, so this is the moment the last byte of the file
//      was processed, measured the same way for every terminal, on the same
//      clock (CLOCK_MONOTONIC), from inside the pty, without trusting any
//      terminal's own notion of being done;
//   4. writes the times (and when each typed key arrived) to a result file.
// The terminal starting up is not timed: the clock starts when cat starts.
// For Hutch the bench also types a key into the widget every 200 ms while the
// flood lasts (a QKeyEvent posted from another thread at a noted time, so a
// starved event loop shows as latency) and prints how long each took to reach
// the pty; and it notes every paint of the view and prints the longest gap
// between paints during the flood.
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
#include <QRandomGenerator>
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
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

namespace {

qint64 nowNs()
{
    timespec t {};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

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
    int status = 0;
    while (::waitpid(cat, &status, 0) < 0 && errno == EINTR) {
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
        + "\nonlcr " + QByteArray::number(onlcr ? 1 : 0) + "\n";
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
        else if (w[0] == "key")
            r.keyArrivals.push_back(w[1].toLongLong());
        else if (w[0] == "cat" && w[1] != "0")
            r.error = QStringLiteral("cat failed");
    }
    r.ok = r.error.isEmpty() && r.end > r.start;
    r.seconds = double(r.end - r.start) / 1e9;
    return r;
}

// Runs the event loop until `path` exists (or the timeout). A real event
// loop, never a sleep: the widget reads and paints in this loop.
bool waitForFile(const QString &path, int timeoutMs)
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

// Paint times of a widget's viewport.
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
    double cpuSeconds = 0;  // the bench process (GUI thread, reader thread) from attach to the end
};

double processCpuSeconds()
{
    rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int openPty()
{
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master >= 0 && (::grantpt(master) != 0 || ::unlockpt(master) != 0)) {
        ::close(master);
        return -1;
    }
    return master;
}

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
// cursor-position query), on the same files, through the same kind of pty.
// With `cooked` false the tty's output processing is off (no OPOST, so no
// ONLCR), which no terminal gets: it shows what the kernel's per-line work
// costs.
Run runBare(const QString &self, const QString &file, const QString &dir, bool cooked = true)
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
    if (!cooked) {
        // On the master: a pty master's termios calls set its slave's.
        termios t {};
        ::tcgetattr(master, &t);
        t.c_oflag &= tcflag_t(~OPOST);
        ::tcsetattr(master, TCSANOW, &t);
    }
    const QString result = dir + QStringLiteral("/bare.result");
    const pid_t child = spawnWriter(master, self, file, result);
    std::vector<char> buffer(64 * 1024);
    quint32 last = 0;  // the last four bytes read, for ESC [ 6 n
    for (;;) {
        const ssize_t n = ::read(master, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;  // EIO: the writer is gone
        for (ssize_t i = 0; i < n; ++i) {
            last = (last << 8) | quint8(buffer[size_t(i)]);
            if (last == 0x1b5b366e) {
                const char reply[] = "\x1b[24;1R";
                if (::write(master, reply, sizeof reply - 1) < 0)
                    break;
            }
        }
    }
    ::close(master);
    ::waitpid(child, nullptr, 0);
    return readResult(result);
}

// The producer alone: the same cat into a pipe drained by a read loop (no
// pty, no line discipline), to tell the pty's ceiling from cat's.
double pipeSeconds(const QString &file)
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
    const double cpuBefore = processCpuSeconds();
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
    stop = true;
    typist.join();
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!done) {
        h.run.error = QStringLiteral("timed out");
        return h;
    }
    h.run = readResult(result);
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

// Xvfb on a display number it chooses, for as long as the bench runs.
qint64 startXvfb()
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

QByteArray makeBase64(qint64 bytes)
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

QByteArray makeSeq(qint64 bytes)
{
    QByteArray out;
    out.reserve(bytes + 100);
    for (qint64 i = 1; out.size() < bytes; ++i)
        out += QByteArray::number(i) + '\n';
    return out;
}

double medianOf(const std::vector<double> &v) { return hutch::bench::median(QList<double>(v.begin(), v.end())); }

using hutch::bench::loadAverage;  // printed beside the figures (the bench shares the cores)

}  // namespace

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--writer") == 0)
        return runWriter(argv[2], argv[3]);
    // --no-xterm, --no-qterminal: without that peer (xterm's seq round takes
    // over a minute); --hutch-only: neither (for profiling the widget alone);
    // --rounds N: each terminal N times per file, medians printed (3 by default).
    int megabytes = 20;
    int rounds = 3;
    bool withQterminal = true, withXterm = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--hutch-only") == 0)
            withQterminal = withXterm = false;
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
            std::vector<double> bareS, rawS, pipeS, hutchS, hutchCpu, gaps, keyMax, keyMedian;
            std::vector<std::vector<double>> peerS(peerList.size());
            std::vector<QString> peerSize(peerList.size()), peerError(peerList.size());
            QString hutchSize;
            int keysTyped = 0, keysArrived = 0, paints = 0;
            bool tailMatches = true, hutchFailed = false;
            for (int round = 0; round < rounds && !hutchFailed; ++round) {
                pipeS.push_back(pipeSeconds(in.path));
                const Run bare = runBare(self, in.path, dir.path());
                if (bare.ok)
                    bareS.push_back(bare.seconds);
                if (const Run raw = runBare(self, in.path, dir.path(), false); raw.ok)
                    rawS.push_back(raw.seconds);
                const HutchRun h = runHutch(self, in.path, dir.path());
                if (!h.run.ok) {
                    std::printf("  Hutch      failed: %s\n", qPrintable(h.run.error));
                    status = 1;
                    hutchFailed = true;
                    break;
                }
                hutchS.push_back(h.run.seconds);
                hutchCpu.push_back(h.cpuSeconds);
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
                        peerS[i].push_back(r.seconds);
                        peerSize[i] = r.size + (r.onlcr ? QStringLiteral(", ONLCR") : QStringLiteral(", no ONLCR"));
                    } else {
                        peerError[i] = r.error;
                    }
                }
            }
            if (hutchFailed)
                continue;
            const double bare = medianOf(bareS), hutch = medianOf(hutchS);
            if (bare > 0)
                std::printf("  pty alone  %7.2f s  %7.1f MB/s  (the same cat into a reader that only reads: the "
                            "ceiling)\n",
                            bare, mb / bare);
            if (const double raw = medianOf(rawS); raw > 0)
                std::printf("  pty raw    %7.2f s  %7.1f MB/s  (the same without the tty's output processing, no "
                            "ONLCR: what the kernel's per-line work costs)\n",
                            raw, mb / raw);
            if (const double pipe = medianOf(pipeS); pipe > 0)
                std::printf("  cat alone  %7.2f s  %7.1f MB/s  (into a pipe: the producer without a pty)\n", pipe,
                            mb / pipe);
            std::printf("  Hutch      %7.2f s  %7.1f MB/s  (%s), CPU %.2f s (GUI and reader threads)\n", hutch,
                        mb / hutch, qPrintable(hutchSize), medianOf(hutchCpu));
            if (bare > 0)
                std::printf("             %.0f%% of what the pty alone carries\n", 100 * bare / hutch);
            std::printf("             repaints during the flood: %d, longest gap median %.0f ms, worst %.0f ms\n",
                        paints, medianOf(gaps), *std::max_element(gaps.begin(), gaps.end()));
            std::printf("             keys typed during the flood: %d, reached the pty: %d, "
                        "latency median %.1f ms, max median %.1f ms, worst %.1f ms\n",
                        keysTyped, keysArrived, medianOf(keyMedian), medianOf(keyMax),
                        *std::max_element(keyMax.begin(), keyMax.end()));
            std::printf("             last line on screen matches the file: %s\n", tailMatches ? "yes" : "NO");
            for (size_t i = 0; i < peerList.size(); ++i) {
                const Peer &peer = peerList[i];
                if (peer.program.isEmpty()) {
                    const bool skipped = std::strcmp(peer.name, "xterm") == 0 ? !withXterm : !withQterminal;
                    std::printf("  %-10s %s\n", peer.name, skipped ? "skipped" : "not installed");
                    continue;
                }
                if (peerS[i].empty()) {
                    std::printf("  %-10s failed: %s\n", peer.name, qPrintable(peerError[i]));
                    continue;
                }
                const double p = medianOf(peerS[i]);
                std::printf("  %-10s %7.2f s  %7.1f MB/s  (%s)  Hutch is %.2fx as fast\n", peer.name, p, mb / p,
                            qPrintable(peerSize[i]), p / hutch);
                // Twice the peer's speed may be more than the pty carries at all.
                if (bare > 0 && std::strcmp(peer.name, "qterminal") == 0) {
                    const double twice = 2 * mb / p, ceiling = mb / bare;
                    std::printf("             2x qterminal is %.1f MB/s; the pty alone carries %.1f MB/s: %s\n", twice,
                                ceiling,
                                twice > ceiling ? "2x is above this machine's pty ceiling (a machine limit)"
                                                : "within reach");
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
