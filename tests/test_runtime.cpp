// The container runtime with real namespaces, cgroups, mounts and ptys:
// busybox containers made by the template, run by the real hutch-monitor.
#include "runtimefixture.h"

#include "cgroups.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

qint64 initPid(Runtime &rt, const QString &name)
{
    return monitorState(rt.settings(), name).pid;
}

// Processes running the hutch-monitor of this build.
QSet<qint64> monitorProcesses()
{
    QSet<qint64> found;
    for (const QString &p : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
        if (QFileInfo(QStringLiteral("/proc/%1/exe").arg(p)).symLinkTarget() == QLatin1String(HUTCH_MONITOR_PATH))
            found << p.toLongLong();
    return found;
}

// The parent of PID (its monitor, for a container's init).
qint64 parentOf(qint64 pid)
{
    const QString stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    return stat.mid(stat.lastIndexOf(QLatin1Char(')')) + 2).section(QLatin1Char(' '), 1, 1).toLongLong();
}

// cgroup directories named NAME below the hutch base, in any hierarchy.
QStringList cgroupDirs(const QString &name)
{
    QStringList found;
    auto layout = rt::CgroupLayout::detect();
    if (!layout)
        return found;
    QStringList mounts;
    for (const auto &h : layout->v1)
        mounts << QString::fromStdString(h.mount);
    if (!layout->unifiedMount.empty())
        mounts << QString::fromStdString(layout->unifiedMount);
    for (const QString &m : mounts)
        if (QFileInfo(m + QStringLiteral("/hutch/") + name).isDir())
            found << m + QStringLiteral("/hutch/") + name;
    return found;
}

}  // namespace

class TestRuntime : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;

    Runtime &rt() { return fx->runtime(); }

    void startOrFail(const QString &name)
    {
        auto pid = rt().start(name);
        QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
        QVERIFY(*pid > 0);
        QCOMPARE(rt().state(name), QStringLiteral("RUNNING"));
    }

private Q_SLOTS:
    // Every test runs for both kinds of container (runtimefixture.h).
    void initTestCase_data() { addKindRows(); }

    void initTestCase()
    {
        HUTCH_START_RUNTIME_FIXTURE(fx);
    }

    void init()
    {
        if (fx)
            fx->setKind(currentKind());
    }

    void cleanup()
    {
        if (fx)
            fx->stopAll();
    }

    void cleanupTestCase()
    {
        fx.reset();  // also removes the empty "hutch" parent cgroups
    }

    void startsIsolatedContainer()
    {
        QVERIFY(!fx->create(QStringLiteral("iso"), {}, 2, QStringLiteral("isolated-host")));
        startOrFail(QStringLiteral("iso"));
        auto console = ConsoleSession::open(rt(), QStringLiteral("iso"));
        QVERIFY(console);
        // PID 1 is busybox init (which renames itself "init").
        auto exe = console->run(QStringLiteral("readlink /proc/1/exe; cat /proc/1/comm"));
        QVERIFY2(exe, console->transcript().constData());
        QCOMPARE(*exe, QStringLiteral("/bin/busybox\ninit"));
        // Only the container's processes: init, the shells on the console
        // and ttys, and this command. The host has many more. (One that
        // ends while ls looks, the boot's last, makes ls complain: not
        // counted.)
        auto procs = console->run(QStringLiteral("ls /proc 2>/dev/null | grep -c '^[0-9]'"));
        QVERIFY(procs);
        QVERIFY2(procs->toInt() > 0 && procs->toInt() < 10, qPrintable(*procs));
        auto hostname = console->run(QStringLiteral("hostname"));
        QCOMPARE(hostname.value_or(QString()), QStringLiteral("isolated-host"));
        auto mounts = console->run(QStringLiteral("grep -c -E '^[^ ]+ /(proc|sys) ' /proc/mounts"));
        QCOMPARE(mounts.value_or(QString()), QStringLiteral("2"));
        auto dev = console->run(QStringLiteral("ls /dev | tr '\\n' ' '"));
        QVERIFY(dev);
        const QSet<QString> expected = {
            QStringLiteral("console"), QStringLiteral("fd"), QStringLiteral("full"), QStringLiteral("mqueue"),
            QStringLiteral("null"), QStringLiteral("ptmx"), QStringLiteral("pts"), QStringLiteral("random"),
            QStringLiteral("shm"), QStringLiteral("stderr"), QStringLiteral("stdin"), QStringLiteral("stdout"),
            QStringLiteral("tty"), QStringLiteral("tty1"), QStringLiteral("tty2"), QStringLiteral("urandom"),
            QStringLiteral("zero")};
        const QStringList listed = dev->split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(QSet<QString>(listed.begin(), listed.end()), expected);
        // The network namespace has only lo.
        auto links = console->run(QStringLiteral("ls /sys/class/net | tr '\\n' ' '"));
        QCOMPARE(links.value_or(QString()), QStringLiteral("lo"));
        // Nothing of the host's fds reached init: only its console.
        const qint64 pid = initPid(rt(), QStringLiteral("iso"));
        const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QFileInfo &fd : fds.entryInfoList(QDir::NoDotAndDotDot | QDir::System)) {
            const QString target = fd.symLinkTarget();
            // Seen from a test under a chroot the path starts outside it:
            // what matters is which device it is.
            QVERIFY2(target.contains(QLatin1String("/dev/pts/")) || target.endsWith(QLatin1String("/dev/console"))
                         || target.contains(QLatin1String("/dev/tty")),
                     qPrintable(fd.fileName() + QStringLiteral(" -> ") + target));
        }
    }

    void memoryLimitOomKillsTheHog()
    {
        QVERIFY(!fx->create(QStringLiteral("mem"), {QStringLiteral("lxc.cgroup2.memory.max = 64M")}));
        startOrFail(QStringLiteral("mem"));
        auto console = ConsoleSession::open(rt(), QStringLiteral("mem"));
        QVERIFY(console);
        // A shell that wants 200 MB in a variable: the OOM killer ends it.
        auto status = console->run(
            QStringLiteral("sh -c 'x=$(head -c 200000000 /dev/zero | tr \"\\\\0\" a); echo survived'; echo status=$?"),
            60000);
        QVERIFY2(status, console->transcript().right(2000).constData());
        QVERIFY2(status->contains(QLatin1String("status=137")) && !status->contains(QLatin1String("survived")),
                 qPrintable(*status));
        // The container's init survived it and the console still answers.
        QCOMPARE(rt().state(QStringLiteral("mem")), QStringLiteral("RUNNING"));
        QCOMPARE(console->run(QStringLiteral("echo alive")).value_or(QString()), QStringLiteral("alive"));
        // The stats count the kill (the GUI marks it on its graphs).
        auto stats = fx->ask(QStringLiteral("mem"), &MonitorLink::stats);
        QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
        QVERIFY2(stats->oomKills >= 1, qPrintable(QString::number(stats->oomKills)));
        auto limit = fx->ask(QStringLiteral("mem"), [](MonitorLink &l) { return l.cgroupGet(true, QStringLiteral("memory.max")); });
        QVERIFY2(limit, limit ? "" : qPrintable(limit.error().message));
        QCOMPARE(*limit, QString::number(64 * 1024 * 1024));
    }

    void pidsLimitContainsForkBomb()
    {
        QVERIFY(!fx->create(QStringLiteral("pids"), {QStringLiteral("lxc.cgroup.pids.max = 64")}));
        startOrFail(QStringLiteral("pids"));
        auto console = ConsoleSession::open(rt(), QStringLiteral("pids"));
        QVERIFY(console);
        // A fork bomb in the background: it forks until the limit stops it.
        QVERIFY(console->run(QStringLiteral("(while true; do sleep 1000 & done) >/dev/null 2>&1 &")));
        auto pidsNow = [&] {
            auto stats = fx->ask(QStringLiteral("pids"), &MonitorLink::stats);
            return stats ? int(stats->pids) : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pidsNow() >= 60, 20000);
        QVERIFY2(pidsNow() <= 64, qPrintable(QString::number(pidsNow())));
        // The kernel refused forks: pids.events counts them.
        auto events = fx->ask(QStringLiteral("pids"), [](MonitorLink &l) { return l.cgroupGet(false, QStringLiteral("pids.events")); });
        QVERIFY2(events, events ? "" : qPrintable(events.error().message));
        QVERIFY2(events->section(QLatin1Char(' '), 1).toLongLong() > 0, qPrintable(*events));
        // Still stoppable, and everything is gone after.
        QVERIFY(!fx->ask(QStringLiteral("pids"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("pids"), QStringLiteral("STOPPED")));
        QVERIFY(cgroupDirs(QStringLiteral("pids")).isEmpty());
    }

    void freezeStopsProgress()
    {
        QVERIFY(!fx->create(QStringLiteral("frz")));
        startOrFail(QStringLiteral("frz"));
        auto console = ConsoleSession::open(rt(), QStringLiteral("frz"));
        QVERIFY(console);
        // A counter that appends to a file: the file's size is its progress
        // (a rewritten file would be empty whenever a reader looks).
        QVERIFY(console->run(QStringLiteral("(i=0; while true; do i=$((i+1)); echo $i; done > /tmp/counter) &")));
        const QString counter = fx->store().rootfsPath(QStringLiteral("frz")) + QStringLiteral("/tmp/counter");
        auto progress = [&] { return QFileInfo(counter).size(); };
        QTRY_VERIFY(progress() > 0);
        QVERIFY(!fx->ask(QStringLiteral("frz"), &MonitorLink::freeze));
        QCOMPARE(rt().state(QStringLiteral("frz")), QStringLiteral("FROZEN"));
        const qint64 frozenAt = progress();
        QThread::msleep(300);  // the measurement itself: does the counter move?
        QCOMPARE(progress(), frozenAt);
        QVERIFY(!fx->ask(QStringLiteral("frz"), &MonitorLink::unfreeze));
        QCOMPARE(rt().state(QStringLiteral("frz")), QStringLiteral("RUNNING"));
        QTRY_VERIFY(progress() > frozenAt);
    }

    void shutdownRebootAndStop()
    {
        QVERIFY(!fx->create(QStringLiteral("life")));
        startOrFail(QStringLiteral("life"));
        // reboot: a new init in fresh namespaces, RUNNING again.
        const qint64 before = initPid(rt(), QStringLiteral("life"));
        QVERIFY(!fx->ask(QStringLiteral("life"), &MonitorLink::reboot));
        QTRY_VERIFY_WITH_TIMEOUT(initPid(rt(), QStringLiteral("life")) != before
                                     && rt().state(QStringLiteral("life")) == QLatin1String("RUNNING"),
                                 20000);
        // shutdown: busybox init gets lxc.signal.halt (SIGUSR1) and halts
        // well within the timeout (the log tells it was not killed).
        QElapsedTimer t;
        t.start();
        QVERIFY(!fx->ask(QStringLiteral("life"), [](MonitorLink &l) { return l.shutdown(20000); }));
        QVERIFY(fx->waitForState(QStringLiteral("life"), QStringLiteral("STOPPED"), 30000));
        QVERIFY(t.elapsed() < 20000);
        const QString log = readFile(fx->store().containerDir(QStringLiteral("life")) + QStringLiteral("/life.log"));
        QVERIFY2(!log.contains(QLatin1String("shutdown timed out")), qPrintable(log));
        // stop: at once.
        startOrFail(QStringLiteral("life"));
        QVERIFY(!fx->ask(QStringLiteral("life"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("life"), QStringLiteral("STOPPED"), 5000));
        QVERIFY(cgroupDirs(QStringLiteral("life")).isEmpty());
    }

    void survivesItsStarter()
    {
        QVERIFY(!fx->create(QStringLiteral("orphan")));
        // A child process starts the container and is then SIGKILLed, as a
        // crashing helper would be.
        int ready[2];
        QVERIFY(::pipe(ready) == 0);
        const pid_t starter = ::fork();
        QVERIFY(starter >= 0);
        if (starter == 0) {
            ::close(ready[0]);
            const bool ok = fx->runtime().start(QStringLiteral("orphan")).ok();
            (void)!::write(ready[1], ok ? "1" : "0", 1);
            ::pause();
            ::_exit(0);
        }
        ::close(ready[1]);
        char verdict = 0;
        QCOMPARE(::read(ready[0], &verdict, 1), ssize_t(1));
        ::close(ready[0]);
        ::kill(starter, SIGKILL);
        ::waitpid(starter, nullptr, 0);
        QCOMPARE(verdict, '1');
        // A new client (this process, not the starter) finds it running.
        QCOMPARE(rt().state(QStringLiteral("orphan")), QStringLiteral("RUNNING"));
        auto console = ConsoleSession::open(rt(), QStringLiteral("orphan"));
        QVERIFY(console);
        QCOMPARE(console->run(QStringLiteral("echo still-here")).value_or(QString()), QStringLiteral("still-here"));
    }

    void badConfigsFailCleanly_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing rootfs") << "lxc.rootfs.path" << "dir:/nonexistent/rootfs" << "is not a directory";
        QTest::newRow("missing init") << "lxc.init.cmd" << "/sbin/no-such-init" << "exec /sbin/no-such-init: No such file";
        QTest::newRow("invalid limit") << "lxc.cgroup2.memory.max" << "lots" << "is not a size";
        QTest::newRow("unknown capability") << "lxc.cap.drop" << "sys_admn" << "is not a capability name";
        QTest::newRow("limit the kernel refuses") << "lxc.cgroup.cpuset.cpus" << "0-4000" << "cpuset.cpus";
    }

    void badConfigsFailCleanly()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const QString name = QStringLiteral("bad%1").arg(QTest::currentDataTag()).remove(QLatin1Char(' '));
        QVERIFY(!fx->create(name));
        QVERIFY(!fx->setConfig(name, key, value));
        auto pid = rt().start(name);
        QVERIFY(!pid.ok());
        QVERIFY2(pid.error().message.contains(message), qPrintable(pid.error().message));
        QVERIFY2(pid.error().message.contains(name), qPrintable(pid.error().message));
        QCOMPARE(rt().state(name), QStringLiteral("STOPPED"));
        QVERIFY(!QFile::exists(monitorSocketPath(fx->settings(), name)));
        QVERIFY(cgroupDirs(name).isEmpty());
    }

    void symlinkedProcRefused()
    {
        QVERIFY(!fx->create(QStringLiteral("evil")));
        const QString rootfs = fx->store().rootfsPath(QStringLiteral("evil"));
        QVERIFY(QDir(rootfs + QStringLiteral("/proc")).removeRecursively());
        QVERIFY(QFile::link(QStringLiteral("/etc"), rootfs + QStringLiteral("/proc")));
        auto pid = rt().start(QStringLiteral("evil"));
        QVERIFY(!pid.ok());
        QVERIFY2(pid.error().message.contains(QLatin1String("Too many levels of symbolic links")),
                 qPrintable(pid.error().message));
        QVERIFY(cgroupDirs(QStringLiteral("evil")).isEmpty());
        // The host's /etc was not touched by a proc mount.
        QVERIFY(QFileInfo(QStringLiteral("/etc/passwd")).isFile());
    }

    void cyclesLeaveNothingBehind()
    {
        QVERIFY(!fx->create(QStringLiteral("cycle")));
        auto count = [] {
            const QSet<qint64> monitors = monitorProcesses();
            return QList<qsizetype>{
                readFile(QStringLiteral("/proc/self/mountinfo")).count(QLatin1Char('\n')),
                QDir(QStringLiteral("/dev/pts")).entryList(QDir::System | QDir::NoDotAndDotDot).size(),
                QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::System | QDir::NoDotAndDotDot).size(),
                monitors.size(),
                cgroupDirs(QStringLiteral("cycle")).size()};
        };
        // A start leaves a monitor waiting for the next one (starter.h):
        // it is there before the cycles and after them.
        auto first = rt().start(QStringLiteral("cycle"));
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        const qint64 firstMonitor = parentOf(*first);
        QVERIFY(!fx->ask(QStringLiteral("cycle"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("cycle"), QStringLiteral("STOPPED"), 10000));
        // Its monitor ends just after it says STOPPED.
        QTRY_VERIFY_WITH_TIMEOUT(!monitorProcesses().contains(firstMonitor), 10000);
        const auto before = count();
        const int cycles = qEnvironmentVariableIntValue("HUTCH_TEST_CYCLES") > 0
                               ? qEnvironmentVariableIntValue("HUTCH_TEST_CYCLES") : 100;
        for (int i = 0; i < cycles; ++i) {
            auto pid = rt().start(QStringLiteral("cycle"));
            QVERIFY2(pid.ok(), pid.ok() ? "" : qPrintable(pid.error().message));
            QVERIFY(!fx->ask(QStringLiteral("cycle"), &MonitorLink::stop));
            QVERIFY(fx->waitForState(QStringLiteral("cycle"), QStringLiteral("STOPPED"), 10000));
        }
        // mounts, ptys, our fds, monitor processes, cgroups: as before.
        QTRY_COMPARE_WITH_TIMEOUT(count(), before, 10000);
    }

    // A start hands its spec to a monitor made ahead (starter.h) and has the
    // next one made once it has its answer: the next container's monitor
    // is that one.
    void theNextStartFindsItsMonitorWaiting()
    {
        QVERIFY(!fx->create(QStringLiteral("spare")));
        const QSet<qint64> before = monitorProcesses();
        auto first = rt().start(QStringLiteral("spare"));
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        const qint64 firstMonitor = parentOf(*first);
        QVERIFY(monitorProcesses().contains(firstMonitor));
        // The one made after this start (on a thread of the helper's):
        // waiting, no container of its own.
        QSet<qint64> waiting;
        QTRY_COMPARE_WITH_TIMEOUT((waiting = monitorProcesses() - before - QSet<qint64>{firstMonitor}).size(), 1, 5000);
        QVERIFY(!fx->ask(QStringLiteral("spare"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("spare"), QStringLiteral("STOPPED"), 10000));
        auto second = rt().start(QStringLiteral("spare"));
        QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
        QCOMPARE(parentOf(*second), *waiting.begin());
        QVERIFY(!fx->ask(QStringLiteral("spare"), &MonitorLink::stop));
        QVERIFY(fx->waitForState(QStringLiteral("spare"), QStringLiteral("STOPPED"), 10000));
    }

    void limitsChangeWhileRunning()
    {
        QVERIFY(!fx->create(QStringLiteral("live")));
        startOrFail(QStringLiteral("live"));
        QVERIFY(!fx->ask(QStringLiteral("live"), [](MonitorLink &l) {
            return l.cgroupSet(false, QStringLiteral("memory.limit_in_bytes"), QStringLiteral("256M"));
        }));
        QCOMPARE(fx->ask(QStringLiteral("live"), [](MonitorLink &l) {
                       return l.cgroupGet(false, QStringLiteral("memory.limit_in_bytes"));
                   }).value(),
                 QString::number(256 * 1024 * 1024));
        auto bad = fx->ask(QStringLiteral("live"), [](MonitorLink &l) {
            return l.cgroupSet(false, QStringLiteral("../../escape"), QStringLiteral("1"));
        });
        QVERIFY(bad);
        QCOMPARE(bad->code, Error::Code::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "test_runtime.moc"
