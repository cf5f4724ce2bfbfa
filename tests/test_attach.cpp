// Consoles, ttys and attach on real busybox containers: what a user does
// "inside" a container goes through the monitor's terminals and attach.
#include "runtimefixture.h"

#include "attach.h"

#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

struct Attached {
    QString status;  // "exit N" or "signal N"
    QByteArray out, err;
};

// Runs a program in the container with plain sockets (as a script would).
std::optional<Attached> attachPipes(Runtime &runtime, const QString &name, const QStringList &argv,
                                    const QByteArray &input = {}, const QStringList &env = {}, bool keepEnv = false)
{
    auto link = MonitorLink::connect(runtime.settings(), name);
    if (!link)
        return std::nullopt;
    rt::AttachRequest req;
    req.pty = false;
    req.keepEnv = keepEnv;
    for (const QString &a : argv)
        req.argv.push_back(a.toStdString());
    for (const QString &e : env)
        req.env.push_back(e.toStdString());
    auto attached = link->attach(req);
    if (!attached) {
        qWarning() << "attach refused:" << attached.error().message;
        return std::nullopt;
    }
    const std::vector<UniqueFd> &fds = attached->fds;
    if (!input.isEmpty())
        (void)!::write(fds[0].get(), input.constData(), size_t(input.size()));
    ::shutdown(fds[0].get(), SHUT_WR);
    Attached a;
    bool outOpen = true, errOpen = true;
    QElapsedTimer t;
    t.start();
    while ((outOpen || errOpen) && t.elapsed() < 20000) {
        pollfd p[2] = {{fds[0].get(), short(outOpen ? POLLIN : 0), 0}, {fds[1].get(), short(errOpen ? POLLIN : 0), 0}};
        if (::poll(p, 2, 1000) <= 0)
            continue;
        char buf[4096];
        for (int i = 0; i < 2; ++i) {
            if (!(p[i].revents & (POLLIN | POLLHUP)))
                continue;
            const ssize_t n = ::read(fds[size_t(i)].get(), buf, sizeof buf);
            if (n <= 0)
                (i == 0 ? outOpen : errOpen) = false;
            else
                (i == 0 ? a.out : a.err).append(buf, n);
        }
    }
    auto end = link->nextEvent(20000);
    if (!end)
        return std::nullopt;
    a.status = eventText(*end);
    return a;
}

// Reads from fd until `needle` shows up (or the timeout).
bool readUntil(int fd, const QByteArray &needle, QByteArray *seen, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        char buf[4096];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            return false;
        seen->append(buf, n);
        if (seen->contains(needle))
            return true;
    }
    return false;
}

UniqueFd openTty(Runtime &runtime, const QString &name, int tty, MonitorLink::TtyMode mode, Error *error = nullptr)
{
    auto link = MonitorLink::connect(runtime.settings(), name);
    auto fd = link ? link->openTty(tty, mode) : Result<UniqueFd>(link.error());
    if (!fd) {
        if (error)
            *error = fd.error();
        return {};
    }
    return std::move(*fd);
}

void type(int fd, const QByteArray &text)
{
    (void)!::write(fd, text.constData(), size_t(text.size()));
}

}  // namespace

class TestAttach : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    Runtime &rt() { return fx->runtime(); }

private Q_SLOTS:
    // Every test runs for both kinds of container (runtimefixture.h).
    void initTestCase_data() { addKindRows(); }

    void initTestCase()
    {
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        fx.emplace();
    }

    // "att" runs, of the current kind, before each test.
    void init()
    {
        if (!fx)
            return;
        fx->setKind(currentKind());
        const QString name = QStringLiteral("att");
        if (rt().state(name) == QLatin1String("RUNNING"))
            return;
        if (!QFileInfo::exists(fx->store().configPath(name)))
            QVERIFY(!fx->create(name, {}, 2, QStringLiteral("attached")));
        auto pid = rt().start(name);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
    }

    void cleanupTestCase() { fx.reset(); }

    void attachSeesTheContainer()
    {
        auto init = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("cat"), QStringLiteral("/proc/1/comm")});
        QVERIFY(init);
        QCOMPARE(init->status, QStringLiteral("exit 0"));
        QCOMPARE(init->out.trimmed(), QByteArray("init"));
        auto host = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("hostname")});
        QVERIFY(host);
        QCOMPARE(host->out.trimmed(), QByteArray("attached"));
        auto id = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("id")});
        QVERIFY(id);
        QVERIFY2(id->out.startsWith("uid=0(root) gid=0(root)"), id->out.constData());
        // Its root and cwd are the container's: a file only the rootfs has.
        QFile marker(fx->store().rootfsPath(QStringLiteral("att")) + QStringLiteral("/only-in-rootfs"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        auto where = attachPipes(rt(), QStringLiteral("att"),
                                 {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("pwd; ls /only-in-rootfs")});
        QVERIFY(where);
        QCOMPARE(where->out, QByteArray("/\n/only-in-rootfs\n"));
        // stdin reaches it, stderr comes apart.
        auto io = attachPipes(rt(), QStringLiteral("att"),
                              {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat; echo oops >&2")},
                              "from stdin\n");
        QVERIFY(io);
        QCOMPARE(io->out, QByteArray("from stdin\n"));
        QCOMPARE(io->err, QByteArray("oops\n"));
    }

    void exitStatusIsReported()
    {
        auto three = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")});
        QVERIFY(three);
        QCOMPARE(three->status, QStringLiteral("exit 3"));
        auto killed = attachPipes(rt(), QStringLiteral("att"),
                                  {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("kill -TERM $$")});
        QVERIFY(killed);
        QCOMPARE(killed->status, QStringLiteral("signal 15"));
        auto missing = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("no-such-program")});
        QVERIFY(missing);
        QCOMPARE(missing->status, QStringLiteral("exit 127"));
        QVERIFY2(missing->err.contains("cannot run \"no-such-program\""), missing->err.constData());
    }

    void noHostFdsReachTheProgram()
    {
        // The shell lists its own fds (no pipeline: a pipe would be the
        // shell's own fd 3 for a moment): stdin/stdout (one socket) and stderr.
        auto fds = attachPipes(rt(), QStringLiteral("att"),
                               {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("ls -1 /proc/$$/fd; true")});  // "; true": the shell stays, ls is its child
        QVERIFY(fds);
        QCOMPARE(fds->out, QByteArray("0\n1\n2\n"));
    }

    // Issue 17, item 11: the process the monitor forks for an attach drops
    // every descriptor but its three before it joins the container (the
    // monitor's cgroup directories and sockets would otherwise be there,
    // in a process of the container's pid namespace, until the exec).
    void closeAllFdsButKeepsOnlyThose()
    {
        int report[2];
        QVERIFY(::pipe(report) == 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const int a = ::open("/dev/null", O_RDONLY), b = ::open("/", O_RDONLY | O_DIRECTORY), c = ::open("/dev/null", O_RDONLY);
            hutch::rt::closeAllFdsBut({0, 1, 2, b, report[1], -1});
            const bool ok = ::fcntl(a, F_GETFD) < 0 && ::fcntl(c, F_GETFD) < 0 && ::fcntl(report[0], F_GETFD) < 0
                && ::fcntl(b, F_GETFD) >= 0 && ::fcntl(report[1], F_GETFD) >= 0;
            int open = 0;  // the listing's own descriptor counts too
            if (DIR *fds = ::opendir("/proc/self/fd")) {
                while (const dirent *e = ::readdir(fds))
                    open += e->d_name[0] != '.';
                ::closedir(fds);
            }
            const QByteArray line = (ok ? "ok " : "bad ") + QByteArray::number(open);
            (void)!::write(report[1], line.constData(), size_t(line.size()));
            ::_exit(0);
        }
        ::close(report[1]);
        char buf[64] = {};
        const ssize_t n = ::read(report[0], buf, sizeof buf - 1);
        ::close(report[0]);
        ::waitpid(child, nullptr, 0);
        QCOMPARE(QByteArray(buf, int(std::max<ssize_t>(n, 0))), QByteArray("ok 6"));  // 0 1 2, b, the pipe, the listing
    }

    void environmentIsClearedOrKept()
    {
        qputenv("HUTCH_HOST_SECRET", "leak");
        auto clear = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("env")}, {}, {QStringLiteral("EXTRA=1")});
        QVERIFY(clear);
        QVERIFY2(clear->out.contains("container=lxc\n") && clear->out.contains("EXTRA=1\n")
                     && !clear->out.contains("HUTCH_HOST_SECRET"),
                 clear->out.constData());
        auto kept = attachPipes(rt(), QStringLiteral("att"), {QStringLiteral("/usr/bin/env")}, {},
                                {QStringLiteral("CALLER=mine"), QStringLiteral("PATH=/bin")}, true);
        QVERIFY(kept);
        QVERIFY2(kept->out.contains("CALLER=mine\n") && kept->out.contains("PATH=/bin\n") && !kept->out.contains("HOME="),
                 kept->out.constData());
    }

    void interactiveAttachHasATerminal()
    {
        auto link = MonitorLink::connect(rt().settings(), QStringLiteral("att"));
        QVERIFY(link);
        rt::AttachRequest req;
        req.argv = {"/bin/sh"};
        req.rows = 40;
        req.cols = 100;
        auto attached = link->attach(req);
        QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message));
        const UniqueFd &master = attached->fds.front();
        QByteArray seen;
        type(master.get(), "tty; stty size; exit 5\n");
        QVERIFY2(readUntil(master.get(), "40 100", &seen), seen.constData());
        QVERIFY2(seen.contains("/dev/pts/"), seen.constData());
        QCOMPARE(eventText(link->nextEvent(10000).value()), QStringLiteral("exit 5"));
    }

    void consoleFollowersAndReplay()
    {
        Error error;
        UniqueFd a = openTty(rt(), QStringLiteral("att"), 0, MonitorLink::TtyMode::Write, &error);
        QVERIFY2(a, qPrintable(error.message));
        UniqueFd b = openTty(rt(), QStringLiteral("att"), 0, MonitorLink::TtyMode::Follow, &error);
        QVERIFY2(b, qPrintable(error.message));
        // A second writer is refused while the first writes: Busy, EBUSY.
        UniqueFd refused = openTty(rt(), QStringLiteral("att"), 0, MonitorLink::TtyMode::Write, &error);
        QVERIFY(!refused);
        QCOMPARE(error.code, Error::Code::Busy);
        QCOMPARE(error.sysErrno, EBUSY);
        type(a.get(), "echo shared-$((2*3))\n");
        QByteArray seenA, seenB;
        QVERIFY2(readUntil(a.get(), "shared-6", &seenA), seenA.constData());
        QVERIFY2(readUntil(b.get(), "shared-6", &seenB), seenB.constData());
        // What the follower types goes nowhere.
        type(b.get(), "echo follower-$((3*3))\n");
        type(a.get(), "echo writer-$((4*4))\n");
        QVERIFY(readUntil(a.get(), "writer-16", &seenA));
        QVERIFY(!seenA.contains("follower-9"));
        // A late client gets the history first: the shell's banner from boot.
        UniqueFd late = openTty(rt(), QStringLiteral("att"), 0, MonitorLink::TtyMode::Follow);
        QVERIFY(late);
        QByteArray seenLate;
        QVERIFY2(readUntil(late.get(), "BusyBox v", &seenLate, 3000), seenLate.constData());
        // Take over: the old writer is disconnected, the new one writes.
        UniqueFd c = openTty(rt(), QStringLiteral("att"), 0, MonitorLink::TtyMode::TakeOver, &error);
        QVERIFY2(c, qPrintable(error.message));
        QByteArray rest;
        QTRY_VERIFY(!readUntil(a.get(), "never", &rest, 200));  // EOF on the old writer
        type(c.get(), "echo taken-$((5*5))\n");
        QByteArray seenC;
        QVERIFY(readUntil(c.get(), "taken-25", &seenC));
    }

    void ttyEchoAndResize()
    {
        UniqueFd tty = openTty(rt(), QStringLiteral("att"), 1, MonitorLink::TtyMode::Write);
        QVERIFY(tty);
        type(tty.get(), "echo hello-$((1+1))\n");
        QByteArray seen;
        QVERIFY2(readUntil(tty.get(), "hello-2", &seen), seen.constData());
        QVERIFY(!fx->ask(QStringLiteral("att"), [](MonitorLink &l) { return l.resize(1, 40, 100); }));
        type(tty.get(), "stty size\n");
        QVERIFY2(readUntil(tty.get(), "40 100", &seen), seen.constData());
    }

    void killedClientFreesTheTty()
    {
        // A client process holds tty2 as its writer and is SIGKILLed.
        int ready[2];
        QVERIFY(::pipe(ready) == 0);
        const pid_t holder = ::fork();
        QVERIFY(holder >= 0);
        if (holder == 0) {
            UniqueFd fd = openTty(fx->runtime(), QStringLiteral("att"), 2, MonitorLink::TtyMode::Write);
            (void)!::write(ready[1], fd ? "1" : "0", 1);
            ::pause();
            ::_exit(0);
        }
        char ok = 0;
        QCOMPARE(::read(ready[0], &ok, 1), ssize_t(1));
        ::close(ready[0]);
        ::close(ready[1]);
        QCOMPARE(ok, '1');
        ::kill(holder, SIGKILL);
        ::waitpid(holder, nullptr, 0);
        QCOMPARE(rt().state(QStringLiteral("att")), QStringLiteral("RUNNING"));
        // The next client may write to tty2 (the monitor noticed the hang-up).
        UniqueFd next;
        QTRY_VERIFY((next = openTty(rt(), QStringLiteral("att"), 2, MonitorLink::TtyMode::Write)).get() >= 0);
        type(next.get(), "echo next-$((7*6))\n");
        QByteArray seen;
        QVERIFY2(readUntil(next.get(), "next-42", &seen), seen.constData());
    }

    void executeRunsOneCommand_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("exit 7") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 7")}
                                << QStringLiteral("exit 7") << QByteArray();
        QTest::newRow("pid 1 is the minimal init")
            << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo ppid=$PPID; readlink /proc/1/exe")}
            << QStringLiteral("exit 0") << QByteArray("ppid=1\r\n/memfd:hutch-init (deleted)\r\n");
        QTest::newRow("killed by a signal")
            << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("kill -KILL $$")}
            << QStringLiteral("exit 137") << QByteArray();
        QTest::newRow("orphans reaped")
            << QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("(sleep 100 &) ; echo parent-done")}
            << QStringLiteral("exit 0") << QByteArray("parent-done\r\n");
    }

    void executeRunsOneCommand()
    {
        QFETCH(QStringList, argv);
        QFETCH(QString, status);
        QFETCH(QByteArray, output);
        const QString name = QStringLiteral("exe");
        if (!QFileInfo::exists(fx->store().configPath(name)))
            QVERIFY(!fx->create(name));
        auto pid = rt().execute(name, argv);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        auto link = MonitorLink::connect(rt().settings(), name);
        QVERIFY(link);
        auto followed = link->openTty(0, MonitorLink::TtyMode::Follow);
        QVERIFY(followed);
        const UniqueFd &out = *followed;
        QByteArray seen;
        readUntil(out.get(), "\x01never", &seen, 10000);  // to EOF: the output ends with the command
        auto events = MonitorLink::connect(rt().settings(), name);
        if (events) {
            auto first = events->subscribe();
            QVERIFY(first);
            QString got;
            while (!got.startsWith(QLatin1String("exit")) && !got.startsWith(QLatin1String("signal"))) {
                auto e = events->nextEvent(10000);
                QVERIFY2(e, e ? "" : qPrintable(e.error().message));
                got = eventText(*e);
            }
            QCOMPARE(got, status);
        }
        if (!output.isEmpty())
            QCOMPARE(seen, output);
        // Nothing of it is left: no cgroup, no monitor socket.
        QTRY_VERIFY(!QFileInfo::exists(monitorSocketPath(rt().settings(), name)));
        for (const char *h : {"memory", "pids", "freezer", "unified"})
            QVERIFY(!QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/%1/hutch/exe").arg(QLatin1String(h))));
    }

    void consoleLogFileIsWritten()
    {
        const QString log = fx->store().containerDir(QStringLiteral("logged")) + QStringLiteral("/console.log");
        QVERIFY(!fx->create(QStringLiteral("logged"), {QStringLiteral("lxc.console.logfile = ") + log}));
        QVERIFY(rt().start(QStringLiteral("logged")).ok());
        auto console = ConsoleSession::open(rt(), QStringLiteral("logged"));
        QVERIFY(console);
        QVERIFY(console->run(QStringLiteral("echo logged-$((9*9))")));
        QTRY_VERIFY([&] {
            QFile f(log);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains("logged-81");
        }());
    }
};

QTEST_GUILESS_MAIN(TestAttach)
#include "test_attach.moc"
