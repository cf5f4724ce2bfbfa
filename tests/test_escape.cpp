// The escape suite: from inside a default (unprivileged) busybox container,
// every way out that issue 16 lists must fail. Each attempt is a shell line
// that prints ESCAPED only if the kernel let it through; writes put back the
// value they read, so that an escape would change nothing on the host. A
// static probe (confine/probe.cpp) makes the calls busybox cannot.
#include "confine/probecontainer.h"
#include "runtimefixture.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

const QString kName = QStringLiteral("escape");

QString statusField(const QString &status, const QString &field)
{
    for (const QString &line : status.split(QLatin1Char('\n')))
        if (line.startsWith(field + QLatin1Char(':')))
            return line.mid(field.size() + 1).trimmed();
    return {};
}

bool isMountPoint(const QString &path)
{
    QFile f(QStringLiteral("/proc/self/mountinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> w = line.split(' ');
        if (w.size() > 4 && QString::fromUtf8(w[4]) == path)
            return true;
    }
    return false;
}

}  // namespace

class TestEscape : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;

    QString run(const QString &name, const QString &command) { return runIn(*fx, name, command); }

    bool createWithProbe(const QString &name, const QStringList &extraConfig = {})
    {
        return hutch::test::createWithProbe(*fx, name, extraConfig);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        fx.emplace();
        QVERIFY(fx->ok());
        // A default container: unprivileged, as CreateContainer makes it.
        fx->setKind(RuntimeFixture::Kind::Unprivileged);
        QVERIFY(createWithProbe(kName));
        auto pid = fx->runtime().start(kName);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
    }

    void cleanupTestCase() { fx.reset(); }

    void attempts_data()
    {
        QTest::addColumn<QString>("command");
        const QString disk = hostBlockDevice();
        // Writes put back what they read: an escape would show, and change nothing.
        const QString corePattern = QStringLiteral("cat /proc/sys/kernel/core_pattern > /tmp/cp && "
                                                   "cat /tmp/cp > /proc/sys/kernel/core_pattern && echo ESCAPED");
        const QString sysWrite = QStringLiteral("v=$(cat /sys/module/printk/parameters/time) && "
                                                "echo $v > /sys/module/printk/parameters/time && echo ESCAPED");
        const QString permOrNosys = QStringLiteral("r=$(hutch-probe %1); case \"$r\" in \"errno 1\"|\"errno 38\") ;; "
                                                   "*) echo ESCAPED $r;; esac");
        QTest::newRow("write /proc/sysrq-trigger") << "echo h > /proc/sysrq-trigger && echo ESCAPED";
        QTest::newRow("kernel.core_pattern") << corePattern;
        QTest::newRow("kernel.core_pattern after umount /proc/sys")
            << "umount /proc/sys 2>/dev/null; umount -l /proc/sys 2>/dev/null; " + corePattern;
        QTest::newRow("vm.drop_caches") << "echo 1 > /proc/sys/vm/drop_caches && echo ESCAPED";
        QTest::newRow("vm.drop_caches after umount /proc/sys")
            << "umount -l /proc/sys 2>/dev/null; echo 1 > /proc/sys/vm/drop_caches && echo ESCAPED";
        QTest::newRow("write /dev/kmsg")
            << "mknod /tmp/kmsg c 1 11 2>/dev/null; for k in /dev/kmsg /tmp/kmsg; do "
               "[ -c $k ] && echo hutch-escape > $k 2>/dev/null && echo ESCAPED; done";
        QTest::newRow("write /sys") << sysWrite;
        QTest::newRow("write /sys after remount rw") << "mount -o remount,rw /sys 2>/dev/null; " + sysWrite;
        if (!disk.isEmpty())
            QTest::newRow("mknod and read the host's first disk")
                << QStringLiteral("mknod /tmp/disk b %1 2>/dev/null; "
                                  "[ \"$(dd if=/tmp/disk bs=512 count=1 2>/dev/null | wc -c)\" = 512 ] && echo ESCAPED")
                       .arg(disk);
        QTest::newRow("new cgroup v1 hierarchy, release_agent")
            << "mkdir -p /tmp/cg && mount -t cgroup -o none,name=hutchescape cgroup /tmp/cg 2>/dev/null "
               "&& echo /bin/true > /tmp/cg/release_agent && echo ESCAPED";
        QTest::newRow("an existing hierarchy's release_agent")
            << "mkdir -p /tmp/cgm && mount -t cgroup -o memory cgroup /tmp/cgm 2>/dev/null; "
               "ra=$(cat /tmp/cgm/release_agent 2>/dev/null); echo \"$ra\" > /tmp/cgm/release_agent 2>/dev/null && echo ESCAPED";
        QTest::newRow("read /proc/kcore")
            << "[ \"$(head -c 16 /proc/kcore 2>/dev/null | wc -c)\" = 16 ] && echo ESCAPED";
        QTest::newRow("read /proc/kcore after umount")
            << "umount /proc/kcore 2>/dev/null; [ \"$(head -c 16 /proc/kcore 2>/dev/null | wc -c)\" = 16 ] && echo ESCAPED";
        QTest::newRow("load a module (init_module)") << permOrNosys.arg(QStringLiteral("init_module"));
        QTest::newRow("load a module (finit_module)") << permOrNosys.arg(QStringLiteral("finit_module"));
        QTest::newRow("ptrace a host process")
            << QStringLiteral("[ \"$(hutch-probe ptrace %1)\" = ok ] && echo ESCAPED").arg(::getpid());
        QTest::newRow("TIOCSTI into the console") << "[ \"$(hutch-probe tiocsti < /dev/console)\" = ok ] && echo ESCAPED";
        QTest::newRow("open_by_handle_at") << permOrNosys.arg(QStringLiteral("open_by_handle_at"));
        QTest::newRow("keyctl") << "[ \"$(hutch-probe keyctl)\" != \"errno 38\" ] && echo ESCAPED";
    }

    void attempts()
    {
        QFETCH(QString, command);
        const QString out = run(kName, command + QStringLiteral("; true"));
        QVERIFY2(!out.startsWith(QLatin1Char('[')), qPrintable(out));  // the attempt ran (exit 0)
        QVERIFY2(!out.contains(QLatin1String("ESCAPED")), qPrintable(out));
    }

    // Who the container's processes are: root inside, a plain user of the
    // host outside, under the seccomp filter.
    void identity()
    {
        const QString map = run(kName, QStringLiteral("cat /proc/self/uid_map")).simplified();
        const QStringList f = map.split(QLatin1Char(' '));
        QCOMPARE(f.size(), 3);  // "INSIDE OUTSIDE COUNT"
        QCOMPARE(f[0], QStringLiteral("0"));
        QVERIFY2(f[1].toLongLong() > 0, qPrintable(map));
        QCOMPARE(run(kName, QStringLiteral("id -u")), QStringLiteral("0"));
        const QString init = run(kName, QStringLiteral("cat /proc/1/status"));
        QCOMPARE(statusField(init, QStringLiteral("Seccomp")), QStringLiteral("2"));
        QCOMPARE(statusField(init, QStringLiteral("NoNewPrivs")), QStringLiteral("0"));
    }

    // NoNewPrivs where the config asks for it.
    void noNewPrivs()
    {
        const QString name = QStringLiteral("escape-nnp");
        QVERIFY(createWithProbe(name, {QStringLiteral("lxc.no_new_privs = 1")}));
        auto pid = fx->runtime().start(name);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
        const QString init = run(name, QStringLiteral("cat /proc/1/status"));
        QCOMPARE(statusField(init, QStringLiteral("NoNewPrivs")), QStringLiteral("1"));
        QCOMPARE(statusField(init, QStringLiteral("Seccomp")), QStringLiteral("2"));
        QVERIFY(!fx->ask(name, &MonitorLink::stop));
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
    }

    // A rootfs whose /proc, or /dev/console, is a symlink to a host path:
    // nothing is mounted there on the host (the start refuses, or the link
    // resolves inside the rootfs).
    void symlinkedProcOrConsole_data()
    {
        QTest::addColumn<QString>("inRootfs");
        QTest::newRow("/proc") << "proc";
        QTest::newRow("/dev/console (lxc.autodev = 0)") << "dev/console";
    }

    void symlinkedProcOrConsole()
    {
        QFETCH(QString, inRootfs);
        QTemporaryDir hostDir;
        QVERIFY(hostDir.isValid());
        const QString hostTarget = hostDir.filePath(QStringLiteral("target"));
        QVERIFY(QDir().mkpath(hostTarget));
        const QString name = QStringLiteral("escape-link");
        QVERIFY(!fx->create(name, {QStringLiteral("lxc.autodev = 0")}));
        const QString path = fx->store().containerDir(name) + QStringLiteral("/rootfs/") + inRootfs;
        QDir(path).removeRecursively();
        QFile::remove(path);
        QVERIFY(QFile::link(hostTarget, path));
        auto pid = fx->runtime().start(name);
        QVERIFY(!isMountPoint(hostTarget));
        QVERIFY(QDir(hostTarget).isEmpty());
        if (pid) {
            QVERIFY(!fx->ask(name, &MonitorLink::stop));
            QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
        }
        QVERIFY(QDir(fx->store().containerDir(name)).removeRecursively());
    }
};

QTEST_GUILESS_MAIN(TestEscape)
#include "test_escape.moc"
