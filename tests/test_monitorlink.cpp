// The typed monitor link against the real hutch-monitor: every verb once
// on a running busybox container, and its failure with the code and errno
// the monitor chose, end to end (container stopped, program ended, kernel
// refusal). Decided by codes and errnos, never by the text.
#include "runtimefixture.h"

#include <QFileInfo>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

// Reads fd to its end (or timeoutMs).
QByteArray readToEnd(int fd, int timeoutMs)
{
    QByteArray out;
    pollfd p{fd, POLLIN, 0};
    char buf[4096];
    while (::poll(&p, 1, timeoutMs) > 0) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, n);
    }
    return out;
}

}  // namespace

#define QVERIFY_OK(status) QVERIFY2(!(status), (status) ? qPrintable((status)->message) : "")
#define QVERIFY_RESULT(result) QVERIFY2((result), (result) ? "" : qPrintable((result).error().message))

class TestMonitorLink : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;
    const QString name = QStringLiteral("ml");

    Result<MonitorLink> link() { return MonitorLink::connect(fx->settings(), name); }

    // The failure the monitor of a finished program answers every verb
    // that needs a living container with.
    static void checkNotRunning(const Status &err)
    {
        QVERIFY(err);
        QCOMPARE(err->code, Error::Code::NotFound);
        QCOMPARE(err->sysErrno, ESRCH);
    }

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_RUNTIME_FIXTURE(fx);
        QVERIFY(!fx->create(name, {}, 1));
    }

    void init()
    {
        if (fx->runtime().state(name) == QLatin1String("STOPPED")) {
            auto pid = fx->runtime().start(name);
            QVERIFY_RESULT(pid);
        }
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->stopAll();
        fx.reset();
    }

    void stateAndNoMonitor()
    {
        auto l = link();
        QVERIFY_RESULT(l);
        auto state = l->state();
        QVERIFY_RESULT(state);
        QCOMPARE(state->state, QStringLiteral("RUNNING"));
        QVERIFY(state->pid > 0);
        QVERIFY(::kill(pid_t(state->pid), 0) == 0);
        // Stopped: no monitor listens; NotFound with the connect's errno.
        QVERIFY_OK(stopAndWait(fx->settings(), name, std::nullopt, 20000));
        auto gone = link();
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, Error::Code::NotFound);
        QVERIFY2(gone.error().sysErrno == ENOENT || gone.error().sysErrno == ECONNREFUSED,
                 qPrintable(QString::number(gone.error().sysErrno)));
        // stop on the stopped container: the same typed error, errno kept.
        auto err = stopAndWait(fx->settings(), name, std::nullopt, 1000);
        QVERIFY(err);
        QCOMPARE(err->code, Error::Code::NotFound);
        QVERIFY(err->sysErrno == ENOENT || err->sysErrno == ECONNREFUSED);
    }

    void stopAndShutdown()
    {
        auto events = link();
        QVERIFY_RESULT(events);
        auto subscribed = events->subscribe();
        QVERIFY_RESULT(subscribed);
        QCOMPARE(*subscribed, QStringLiteral("RUNNING"));
        QVERIFY_OK(link()->stop());
        auto e = events->nextEvent(5000);
        QVERIFY_RESULT(e);
        QCOMPARE(e->kind, MonitorEvent::Kind::State);
        QCOMPARE(e->state, QStringLiteral("STOPPING"));
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
        // shutdown: busybox halts on lxc.signal.halt within the timeout.
        QVERIFY_RESULT(fx->runtime().start(name));
        QVERIFY_OK(stopAndWait(fx->settings(), name, 20000, 30000));
        QCOMPARE(fx->runtime().state(name), QStringLiteral("STOPPED"));
    }

    void rebootFreezeSignal()
    {
        const qint64 before = monitorState(fx->settings(), name).pid;
        QVERIFY_OK(link()->reboot());
        QTRY_VERIFY_WITH_TIMEOUT(monitorState(fx->settings(), name).pid != before
                                     && fx->runtime().state(name) == QLatin1String("RUNNING"),
                                 20000);
        QVERIFY_OK(link()->freeze());
        QCOMPARE(fx->runtime().state(name), QStringLiteral("FROZEN"));
        QVERIFY_OK(link()->unfreeze());
        QCOMPARE(fx->runtime().state(name), QStringLiteral("RUNNING"));
        QVERIFY_OK(link()->signal(SIGCONT));
        // A signal number the kernel has not: refused by the monitor.
        auto bad = link()->signal(65);
        QVERIFY(bad);
        QCOMPARE(bad->code, Error::Code::InvalidArgument);
        QCOMPARE(bad->sysErrno, 0);  // the monitor's own check: no system call failed
    }

    void cgroupGetSet()
    {
        auto l = link();
        QVERIFY_RESULT(l);
        QVERIFY_OK(l->cgroupSet(false, QStringLiteral("pids.max"), QStringLiteral("77")));
        auto v = l->cgroupGet(false, QStringLiteral("pids.max"));
        QVERIFY_RESULT(v);
        QCOMPARE(*v, QStringLiteral("77"));
        // The kernel refuses the value: its EINVAL comes through.
        auto refused = l->cgroupSet(false, QStringLiteral("pids.max"), QStringLiteral("lots"));
        QVERIFY(refused);
        QCOMPARE(refused->code, Error::Code::Failed);
        QCOMPARE(refused->sysErrno, EINVAL);
        // A file the cgroup has not: ENOENT from the open.
        auto missing = l->cgroupGet(false, QStringLiteral("pids.nonexistent"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::Failed);
        QCOMPARE(missing.error().sysErrno, ENOENT);
        // Not a file name: refused before anything is sent.
        auto path = l->cgroupGet(false, QStringLiteral("../../pids.max"));
        QVERIFY(!path);
        QCOMPARE(path.error().code, Error::Code::InvalidArgument);
        QCOMPARE(path.error().sysErrno, 0);
    }

    void ttysAndConsole()
    {
        auto l = link();
        QVERIFY_RESULT(l);
        auto tty = l->openTty(1, MonitorLink::TtyMode::Write);
        QVERIFY_RESULT(tty);
        QVERIFY_OK(l->resize(1, 30, 90));
        auto console = l->openConsole();
        QVERIFY_RESULT(console);
        // tty 1 has a writer: another is Busy, EBUSY.
        auto second = link()->openTty(1, MonitorLink::TtyMode::Write);
        QVERIFY(!second);
        QCOMPARE(second.error().code, Error::Code::Busy);
        QCOMPARE(second.error().sysErrno, EBUSY);
        // The container has one tty: tty 5 is NotFound, ENXIO.
        auto none = l->openTty(5, MonitorLink::TtyMode::Follow);
        QVERIFY(!none);
        QCOMPARE(none.error().code, Error::Code::NotFound);
        QCOMPARE(none.error().sysErrno, ENXIO);
    }

    void statsAndAddresses()
    {
        auto l = link();
        QVERIFY_RESULT(l);
        auto stats = l->stats();
        QVERIFY_RESULT(stats);
        QVERIFY(stats->pids >= 1);
        QVERIFY(stats->memory > 0);
        QVERIFY(stats->cpuNs > 0);
        auto addrs = l->addresses();
        QVERIFY_RESULT(addrs);  // no lxc.net: the host's network, nothing of ours
        QVERIFY(addrs->isEmpty());
    }

    void attach()
    {
        auto l = link();
        QVERIFY_RESULT(l);
        rt::AttachRequest req;
        req.pty = false;
        req.argv = {"sh", "-c", "echo attached; exit 3"};
        auto attached = l->attach(req);
        QVERIFY_RESULT(attached);
        QVERIFY(attached->pid > 0);
        QCOMPARE(attached->fds.size(), size_t(2));
        ::shutdown(attached->fds[0].get(), SHUT_WR);
        QCOMPARE(readToEnd(attached->fds[0].get(), 10000), QByteArray("attached\n"));
        auto end = l->nextEvent(10000);
        QVERIFY_RESULT(end);
        QCOMPARE(end->kind, MonitorEvent::Kind::Exit);
        QCOMPARE(end->value, 3);
        // No program: refused by the monitor as invalid.
        rt::AttachRequest empty;
        auto refused = link()->attach(empty);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::InvalidArgument);
        QCOMPARE(refused.error().sysErrno, 0);
    }

    // The monitor of an executed program that ended stays (for its exit
    // status) and answers every verb that needs a living container with
    // NotFound, ESRCH.
    void finishedProgram()
    {
        QVERIFY_OK(stopAndWait(fx->settings(), name, std::nullopt, 20000));
        auto pid = fx->runtime().execute(name, {QStringLiteral("/bin/true")});
        QVERIFY_RESULT(pid);
        auto l = link();
        QVERIFY_RESULT(l);
        auto output = l->openTty(0, MonitorLink::TtyMode::Follow);
        QVERIFY_RESULT(output);
        readToEnd(output->get(), 10000);  // EOF: the program ended
        auto state = l->state();
        QVERIFY_RESULT(state);
        QCOMPARE(state->state, QStringLiteral("STOPPED"));
        checkNotRunning(l->stop());
        checkNotRunning(l->shutdown(1000));
        checkNotRunning(l->reboot());
        checkNotRunning(l->freeze());
        checkNotRunning(l->unfreeze());
        auto get = l->cgroupGet(false, QStringLiteral("pids.max"));
        QVERIFY(!get);
        checkNotRunning(get.error());
        checkNotRunning(l->cgroupSet(false, QStringLiteral("pids.max"), QStringLiteral("5")));
        auto stats = l->stats();
        QVERIFY(!stats);
        checkNotRunning(stats.error());
        auto addrs = l->addresses();
        QVERIFY(!addrs);
        checkNotRunning(addrs.error());
        // The subscriber hears the status, and the monitor goes.
        auto subscribed = l->subscribe();
        QVERIFY_RESULT(subscribed);
        QCOMPARE(*subscribed, QStringLiteral("STOPPED"));
        auto end = l->nextEvent(5000);
        QVERIFY_RESULT(end);
        QCOMPARE(end->kind, MonitorEvent::Kind::Exit);
        QCOMPARE(end->value, 0);
        QTRY_VERIFY(!QFileInfo::exists(monitorSocketPath(fx->settings(), name)));
    }
};

QTEST_GUILESS_MAIN(TestMonitorLink)
#include "test_monitorlink.moc"
