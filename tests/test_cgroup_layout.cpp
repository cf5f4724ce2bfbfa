// The cgroup layout (label "helper", no root needed): what detect() makes of
// this machine's /proc/self/mountinfo and /proc/cgroups, read here
// independently, and what fromMountinfo() makes of other machines' (pure v2,
// hybrid, v1 only, bind mounts, none). The hierarchies themselves are in
// test_cgroups.
#include "cgroups.h"

#include <QFile>
#include <QMap>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace hutch::rt;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }
template <typename T> const char *why(const Result<T> &r) { return r.ok() ? "" : r.error().message.c_str(); }

#define VERIFY_OK(expr)                                                                                            \
    do {                                                                                                           \
        const auto &res_ = (expr);                                                                                 \
        QVERIFY2(res_.ok(), why(res_));                                                                            \
    } while (0)

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

}  // namespace

class TestCgroupLayout : public QObject {
    Q_OBJECT

    CgroupLayout m_layout;
    QString m_noLayout;  // why detect() failed

private Q_SLOTS:
    void initTestCase()
    {
        auto layout = CgroupLayout::detect();
        if (!layout) {
            m_noLayout = "no cgroup mount: " + q(layout.error().message);
            return;
        }
        m_layout = *layout;
    }

    // Layouts of other machines, from their mountinfo (no root needed).
    void layoutsOfOtherMachines_data()
    {
        QTest::addColumn<QByteArray>("mountinfo");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("unified");
        QTest::addColumn<QStringList>("v1");  // "MOUNT=CONTROLLER,CONTROLLER" (sorted)
        const int v1 = int(CgroupLayout::Kind::V1), v2 = int(CgroupLayout::Kind::V2), hybrid = int(CgroupLayout::Kind::Hybrid);
        QTest::newRow("pure v2 desktop")
            << QByteArray("24 1 0:22 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n"
                          "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 "
                          "rw,nsdelegate,memory_recursiveprot\n")
            << v2 << "/sys/fs/cgroup" << QStringList();
        QTest::newRow("hybrid, cpu,cpuacct co-mounted")
            << QByteArray("35 24 0:30 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755\n"
                          "36 35 0:31 / /sys/fs/cgroup/unified rw shared:10 - cgroup2 cgroup2 rw,nsdelegate\n"
                          "37 35 0:32 / /sys/fs/cgroup/systemd rw shared:11 - cgroup cgroup rw,xattr,name=systemd\n"
                          "40 35 0:35 / /sys/fs/cgroup/cpu,cpuacct rw shared:15 - cgroup cgroup rw,cpu,cpuacct\n"
                          "41 35 0:36 / /sys/fs/cgroup/net_cls,net_prio rw shared:16 - cgroup cgroup rw,net_cls,net_prio\n"
                          "42 35 0:37 / /sys/fs/cgroup/memory rw shared:17 - cgroup cgroup rw,memory\n"
                          "43 35 0:38 / /sys/fs/cgroup/cpuset rw shared:18 - cgroup cgroup rw,cpuset,clone_children\n")
            << hybrid << "/sys/fs/cgroup/unified"
            << QStringList{"/sys/fs/cgroup/cpu,cpuacct=cpu,cpuacct", "/sys/fs/cgroup/net_cls,net_prio=net_cls,net_prio",
                           "/sys/fs/cgroup/memory=memory", "/sys/fs/cgroup/cpuset=cpuset"};
        QTest::newRow("v1 only, release agent, escaped path")
            << QByteArray("20 1 0:18 / /cg rw - tmpfs none rw\n"
                          "21 20 0:19 / /cg/cpuacct,cpu rw - cgroup cgroup rw,cpuacct,cpu,release_agent=/sbin/x\n"
                          "22 20 0:20 / /cg/my\\040pids rw - cgroup cgroup rw,pids\n")
            << v1 << "" << QStringList{"/cg/cpuacct,cpu=cpu,cpuacct", "/cg/my pids=pids"};
        QTest::newRow("bind mount of a sub-cgroup, then the root")
            << QByteArray("50 1 0:40 /lxc/c1 /var/lib/x rw - cgroup cgroup rw,memory\n"
                          "51 1 0:40 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                          "52 1 0:41 /sub /mnt/u rw - cgroup2 cgroup2 rw\n"
                          "53 1 0:41 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n")
            << hybrid << "/sys/fs/cgroup/unified" << QStringList{"/sys/fs/cgroup/memory=memory"};
        QTest::newRow("only a named hierarchy")
            << QByteArray("37 35 0:32 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n")
            << -1 << "" << QStringList();
        QTest::newRow("no cgroups") << QByteArray("24 1 0:22 / /sys rw - sysfs sysfs rw\ngarbage\n\n")
                                    << -1 << "" << QStringList();
    }

    void layoutsOfOtherMachines()
    {
        QFETCH(QByteArray, mountinfo);
        QFETCH(int, kind);
        QFETCH(QString, unified);
        QFETCH(QStringList, v1);
        const auto layout = CgroupLayout::fromMountinfo(mountinfo.toStdString());
        if (kind < 0) {
            QVERIFY(!layout);
            QVERIFY2(layout.error().message.find("no cgroup mount") != std::string::npos, why(layout));
            return;
        }
        VERIFY_OK(layout);
        QCOMPARE(int(layout->kind), kind);
        QCOMPARE(q(layout->unifiedMount), unified);
        QStringList got;
        for (const auto &h : layout->v1) {
            QStringList c;
            for (const auto &x : h.controllers)
                c << q(x);
            got << q(h.mount) + u'=' + c.join(u',');
            for (const auto &x : h.controllers)
                QVERIFY(layout->hasV1(x));
        }
        QCOMPARE(got, v1);
        QVERIFY(!layout->hasV1("name=systemd"));
        QCOMPARE(q(layout->systemdMount), mountinfo.contains("name=systemd") ? QStringLiteral("/sys/fs/cgroup/systemd") : QString());
        QVERIFY(!layout->hasV1("clone_children"));
        QVERIFY(!layout->hasV2("memory"));  // v2Controllers is left to detect()
    }

    void detectReadsMountinfo()
    {
        if (!m_noLayout.isEmpty())
            QSKIP(qPrintable(m_noLayout));
        // What mountinfo and /proc/cgroups say, read here independently.
        QFile f(QStringLiteral("/proc/self/mountinfo"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QSet<QString> known;
        for (const QString &line : readText(QStringLiteral("/proc/cgroups")).split(u'\n'))
            if (!line.startsWith(u'#') && !line.isEmpty())
                known << line.split(u'\t').first();
        QString unified;
        QMap<QString, QStringList> v1;  // mount -> controllers, named ones included
        QSet<QByteArray> devices;       // a hierarchy mounted again (a chroot's bind) counts once
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> w = line.split(' ');
            const qsizetype dash = w.indexOf("-");
            if (dash < 6 || dash + 3 >= w.size())
                continue;
            if (w[dash + 1].startsWith("cgroup")) {
                if (devices.contains(w[2]))
                    continue;
                devices.insert(w[2]);
            }
            if (w[dash + 1] == "cgroup2" && unified.isEmpty())
                unified = QString::fromUtf8(w[4]);
            if (w[dash + 1] == "cgroup") {
                QStringList ctrls;
                for (const QByteArray &o : w[dash + 3].split(','))
                    if (known.contains(QString::fromUtf8(o)))
                        ctrls << QString::fromUtf8(o);
                v1[QString::fromUtf8(w[4])] = ctrls;
            }
        }
        QCOMPARE(q(m_layout.unifiedMount), unified);
        qsizetype withControllers = 0;
        for (auto it = v1.cbegin(); it != v1.cend(); ++it) {
            const auto found = std::find_if(m_layout.v1.begin(), m_layout.v1.end(),
                                            [&](const auto &h) { return q(h.mount) == it.key(); });
            if (it->isEmpty()) {  // named (name=systemd): ignored
                QVERIFY2(found == m_layout.v1.end(), qPrintable(it.key()));
                continue;
            }
            ++withControllers;
            QVERIFY2(found != m_layout.v1.end(), qPrintable(it.key()));
            QStringList got;
            for (const auto &c : found->controllers)
                got << q(c);
            got.sort();
            QStringList want = *it;
            want.sort();
            QCOMPARE(got, want);
            for (const QString &c : want)
                QVERIFY(m_layout.hasV1(c.toStdString()));
        }
        QCOMPARE(qsizetype(m_layout.v1.size()), withControllers);
        const auto kind = withControllers == 0 ? CgroupLayout::Kind::V2
            : unified.isEmpty()                ? CgroupLayout::Kind::V1
                                               : CgroupLayout::Kind::Hybrid;
        QCOMPARE(int(m_layout.kind), int(kind));
        if (!unified.isEmpty()) {
            QStringList got;
            for (const auto &c : m_layout.v2Controllers) {
                got << q(c);
                QVERIFY(m_layout.hasV2(c));
            }
            QCOMPARE(got.join(u' '), readText(unified + "/cgroup.controllers"));
        }
        QVERIFY(!m_layout.hasV1("nosuch"));
        QVERIFY(!m_layout.hasV2("nosuch"));
        qInfo("layout: kind %d, %zu v1 hierarchies, v2 at \"%s\"", int(m_layout.kind), m_layout.v1.size(),
              m_layout.unifiedMount.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCgroupLayout)
#include "test_cgroup_layout.moc"
