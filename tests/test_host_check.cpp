// hutchctl check-host against the real helper, as the unprivileged user
// nobody through polkit: each verdict is compared with what the test itself
// finds on this machine (device-mapper and vlan are missing on the build
// machines, overlayfs and veth work, criu 3.17 cannot initialise).
#include "busfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using hutch::test::BusFixture;

namespace {

bool deviceMapperOpens()
{
    const int fd = ::open("/dev/mapper/control", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

bool kernelHas(const QByteArray &fs)
{
    QFile f(QStringLiteral("/proc/filesystems"));
    return f.open(QIODevice::ReadOnly) && f.readAll().contains("\t" + fs + "\n");
}

// "ok" when `criu check` passes, "missing" when criu is absent or fails.
QString criuVerdict()
{
    const QString criu = QStandardPaths::findExecutable(QStringLiteral("criu"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (criu.isEmpty())
        return QStringLiteral("missing");
    QProcess p;
    p.start(criu, {QStringLiteral("check")});
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
               ? QStringLiteral("ok") : QStringLiteral("missing");
}

}  // namespace

class TestHostCheck : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;

private Q_SLOTS:
    void initTestCase()
    {
        HUTCH_START_BUS_FIXTURE(fx);
    }
    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    void verdictsMatchTheMachine()
    {
        const auto r = fx->hutchctl({QStringLiteral("check-host"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QHash<QString, QJsonObject> byName;
        QStringList order;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
            const QJsonObject o = v.toObject();
            byName.insert(o.value(QLatin1String("feature")).toString(), o);
            order << o.value(QLatin1String("feature")).toString();
            QVERIFY(!o.value(QLatin1String("cost")).toString().isEmpty());
        }
        QCOMPARE(order, (QStringList{"namespaces", "cgroups", "idmapped mounts", "seccomp", "subuid/subgid ranges",
                                     "overlayfs", "btrfs", "device-mapper", "veth", "bridge", "macvlan", "vlan",
                                     "nftables", "dnsmasq", "debootstrap", "criu"}));
        auto verdict = [&](const char *f) { return byName.value(QLatin1String(f)).value(QLatin1String("verdict")).toString(); };
        auto detail = [&](const char *f) { return byName.value(QLatin1String(f)).value(QLatin1String("detail")).toString(); };

        QCOMPARE(verdict("device-mapper"), deviceMapperOpens() ? QStringLiteral("ok") : QStringLiteral("missing"));
        if (!deviceMapperOpens())
            QVERIFY2(detail("device-mapper").startsWith(QLatin1String("open /dev/mapper/control: ")),
                     qPrintable(detail("device-mapper")));
        QCOMPARE(verdict("overlayfs"), kernelHas("overlay") ? QStringLiteral("ok") : QStringLiteral("missing"));
        QCOMPARE(verdict("criu"), criuVerdict());
        if (criuVerdict() == QLatin1String("missing") && !detail("criu").contains(QLatin1String("not installed")))
            QVERIFY2(detail("criu").contains(QLatin1String("criu check failed: ")), qPrintable(detail("criu")));
        // The machine facts (DESIGN.md): namespaces, seccomp, veth, bridges,
        // macvlan and nftables work here.
        for (const char *f : {"namespaces", "seccomp", "veth", "bridge", "macvlan", "nftables"})
            QVERIFY2(verdict(f) == QLatin1String("ok"), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(f), detail(f))));
        // 802.1q, when the kernel has it, shows /proc/net/vlan (not on the
        // build machines: "Unknown device type").
        QCOMPARE(verdict("vlan"), QFile::exists(QStringLiteral("/proc/net/vlan")) ? QStringLiteral("ok") : QStringLiteral("missing"));
        const bool hybrid = QFile::exists(QStringLiteral("/sys/fs/cgroup/unified/cgroup.controllers"))
                            && !QFile::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers"));
        if (hybrid)
            QVERIFY2(detail("cgroups").startsWith(QLatin1String("hybrid")), qPrintable(detail("cgroups")));

        // The probes' links lived in a scratch namespace: none is left in the helper's.
        QVERIFY(fx->run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("show"), QStringLiteral("hc-br")}).exitCode != 0);
    }

    void tableSaysWhatIsMissing()
    {
        const auto r = fx->hutchctl({QStringLiteral("check-host")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        qInfo().noquote() << r.out;
        QVERIFY(r.out.startsWith("FEATURE"));
        const QList<QByteArray> lines = r.out.split('\n');
        auto rowOf = [&](const QByteArray &feature) {
            for (const QByteArray &l : lines)
                if (l.startsWith(feature + ' '))
                    return l.simplified();
            return QByteArray();
        };
        const QByteArray dm = rowOf("device-mapper");
        QVERIFY2(dm.startsWith(deviceMapperOpens() ? "device-mapper ok" : "device-mapper missing"), dm.constData());
        if (!deviceMapperOpens())
            QVERIFY2(r.out.contains("  device-mapper: no lvm backing store"), r.out.constData());
        QVERIFY2(rowOf("veth").startsWith("veth ok"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestHostCheck)
#include "test_host_check.moc"
