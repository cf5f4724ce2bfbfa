// The default bridge through the helper, as a user meets it: the first
// container linked to it brings it up (address, NAT table, dnsmasq); busybox
// containers of both kinds (unprivileged, privileged) get DHCP leases at boot
// and find each other by name; a killed
// and restarted helper adopts the bridge, replaces the orphaned dnsmasq and
// leaves the containers connected; stopping leaves no host end behind. Also
// the whole-config methods (GetConfigText, SetConfig), GetLog and
// GetSettings through hutchctl. The helper runs in the fixture's network
// namespace: nothing here touches the host's network.
#include "busfixture.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using hutch::test::BusFixture;

namespace {

QMap<QString, QString> parseSettings(const QByteArray &out)
{
    QMap<QString, QString> s;
    for (const QByteArray &line : out.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            s.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1)).trimmed());
    }
    return s;
}

// "Z" for a zombie, "" when there is no such process.
QByteArray processState(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1);
}

}  // namespace

class TestServiceNetwork : public QObject {
    Q_OBJECT
    std::unique_ptr<BusFixture> fx;
    QString m_subnetPrefix;  // "10.0.3."

#define CTL_OK(...)                                                                   \
    do {                                                                              \
        const auto r_ = fx->hutchctl(__VA_ARGS__);                                    \
        QVERIFY2(r_.exitCode == 0, qPrintable(r_.text()));                            \
    } while (0)

    QMap<QString, QString> settings()
    {
        const auto r = fx->hutchctl({QStringLiteral("settings")});
        return r.exitCode == 0 ? parseSettings(r.out) : QMap<QString, QString>{};
    }

    // The IPv4 address `name` has now (hutchctl info), or empty.
    QString address(const QString &name)
    {
        const auto r = fx->hutchctl({QStringLiteral("info"), name});
        static const QRegularExpression ip(QStringLiteral("^IP:\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)"),
                                           QRegularExpression::MultilineOption);
        const auto m = ip.match(QString::fromUtf8(r.out));
        return m.hasMatch() ? m.captured(1) : QString();
    }

    qint64 dnsmasqPid() const
    {
        QFile f(fx->runtimePath() + QStringLiteral("/network/dnsmasq.pid"));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
    }

    // Unprivileged as CreateContainer makes it by default, or privileged
    // (made as root: nobody is not given configure-privileged here).
    void createOnBridge(const QString &name, bool privileged = false)
    {
        if (privileged) {
            const auto made = fx->hutchctl({"create", name, "-t", "busybox", "--privileged"}, false);
            QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
        } else {
            CTL_OK({"create", name, "-t", "busybox"});
        }
        CTL_OK({"config", name, "lxc.net.0.type", "veth"});
        CTL_OK({"config", name, "lxc.net.0.link", "hutchbr0"});
        CTL_OK({"config", name, "lxc.net.0.flags", "up"});
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = hutch::test::busUnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        for (const char *tool : {"dnsmasq", "nft"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (Debian package %2)")
                                     .arg(QLatin1String(tool), QLatin1String(tool[0] == 'd' ? "dnsmasq-base" : "nftables"))));
        fx = std::make_unique<BusFixture>();
        QString why;
        QVERIFY2(fx->start(&why), qPrintable(why));
        QVERIFY(fx->allowNobody({QStringLiteral("io.github.hutch.configure-privileged")}));
    }

    void cleanupTestCase()
    {
        if (fx)
            fx->cleanup();
    }

    // Issue 17, item 12: a start the container's own checks refuse (here a
    // config an administrator edited by hand past the host's caps) brings
    // nothing up on the host: no bridge, no NAT table, no dnsmasq.
    void refusedStartBringsNoBridge()
    {
        createOnBridge(QStringLiteral("n0"));
        QFile config(fx->storePath() + QStringLiteral("/n0/config"));
        QVERIFY(config.open(QIODevice::Append));
        config.write("lxc.tty.max = 100\n");
        config.close();
        const auto refused = fx->hutchctl({"start", "n0"});
        QVERIFY2(refused.exitCode != 0 && refused.text().contains(QLatin1String("lxc.tty.max")), qPrintable(refused.text()));
        QCOMPARE(settings().value(QStringLiteral("bridgeState")), QStringLiteral("down"));
        QVERIFY(fx->run(QStringLiteral("ip"), {"-o", "link", "show", "dev", "hutchbr0"}).exitCode != 0);
        QCOMPARE(fx->run(QStringLiteral("nft"), {"list", "table", "ip", "hutch"}).exitCode, 1);
        QVERIFY(!QFile::exists(fx->runtimePath() + QStringLiteral("/network/bridge")));
        CTL_OK({"destroy", "n0"});
    }

    void bridgeComesUpWithTheFirstContainer()
    {
        auto before = settings();
        QCOMPARE(before.value(QStringLiteral("bridgeState")), QStringLiteral("down"));
        QCOMPARE(before.value(QStringLiteral("defaultBridge")), QStringLiteral("hutchbr0"));
        QCOMPARE(before.value(QStringLiteral("storePath")), fx->storePath());
        QCOMPARE(fx->run(QStringLiteral("nft"), {"list", "table", "ip", "hutch"}).exitCode, 1);

        // Both kinds of container on the default bridge (issue 16): n1
        // unprivileged (its veth moved into a network namespace its user
        // namespace owns), n2 privileged.
        createOnBridge(QStringLiteral("n1"));
        createOnBridge(QStringLiteral("n2"), true);
        CTL_OK({"start", "n1"});
        auto after = settings();
        QCOMPARE(after.value(QStringLiteral("bridgeState")), QStringLiteral("up"));
        QCOMPARE(after.value(QStringLiteral("dnsmasqRunning")), QStringLiteral("yes"));
        const QString subnet = after.value(QStringLiteral("bridgeSubnet"));
        QVERIFY2(subnet.endsWith(QLatin1String(".0/24")), qPrintable(subnet));
        m_subnetPrefix = subnet.left(subnet.size() - 4);
        const auto table = fx->run(QStringLiteral("nft"), {"list", "table", "ip", "hutch"});
        QVERIFY2(table.exitCode == 0 && table.out.contains("masquerade") && table.out.contains(subnet.toUtf8()),
                 qPrintable(table.text()));
        const auto bridge = fx->run(QStringLiteral("ip"), {"-4", "-o", "addr", "show", "dev", "hutchbr0"});
        QVERIFY2(bridge.out.contains((m_subnetPrefix + QStringLiteral("1/24")).toUtf8()), qPrintable(bridge.text()));

        // The container's init asks DHCP at boot; no event says when the
        // lease is there, so this asks until it is.
        QTRY_VERIFY_WITH_TIMEOUT(address(QStringLiteral("n1")).startsWith(m_subnetPrefix), 30000);
        CTL_OK({"start", "n2"});
        QTRY_VERIFY_WITH_TIMEOUT(address(QStringLiteral("n2")).startsWith(m_subnetPrefix), 30000);
        QVERIFY(address(QStringLiteral("n1")) != address(QStringLiteral("n2")));
        for (const auto &[name, rootIsHostRoot] : {std::pair{"n1", false}, {"n2", true}}) {
            const auto map = fx->hutchctl({"attach", name, "--", "cat", "/proc/self/uid_map"});
            QVERIFY2(map.exitCode == 0 && map.out.simplified().startsWith("0 0 ") == rootIsHostRoot, qPrintable(map.text()));
        }

        // The bridge, the other container by address, and by name.
        CTL_OK({"attach", "n1", "--", "ping", "-c", "1", "-W", "5", m_subnetPrefix + QStringLiteral("1")});
        CTL_OK({"attach", "n1", "--", "ping", "-c", "1", "-W", "5", address(QStringLiteral("n2"))});
        const auto byName = fx->hutchctl({"attach", "n2", "--", "ping", "-c", "1", "-W", "5", "n1"});
        QVERIFY2(byName.exitCode == 0 && byName.out.contains(address(QStringLiteral("n1")).toUtf8()), qPrintable(byName.text()));
    }

    void restartedHelperAdoptsTheBridge()
    {
        QVERIFY2(!m_subnetPrefix.isEmpty(), "the bridge did not come up in bridgeComesUpWithTheFirstContainer");
        const QString subnet = settings().value(QStringLiteral("bridgeSubnet"));
        const qint64 orphan = dnsmasqPid();
        QVERIFY(orphan > 0);
        fx->killHelper();  // SIGKILL: no clean-up; dnsmasq's guard ends it
        QTRY_VERIFY2(processState(orphan).isEmpty() || processState(orphan) == "Z", processState(orphan).constData());
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        auto now = settings();
        QCOMPARE(now.value(QStringLiteral("bridgeState")), QStringLiteral("up"));
        QCOMPARE(now.value(QStringLiteral("bridgeSubnet")), subnet);
        QCOMPARE(now.value(QStringLiteral("dnsmasqRunning")), QStringLiteral("yes"));
        // The old dnsmasq is gone (a zombie here at most: this machine's
        // init does not reap), a new one serves.
        QTRY_VERIFY(dnsmasqPid() != orphan && dnsmasqPid() > 0);
        // Still connected: a renewed lease, and the other container by name.
        CTL_OK({"attach", "n1", "--", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "5", "-x", "hostname:n1"});
        const auto byName = fx->hutchctl({"attach", "n2", "--", "ping", "-c", "1", "-W", "5", "n1"});
        QVERIFY2(byName.exitCode == 0, qPrintable(byName.text()));
    }

    void stopLeavesNoHostEnd()
    {
        CTL_OK({"stop", "n1"});
        CTL_OK({"stop", "n2"});
        const auto veths = fx->run(QStringLiteral("ip"), {"-o", "link", "show", "type", "veth"});
        QCOMPARE(veths.exitCode, 0);
        QCOMPARE(veths.out, QByteArray());
        QCOMPARE(fx->run(QStringLiteral("ip"), {"-o", "link", "show", "dev", "hutchbr0"}).exitCode, 0);
    }

    // Issue 17, item 13: a restarted helper brings the bridge's NAT and
    // dnsmasq back only for a running container on it. Here none runs: the
    // bridge is left as it is, nothing is started for it.
    void restartWithNoContainerOnTheBridgeAdoptsNothing()
    {
        QVERIFY2(!m_subnetPrefix.isEmpty(), "the bridge did not come up in bridgeComesUpWithTheFirstContainer");
        fx->killHelper();
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        const auto now = settings();
        QCOMPARE(now.value(QStringLiteral("bridgeState")), QStringLiteral("down"));
        QCOMPARE(now.value(QStringLiteral("dnsmasqRunning")), QStringLiteral("no"));
    }

    // Item 13 again: a bridge record written by a helper in another network
    // namespace (here: the bridge is not in ours) brings up no bridge at the
    // helper's start, even with a container on the bridge running.
    void recordOfAnotherNamespaceBringsNoBridge()
    {
        fx->killHelper();
        QCOMPARE(fx->run(QStringLiteral("ip"), {"link", "delete", "hutchbr0"}).exitCode, 0);
        QCOMPARE(fx->run(QStringLiteral("nft"), {"delete", "table", "ip", "hutch"}).exitCode, 0);
        // The record as a helper in another namespace writes it (the
        // runtime directory is shared, network namespaces are not).
        QFile record(fx->runtimePath() + QStringLiteral("/network/bridge"));
        QVERIFY(record.open(QIODevice::WriteOnly | QIODevice::Truncate));
        record.write((QStringLiteral("hutchbr0 %1\nnetns 1\n").arg(m_subnetPrefix + QStringLiteral("0/24"))).toUtf8());
        record.close();
        QString why;
        QVERIFY2(fx->startHelper(&why), qPrintable(why));
        QCOMPARE(settings().value(QStringLiteral("bridgeState")), QStringLiteral("down"));
        QVERIFY(fx->run(QStringLiteral("ip"), {"-o", "link", "show", "dev", "hutchbr0"}).exitCode != 0);
        QCOMPARE(fx->run(QStringLiteral("nft"), {"list", "table", "ip", "hutch"}).exitCode, 1);
        // A record naming another namespace is not adopted either, with a
        // running container that asks for the bridge: a new one is made.
        CTL_OK({"start", "n1"});
        QCOMPARE(settings().value(QStringLiteral("bridgeState")), QStringLiteral("up"));
        CTL_OK({"stop", "n1"});
    }

    void wholeConfigTextAndLog()
    {
        const auto text = fx->hutchctl({"config", "n1", "--text"});
        QVERIFY2(text.exitCode == 0 && text.out.contains("lxc.net.0.link = hutchbr0"), qPrintable(text.text()));
        const QString path = fx->storePath() + QStringLiteral("/n1/config");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(text.out, file.readAll());
        file.close();

        // Errors name their lines; nothing is written.
        const QByteArray bad = text.out + "# a comment\nlxc.netwrk.0.type = veth\nlxc.tty.max = many\n";
        const auto refused = fx->hutchctl({"config", "n1", "--replace", "-"}, true, bad);
        QVERIFY(refused.exitCode != 0);
        const int lines = int(text.out.count('\n'));
        QVERIFY2(refused.text().contains(QStringLiteral("config:%1:").arg(lines + 2))
                     && refused.text().contains(QStringLiteral("config:%1:").arg(lines + 3)),
                 qPrintable(refused.text() + QString::fromUtf8(fx->helperLog().right(3000))));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), text.out);
        file.close();

        // A privileged key needs the administrator, who is never kept: refused.
        const auto hook = fx->hutchctl({"config", "n1", "--replace", "-"}, true,
                                       text.out + "lxc.hook.pre-start = /bin/true\n");
        QVERIFY2(hook.exitCode != 0 && hook.text().contains(QLatin1String("configure-privileged")), qPrintable(hook.text()));

        // A good text is written byte for byte, comments and all.
        const QByteArray good = "# edited as a whole\n" + text.out + "# three ttys\nlxc.tty.max = 3\n";
        CTL_OK({"config", "n1", "--replace", "-"}, true, good);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), good);
        file.close();
        QCOMPARE(fx->hutchctl({"config", "n1", "lxc.tty.max"}).out.trimmed(), QByteArray("3"));

        // The log: what the runs of n1 wrote, the last line on its own.
        QFile log(fx->storePath() + QStringLiteral("/n1/n1.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray written = log.readAll();
        QVERIFY(!written.isEmpty());
        QCOMPARE(fx->hutchctl({"log", "n1", "--lines", "100000"}).out, written);
        const QByteArray lastLine = written.trimmed().split('\n').constLast() + '\n';
        QCOMPARE(fx->hutchctl({"log", "n1", "--lines", "1"}).out, lastLine);
        QVERIFY(fx->hutchctl({"log", "nosuch"}).exitCode != 0);
        // A symlink is not followed.
        QVERIFY(QFile::remove(log.fileName()));
        QVERIFY(QFile::link(QStringLiteral("/etc/shadow"), log.fileName()));
        const auto link = fx->hutchctl({"log", "n1"});
        QVERIFY2(link.exitCode != 0 && !link.out.contains("root:"), qPrintable(link.text()));
        QVERIFY(QFile::remove(log.fileName()));
    }
};

QTEST_GUILESS_MAIN(TestServiceNetwork)
#include "test_service_network.moc"
