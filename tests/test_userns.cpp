// Unprivileged containers (lxc.idmap), from the host and from inside real
// busybox containers: the maps, an idmapped rootfs whose files keep their
// plain ownership on disk, a shifted rootfs as LXC makes them, the ptys and
// the cgroup given to the container's root, /dev, /proc and /sys.
#include "confine/probecontainer.h"
#include "runtimefixture.h"

#include "idmap.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hutch;
using namespace hutch::test;

namespace {

// Host ids far from any real user's; each test container its own range.
constexpr uint32_t kBase = 1500000000;

QStringList idmapLines(uint32_t base, bool idmapped)
{
    QStringList lines;
    for (const QString &v : idmap::configValues(base, base))
        lines << QStringLiteral("lxc.idmap = ") + v;
    if (idmapped)
        lines << QStringLiteral("lxc.rootfs.options = idmap=container");
    return lines;
}

QString statusField(pid_t pid, const QString &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field.toLatin1() + ':'))
            return QString::fromLatin1(line.mid(field.size() + 1)).simplified();
    return {};
}

// The cgroup of PID in the hierarchy mounted at MOUNT (v1: by controller).
QString cgroupDirOf(pid_t pid, const QString &controller, const QString &mount)
{
    QFile f(QStringLiteral("/proc/%1/cgroup").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(':');
        if (parts.size() == 3 && parts[1].split(',').contains(controller.toLatin1()))
            return mount + QString::fromLatin1(parts[2]);
    }
    return {};
}

}  // namespace

class TestUserns : public QObject {
    Q_OBJECT

    std::optional<RuntimeFixture> fx;

    QString run(const QString &name, const QString &command) { return runIn(*fx, name, command); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = runtimeUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        fx.emplace();
        QVERIFY(fx->ok());
    }

    void cleanup()
    {
        if (fx)
            fx->stopAll();
    }

    void cleanupTestCase() { fx.reset(); }

    void idmapParsing_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("hostRoot");
        QTest::newRow("none: privileged") << QStringList{} << "" << 0;
        QTest::newRow("u and g") << QStringList{"u 0 100000 65536", "g 0 200000 65536"} << "" << 100000;
        QTest::newRow("b for both") << QStringList{"b 0 300000 65536"} << "" << 300000;
        QTest::newRow("root in a later range") << QStringList{"u 1 100001 10", "u 0 5000 1", "g 0 5000 1"} << "" << 5000;
        QTest::newRow("no gid map") << QStringList{"u 0 100000 65536"} << "maps uids but no gids" << -1;
        QTest::newRow("overlap outside")
            << QStringList{"u 0 100000 65536", "u 70000 100010 5", "g 0 100000 65536"} << "overlap outside" << -1;
        QTest::newRow("no root") << QStringList{"u 1 100000 10", "g 1 100000 10"} << "maps the container's root" << -1;
        QTest::newRow("bad line") << QStringList{"x 0 1 1"} << "type must be u, g or b" << -1;
    }

    // core/idmap.h: the one reading of lxc.idmap.
    void idmapParsing()
    {
        QFETCH(QStringList, lines);
        QFETCH(QString, error);
        QFETCH(int, hostRoot);
        auto map = idmap::fromLines(lines);
        if (!error.isEmpty()) {
            QVERIFY(!map);
            QVERIFY2(map.error().message.contains(error), qPrintable(map.error().message));
            return;
        }
        QVERIFY2(map, map ? "" : qPrintable(map.error().message));
        QCOMPARE(map->privileged(), lines.isEmpty());
        if (!map->privileged()) {
            QCOMPARE(int(*map->hostUid(0)), hostRoot);
            QCOMPARE(*map->containerUid(uint32_t(hostRoot)), 0u);
            QVERIFY(!map->hostUid(70000));
        }
    }

    void idmappedRootfs()
    {
        const QString name = QStringLiteral("un-idmapped");
        const uint32_t base = kBase;
        QVERIFY(!fx->create(name, idmapLines(base, true)));
        auto pid = fx->runtime().start(name);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
        // From the host: init runs as the range's first id.
        QCOMPARE(statusField(pid_t(*pid), QStringLiteral("Uid")), QStringLiteral("%1 %1 %1 %1").arg(base));
        QCOMPARE(statusField(pid_t(*pid), QStringLiteral("Gid")), QStringLiteral("%1 %1 %1 %1").arg(base));
        // From inside: root, with the map, and the rootfs its root's.
        QCOMPARE(run(name, QStringLiteral("id -u; id -g")), QStringLiteral("0\n0"));
        QCOMPARE(run(name, QStringLiteral("cat /proc/self/uid_map")).simplified(), QStringLiteral("0 %1 65536").arg(base));
        QCOMPARE(run(name, QStringLiteral("stat -c '%u %g' /bin/busybox /etc")), QStringLiteral("0 0\n0 0"));
        // A file made inside keeps plain ownership on disk (nothing shifted).
        QCOMPARE(run(name, QStringLiteral("touch /root/made-inside && chown 7:8 /root/made-inside && echo done")),
                 QStringLiteral("done"));
        const QString rootfs = fx->store().containerDir(name) + QStringLiteral("/rootfs");
        struct stat st{};
        QCOMPARE(::stat(qPrintable(rootfs + QStringLiteral("/root/made-inside")), &st), 0);
        QCOMPARE(int(st.st_uid), 7);
        QCOMPARE(int(st.st_gid), 8);
        QCOMPARE(::stat(qPrintable(rootfs + QStringLiteral("/bin/busybox")), &st), 0);
        QCOMPARE(int(st.st_uid), 0);
        // /dev: nodes bound from the host work, the console and ttys are root's.
        QCOMPARE(run(name, QStringLiteral("echo x > /dev/null && head -c 4 /dev/zero | wc -c")), QStringLiteral("4"));
        QCOMPARE(run(name, QStringLiteral("stat -c '%u' /dev/console /dev/tty1")), QStringLiteral("0\n0"));
        // /proc/sys/net is the container's own, writable; the rest is not.
        QCOMPARE(run(name, QStringLiteral("echo 1 > /proc/sys/net/ipv4/ip_forward && cat /proc/sys/net/ipv4/ip_forward")),
                 QStringLiteral("1"));
        QVERIFY(run(name, QStringLiteral("echo 1 > /proc/sys/vm/drop_caches")).startsWith(QLatin1String("[exit 1]")));
        // The cgroup is delegated to the container's root.
        const QString cg = cgroupDirOf(pid_t(*pid), QStringLiteral("memory"), QStringLiteral("/sys/fs/cgroup/memory"));
        if (!cg.isEmpty() && QFileInfo::exists(cg)) {
            QCOMPARE(::stat(qPrintable(cg), &st), 0);
            QCOMPARE(uint32_t(st.st_uid), base);
            QCOMPARE(run(name, QStringLiteral("mkdir /sys/fs/cgroup/memory/inner && echo made")), QStringLiteral("made"));
        }
        // A shell on the console is root's too.
        auto console = ConsoleSession::open(fx->runtime(), name);
        QVERIFY(console);
        auto id = console->run(QStringLiteral("id -u"));
        QVERIFY2(id, console->transcript().constData());
        QCOMPARE(id->trimmed(), QStringLiteral("0"));
        QVERIFY(!fx->ask(name, &MonitorLink::stop));
        QVERIFY(fx->waitForState(name, QStringLiteral("STOPPED")));
    }

    // LXC's unprivileged containers: the rootfs shifted on disk, no
    // idmap=container.
    void shiftedRootfs()
    {
        const QString name = QStringLiteral("un-shifted");
        const uint32_t base = kBase + idmap::kRangeSize;
        QVERIFY(!fx->create(name, idmapLines(base, false)));
        const QString rootfs = fx->store().containerDir(name) + QStringLiteral("/rootfs");
        QDirIterator it(rootfs, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        QVERIFY(::lchown(qPrintable(rootfs), base, base) == 0);
        while (it.hasNext()) {
            const QString p = it.next();
            struct stat st{};
            QVERIFY(::lstat(qPrintable(p), &st) == 0);
            QVERIFY(::lchown(qPrintable(p), base + st.st_uid, base + st.st_gid) == 0);
            if (!S_ISLNK(st.st_mode))  // chown clears setuid bits
                QVERIFY(::chmod(qPrintable(p), st.st_mode & 07777) == 0);
        }
        auto pid = fx->runtime().start(name);
        QVERIFY2(pid, pid ? "" : qPrintable(pid.error().message));
        QCOMPARE(run(name, QStringLiteral("id -u; stat -c '%u' /bin/busybox")), QStringLiteral("0\n0"));
    }
};

QTEST_GUILESS_MAIN(TestUserns)
#include "test_userns.moc"
